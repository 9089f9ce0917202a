// Whole-document computations in steps (issue #15: no synchronous task over 50 ms on a 50 MB archive).
// Each generator must give exactly what its one-call function gives, share its cache, and handle a
// bounded number of the model's elements per step; runSteps drives them between checkpoints and stops
// when cancelled. Steps are measured by the elements they read, never by time.
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { TranscriptDocument } from '../../src/core/model';
import { foldingRanges, foldingRangeSteps } from '../../src/core/outline/folding';
import { soundbitePickItems, soundbitePickItemSteps, soundbiteTargets, soundbiteTargetSteps } from '../../src/core/outline/navigation';
import { storyGroups, storyGroupSteps } from '../../src/core/outline/storyGroups';
import { buildOutline, buildOutlineSteps, type OutlineOptions } from '../../src/core/outline/symbols';
import { parseTranscript, parseTranscriptFile } from '../../src/core/parse';
import { runToEnd, sortSteps, StepBudget, type Steps } from '../../src/core/util/steps';
import { indexSteps, indexTextInSlices, indexTranscript } from '../../src/core/workspace/entries';
import { runSteps } from '../../src/core/workspace/timeSlicer';
import { archive } from '../../scripts/benchArchive';
import { readFixture, readSeed, repositoryRoot, seedsDirectory } from './helpers';

interface Named {
  readonly name: string;
  readonly text: string;
  /** Parsed as a file of this name (Markdown is read as Markdown). */
  readonly file: string;
}

/** A long interview: the labelled fixture's turns many times over. */
const longInterview = (copies: number): string => Array.from({ length: copies }, () => readFixture('interviews/labelled_un_news.txt')).join('\n\n');
/** Long prose: the article's paragraphs (with their quotes) many times over, under one title. */
const longProse = (copies: number): string => {
  const article = readFixture('prose/article.txt');
  const body = article.slice(article.indexOf('\n') + 1);
  return [article, ...Array.from({ length: copies }, () => body)].join('\n\n');
};

function documents(): Named[] {
  const found: Named[] = [];
  const fixtures = join(repositoryRoot, 'test', 'fixtures');
  for (const entry of readdirSync(fixtures, { recursive: true, encoding: 'utf8' }).sort()) {
    // The folders' README files describe the fixtures; they are no transcripts (and remark is slow on them).
    if ((/\.(?:txt|unifeed|shotlist|md)$/u.test(entry) && !/(?:^|\/)README\.md$/u.test(entry)) || /no-extension/u.test(entry)) {
      found.push({ name: entry, text: readFixture(entry), file: entry });
    }
  }
  for (const name of readdirSync(seedsDirectory()).filter((file) => file.endsWith('.txt')).sort()) {
    found.push({ name, text: readSeed(name), file: name });
  }
  found.push({ name: 'generated archive (400 KB)', text: archive(400_000), file: 'archive.unifeed' });
  found.push({ name: 'long interview', text: longInterview(60), file: 'interview.txt' });
  found.push({ name: 'long prose', text: longProse(60), file: 'prose.txt' });
  return found;
}

/** Runs a computation one step at a time, counting its steps. */
function stepThrough<T>(steps: Steps<T>): { value: T; steps: number } {
  let count = 0;
  for (;;) {
    count++;
    const step = steps.next();
    if (step.done) {
      return { value: step.value, steps: count };
    }
  }
}

/** The one-call result and the step-by-step result, each on its own parse (no cache shared between them). */
function bothWays<T>(document: Named, oneCall: (model: TranscriptDocument) => T, inSteps: (model: TranscriptDocument) => Steps<T>): [string, string] {
  const once = oneCall(parseTranscriptFile(document.text, document.file));
  const stepped = stepThrough(inSteps(parseTranscriptFile(document.text, document.file))).value;
  return [JSON.stringify(once), JSON.stringify(stepped)];
}

const lineSource = (text: string) => {
  const split = text.split(/\r\n|\r|\n/u);
  return (line: number): string => split[line] ?? '';
};

