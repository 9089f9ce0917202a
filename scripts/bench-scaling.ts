// `npm run bench:scaling` (part of `npm run bench`): does parsing stay linear in time and memory as
// files grow? For each input family (a real-style archive, short lines, one very long line, an
// interview whose answers quote, prose with quoted passages, Markdown), parse time and retained heap
// at 1, 10 and 100 MB. Each measurement runs in its own child process with Node's default heap, after
// a warm-up parse of the same family, so that one family's garbage or JIT state does not colour the
// next and running out of memory is a result, not a crash. The baseline is the family's own 1 MB
// figure in the same run: the cost per MB at 100 MB must stay within 2× of it.
//   node --expose-gc --import tsx scripts/bench-scaling.ts [--sizes 1,10,100] [--families a,b]
import { spawnSync } from 'node:child_process';
import { parseTranscriptFile } from '../src/core/parse';
import { archive } from './benchArchive';
import { recordTarget } from './benchResults.mjs';

const megabyte = 1024 * 1024;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const vocabulary = ('the convoy reached the river crossing before noon and the engineers checked the bridge while families ' +
  'waited with water and grain for the long road north peace holds one village at a time').split(' ');

/** Words until about `bytes` characters, joined by `separator` every few words. */
function words(next: () => number, bytes: number, wordsPerPiece: number, separator: string): string {
  const parts: string[] = [];
  let length = 0;
  let piece: string[] = [];
  while (length < bytes) {
    const word = vocabulary[Math.floor(next() * vocabulary.length)] as string;
    piece.push(word);
    length += word.length + 1;
    if (piece.length >= wordsPerPiece) {
      parts.push(piece.join(' '));
      piece = [];
    }
  }
  parts.push(piece.join(' '));
  return parts.join(separator);
}

function repeatBlocks(bytes: number, block: (index: number, next: () => number) => string): string {
  const next = random(11);
  const parts: string[] = [];
  let length = 0;
  for (let index = 0; length < bytes; index++) {
    const part = block(index, next);
    parts.push(part);
    length += part.length + 1;
  }
  return parts.join('\n');
}

/** Each family: a name for the table, the file name the parser sees (`.md` picks the Markdown path), and its text. */
const families: Record<string, { readonly file: string; readonly make: (bytes: number) => string }> = {
  archive: { file: 'archive.unifeed', make: (bytes) => archive(bytes) },
  'short lines': { file: 'short.txt', make: (bytes) => words(random(3), bytes, 2, '\n') },
  'one long line': { file: 'long.txt', make: (bytes) => words(random(5), bytes, bytes, ' ') },
  'interview, quoted answers': {
    file: 'interview.txt',
    make: (bytes) => repeatBlocks(bytes, (index, next) =>
      `Q: What did the convoy find at crossing ${index}?\nA: ${words(next, 120, 1000, ' ')}. The driver told us, “${words(next, 80, 1000, ' ')}.” ${words(next, 60, 1000, ' ')}.\n`),
  },
  'prose with quotes': {
    file: 'prose.txt',
    make: (bytes) => repeatBlocks(bytes, (index, next) =>
      `${words(next, 200, 1000, ' ')}, said the officer at post ${index}: “${words(next, 90, 1000, ' ')}.” ${words(next, 150, 1000, ' ')} ‘${words(next, 30, 1000, ' ')}’.\n`),
  },
  markdown: {
    file: 'interview.md',
    make: (bytes) => repeatBlocks(bytes, (index, next) =>
      `## Crossing ${index}\n\n**Q:** ${words(next, 80, 1000, ' ')}?\n\n**A:** ${words(next, 200, 1000, ' ')} *${words(next, 20, 1000, ' ')}*.\n\n> ${words(next, 90, 1000, ' ')}\n\n- ${words(next, 40, 1000, ' ')}\n- ${words(next, 40, 1000, ' ')}\n`),
  },
};

interface Measurement {
  readonly ms: number;
  readonly heapMB: number;
  readonly rssMB: number;
  readonly soundbitesOrTurns: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** In the child: warm up, build the text, parse it, report time and the heap the model keeps. */
function child(family: string, megabytes: number): void {
  const { file, make } = families[family] as (typeof families)[string];
  parseTranscriptFile(make(256 * 1024), file);
  const text = make(megabytes * megabyte);
  gc?.();
  // The model keeps some columns in typed arrays, outside the JS heap proper: count both.
  const used = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const before = used();
  // Up to 10 MB, the median of three parses: a few milliseconds are at the mercy of the machine.
  const times: number[] = [];
  let document = parseTranscriptFile('', file);
  for (let run = 0; run < (megabytes <= 10 ? 3 : 1); run++) {
    const started = performance.now();
    document = parseTranscriptFile(text, file);
    times.push(performance.now() - started);
  }
  const ms = times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
  gc?.();
  const heapMB = (used() - before) / megabyte;
  const result: Measurement = { ms, heapMB, rssMB: process.memoryUsage().rss / megabyte, soundbitesOrTurns: document.soundbites.length + document.turns.length };
  console.log(JSON.stringify(result));
}

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const childFamily = option('--child');
  if (childFamily !== undefined) {
    child(childFamily, Number(option('--mb')));
    return;
  }
  const sizes = (option('--sizes') ?? '1,10,100').split(',').map(Number);
  const names = option('--families')?.split(',') ?? Object.keys(families);
  let pass = true;
  console.log(`parse time and retained heap by size; baseline: the same family at ${sizes[0]} MB, this run (each in its own Node, default heap)`);
  console.log(`${'family'.padEnd(27)}${sizes.map((size) => `${size} MB: ms (ms/MB), heap MB`.padEnd(34)).join('')}per-MB ratio ${sizes[sizes.length - 1]}/${sizes[0]}`);
  for (const family of names) {
    const cells: string[] = [];
    const perMB: number[] = [];
    for (const size of sizes) {
      const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', __filename, '--child', family, '--mb', String(size)], { encoding: 'utf8', maxBuffer: 1 << 20 });
      const line = run.stdout.trim().split('\n').pop() ?? '';
      if (run.status !== 0 || !line.startsWith('{')) {
        pass = false;
        const why = /heap out of memory/u.test(run.stderr) ? 'OUT OF MEMORY' : `FAILED (${run.status ?? run.signal})`;
        cells.push(why.padEnd(34));
        perMB.push(Number.NaN);
        continue;
      }
      const measured = JSON.parse(line) as Measurement;
      perMB.push(measured.ms / size);
      cells.push(`${measured.ms.toFixed(0)} (${(measured.ms / size).toFixed(1)}), ${measured.heapMB.toFixed(0)}`.padEnd(34));
    }
    const ratio = (perMB[perMB.length - 1] as number) / (perMB[0] as number);
    const met = ratio <= 2;
    pass &&= met;
    recordTarget({ bench: 'bench:scaling', name: `${family}: ms per MB at ${sizes[sizes.length - 1]} MB`, value: perMB[perMB.length - 1] as number, unit: 'ms/MB', op: '<', limit: 2 * (perMB[0] as number),
      baseline: `${sizes[0]} MB`, baselineValue: perMB[0] as number });
    console.log(`${family.padEnd(27)}${cells.join('')}${Number.isNaN(ratio) ? '—' : `${ratio.toFixed(2)}x`}${met ? '' : '  (over 2x)'}`);
  }
  console.log(pass ? 'bench:scaling: every family parses 100 MB in the default heap, its cost per MB within 2x of 1 MB' : 'bench:scaling: a family missed');
  process.exitCode = pass ? 0 : 1;
}

main();
