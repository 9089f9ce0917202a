// The core worker: its answers in parts equal what the core gives in one call, and the host's client
// survives what a hostile file can do to a worker (too slow, dying, cancelled), against real worker
// threads built from src/workers/coreWorker.ts and against fakes.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { allFindings } from '../../src/core/checks';
import { loadKnowledgeBase } from '../../src/core/kb/load';
import type { TranscriptDocument } from '../../src/core/model';
import { soundbiteTargets } from '../../src/core/outline/navigation';
import { buildOutline } from '../../src/core/outline/symbols';
import { parseTranscript, parseTranscriptFile, splitsIntoStories, splitsIntoStoriesSteps, type MarkdownNotice } from '../../src/core/parse';
import { allQuotes } from '../../src/core/quotes/extract';
import { indexText } from '../../src/core/workspace/entries';
import { CoreWorkerClient, type Cancellation, type CoreWorkerTransportEvents } from '../../src/workers/client';
import { nodeCoreWorkerFactory } from '../../src/workers/nodeTransport';
import { answerCoreRequest, CoreAnswerAssembly, entriesPerPart, modelPartChars, type CoreMessage } from '../../src/workers/requests';
import { setMessageLocale } from '../../src/core/messages/locale';
import { codeUnitsOf } from '../../src/core/text/chunkedText';
import { readFixture, repositoryRoot, seedsDirectory, stepThrough } from './helpers';

const encoder = new TextEncoder();

/** A synthetic archive of `count` soundbites, each story holding ten. */
function archive(count: number): string {
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    if (n % 10 === 0) {
      out.push(`STORY: SYNTHETIC / DESK ${n / 10}`, 'DATELINE: 3 MARCH 2026, JUBA, SOUTH SUDAN', 'SHOTLIST');
    }
    out.push(`${(n % 10) + 1}. SOUNDBITE (English) Amara Okello, Patrol Commander:`, `"The convoy left at dawn, number ${n}."`);
  }
  return out.join('\n');
}

function assemble(messages: readonly CoreMessage[]): ReturnType<CoreAnswerAssembly['add']> {
  const assembly = new CoreAnswerAssembly();
  let answer: ReturnType<CoreAnswerAssembly['add']>;
  for (const message of messages) {
    answer = assembly.add(message);
  }
  return answer;
}

class Token implements Cancellation {
  isCancellationRequested = false;
  readonly #listeners: (() => void)[] = [];
  onCancellationRequested(listener: () => void): { dispose(): void } {
    this.#listeners.push(listener);
    return { dispose: () => undefined };
  }
  cancel(): void {
    this.isCancellationRequested = true;
    this.#listeners.forEach((listener) => listener());
  }
}

