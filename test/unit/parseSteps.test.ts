// The first parse in steps (issue 15: no synchronous task over 50 ms in the extension host). The
// rule: parseTranscriptFileSteps gives exactly what parseTranscriptFile gives, re-parses after an edit
// exactly like it, and no step reads much more than its chunk of an archive. Sizes are counted in
// characters, never timed.
import * as assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import type { TranscriptDocument } from '../../src/core/model';
import { parseTranscript, parseTranscriptFile, parseTranscriptFileSteps, reparseTranscriptFile } from '../../src/core/parse';
import type { MarkdownNotice } from '../../src/core/parse';
import { parseTranscriptInSteps } from '../../src/core/parse/steps';
import { gatherListSteps } from '../../src/core/parse/store/segments';
import { runToEnd } from '../../src/core/util/steps';
import { cutAfterLineBreak } from '../../src/core/text/chunkedText';
import { toContractJson } from '../../src/cli/contractJson';
import { archive } from '../../scripts/benchArchive';
import { numberedStory, readFixture, readSeed, repositoryRoot, seedsDirectory } from './helpers';

interface SteppedRun {
  readonly document: TranscriptDocument;
  /** How many times the generator handed control back before returning. */
  readonly steps: number;
}

function runSteps(generator: Generator<void, TranscriptDocument, void>): SteppedRun {
  let steps = 0;
  for (;;) {
    const next = generator.next();
    if (next.done) {
      return { document: next.value, steps };
    }
    steps++;
  }
}

function stepped(text: string, name: string, chunkChars?: number, notices?: MarkdownNotice[]): SteppedRun {
  return runSteps(parseTranscriptFileSteps(text, name, undefined, notices, chunkChars === undefined ? undefined : { chunkChars }));
}

function sameDocument(actual: TranscriptDocument, expected: TranscriptDocument, context: string): void {
  // JSON walks every record's getters: ranges, indexes, derived text, blocks and diagnostics.
  assert.equal(JSON.stringify(actual), JSON.stringify(expected), context);
}

/** Every transcript among the fixtures (expectations and knowledge files are not transcripts). */
function fixtureFiles(): string[] {
  const found: string[] = [];
  const pending = [join(repositoryRoot, 'test', 'fixtures')];
  for (let directory = pending.pop(); directory !== undefined; directory = pending.pop()) {
    for (const entry of readdirSync(directory)) {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) {
        pending.push(path);
      } else if (!entry.endsWith('.json') && !entry.endsWith('.yaml')) {
        found.push(relative(join(repositoryRoot, 'test', 'fixtures'), path));
      }
    }
  }
  return found.sort();
}

function seedNames(): string[] {
  return readdirSync(seedsDirectory()).filter((name) => name.endsWith('.txt')).sort();
}

function story(index: number): string {
  return numberedStory(index, 'FICTIONAL STEP STORY');
}

const chunkSizes = [1, 64, 1000];

