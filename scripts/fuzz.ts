// `npm run fuzz`: hostile variants of the seeds and fixtures (test/fuzz/generators.ts) through the
// parser, as many as asked or as fit in a time budget. Prints every case that throws, breaks an
// invariant or re-parses differently, and the slowest inputs with their sizes; writes each input
// slower than --slow-ms to --out (with a JSON description) so it can be replayed.
//   node --import tsx scripts/fuzz.ts [--count N] [--seconds S] [--seed N] [--from I] [--small] [--slow-ms MS] [--out DIR] [--json]
// Case I of seed S is always the same input: `--seed S --from I --count 1` replays it.
// --small uses the sizes of the unit test (test/unit/robustness.test.ts runs this script with --json).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkCase } from '../test/fuzz/check';
import { baseDocuments, fuzzCases, fuzzSizes, testSizes, type FuzzCase } from '../test/fuzz/generators';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const count = Number(option('--count') ?? (option('--seconds') ? Infinity : 100_000));
const seconds = Number(option('--seconds') ?? Infinity);
const seed = Number(option('--seed') ?? 20261204);
const from = Number(option('--from') ?? 0);
const slowMs = Number(option('--slow-ms') ?? 100);
const outDirectory = option('--out') ?? join(__dirname, '..', 'fuzz-results');
const json = args.includes('--json');
const sizes = args.includes('--small') ? testSizes : fuzzSizes;

interface Timed {
  readonly index: number;
  readonly parseMs: number;
  readonly length: number;
  readonly description: string;
}

const describe = (fuzzCase: FuzzCase): string =>
  `${fuzzCase.base}${fuzzCase.markdown ? ' (as Markdown)' : ''}: ${fuzzCase.mutations.join(', ')}`;

const arbitrary = fuzzCases(baseDocuments(), sizes);
const started = performance.now();
const problems: { index: number; problem: string; description: string; length: number }[] = [];
const slowest: Timed[] = [];
const slowestSmall: Timed[] = [];
let checked = 0;
let totalCharacters = 0;

/** Keeps the ten slowest in `list`, slowest first. */
function keep(list: Timed[], timed: Timed): void {
  if (list.length < 10 || timed.parseMs > (list[list.length - 1] as Timed).parseMs) {
    list.push(timed);
    list.sort((a, b) => b.parseMs - a.parseMs);
    list.length = Math.min(list.length, 10);
  }
}

for (let index = from; index < from + count && (performance.now() - started) / 1000 < seconds; index++) {
  // Each case from its own seed, so that any one can be replayed alone.
  const fuzzCase = fc.sample(arbitrary, { seed: seed + index, numRuns: 1 })[0] as FuzzCase;
  if (!json && index % 1000 === 0) {
    process.stderr.write(`\r${index - from} cases, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const result = checkCase(fuzzCase);
  checked++;
  totalCharacters += fuzzCase.text.length;
  const timed = { index, parseMs: result.parseMs, length: fuzzCase.text.length, description: describe(fuzzCase) };
  keep(slowest, timed);
  if (fuzzCase.text.length < 100 * 1024) {
    keep(slowestSmall, timed);
  }
  if (result.problem !== undefined) {
    problems.push({ index, problem: result.problem, description: describe(fuzzCase), length: fuzzCase.text.length });
  }
  if (result.parseMs > slowMs || result.problem !== undefined) {
    mkdirSync(outDirectory, { recursive: true });
    const stem = join(outDirectory, `case-${seed}-${index}`);
    writeFileSync(`${stem}.${fuzzCase.markdown ? 'md' : 'txt'}`, fuzzCase.text);
    writeFileSync(`${stem}.json`, JSON.stringify({ seed, ...timed, problem: result.problem, edit: fuzzCase.edit }, null, 2));
  }
}

const elapsedS = (performance.now() - started) / 1000;
if (json) {
  console.log(JSON.stringify({ checked, seed, from, elapsedS, problems, slowest, slowestSmall }));
} else {
  process.stderr.write('\n');
  const row = (timed: Timed): string => `  ${timed.parseMs.toFixed(1).padStart(8)} ms  ${(timed.length / 1024).toFixed(1).padStart(7)} KB  #${timed.index}  ${timed.description}`;
  console.log(`fuzz: ${checked} cases (seed ${seed}, from ${from}) in ${elapsedS.toFixed(0)} s, ${(totalCharacters / 1048576).toFixed(0)} MB parsed`);
  console.log(`throws, broken invariants, re-parse differences: ${problems.length}`);
  problems.slice(0, 20).forEach((problem) => console.log(`  #${problem.index} ${problem.problem} — ${problem.description}`));
  console.log('slowest inputs under 100 KB (first parse):');
  slowestSmall.forEach((timed) => console.log(row(timed)));
  console.log('slowest inputs of any size:');
  slowest.forEach((timed) => console.log(row(timed)));
  console.log(`inputs slower than ${slowMs} ms and failing cases are written to ${outDirectory}`);
}
process.exitCode = problems.length > 0 ? 1 : 0;