suite('core worker: answers in parts', () => {
  test('an archive of 1,234 soundbites comes in parts of at most 250 entries and reassembles to the one-call entry', () => {
    const text = archive(1234);
    const messages = answerCoreRequest({ id: 7, kind: 'index', bytes: encoder.encode(text), file: 'a.unifeed', detect: false });
    assert.deepEqual(messages.map((message) => message.kind), ['stories', 'soundbites', 'soundbites', 'soundbites', 'soundbites', 'soundbites', 'index-done']);
    assert.ok(messages.every((message) => message.id === 7));
    assert.ok(messages.every((message) => !('soundbites' in message) || message.soundbites.length <= entriesPerPart));
    assert.deepEqual(assemble(messages), { entry: indexText(text, 'a.unifeed', { detect: false }), notices: [] });
  });

  test('every seed and a fixture of each folder reassemble to the one-call entry', () => {
    const texts = readdirSync(seedsDirectory()).map((name) => [name, readFileSync(join(seedsDirectory(), name), 'utf8')] as const);
    texts.push(['wrapped.txt', readFixture('shotlists/wrapped_speakers.txt')]);
    assert.ok(texts.length >= 6);
    for (const [name, text] of texts) {
      const messages = answerCoreRequest({ id: 1, kind: 'index', bytes: encoder.encode(text), file: name, detect: true });
      assert.deepEqual(assemble(messages), { entry: indexText(text, name, { detect: true }), notices: [] }, name);
    }
  });

  test('Markdown guard notices travel with the answer', () => {
    const text = `Q: Why?\n\nA: Because.\n\n${'- '.repeat(4000)}x\n`;
    const messages = answerCoreRequest({ id: 2, kind: 'index', bytes: encoder.encode(text), file: 'deep.md', detect: false });
    const answer = assemble(messages) as { notices: readonly { code: string }[] };
    assert.deepEqual(answer.notices.map((notice) => notice.code), ['markdown-nesting']);
  });

  test('a knowledge file: entries in parts, problems in the answer, as loadKnowledgeBase gives them', () => {
    const entries = Array.from({ length: 1100 }, (_, n) => `  - id: m${n}\n    type: peacekeeping-operation\n    names: [Mission ${n}]\n${n % 3 === 0 ? '    colour: blue\n' : ''}`);
    const text = `version: 1\nentries:\n${entries.join('')}`;
    const messages = answerCoreRequest({ id: 3, kind: 'knowledge', text, origin: 'k.yaml' });
    assert.deepEqual(messages.map((message) => message.kind), ['entries', 'entries', 'entries', 'entries', 'entries', 'knowledge-done']);
    const expected = loadKnowledgeBase(text, 'k.yaml');
    assert.deepEqual(assemble(messages), { entries: expected.entries, problems: expected.problems });
  });

  test('a request that throws is answered with the error, not thrown', () => {
    const messages = answerCoreRequest({ id: 4, kind: 'index', bytes: 'not bytes' as unknown as Uint8Array, file: 'x', detect: false });
    assert.equal(messages.length, 1);
    assert.equal(messages[0]?.kind, 'failed');
    assert.match((messages[0] as { error: string }).error, /^TypeError: /u);
  });
});

suite('core worker: the client against real worker threads', function () {
  this.timeout(60_000);
  let directory: string;
  let script: string;

  suiteSetup(async () => {
    directory = mkdtempSync(join(tmpdir(), 'shotlist-worker-'));
    script = join(directory, 'coreWorker.js');
    await esbuild.build({ entryPoints: [join(repositoryRoot, 'src', 'workers', 'coreWorker.ts')], outfile: script, bundle: true, platform: 'node',
      format: 'cjs', target: 'node20', logLevel: 'error' });
  });
  suiteTeardown(() => rmSync(directory, { recursive: true, force: true }));

  test('indexes a large archive and a seed as the core does, one after the other', async () => {
    const client = new CoreWorkerClient(nodeCoreWorkerFactory(script));
    try {
      const big = archive(3000);
      const seedName = readdirSync(seedsDirectory()).sort()[0] as string;
      const seed = readFileSync(join(seedsDirectory(), seedName), 'utf8');
      const [first, second] = await Promise.all([client.index(encoder.encode(big), 'big.unifeed', false), client.index(encoder.encode(seed), seedName, true)]);
      assert.deepEqual(first, { entry: indexText(big, 'big.unifeed', { detect: false }), notices: [] });
      assert.deepEqual(second, { entry: indexText(seed, seedName, { detect: true }), notices: [] });
      assert.equal(client.unavailable, undefined);
    } finally {
      client.dispose();
    }
  });

  test('parses an open document\'s pieces and sends the model back in parts, as the core parses it', async () => {
    const client = new CoreWorkerClient(nodeCoreWorkerFactory(script));
    try {
      const one = readFixture('interviews/qa_labels.txt');
      const text = Array.from({ length: 200 }, () => one).join('\n');
      const answer = await client.parse([text.slice(0, 5000), text.slice(5000)].map((piece) => codeUnitsOf(piece)), 'long.txt', undefined);
      assert.ok('model' in answer, JSON.stringify(answer));
      const model = parseTranscriptFile(text, 'long.txt');
      assert.ok(model.turns.length > 200, `${model.turns.length} turns`);
      assert.equal(JSON.stringify(answer.model.turns), JSON.stringify(model.turns));
      assert.equal(JSON.stringify(buildOutline(answer.model)), JSON.stringify(buildOutline(model)));
    } finally {
      client.dispose();
    }
  });

  test('a request over its time is given up, the worker replaced, and the next request answered', async () => {
    // One second is ample for a new worker to start and answer a small file, and far too short for 150,000 soundbites.
    const client = new CoreWorkerClient(nodeCoreWorkerFactory(script), { timeoutMs: 1000, describeTimeout: (seconds) => `too slow (${seconds} s)` });
    try {
      const slow = client.index(encoder.encode(archive(150_000)), 'slow.unifeed', false);
      const next = client.knowledge('entries:\n  - id: a\n    type: department\n    names: [Alpha]\n', 'k.yaml');
      assert.deepEqual(await slow, { error: 'too slow (1 s)' });
      const answer = await next;
      assert.ok('entries' in answer, JSON.stringify(answer));
      assert.deepEqual(answer.entries.map((entry) => entry.id), ['a']);
    } finally {
      client.dispose();
    }
  });

  test('cancelling a running request stops it; queued cancelled requests are never sent', async () => {
    const client = new CoreWorkerClient(nodeCoreWorkerFactory(script));
    try {
      const token = new Token();
      const running = client.index(encoder.encode(archive(60_000)), 'big.unifeed', false, token);
      const queued = client.index(encoder.encode(archive(10)), 'small.unifeed', false, token);
      setTimeout(() => token.cancel(), 20);
      assert.deepEqual(await running, { cancelled: true });
      assert.deepEqual(await queued, { cancelled: true });
      const after = await client.index(encoder.encode(archive(10)), 'after.unifeed', false);
      assert.ok('entry' in after && after.entry?.soundbites.length === 10);
    } finally {
      client.dispose();
    }
  });

  test('a missing worker script makes the client unavailable, so callers fall back', async () => {
    const client = new CoreWorkerClient(nodeCoreWorkerFactory(join(directory, 'missing.js')));
    const answer = await client.index(encoder.encode('x'), 'x.txt', true);
    assert.ok('error' in answer);
    assert.match(client.unavailable ?? '', /missing/u);
    client.dispose();
  });
});