suite('parse in steps: equal to the one-call parse', () => {
  test('every real seed, at chunks of 1, 64 and 1,000 characters and the default', () => {
    const names = seedNames();
    assert.ok(names.length > 0, 'no seeds');
    for (const name of names) {
      const text = readSeed(name);
      const expected = parseTranscriptFile(text, name);
      for (const chunk of [...chunkSizes, undefined]) {
        const { document } = stepped(text, name, chunk);
        sameDocument(document, expected, `${name} at chunk ${chunk ?? 'default'}`);
        // What the CLI's `parse --json` prints.
        assert.deepEqual(toContractJson(document, name), toContractJson(expected, name), `${name}: contract JSON`);
      }
    }
  });

  test('every fixture file, Markdown included, at chunks of 1, 64 and 1,000 characters', () => {
    const files = fixtureFiles();
    assert.ok(files.length > 50, `only ${files.length} fixtures found`);
    for (const file of files) {
      const text = readFixture(file);
      const expectedNotices: MarkdownNotice[] = [];
      const expected = parseTranscriptFile(text, file, undefined, expectedNotices);
      for (const chunk of chunkSizes) {
        const notices: MarkdownNotice[] = [];
        sameDocument(stepped(text, file, chunk, notices).document, expected, `${file} at chunk ${chunk}`);
        assert.deepEqual(notices, expectedNotices, `${file}: Markdown notices`);
      }
    }
  });

  test('generated archives, LF and CRLF, at several chunk sizes, in many steps', () => {
    const text = archive(120_000);
    for (const variant of [text, text.replace(/\n/gu, '\r\n'), text.replace(/\n/gu, '\r')]) {
      const expected = parseTranscript(variant);
      assert.ok(expected.headers.length > 20);
      for (const chunk of [64, 1000, 7919, 50_000]) {
        const run = stepped(variant, 'archive.unifeed', chunk);
        sameDocument(run.document, expected, `chunk ${chunk}`);
        // The parse was really cut up: at least one step per chunk of text.
        assert.ok(run.steps >= variant.length / Math.max(chunk, 4000), `only ${run.steps} steps at chunk ${chunk}`);
      }
    }
  });

  test('a cut never separates CR from LF, and lands right after a line break', () => {
    assert.equal(cutAfterLineBreak('ab\r\ncd', 3), 4);
    assert.equal(cutAfterLineBreak('ab\r\ncd', 4), 4);
    assert.equal(cutAfterLineBreak('ab\rcd\n', 2), 3);
    assert.equal(cutAfterLineBreak('abcdef', 2), 6);
    assert.equal(cutAfterLineBreak('ab\ncd\nef', 4), 6);
    assert.equal(cutAfterLineBreak('ab', 9), 2);
  });

  test('one huge story, an archive ending in one, an interview, prose and Markdown', () => {
    const huge = [story(1).replace('STORYLINE', Array.from({ length: 3000 }, (_, index) => `${index + 4}. Med shot, crowd ${index}.`).join('\n')), ''].join('\n');
    const interview = Array.from({ length: 300 }, (_, index) => `Q: What did you see at post ${index}?\nA: We saw the convoy, “on time”, at ${index}.\n`).join('\n');
    const prose = Array.from({ length: 300 }, (_, index) => `The officer at post ${index} said: “The road is open.” Families waited.`).join('\n\n');
    const markdown = Array.from({ length: 200 }, (_, index) => `## Crossing ${index}\n\n**Q:** Why?\n\n**A:** Because “${index}”.\n`).join('\n');
    const cases: [string, string][] = [
      ['huge.unifeed', huge],
      ['tail.unifeed', [story(1), story(2), huge].join('\n')],
      ['interview.txt', interview],
      ['prose.txt', prose],
      ['interview.md', markdown],
    ];
    for (const [name, text] of cases) {
      const expected = parseTranscriptFile(text, name);
      for (const chunk of chunkSizes) {
        sameDocument(stepped(text, name, chunk).document, expected, `${name} at chunk ${chunk}`);
      }
    }
  });

  test('the language id picks Markdown as the one-call parse does', () => {
    const text = '## Title\n\n**Q:** Why?\n\n**A:** Because.\n';
    const expected = parseTranscriptFile(text, 'notes.txt', 'markdown');
    const run = runSteps(parseTranscriptFileSteps(text, 'notes.txt', 'markdown', undefined, { chunkChars: 8 }));
    sameDocument(run.document, expected, 'markdown by language id');
    assert.notEqual(JSON.stringify(run.document), JSON.stringify(parseTranscriptFile(text, 'notes.txt')));
  });

  test('property: random concatenations of fixtures and seeds at random chunk sizes', () => {
    const sources = [
      ...seedNames().map(readSeed),
      ...['clean.txt', 'crlf_straight.txt', 'geneva.txt', 'header_unreadable.txt', 'numbering_errors.txt', 'soundbite_variants.txt',
        'web_chrome.txt'].map((name) => readFixture(`shotlists/${name}`)),
      story(1),
      story(2),
      'STORY: Z\nTRT: 1:00\n',
      '',
    ];
    const separators = ['\n', '\r\n', '\n\n', '', 'SOURCE: UN\n'];
    fc.assert(fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
      fc.integer({ min: 1, max: 5000 }), (picks, joints, chunk) => {
        const text = picks.map((pick, index) => `${sources[pick % sources.length] ?? ''}${separators[(joints[index] ?? 0) % separators.length] ?? ''}`).join('');
        sameDocument(stepped(text, 'random.unifeed', chunk).document, parseTranscript(text), `chunk ${chunk}`);
      }), { numRuns: 120 });
  });
});

