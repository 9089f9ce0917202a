// Hostile variants of the seeds and every fixture (test/fuzz/generators.ts: flipped characters, NUL,
// lone surrogates, BOM, runs of white space, swapped and truncated lines, CR/CRLF/U+2028 line ends,
// deep quote nesting, very long lines, Markdown markers), read as plain text and as Markdown: no
// throw, every invariant holds, and a re-parse after an edit equals a fresh parse. The cases run in a
// child process (scripts/fuzz.ts --small) under a time limit, so that a parse that never ends fails
// this test instead of hanging `npm test`; a failing case is replayed with the command it prints.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseTranscript } from '../../src/core/parse';
import { checkInvariants } from '../fuzz/invariants';
import { repositoryRoot, seedsDirectory } from './helpers';

const cases = 2000;
const seed = 4242;
const limitMs = 600_000;

interface FuzzReport {
  readonly checked: number;
  readonly problems: readonly { index: number; problem: string; description: string }[];
  readonly slowestSmall: readonly { index: number; parseMs: number; length: number; description: string }[];
}

suite('robustness: hostile variants of real documents', function () {
  this.timeout(limitMs + 30_000);

  test(`${cases} mutated seeds and fixtures: no throw, invariants hold, re-parse equals a fresh parse`, () => {
    seedsDirectory(); // fails loudly here when ../shared/seeds is missing
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(repositoryRoot, 'scripts', 'fuzz.ts'), '--small', '--json', '--count', String(cases),
      '--seed', String(seed), '--slow-ms', '1e9'], { cwd: repositoryRoot, encoding: 'utf8', timeout: limitMs, maxBuffer: 64 * 1024 * 1024 });
    assert.notEqual(run.signal, 'SIGTERM', `the fuzz cases did not finish within ${limitMs / 1000} s: a parse may never end (replay: npm run fuzz -- --small --seed ${seed} --count ${cases})`);
    const report = JSON.parse(run.stdout) as FuzzReport;
    assert.equal(report.checked, cases);
    const replay = (index: number): string => `npm run fuzz -- --small --seed ${seed} --from ${index} --count 1`;
    assert.deepEqual(report.problems.map((problem) => `#${problem.index} ${problem.problem} (${problem.description}; replay: ${replay(problem.index)})`), []);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(report.slowestSmall.length > 0);
  });

  test('the invariant check itself fails on a broken model', () => {
    const text = 'STORY: UN / TEST\n1. SOUNDBITE (English) Ana Ruiz, Nurse:\n“We stay.”\n';
    const document = parseTranscript(text);
    assert.doesNotThrow(() => checkInvariants(text, document));
    assert.throws(() => checkInvariants(`${text}\none more line`, document), /invariant broken: lineCount/u);
    assert.throws(() => checkInvariants(text.slice(0, 20), { ...document, lineCount: 2 }), /invariant broken: range/u);
  });
});