suite('core worker: the client when a worker dies', () => {
  test('a worker that dies fails only its request; the next gets a new worker', async () => {
    const started: CoreWorkerTransportEvents[] = [];
    const client = new CoreWorkerClient((events) => {
      started.push(events);
      const generation = started.length;
      return {
        post: (request) => {
          if (request.kind === 'next') {
            return;
          }
          // The first worker dies on its request; the second answers.
          setTimeout(() => generation === 1
            ? events.onFailure('out of memory')
            : events.onMessage({ id: request.id, kind: 'index-done', entry: null, notices: [] }), 1);
        },
        terminate: () => undefined,
      };
    });
    const first = client.index(encoder.encode('a'), 'a.txt', true);
    const second = client.index(encoder.encode('b'), 'b.txt', true);
    assert.deepEqual(await first, { error: 'out of memory' });
    assert.deepEqual(await second, { entry: null, notices: [] });
    assert.equal(started.length, 2);
    client.dispose();
  });

  test('disposing settles everything still waiting as cancelled', async () => {
    const client = new CoreWorkerClient(() => ({ post: () => undefined, terminate: () => undefined }));
    const waiting = [client.index(encoder.encode('a'), 'a.txt', true), client.knowledge('x: 1', 'k.yaml')];
    client.dispose();
    assert.deepEqual(await Promise.all(waiting), [{ cancelled: true }, { cancelled: true }]);
  });
});