suite('parse in steps: the result re-parses like a fresh parse', () => {
  test('property: random edits of a stepped archive equal a fresh parse of the edited text', () => {
    const base = Array.from({ length: 12 }, (_, index) => story(index)).join('\n');
    const pieces = ['x', '\n', '\r\n', 'STORY: Z\n', 'TRT: 1:00\nSOURCE: UN\n', '“', '”', '', '3. SOUNDBITE (English) A, B:', 'STORYLINE\n', '12. Wide shot, z\n'];
    let reused = 0;
    fc.assert(fc.property(fc.integer({ min: 1, max: 3000 }), fc.array(fc.record({ at: fc.nat(), length: fc.nat({ max: 200 }), piece: fc.nat() }),
      { minLength: 1, maxLength: 6 }), (chunk, edits) => {
      let text = base;
      let document = stepped(text, 'edited.unifeed', chunk).document;
      for (const step of edits) {
        const start = step.at % (text.length + 1);
        const oldEnd = Math.min(text.length, start + step.length);
        const inserted = pieces[step.piece % pieces.length] ?? '';
        const edited = text.slice(0, start) + inserted + text.slice(oldEnd);
        const firstHeader = document.headers[0];
        const result = reparseTranscriptFile(document, edited, { start, oldEnd, newEnd: start + inserted.length }, 'edited.unifeed');
        sameDocument(result, parseTranscript(edited), `edit ${JSON.stringify({ start, oldEnd, inserted })} after chunk ${chunk}`);
        if (firstHeader !== undefined && result.headers[0] === firstHeader) {
          reused++;
        }
        text = edited;
        document = result;
      }
    }), { numRuns: 100 });
    // The stepped result must have been re-parsed incrementally, not always afresh.
    assert.ok(reused > 50, `only ${reused} edits kept records`);
  });
});

