// `npm run bench`: every benchmark in turn (parser, grammar, outline, workspace index, knowledge base, quotes, scaling,
// and the real VS Code: activation, sizes, a 50 MB archive), each against its own targets. All run even when
// one misses, and the exit code is non-zero if any missed. Each benchmark records its targets
// (scripts/benchResults.mjs); the summary prints them all in one table, with each figure's ratio to its
// baseline where it has one (markdown-it, the Markdown grammar, a full parse, a RegExp, the 1 MB run, VS Code
// alone).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const benches = [
  ['parser vs markdown-it', ['--expose-gc', 'dist/bench.js']],
  ['grammar vs Markdown grammar', ['scripts/bench-grammar.mjs']],
  ['outline after an edit', ['--import', 'tsx', 'scripts/bench-outline.ts']],
  ['50 MB archive: parse in steps, re-parse after an edit', ['--expose-gc', '--import', 'tsx', 'scripts/bench-steps.ts']],
  ['workspace index', ['--expose-gc', '--import', 'tsx', 'scripts/bench-index.ts']],
  ['knowledge-base matcher and hover', ['--expose-gc', '--import', 'tsx', 'scripts/bench-kb.ts']],
  ['quotes of a long archive: Copy Quote and the sheet', ['--import', 'tsx', 'scripts/bench-quotes.ts']],
  ['scaling to 100 MB', ['--expose-gc', '--import', 'tsx', 'scripts/bench-scaling.ts']],
  ['annotations: keystroke and re-anchor', ['--expose-gc', '--import', 'tsx', 'scripts/bench-annotations.ts']],
  ['real VS Code: activation, sizes, 50 MB archive', ['scripts/bench-vscode.mjs']],
];

const scratch = mkdtempSync(path.join(os.tmpdir(), 'shotlist-bench-'));
const resultsFile = path.join(scratch, 'targets.jsonl');
const results = [];
for (const [name, args] of benches) {
  console.log(`\n=== ${name} ===`);
  const run = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, SHOTLIST_BENCH_RESULTS: resultsFile } });
  results.push([name, run.status === 0]);
}
const targets = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line)) : [];
rmSync(scratch, { recursive: true, force: true });

const figure = (value, unit) => `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${unit}`;
const rows = targets.map((t) => [
  t.met === null ? 'info' : t.met ? 'met' : 'MISSED',
  t.bench,
  t.name,
  figure(t.value, t.unit),
  t.limit === null ? '—' : `${t.op} ${figure(t.limit, t.unit)}`,
  t.baseline ? `${t.baseline}: ${figure(t.baselineValue, t.unit)}` : '—',
  t.baseline && t.baselineValue > 0 ? `${(t.value / t.baselineValue).toFixed(2)}x` : '—',
  t.limit ? `${(t.value / t.limit).toFixed(2)}x` : '—',
]);
const header = ['', 'bench', 'measure', 'figure', 'target', 'baseline', 'ratio', 'of target'];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
const line = (cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
console.log('\n=== every target (ratio: figure / baseline; of target: figure / target) ===');
console.log(line(header));
console.log(line(widths.map((width) => '-'.repeat(width))));
rows.forEach((row) => console.log(line(row)));

console.log('\n=== summary ===');
for (const [name, met] of results) {
  console.log(`${met ? 'met   ' : 'MISSED'}  ${name}`);
}
process.exitCode = results.every(([, met]) => met) ? 0 : 1;