suite('core worker: open documents parsed off the host', () => {
  /** The Markdown transcripts among the fixtures, and a line-parsed fixture of each kind, with their names. */
  function documentFixtures(): Array<[string, string]> {
    const found: Array<[string, string]> = [];
    for (const folder of ['markdown', 'readers12', 'interviews12']) {
      for (const name of readdirSync(join(repositoryRoot, 'test', 'fixtures', folder)).filter((file) => file.endsWith('.md') && file !== 'README.md')) {
        found.push([name, readFixture(`${folder}/${name}`)]);
      }
    }
    for (const path of ['interviews/labelled_un_news.txt', 'interviews/french_dash.txt', 'prose/oped.txt', 'shotlists/clean.txt', 'shotlists/flattened_pdf.txt']) {
      found.push([path, readFixture(path)]);
    }
    return found;
  }

  /** The answer's model, and how many parts it came in. */
  function parsedInParts(text: string, name: string, pieces = [text]): { model: TranscriptDocument; notices: readonly MarkdownNotice[]; parts: number; messages: readonly CoreMessage[] } {
    const messages = answerCoreRequest({ id: 1, kind: 'parse', pieces: pieces.map((piece) => codeUnitsOf(piece)), name, languageId: undefined });
    const answer = assemble(messages);
    assert.ok(answer && 'model' in answer, `${name}: no model in the answer: ${JSON.stringify(answer)}`);
    return { model: answer.model, notices: answer.notices, parts: messages.filter((message) => message.kind === 'model-part').length, messages };
  }

  // Compared as JSON: the model's ranges are class instances whose values a deep comparison cannot see.
  const same = (actual: unknown, expected: unknown, what: string): void => assert.equal(JSON.stringify(actual), JSON.stringify(expected), what);
  /** Field by field: the parts come list by list, so the fields are not in the model's order. */
  const sameModel = (actual: TranscriptDocument, expected: TranscriptDocument, what: string): void => {
    const fields = (model: TranscriptDocument): string[] => Object.keys(JSON.parse(JSON.stringify(model)) as object).sort();
    assert.deepEqual(fields(actual), fields(expected), `${what}: its fields`);
    for (const field of fields(expected)) {
      same(actual[field as keyof TranscriptDocument], expected[field as keyof TranscriptDocument], `${what}: ${field}`);
    }
  };

  test('the model read back from the parts gives every feature what the model itself gives (Markdown, interviews, prose, shot lists)', () => {
    let turns = 0;
    let soundbites = 0;
    for (const [name, text] of documentFixtures()) {
      const { model: copy } = parsedInParts(text, name);
      const model = parseTranscriptFile(text, name);
      sameModel(copy, model, name);
      same(buildOutline(copy), buildOutline(model), `${name}: outline`);
      same(allFindings(copy, text), allFindings(parseTranscriptFile(text, name), text), `${name}: findings`);
      same(allQuotes(copy, text, name), allQuotes(model, text, name), `${name}: quotes`);
      same(soundbiteTargets(copy), soundbiteTargets(model), `${name}: targets`);
      turns += model.turns.length;
      soundbites += model.soundbites.length;
    }
    assert.ok(turns > 20 && soundbites > 3, `the fixtures hold only ${turns} turns and ${soundbites} soundbites`);
  });

  test('a 3 MB interview comes in parts of about 64 KB of JSON, sent as pieces and read back whole', () => {
    const one = readFixture('interviews/labelled_un_news.txt');
    const text = Array.from({ length: Math.ceil(3_000_000 / one.length) }, () => one).join('\n');
    const pieces = [text.slice(0, 1_000_000), text.slice(1_000_000, 2_000_001), text.slice(2_000_001)];
    const { model: copy, parts, messages } = parsedInParts(text, 'long.txt', pieces);
    const model = parseTranscriptFile(text, 'long.txt');
    assert.ok(model.turns.length > 10_000, `${model.turns.length} turns`);
    same(copy.turns, model.turns, 'the turns');
    same(copy.blocks, model.blocks, 'the blocks');
    assert.equal(copy.length, text.length);
    assert.ok(parts > 100, `${parts} parts`);
    // A part is closed as soon as it reaches modelPartChars: at most that plus its last item, and at
    // least that unless it ends its list.
    messages.forEach((message, index) => {
      if (message.kind === 'model-part') {
        const items = JSON.parse(message.json) as unknown[];
        const last = JSON.stringify(items[items.length - 1]).length;
        assert.ok(message.json.length <= modelPartChars + last + 2, `a part of ${message.json.length} characters`);
        const next = messages[index + 1];
        const endsList = next?.kind !== 'model-part' || next.list !== message.list;
        assert.ok(endsList || message.json.length >= modelPartChars, `a part of ${message.json.length} characters in the middle of ${message.list}`);
      }
    });
  });

  test('the parser\'s messages are written again in the host\'s language; header and story are the first of their lists', () => {
    const text = readFixture('shotlists/numbering_errors.txt');
    const english = parsedInParts(text, 'numbering.txt').model;
    assert.ok(english.diagnostics.length > 0, 'the fixture has findings');
    assert.equal(english.header, english.headers[0], 'the header is the first of the headers, not a copy');
    assert.equal(english.story, english.stories[0], 'the story is the first of the stories, not a copy');
    // The worker answers in English (it is never told the language); the host reads it in French.
    const messages = answerCoreRequest({ id: 1, kind: 'parse', pieces: [codeUnitsOf(text)], name: 'numbering.txt', languageId: undefined });
    setMessageLocale('fr');
    try {
      const answer = assemble(messages);
      assert.ok(answer && 'model' in answer);
      const french = answer.model.diagnostics;
      assert.deepEqual(french.map((diagnostic) => diagnostic.message), parseTranscriptFile(text, 'numbering.txt').diagnostics.map((diagnostic) => diagnostic.message));
      assert.ok(french.every((diagnostic, index) => diagnostic.message !== english.diagnostics[index]?.message), 'every message is in French');
    } finally {
      setMessageLocale('en');
    }
  });

  test('a file the guard finds too costly for remark comes back read line by line, with the notice', () => {
    const text = `# Hostile\n\n${'> '.repeat(30)}${'*a '.repeat(40000)}\n`;
    const { model, notices } = parsedInParts(text, 'hostile.md');
    sameModel(model, parseTranscript(text), 'the line-by-line model');
    assert.ok(notices.some((notice) => notice.code === 'markdown-too-costly'), JSON.stringify(notices));
  });
});

