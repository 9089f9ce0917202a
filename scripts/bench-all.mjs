// `npm run bench`: every benchmark in turn (parser, grammar, outline, workspace index, knowledge base), each against
// its own targets. All run even when one misses, and the exit code is non-zero if any missed.
import { spawnSync } from 'node:child_process';

const benches = [
  ['parser vs markdown-it', ['--expose-gc', 'dist/bench.js']],
  ['grammar vs Markdown grammar', ['scripts/bench-grammar.mjs']],
  ['outline after an edit', ['--import', 'tsx', 'scripts/bench-outline.ts']],
  ['workspace index', ['--expose-gc', '--import', 'tsx', 'scripts/bench-index.ts']],
  ['knowledge-base matcher and hover', ['--expose-gc', '--import', 'tsx', 'scripts/bench-kb.ts']],
  ['scaling to 100 MB', ['--expose-gc', '--import', 'tsx', 'scripts/bench-scaling.ts']],
  ['annotations: keystroke and re-anchor', ['--expose-gc', '--import', 'tsx', 'scripts/bench-annotations.ts']],
];

const results = [];
for (const [name, args] of benches) {
  console.log(`\n=== ${name} ===`);
  const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
  results.push([name, run.status === 0]);
}
console.log('\n=== summary ===');
for (const [name, met] of results) {
  console.log(`${met ? 'met   ' : 'MISSED'}  ${name}`);
}
process.exitCode = results.every(([, met]) => met) ? 0 : 1;
