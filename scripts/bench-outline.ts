// `npm run bench:outline`: how long the Outline of a generated 10 MB archive takes to appear after a
// one-character edit. The editor's cache re-parses the new version from the previous one and the
// edit (only the story the edit touched is read again), then the outline is built from that model
// with the extension's symbol budget; both are timed, on a fresh edit each run. A full parse of the
// edited text (what a cache without the edit would do) is the baseline, timed in the same runs. The
// full-detail outline (no budget), folding, soundbite targets and the quick-pick items are timed too.
// Env: BENCH_MB (default 10), BENCH_RUNS (default 9).
import { recordTarget } from './benchResults.mjs';
import { foldingRanges } from '../src/core/outline/folding';
import { soundbitePickItems, soundbiteTargets } from '../src/core/outline/navigation';
import { buildOutline, defaultMaxSymbols, outlineLevel, type OutlineSymbol } from '../src/core/outline/symbols';
import { parseTranscript, reparseTranscript } from '../src/core/parse';
import { archive } from './benchArchive';

const targetBytes = Number(process.env.BENCH_MB ?? 10) * 1024 * 1024;
const runs = Number(process.env.BENCH_RUNS ?? 9);
const budgetMs = 100;

function countSymbols(symbols: readonly OutlineSymbol[]): number {
  let count = 0;
  const stack = [...symbols];
  for (let symbol = stack.pop(); symbol; symbol = stack.pop()) {
    count++;
    stack.push(...symbol.children);
  }
  return count;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function worst(values: number[]): number {
  return Math.max(...values);
}

function main(): void {
  const original = archive(targetBytes);
  const megabytes = Buffer.byteLength(original, 'utf8') / (1024 * 1024);
  // Warm up the JIT on the unedited text, as the editor did when the file opened.
  const opened = parseTranscript(original);
  const openedLines = original.split('\n');
  const symbolCount = countSymbols(buildOutline(opened, { lines: (line) => openedLines[line] ?? '' }));
  const fullCount = countSymbols(buildOutline(opened, { lines: (line) => openedLines[line] ?? '', maxSymbols: Infinity }));

  const parse: number[] = [];
  const reparse: number[] = [];
  const outline: number[] = [];
  const total: number[] = [];
  const extras: number[] = [];
  const full: number[] = [];
  for (let run = 0; run < runs; run++) {
    // A one-character edit somewhere in the archive: every run sees a new document version.
    const at = Math.floor(original.length * ((run + 1) / (runs + 2)));
    const edited = `${original.slice(0, at)}x${original.slice(at)}`;
    // The editor hands over a flat string; flatten the concatenation before the clock starts.
    edited.charCodeAt(edited.length - 1);
    // The editor already holds the document's lines (the outline reads quotes through them): only the
    // edited line is new.
    const lines = openedLines.slice();
    const lineStart = original.lastIndexOf('\n', at - 1) + 1;
    const lineEnd = edited.indexOf('\n', lineStart);
    lines[original.slice(0, lineStart).split('\n').length - 1] = edited.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
    const fullStart = performance.now();
    parseTranscript(edited);
    parse.push(performance.now() - fullStart);
    // The model the editor held before the edit, as the editor left it: outline, folding and
    // soundbite targets were built from it for the previous version, so its lists' records exist
    // (the parse builds them on first read). None of this is part of the edit's cost.
    const previous = parseTranscript(original);
    buildOutline(previous, { lines: (line) => openedLines[line] ?? '' });
    foldingRanges(previous);
    soundbiteTargets(previous);
    const start = performance.now();
    const model = reparseTranscript(previous, edited, { start: at, oldEnd: at, newEnd: at + 1 });
    const parsed = performance.now();
    buildOutline(model, { lines: (line) => lines[line] ?? '' });
    const built = performance.now();
    foldingRanges(model);
    soundbiteTargets(model);
    soundbitePickItems(model);
    const done = performance.now();
    buildOutline(model, { lines: (line) => lines[line] ?? '', maxSymbols: Infinity });
    full.push(performance.now() - done);
    reparse.push(parsed - start);
    outline.push(built - parsed);
    total.push(built - start);
    extras.push(done - built);
  }

  const row = (name: string, values: number[], note = ''): void => {
    console.log(`${name.padEnd(28)} ${median(values).toFixed(1).padStart(7)} ms median, ${worst(values).toFixed(1).padStart(7)} ms worst of ${runs}${note}`);
  };
  console.log(`${'archive'.padEnd(28)} ${megabytes.toFixed(1)} MB, ${opened.lineCount.toLocaleString('en')} lines, ${opened.headers.length} stories, ${opened.soundbites.length} soundbites`);
  console.log(`${'outline'.padEnd(28)} ${symbolCount.toLocaleString('en')} symbols (level ${outlineLevel(opened)} under the ${defaultMaxSymbols.toLocaleString('en')}-symbol budget; ${fullCount.toLocaleString('en')} at full detail)`);
  row('full parse (baseline)', parse);
  row('re-parse after the edit', reparse, `  (${(median(parse) / median(reparse)).toFixed(0)}x faster than the full parse)`);
  row('outline from the model', outline);
  row('re-parse + outline', total, `  (target < ${budgetMs} ms)`);
  row('full-detail outline', full);
  row('folding + targets + picks', extras);
  const pass = median(total) < budgetMs;
  recordTarget({ bench: 'bench:outline', name: `re-parse + outline after an edit, ${megabytes.toFixed(0)} MB`, value: median(total), unit: 'ms', op: '<', limit: budgetMs,
    baseline: 'full parse', baselineValue: median(parse) });
  console.log(pass ? 'bench:outline: target met' : 'bench:outline: TARGET MISSED');
  process.exitCode = pass ? 0 : 1;
}

main();