suite('parse in steps: bounded work per step', () => {
  test('on a generated archive no step parses much more than its chunk, and the steps read the text about once', () => {
    const text = archive(600_000);
    const chunk = 20_000;
    const parsed: number[] = [];
    const generator = parseTranscriptInSteps(text, { chunkChars: chunk }, (characters) => parsed.push(characters));
    runSteps(generator);
    const longestStory = Math.max(...text.split('\nSTORY: ').map((piece) => piece.length)) + 200;
    assert.ok(parsed.length >= text.length / (chunk + longestStory), `${parsed.length} steps`);
    for (const [index, characters] of parsed.entries()) {
      assert.ok(characters <= chunk + 2 * longestStory, `step ${index} parsed ${characters} characters (chunk ${chunk})`);
    }
    const total = parsed.reduce((sum, characters) => sum + characters, 0);
    assert.ok(total < text.length * 1.5, `the steps parsed ${total} characters of ${text.length}`);
  });

  test('a story far longer than the chunk is read in growing steps: linear, not quadratic', () => {
    const giant = story(0).replace('STORYLINE', Array.from({ length: 20_000 }, (_, index) => `${index + 4}. Med shot, crowd ${index}.`).join('\n'));
    const text = [story(1), giant, story(2)].join('\n');
    const parsed: number[] = [];
    const run = runSteps(parseTranscriptInSteps(text, { chunkChars: 100 }, (characters) => parsed.push(characters)));
    sameDocument(run.document, parseTranscript(text), 'giant story');
    const total = parsed.reduce((sum, characters) => sum + characters, 0);
    assert.ok(total < text.length * 5, `the steps parsed ${total} characters of ${text.length}`);
  });

  test('thousands of tiny stories: steps grow with the number of stories walked, so their count stays small', () => {
    const tiny = Array.from({ length: 5000 }, (_, index) => `STORY: UN / TINY ${index}\nTRT: 0:${String(index % 60).padStart(2, '0')}\n1. Wide shot, quay.\n`).join('\n');
    const parsed: number[] = [];
    const run = runSteps(parseTranscriptInSteps(tiny, { chunkChars: 1 }, (characters) => parsed.push(characters)));
    sameDocument(run.document, parseTranscript(tiny), 'tiny stories');
    assert.equal(run.document.headers.length, 5000);
    // Without the floor, a chunk of one character would mean a step per line: 20,000 re-parses, each
    // walking every story so far.
    assert.ok(parsed.length < 300, `${parsed.length} parse steps`);
    assert.ok(parsed.reduce((sum, characters) => sum + characters, 0) < tiny.length * 2);
  });

  test('text the steps cannot slice (an interview) is parsed once, in one call', () => {
    const interview = Array.from({ length: 3000 }, (_, index) => `Q: Question ${index}?\nA: Answer ${index}.\n`).join('\n');
    const parsed: number[] = [];
    const run = runSteps(parseTranscriptInSteps(interview, { chunkChars: 1000 }, (characters) => parsed.push(characters)));
    sameDocument(run.document, parseTranscript(interview), 'interview');
    // Prefixes up to a chunk or 4,096 characters (they might yet show a shot list), then the whole text in one call.
    assert.equal(parsed.at(-1), interview.length);
    const before = parsed.slice(0, -1);
    assert.ok(before.length >= 1 && before.every((characters) => characters <= 9000), `${before.join(', ')} before the whole`);
    assert.ok(before.reduce((sum, characters) => sum + characters, 0) <= 18_000);
    assert.ok(interview.length > 90_000);
  });

  test('the records are built in steps of their own after the parse, one list gathered per step', () => {
    const text = archive(60_000);
    const parsed: number[] = [];
    const run = runSteps(parseTranscriptInSteps(text, { chunkChars: 5000 }, (characters) => parsed.push(characters)));
    // One yield between parse steps; then at least one per store built and one per list gathered.
    const warmingSteps = run.steps - (parsed.length - 1);
    assert.ok(warmingSteps >= 8 + Math.floor(text.length / 5000) - 1, `${warmingSteps} warming steps`);
    sameDocument(run.document, parseTranscript(text), 'warmed');
  });

  test('an archive\'s lists are gathered a bounded number of elements per step, and a list read meanwhile stays the one every reader gets', () => {
    const text = archive(400_000);
    const expected = parseTranscript(text);
    const perStep = 50;
    const yieldsOf = (document: TranscriptDocument, readSoundbitesAt = -1): { yields: number; read?: readonly unknown[] } => {
      const steps = gatherListSteps(document, perStep);
      let yields = 0;
      let read: readonly unknown[] | undefined;
      while (!steps.next().done) {
        if (yields++ === readSoundbitesAt) {
          read = document.soundbites;
        }
      }
      return { yields, read };
    };
    const alone = yieldsOf(parseTranscript(text)).yields;
    assert.ok(expected.shots.length > 20 * perStep && expected.soundbites.length > 4 * perStep, `${expected.shots.length} shots`);
    // One yield before each of the eight lists, and one each time `perStep` elements of a list are copied.
    const perList = [expected.headers, expected.headings, expected.sections, expected.shots, expected.soundbites, expected.stories, expected.chrome, expected.diagnostics]
      .map((list) => Math.floor(list.length / perStep));
    assert.equal(alone, 8 + perList.reduce((sum, count) => sum + count, 0));
    // The soundbites come fifth; read while they are being gathered (their yields end 3 lists from the end).
    const afterSoundbites = 3 + (perList[5] ?? 0) + (perList[6] ?? 0) + (perList[7] ?? 0);
    const document = parseTranscript(text);
    const { read } = yieldsOf(document, alone - afterSoundbites - Math.floor((perList[4] ?? 0) / 2));
    assert.ok(read !== undefined && read.length === expected.soundbites.length);
    assert.equal(document.soundbites, read, 'the steps keep the list a reader already has');
    sameDocument(document, expected, 'gathered in steps');
  });

  test('a re-parsed archive\'s lists are gathered in steps too, and only once', () => {
    const text = archive(400_000);
    const before = parseTranscript(text);
    runToEnd(gatherListSteps(before));
    const at = text.indexOf('\n', text.length >> 1) + 1;
    const edited = `${text.slice(0, at)}x${text.slice(at)}`;
    const after = reparseTranscriptFile(before, edited, { start: at, oldEnd: at, newEnd: at + 1 }, 'archive.unifeed');
    const countYields = (document: TranscriptDocument): number => {
      let yields = 0;
      for (const steps = gatherListSteps(document, 50); !steps.next().done;) {
        yields++;
      }
      return yields;
    };
    const yields = countYields(after);
    assert.ok(yields >= Math.floor(after.shots.length / 50) && after.shots.length > 1000, `the new version's lists, in ${yields} steps`);
    assert.equal(countYields(after), 0, 'gathered once');
    sameDocument(after, parseTranscript(edited), 'after the edit');
  });
});