suite('steps: each generator gives what its one-call function gives', () => {
  const all = documents();

  test('the outline, at full detail, under the default budget and at every level down to the stories alone', () => {
    for (const document of all) {
      for (const maxSymbols of [Infinity, 10_000, 40, 0]) {
        const options: OutlineOptions = { maxSymbols, lines: lineSource(document.text) };
        const [once, stepped] = bothWays(document, (model) => buildOutline(model, options), (model) => buildOutlineSteps(model, options));
        assert.equal(stepped, once, `${document.name}, ${maxSymbols} symbols`);
      }
    }
  });

  test('folding ranges, under the editor\'s limit and past it', () => {
    for (const document of all) {
      for (const maxRanges of [Infinity, 5000, 30, 1]) {
        const [once, stepped] = bothWays(document, (model) => foldingRanges(model, maxRanges), (model) => foldingRangeSteps(model, maxRanges));
        assert.equal(stepped, once, `${document.name}, ${maxRanges} ranges`);
      }
    }
  });

  test('soundbite targets, "Go to Soundbite…" items and story groups', () => {
    for (const document of all) {
      const [itemsOnce, itemsStepped] = bothWays(document, soundbitePickItems, soundbitePickItemSteps);
      assert.equal(itemsStepped, itemsOnce, `${document.name}: items`);
      const [targetsOnce, targetsStepped] = bothWays(document, soundbiteTargets, soundbiteTargetSteps);
      assert.equal(targetsStepped, targetsOnce, `${document.name}: targets`);
      const [groupsOnce, groupsStepped] = bothWays(document, storyGroups, (model) => storyGroupSteps(model));
      assert.equal(groupsStepped, groupsOnce, `${document.name}: story groups`);
    }
  });

  test('the workspace index entry', () => {
    for (const document of all) {
      const [once, stepped] = bothWays(document, (model) => indexTranscript(model, 'file:///x'), (model) => indexSteps(model, 'file:///x'));
      assert.equal(stepped, once, document.name);
    }
  });

  test('the generators share the one-call functions\' caches: a second run returns the same objects at its first step', () => {
    const model = parseTranscript(archive(300_000));
    const outline = buildOutline(model);
    const targets = soundbiteTargets(model);
    const groups = storyGroups(model);
    for (const [steps, expected] of [[buildOutlineSteps(model), outline], [soundbiteTargetSteps(model), targets], [storyGroupSteps(model), groups]] as const) {
      const run = stepThrough<unknown>(steps);
      assert.equal(run.value, expected);
      assert.equal(run.steps, 1);
    }
    // Built in steps first, read in one call after: the same cache the other way round.
    const fresh = parseTranscript(archive(300_000));
    const stepped = stepThrough(buildOutlineSteps(fresh, { maxSymbols: 50 })).value;
    assert.equal(buildOutline(fresh, { maxSymbols: 50 }), stepped);
    assert.notEqual(buildOutline(fresh, { maxSymbols: Infinity }), stepped, 'another level is another outline');
  });
});

/**
 * A view of a model that counts every read of an element of its lists (sections, shots, soundbites,
 * headers, stories, turns, quotes). Each list is read through a proxy, so indexing, iterating and
 * `map` all count.
 */
function counted(model: TranscriptDocument): { document: TranscriptDocument; reads: () => number } {
  let reads = 0;
  const lists = new Map<PropertyKey, unknown>();
  const document = new Proxy(model, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (!Array.isArray(value)) {
        return value;
      }
      let list = lists.get(property);
      if (!list) {
        list = new Proxy(value, {
          get(array, key) {
            if (typeof key === 'string' && /^\d+$/u.test(key)) {
              reads++;
            }
            return Reflect.get(array, key);
          },
        });
        lists.set(property, list);
      }
      return list;
    },
  });
  return { document, reads: () => reads };
}

/** The most list elements any one step read, the total read, and the number of steps. */
function readsPerStep<T>(model: TranscriptDocument, start: (document: TranscriptDocument) => Steps<T>): { most: number; total: number; steps: number } {
  const view = counted(model);
  const steps = start(view.document);
  let most = 0;
  let count = 0;
  for (;;) {
    const before = view.reads();
    const step = steps.next();
    count++;
    most = Math.max(most, view.reads() - before);
    if (step.done) {
      return { most, total: view.reads(), steps: count };
    }
  }
}

/** No step may read more than this many list elements (each generator handles 1,000 to 2,000 a step; some are read twice). */
const maxReadsPerStep = 5000;

suite('steps: every step reads a bounded number of the model\'s elements', () => {
  const large = {
    archive: archive(4_000_000),
    interview: longInterview(2500),
    prose: longProse(3000),
  };
  const cases: Array<[string, (model: TranscriptDocument) => Steps<unknown>]> = [
    ['outline (default budget)', (model) => buildOutlineSteps(model)],
    ['outline (full detail)', (model) => buildOutlineSteps(model, { maxSymbols: Infinity })],
    ['folding (whole stories)', (model) => foldingRangeSteps(model)],
    ['folding (every fold)', (model) => foldingRangeSteps(model, Infinity)],
    ['soundbite targets', soundbiteTargetSteps],
    ['"Go to Soundbite…" items', soundbitePickItemSteps],
    ['story groups', (model) => storyGroupSteps(model)],
    ['index entry', (model) => indexSteps(model, 'file:///x')],
  ];

  for (const [kind, text] of Object.entries(large)) {
    test(`${kind}: no step reads more than ${maxReadsPerStep.toLocaleString('en')} elements, while the whole computation reads many times that`, () => {
      const model = parseTranscript(text);
      const whole = (model.shots.length + model.sections.length + model.soundbites.length + model.headers.length + model.stories.length +
        model.turns.length + model.quotes.length);
      assert.ok(whole > 2 * maxReadsPerStep, `${kind}: only ${whole} elements, too few to need steps`);
      for (const [name, start] of cases) {
        // A fresh parse each time: the caches are per model, and a cached result takes one step.
        const { most, total, steps } = readsPerStep(parseTranscript(text), start);
        assert.ok(most <= maxReadsPerStep, `${kind}, ${name}: a step read ${most} elements`);
        if (total > 2 * maxReadsPerStep) {
          assert.ok(steps > total / maxReadsPerStep, `${kind}, ${name}: ${total} elements in ${steps} steps`);
        }
      }
    });
  }

  test('the index entry yields after the first read of each of the model\'s lists (headers, then soundbites)', () => {
    const view = counted(parseTranscript(archive(300_000)));
    const steps = indexSteps(view.document, 'file:///x');
    steps.next();
    assert.equal(view.reads(), 0, 'the first step reads the headers list and no element of it');
  });
});