suite('core worker: which long texts the host reads in steps', () => {
  test('an archive of shot lists is read in steps; an interview, prose and a one-story shot list are not', () => {
    const long = (text: string): string => Array.from({ length: Math.ceil(200_000 / text.length) }, () => text).join('\n');
    assert.equal(splitsIntoStories(archive(3000)), true, 'an archive');
    assert.equal(splitsIntoStories(long(readFixture('interviews/labelled_un_news.txt'))), false, 'an interview');
    assert.equal(splitsIntoStories(long(readFixture('prose/oped.txt'))), false, 'prose');
    const headerless = long(readFixture('shotlists/clean.txt').split('\n').filter((line) => !/^[A-Z]+:/u.test(line)).join('\n'));
    assert.equal(parseTranscript(headerless).format, 'shotlist', 'the headerless text is still a shot list');
    assert.equal(splitsIntoStories(headerless), false, 'a shot list that is one long story');
  });

  test('a line longer than 32 KB answers no at once, having read at most 64 KB of a 2 MB line', () => {
    const line = `STORY: UN / ONE LINE ${'x'.repeat(2_000_000)}`;
    let furthest = 0;
    const watched = { length: line.length, slice: (start: number, end: number): string => {
      furthest = Math.max(furthest, Math.min(end, line.length));
      return line.slice(start, end);
    } };
    assert.deepEqual(stepThrough(splitsIntoStoriesSteps(watched)), { value: false, steps: 1 });
    assert.ok(furthest <= 1024 + 32 * 1024 + 4096, `read up to ${furthest}`);
  });

  test('the probe reads prefixes from 1 KB, doubling, and stops as soon as two stories show', () => {
    const steps = (text: string): number => stepThrough(splitsIntoStoriesSteps(text)).steps;
    assert.equal(steps(archive(3000)), 2, 'this archive\'s second story begins within its first 2 KB');
    const interview = Array.from({ length: 400 }, () => readFixture('interviews/labelled_un_news.txt')).join('\n');
    assert.equal(steps(interview), 6, 'an interview is read up to 32 KB: 1, 2, 4, 8, 16 and 32 KB');
  });
});
