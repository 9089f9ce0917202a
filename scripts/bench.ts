// `npm run bench`: parser throughput and memory on a generated 10 MB archive of shot lists, against
// markdown-it (the parser behind VS Code's Markdown outline) on the same bytes in the same run.
import { recordTarget } from './benchResults.mjs';
import MarkdownIt from 'markdown-it';
import { writeFileSync } from 'node:fs';
import type { TranscriptDocument } from '../src/core/model';
import { parseTranscript } from '../src/core/parse';
import { archive } from './benchArchive';

const targetBytes = Number(process.env.BENCH_MB ?? 10) * 1024 * 1024;
const runs = Number(process.env.BENCH_RUNS ?? 7);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function elapsed(work: () => unknown): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

/**
 * Runs both parsers alternately so that both meet the same machine load, and returns their times
 * and the ratio of each pair: on a shared machine the median pair ratio is far steadier than a ratio
 * of two medians taken at different moments.
 */
function timePairs(ours: () => unknown, theirs: () => unknown): { ours: number[]; theirs: number[]; ratios: number[] } {
  ours();
  theirs();
  const result = { ours: [] as number[], theirs: [] as number[], ratios: [] as number[] };
  for (let run = 0; run < runs; run++) {
    gc?.();
    const a = elapsed(ours);
    gc?.();
    const b = elapsed(theirs);
    result.ours.push(a);
    result.theirs.push(b);
    result.ratios.push(b / a);
  }
  return result;
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Reads every list of the model, so that every record is built: the parse keeps shots, soundbites,
 * quotes, sections, stories, headings and headers as columns and builds their records when a list is
 * first read. Returns a count so that nothing can be optimised away.
 */
function readEveryList(document: TranscriptDocument): number {
  let count = document.headers.length + document.headings.length + document.sections.length + document.shots.length +
    document.diagnostics.length + document.blocks.length + document.chrome.length;
  for (const soundbite of document.soundbites) {
    count += soundbite.quote ? 1 : 0;
  }
  for (const story of document.stories) {
    count += story.quotes.length;
  }
  return count;
}

function main(): void {
  const text = archive(targetBytes);
  if (process.env.BENCH_DUMP) {
    writeFileSync(process.env.BENCH_DUMP, text);
  }
  const megabytes = Buffer.byteLength(text, 'utf8') / (1024 * 1024);
  const markdown = new MarkdownIt();
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const document = parseTranscript(text);
  const heapWithModel = process.memoryUsage().heapUsed;
  gc?.();
  const heapAfterGc = process.memoryUsage().heapUsed;
  const pairs = timePairs(() => parseTranscript(text), () => markdown.parse(text, {}));
  const ours = median(pairs.ours);
  const theirs = median(pairs.theirs);
  const ourRate = megabytes / (ours / 1000);
  const theirRate = megabytes / (theirs / 1000);
  const ratio = median(pairs.ratios);
  // Not a target: what a reader that wants every record pays on top of the parse.
  const withRecords = timePairs(() => readEveryList(parseTranscript(text)), () => markdown.parse(text, {}));
  const oursWithRecords = median(withRecords.ours);
  const rows = [
    ['archive', `${megabytes.toFixed(1)} MB, ${document.lineCount.toLocaleString('en')} lines, ${document.headers.length} stories, ${document.soundbites.length} soundbites`],
    ['shotlist parser', `${ours.toFixed(1)} ms median of ${runs}  →  ${ourRate.toFixed(0)} MB/s  (target ≥ 100 MB/s)`],
    ['parse + every list read', `${oursWithRecords.toFixed(1)} ms median of ${runs}  →  ${(megabytes / (oursWithRecords / 1000)).toFixed(0)} MB/s, ${median(withRecords.ratios).toFixed(1)}x markdown-it  (every record built; no target)`],
    ['markdown-it (baseline)', `${theirs.toFixed(1)} ms median of ${runs}  →  ${theirRate.toFixed(0)} MB/s`],
    ['ratio', `${ratio.toFixed(1)}x faster than markdown-it, median of ${runs} alternating pairs  (target ≥ 5x)`],
    ['memory', `model retained ${((heapAfterGc - heapBefore) / 1048576).toFixed(0)} MB heap (${((heapWithModel - heapBefore) / 1048576).toFixed(0)} MB before GC); peak RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB${gc ? '' : ' (run with --expose-gc for exact heap figures)'}`],
  ];
  for (const [name, value] of rows) {
    console.log(`${(name ?? '').padEnd(24)} ${value}`);
  }
  const pass = ourRate >= 100 && ratio >= 5;
  recordTarget({ bench: 'bench:parser', name: `parser, ${megabytes.toFixed(0)} MB archive`, value: ourRate, unit: 'MB/s', op: '>=', limit: 100, baseline: 'markdown-it', baselineValue: theirRate });
  recordTarget({ bench: 'bench:parser', name: 'parser vs markdown-it (paired runs)', value: ratio, unit: 'x', op: '>=', limit: 5 });
  console.log(pass ? 'bench: targets met' : 'bench: TARGETS MISSED');
  process.exitCode = pass ? 0 : 1;
}

main();
