// Performance guard: every adversarial 10,000-character line of adversarial-cases.mjs, in every state
// listed there (top level, inside open quotes, inside a soundbite's quote), must tokenize in under
// 10 ms with the tokenizer VS Code 1.100 runs (engine.mjs). Catastrophic backtracking freezes
// tokenization (there is no regex timeout), so a regression here must fail CI, not just be slow.
// Not part of `npm test` (timings belong in benchmarks): `npm run bench:grammar` measures the same
// lines and fails when one exceeds the target; run this file to check one limit quickly.
//
// Each line is timed 5 times after a warm-up (scanners are compiled lazily, so every case is first
// tokenized in a short form, then once in full) and judged by its fastest run: other processes can
// only add time to a run, while a backtracking regex is slow in every run. A line over the limit is
// timed again, up to 3 more rounds of 5 after a short pause, before it counts as a failure (a busy
// 2-core machine can stall every run of a round; it cannot make a slow regex fast).
// Also runs lint.mjs (static checks on the built grammar).
import { cases, states, LENGTH } from './adversarial-cases.mjs';
import { loadUnifeed, stateAfter, timeLine } from './engine.mjs';
import { lintGrammar } from './lint.mjs';

const LIMIT_MS = 10;
const RUNS = 5;

const problems = lintGrammar();
if (problems.length) {
  console.error('adversarial: FAIL: the built grammar has problems:');
  for (const p of problems) { console.error(`  - ${p}`); }
  process.exit(1);
}

const grammar = await loadUnifeed();
const stateStacks = Object.entries(states).map(([name, lines]) => [name, stateAfter(grammar, lines)]);

const RETRIES = 3;
const pause = () => new Promise((resolve) => { setTimeout(resolve, 200); });
const fastest = (line, state) => Math.min(...Array.from({ length: RUNS }, () => timeLine(grammar, line, state)));

const failures = [];
let worst = { ms: 0, name: '' };
for (const [name, make] of Object.entries(cases)) {
  const line = make(LENGTH);
  if (line.length !== LENGTH) { throw new Error(`case "${name}" built a line of ${line.length} chars`); }
  for (const [stateName, state] of stateStacks) {
    timeLine(grammar, make(200), state);
    timeLine(grammar, line, state);
    let ms = fastest(line, state);
    for (let retry = 0; retry < RETRIES && ms > LIMIT_MS; retry++) {
      await pause();
      ms = Math.min(ms, fastest(line, state));
    }
    if (ms > worst.ms) { worst = { ms, name: `${name} (${stateName})` }; }
    if (ms > LIMIT_MS) { failures.push(`${name} (${stateName}): ${ms.toFixed(1)} ms`); }
  }
}

const count = Object.keys(cases).length * stateStacks.length;
if (failures.length) {
  console.error(`adversarial: FAIL: ${failures.length} of ${count} line(s) took more than ${LIMIT_MS} ms to tokenize:`);
  for (const f of failures) { console.error(`  - ${f}`); }
  process.exit(1);
}
console.log(`adversarial: ${count} lines of ${LENGTH} chars, all under ${LIMIT_MS} ms ` +
  `(worst ${worst.ms.toFixed(1)} ms: ${worst.name}); lint OK.`);
