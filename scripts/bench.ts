// `npm run bench`: parser throughput and memory on a generated 10 MB archive of shot lists, against
// markdown-it (the parser behind VS Code's Markdown outline) on the same bytes in the same run.
import MarkdownIt from 'markdown-it';
import { writeFileSync } from 'node:fs';
import { parseTranscript } from '../src/core/parse';

const targetBytes = Number(process.env.BENCH_MB ?? 10) * 1024 * 1024;
const runs = Number(process.env.BENCH_RUNS ?? 7);

/** Deterministic pseudo-random numbers so every run measures the same archive. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const places = ['BOR, SOUTH SUDAN', 'GOMA, DEMOCRATIC REPUBLIC OF THE CONGO', 'BANGUI, CENTRAL AFRICAN REPUBLIC', 'NAQOURA, LEBANON', 'NEW YORK CITY', 'GENEVA, SWITZERLAND'];
const missions = ['UNMISS', 'MONUSCO', 'MINUSCA', 'UNIFIL', 'UNISFA', 'UNFICYP'];
const speakers = ['Ana Ruiz, Nurse, Bor Hospital', 'Omar Tesfaye, Force Commander, UNISFA', 'Mira Koskinen, Spokesperson, United Nations', 'Luc Abena, Mayor of Bor'];
const shotTypes = ['Wide shot', 'Med shot', 'Various shots', 'Close up', 'Pan left', 'Tracking shot', 'Aerial shot'];
const words = 'the mission will stay with the people of the valley until the roads are open and the schools are full again because peace is built one day at a time'.split(' ');

function sentence(next: () => number, length: number): string {
  const picked: string[] = [];
  for (let index = 0; index < length; index++) {
    picked.push(words[Math.floor(next() * words.length)] ?? 'peace');
  }
  const text = picked.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function story(next: () => number, index: number): string {
  const place = places[index % places.length] ?? '';
  const mission = missions[index % missions.length] ?? '';
  const out = [
    `STORY: UN / BENCH STORY ${index}`,
    `TRT: ${1 + (index % 7)}:${String(10 + (index % 49)).padStart(2, '0')}`,
    `SOURCE: UNIFEED / ${mission}`,
    'RESTRICTIONS: NONE',
    'LANGUAGES: ENGLISH / FRENCH / NATS',
    `DATELINE: ${1 + (index % 28)} MAY 2025, ${place} / FILE`,
    'SHOTLIST',
  ];
  let shot = 1;
  for (let section = 0; section < 4; section++) {
    out.push(section % 2 === 0 ? `FILE - ${mission} - ${place}` : `${1 + (index % 28)} MAY 2025, ${place}`);
    for (let item = 0; item < 3; item++) {
      if (item === 2) {
        out.push(`${shot++}. SOUNDBITE (English) ${speakers[Math.floor(next() * speakers.length)]}:`);
        out.push(`“${sentence(next, 30)} ${sentence(next, 25)}”`);
      } else {
        out.push(`${shot++}. ${shotTypes[Math.floor(next() * shotTypes.length)]}, ${sentence(next, 8)}`);
      }
    }
  }
  out.push('STORYLINE');
  for (let paragraph = 0; paragraph < 5; paragraph++) {
    out.push(`${sentence(next, 20)} The commander said, “${sentence(next, 15)}” ${sentence(next, 12)}`);
  }
  out.push('');
  return out.join('\n');
}

function archive(bytes: number): string {
  const next = random(42);
  const parts: string[] = [];
  let length = 0;
  for (let index = 0; length < bytes; index++) {
    const part = story(next, index);
    parts.push(part);
    length += part.length;
  }
  return parts.join('\n');
}

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
  const rows = [
    ['archive', `${megabytes.toFixed(1)} MB, ${document.lineCount.toLocaleString('en')} lines, ${document.headers.length} stories, ${document.soundbites.length} soundbites`],
    ['shotlist parser', `${ours.toFixed(1)} ms median of ${runs}  →  ${ourRate.toFixed(0)} MB/s  (target ≥ 100 MB/s)`],
    ['markdown-it (baseline)', `${theirs.toFixed(1)} ms median of ${runs}  →  ${theirRate.toFixed(0)} MB/s`],
    ['ratio', `${ratio.toFixed(1)}x faster than markdown-it, median of ${runs} alternating pairs  (target ≥ 5x)`],
    ['memory', `model retained ${((heapAfterGc - heapBefore) / 1048576).toFixed(0)} MB heap (${((heapWithModel - heapBefore) / 1048576).toFixed(0)} MB before GC); peak RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB${gc ? '' : ' (run with --expose-gc for exact heap figures)'}`],
  ];
  for (const [name, value] of rows) {
    console.log(`${(name ?? '').padEnd(24)} ${value}`);
  }
  const pass = ourRate >= 100 && ratio >= 5;
  console.log(pass ? 'bench: targets met' : 'bench: TARGETS MISSED');
  process.exitCode = pass ? 0 : 1;
}

main();