suite('blocks of an archive move with their story', () => {
  test('after an edit, the blocks of the stories kept are the same objects, at their new lines, equal to a fresh parse', () => {
    const text = Array.from({ length: 30 }, (_, index) => story(index)).join('\n');
    const before = stepped(text, 'blocks.unifeed', 500).document;
    const blocksBefore = before.blocks;
    const lastBlock = blocksBefore[blocksBefore.length - 1];
    const lastLineBefore = lastBlock?.lastLine ?? -1;
    let lastShotBlockIndex = blocksBefore.length - 1;
    while (lastShotBlockIndex > 0 && blocksBefore[lastShotBlockIndex]?.kind !== 'shot') {
      lastShotBlockIndex--;
    }
    const lastShotIndexBefore = blocksBefore[lastShotBlockIndex]?.index ?? -1;
    // Two new lines, a new shot, in story 3: every later story moves down two lines and one shot.
    const at = text.indexOf('3. Close up', text.indexOf('STEP STORY 3\n'));
    const edited = `${text.slice(0, at)}3. Wide shot, the quay.\n4. Pan left, cranes.\n${text.slice(at)}`;
    const after = reparseTranscriptFile(before, edited, { start: at, oldEnd: at, newEnd: at + 45 }, 'blocks.unifeed');
    sameDocument(after, parseTranscript(edited), 'after the edit');
    const blocksAfter = after.blocks;
    assert.equal(blocksAfter[0], blocksBefore[0], 'a block before the edit is kept');
    assert.equal(blocksAfter[blocksAfter.length - 1], lastBlock, 'a block after the edit is kept');
    assert.equal(lastBlock?.lastLine, lastLineBefore + 2);
    assert.equal(blocksAfter[blocksAfter.length - 1 - (blocksBefore.length - 1 - lastShotBlockIndex)]?.index, lastShotIndexBefore + 2);
    assert.deepEqual(JSON.parse(JSON.stringify(blocksAfter.at(-1))), { kind: lastBlock?.kind, firstLine: lastBlock?.firstLine, lastLine: lastLineBefore + 2, index: lastBlock?.index });
  });
});