suite('steps: sorting in steps', () => {
  test('sortSteps gives exactly Array.prototype.sort\'s order, ties kept in place, whatever the step size', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (keys, perStep) => {
      const items = keys.map((key, index) => ({ key, index }));
      const compare = (a: { key: number }, b: { key: number }): number => a.key - b.key;
      const expected = items.slice().sort(compare);
      const sorted = runToEnd(sortSteps(items, compare, new StepBudget(perStep)));
      assert.equal(sorted, items, 'sorted in place');
      assert.deepEqual(sorted, expected);
    }));
  });

  test('a long sort yields often, never handling much more than its share in one step', () => {
    const items = Array.from({ length: 10_000 }, (_, index) => (index * 7919) % 10_007);
    let compared = 0;
    let most = 0;
    const steps = sortSteps(items, (a, b) => {
      compared++;
      return a - b;
    }, new StepBudget(100));
    let count = 0;
    for (let before = 0, step = steps.next(); ; step = steps.next()) {
      count++;
      most = Math.max(most, compared - before);
      before = compared;
      if (step.done) {
        break;
      }
    }
    assert.deepEqual(items, items.slice().sort((a, b) => a - b));
    assert.ok(count > 100, `${count} steps`);
    // A run of 100 is sorted by the engine (under 100 × log2(100) ≈ 700 comparisons); a merge step compares at most 100.
    assert.ok(most <= 1000, `a step compared ${most} times`);
  });
});

suite('steps: runSteps', () => {
  /** A slicer that counts its checkpoints and can cancel after a number of them. */
  class CountingSlicer {
    checkpoints = 0;
    async checkpoint(): Promise<void> {
      this.checkpoints++;
      await Promise.resolve();
    }
  }

  function* counting(total: number, log: string[]): Steps<number> {
    try {
      for (let step = 1; step <= total; step++) {
        log.push(`step ${step}`);
        yield;
      }
      return total;
    } finally {
      log.push('closed');
    }
  }

  test('returns the computation\'s value, with a checkpoint before every step', async () => {
    const log: string[] = [];
    const slicer = new CountingSlicer();
    assert.equal(await runSteps(counting(5, log), slicer), 5);
    assert.equal(slicer.checkpoints, 6);
    assert.deepEqual(log, ['step 1', 'step 2', 'step 3', 'step 4', 'step 5', 'closed']);
  });

  test('stops at the first checkpoint after cancellation: no further step runs, the computation is closed, the result is undefined', async () => {
    const log: string[] = [];
    const slicer = new CountingSlicer();
    const value = await runSteps(counting(100, log), slicer, () => slicer.checkpoints > 3);
    assert.equal(value, undefined);
    assert.deepEqual(log, ['step 1', 'step 2', 'step 3', 'closed']);
  });

  test('cancelled before it starts, it runs nothing', async () => {
    const log: string[] = [];
    assert.equal(await runSteps(counting(3, log), new CountingSlicer(), () => true), undefined);
    assert.deepEqual(log, []);
  });

  test('drives the real generators to their one-call results (an outline in 20-odd steps)', async () => {
    const text = archive(1_000_000);
    const slicer = new CountingSlicer();
    const outline = await runSteps(buildOutlineSteps(parseTranscript(text), { maxSymbols: Infinity }), slicer);
    assert.deepEqual(JSON.stringify(outline), JSON.stringify(buildOutline(parseTranscript(text), { maxSymbols: Infinity })));
    assert.ok(slicer.checkpoints > 10, `${slicer.checkpoints} checkpoints`);
    const entry = await indexTextInSlices(text, 'file:///x', { detect: false }, new CountingSlicer());
    assert.deepEqual(JSON.stringify(entry), JSON.stringify(indexTranscript(parseTranscript(text), 'file:///x')));
  });
});
