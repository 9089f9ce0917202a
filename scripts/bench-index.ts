// `npm run bench:index`: the core of the workspace index on a generated workspace of 5,000 files
// (shot lists, archives, interviews, articles and notes as .txt, .md and .unifeed, written to a temp
// directory and removed afterwards). It runs what the extension runs for each file (index policy,
// content detection, parse, entries), reading files a few at a time and slicing the synchronous work
// with the same TimeSlicer, and reports:
//   - files per second and total time;
//   - the longest synchronous slice, as the slicer measured it and as the event loop felt it
//     (perf_hooks.monitorEventLoopDelay): the extension host is never blocked longer than this;
//   - the heap the finished index keeps, and how long workspace-symbol searches take on it.
// Env: BENCH_FILES (default 5000), BENCH_RUNS (default 2; the first includes JIT warm-up),
//      BENCH_KEEP=1 keeps the generated directory.
// Both ways the extension can parse are measured in the same run: in the core worker (what the
// extension does) and in the host in slices (its fallback without a worker, and the baseline); then
// the same for single big archives (4 and 16 MB, the default size limit), where only the worker keeps
// the host free: a parse cannot be cut into slices.
// Node's fs stands in for vscode.workspace.fs here; the extension itself never uses it.
import { recordTarget } from './benchResults.mjs';
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { CoreWorkerClient } from '../src/workers/client';
import { nodeCoreWorkerFactory } from '../src/workers/nodeTransport';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { TimeSlicer } from '../src/core/workspace/timeSlicer';
import { countEntries, indexTextInSlices, type FileEntry } from '../src/core/workspace/entries';
import { indexPolicy } from '../src/core/workspace/policy';
import { searchIndex } from '../src/core/workspace/search';

const fileCount = Number(process.env.BENCH_FILES ?? 5000);
const runs = Number(process.env.BENCH_RUNS ?? 2);
const readConcurrency = 8;
/** The budget the issue sets for any single blocking stretch of the extension host. */
const blockBudgetMs = 50;

// --- a deterministic synthetic workspace (nothing here comes from real documents)

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const next = random(7);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

const places = ['BOR, SOUTH SUDAN', 'GOMA, DEMOCRATIC REPUBLIC OF THE CONGO', 'BANGUI, CENTRAL AFRICAN REPUBLIC', 'NAQOURA, LEBANON', 'NEW YORK CITY', 'GENEVA, SWITZERLAND', 'ABYEI', 'JUBA, SOUTH SUDAN'];
const missions = ['UNMISS', 'MONUSCO', 'MINUSCA', 'UNIFIL', 'UNISFA', 'UNFICYP', 'UNTSO'];
const speakers = [
  'Ana Ruiz, Nurse, Bor Hospital', 'Omar Tesfaye, Force Commander, UNISFA', 'Mira Koskinen, Spokesperson, United Nations',
  'Luc Abena, Mayor of Bor', 'Gaël Moreau-Ndiaye, Head of Office, OCHA', 'Zoë Lindqvist, Hydrologist, UNESCO',
  'Øyvind Dahl, Engineer, UNOPS', 'Amara Okello, Patrol Commander, UNMISS', 'Priya Natarajan, Convoy Lead, WFP',
];
const languages = ['English', 'French', 'Arabic', 'Spanish'];
const shotTypes = ['Wide shot', 'Med shot', 'Various shots', 'Close up', 'Pan left', 'Tracking shot', 'Aerial shot'];
const vocabulary = ('the mission will stay with the people of the valley until the roads are open and the schools are full again ' +
  'because peace is built one day at a time water trucks arrive at dawn families return to their fields the bridge holds ' +
  'rain patrol convoy clinic market harvest corridor permission border river election volunteers').split(' ');

function sentence(length: number): string {
  const words = Array.from({ length }, () => pick(vocabulary));
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function shotlistStory(index: number, soundbites: number): string {
  const place = pick(places);
  const mission = pick(missions);
  const out = [
    `STORY: UN / SYNTHETIC STORY ${index}`, `TRT: ${1 + (index % 7)}:${String(10 + (index % 49)).padStart(2, '0')}`,
    `SOURCE: UNIFEED / ${mission}`, 'RESTRICTIONS: NONE', 'LANGUAGES: ENGLISH / FRENCH / NATS',
    `DATELINE: ${1 + (index % 28)} MAY 2025, ${place} / FILE`, 'SHOTLIST',
  ];
  let shot = 1;
  for (let section = 0; section < soundbites; section++) {
    out.push(section % 2 === 0 ? `FILE - ${mission} - ${place}` : `${1 + (index % 28)} MAY 2025, ${place}`);
    out.push(`${shot++}. ${pick(shotTypes)}, ${sentence(8)}`);
    out.push(`${shot++}. SOUNDBITE (${pick(languages)}) ${pick(speakers)}:`);
    out.push(`“${sentence(25 + Math.floor(next() * 40))} ${sentence(20)}”`);
  }
  out.push('STORYLINE');
  for (let paragraph = 0; paragraph < 4; paragraph++) {
    out.push(`${sentence(20)} The commander said, “${sentence(15)}” ${sentence(12)}`);
  }
  return out.join('\n');
}

function webCopy(index: number): string {
  return [`UN / SYNTHETIC STORY ${index}`, 'Download', 'There is no media available to download.', 'Share',
    shotlistStory(index, 3 + Math.floor(next() * 6))].join('\n');
}

function interview(index: number): string {
  const out = [`Synthetic interview ${index} on the valley`, ''];
  for (let turn = 0; turn < 10; turn++) {
    out.push(`UN News: ${sentence(14).replace(/\.$/u, '?')}`, '', `Koskinen: ${sentence(50)} ${sentence(30)}`, '');
  }
  return out.join('\n');
}

function article(index: number): string {
  return [`Synthetic article ${index}`, '', ...Array.from({ length: 12 }, () => `${sentence(40)} ${sentence(25)}`)].join('\n\n');
}

function notes(index: number): string {
  return [`# Notes ${index}`, '', ...Array.from({ length: 15 }, () => `- ${sentence(12)}`), '', 'Note: check the footage.', 'Note: call the desk.'].join('\n');
}

interface Generated {
  readonly directory: string;
  readonly bytes: number;
}

function generateWorkspace(count: number): Generated {
  const directory = mkdtempSync(join(tmpdir(), 'shotlist-bench-index-'));
  let bytes = 0;
  for (let index = 0; index < count; index++) {
    const folder = join(directory, `desk-${String(index % 50).padStart(2, '0')}`);
    mkdirSync(folder, { recursive: true });
    const kind = index % 20;
    let name: string;
    let text: string;
    if (index % 1000 === 999) {
      // A few big archives (about 1 MB): the longest single file the index meets.
      name = `archive-${index}.unifeed`;
      text = Array.from({ length: 110 }, (_, story) => shotlistStory(index * 1000 + story, 6)).join('\n\n');
    } else if (kind < 11) {
      name = `story-${index}.txt`;
      text = webCopy(index);
    } else if (kind < 13) {
      name = `archive-${index}.unifeed`;
      text = Array.from({ length: 2 + (index % 4) }, (_, story) => shotlistStory(index * 10 + story, 4)).join('\n\n');
    } else if (kind < 16) {
      name = `interview-${index}.txt`;
      text = interview(index);
    } else if (kind < 18) {
      name = `article-${index}.txt`;
      text = article(index);
    } else {
      name = `notes-${index}.md`;
      text = notes(index);
    }
    writeFileSync(join(folder, name), text);
    bytes += Buffer.byteLength(text);
  }
  return { directory, bytes };
}

// --- the measured part: what WorkspaceIndex#readAll does per file

interface RunResult {
  readonly entries: FileEntry[];
  readonly totalMs: number;
  readonly longestSliceMs: number;
  readonly slices: number;
  readonly loopDelayMaxMs: number;
  readonly loopDelayP99Ms: number;
}

/** 'worker': as the extension parses (files over 64 KB and Markdown in the core worker); 'host': all in the host, in slices. */
type Parser = 'worker' | 'host';

async function indexWorkspace(paths: readonly string[], parser: Parser, worker: CoreWorkerClient): Promise<RunResult> {
  const decoder = new TextDecoder('utf-8');
  const policy = { associations: {}, detectTranscripts: true, languageId: 'unifeed' };
  const entries: FileEntry[] = [];
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  const slicer = new TimeSlicer();
  const read = async (path: string): Promise<{ path: string; detect: boolean; bytes: Uint8Array | null }> => {
    const decision = indexPolicy(path, policy);
    return decision === 'skip' ? { path, detect: false, bytes: null } : { path, detect: decision === 'detect', bytes: await readFile(path) };
  };
  const queue: Array<ReturnType<typeof read>> = [];
  let nextPath = 0;
  for (let done = 0; done < paths.length; done++) {
    while (queue.length < readConcurrency && nextPath < paths.length) {
      queue.push(read(paths[nextPath++] as string));
    }
    const file = await slicer.wait(queue.shift() as ReturnType<typeof read>);
    if (file.bytes) {
      let entry: FileEntry | null;
      // As the extension does: small plain-text files in the host, the rest in the worker.
      if (parser === 'worker' && (file.bytes.byteLength > 64 * 1024 || file.path.endsWith('.md'))) {
        const answer = await slicer.wait(worker.index(file.bytes, `file://${file.path}`, file.detect));
        if (!('entry' in answer)) {
          throw new Error(`${file.path}: ${JSON.stringify(answer)}`);
        }
        entry = answer.entry;
      } else {
        entry = await indexTextInSlices(decoder.decode(file.bytes), `file://${file.path}`, { detect: file.detect }, slicer);
      }
      if (entry) {
        entries.push(entry);
      }
    }
    await slicer.checkpoint();
  }
  slicer.finish();
  const totalMs = performance.now() - started;
  delay.disable();
  return {
    entries, totalMs, longestSliceMs: slicer.longestSliceMs, slices: slicer.slices,
    loopDelayMaxMs: delay.max / 1e6, loopDelayP99Ms: delay.percentile(99) / 1e6,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** The core worker bundled from its source, as scripts/build.mjs does, into `directory`. */
async function buildWorker(directory: string): Promise<string> {
  const script = join(directory, 'coreWorker.js');
  await esbuild.build({ entryPoints: [join(__dirname, '..', 'src', 'workers', 'coreWorker.ts')], outfile: script, bundle: true, platform: 'node',
    format: 'cjs', target: 'node20', logLevel: 'error' });
  return script;
}

/** One big archive of about `megabytes` MB (stories of twelve soundbites), written to `directory`. */
function bigArchive(directory: string, megabytes: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let index = 0; length < megabytes * 1048576; index++) {
    const story = shotlistStory(index, 12);
    parts.push(story);
    length += story.length + 2;
  }
  const path = join(directory, `big-${megabytes}mb.unifeed`);
  writeFileSync(path, parts.join('\n\n'));
  return path;
}

async function main(): Promise<void> {
  const generated = generateWorkspace(fileCount);
  const paths = readdirSync(generated.directory, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.(?:unifeed|shotlist|txt|md)$/u.test(path))
    .sort()
    .map((path) => join(generated.directory, path));
  const megabytes = generated.bytes / 1048576;
  const scratch = mkdtempSync(join(tmpdir(), 'shotlist-bench-worker-'));
  const worker = new CoreWorkerClient(nodeCoreWorkerFactory(await buildWorker(scratch)), { timeoutMs: 600_000 });
  console.log(`workspace        ${paths.length} files, ${megabytes.toFixed(1)} MB in ${generated.directory}`);
  let pass = true;
  /** The longest the host was blocked with the worker, and with everything parsed in the host in slices (the baseline). */
  const longestBlocked: Record<Parser, number> = { worker: 0, host: 0 };
  let kept: FileEntry[] = [];
  const totals: Record<Parser, number> = { worker: 0, host: 0 };
  try {
    for (let run = 1; run <= runs; run++) {
      for (const parser of ['worker', 'host'] as const) {
        gc?.();
        const heapBefore = process.memoryUsage().heapUsed;
        const result = await indexWorkspace(paths, parser, worker);
        gc?.();
        const heapAfter = process.memoryUsage().heapUsed;
        const counts = countEntries(result.entries);
        const blocked = Math.max(result.longestSliceMs, result.loopDelayMaxMs);
        pass &&= blocked <= blockBudgetMs;
        longestBlocked[parser] = Math.max(longestBlocked[parser], blocked);
        totals[parser] = result.totalMs;
        console.log(`run ${run} ${parser.padEnd(6)}${run === 1 ? ' (cold JIT)' : '           '} ${result.totalMs.toFixed(0)} ms total, ${(paths.length / (result.totalMs / 1000)).toFixed(0)} files/s, ${(megabytes / (result.totalMs / 1000)).toFixed(1)} MB/s; ` +
          `${counts.files} transcripts, ${counts.stories} stories, ${counts.soundbites} soundbites`);
        console.log(`  slices         ${result.slices} slices, longest ${result.longestSliceMs.toFixed(1)} ms (slicer); event loop delay max ${result.loopDelayMaxMs.toFixed(1)} ms, p99 ${result.loopDelayP99Ms.toFixed(1)} ms  (budget ${blockBudgetMs} ms)`);
        console.log(`  index memory   ${((heapAfter - heapBefore) / 1048576).toFixed(1)} MB heap retained${gc ? '' : ' (run with --expose-gc for exact figures)'}`);
        kept = result.entries;
      }
      console.log(`  worker / host-in-slices time: ${(totals.worker / totals.host).toFixed(2)}x`);
    }
    // Single big archives: the host-in-slices baseline cannot cut a parse, the worker never holds the host.
    for (const size of [4, 16]) {
      const path = bigArchive(scratch, size);
      for (const parser of ['worker', 'host'] as const) {
        const result = await indexWorkspace([path], parser, worker);
        const blocked = Math.max(result.longestSliceMs, result.loopDelayMaxMs);
        if (parser === 'worker') {
          pass &&= blocked <= blockBudgetMs;
        }
        longestBlocked[parser] = Math.max(longestBlocked[parser], blocked);
        totals[parser] = blocked;
        console.log(`big ${String(size).padStart(2)} MB ${parser.padEnd(6)} ${result.totalMs.toFixed(0)} ms total, ${countEntries(result.entries).soundbites} soundbites; host blocked at most ${blocked.toFixed(1)} ms` +
          ` (longest slice ${result.longestSliceMs.toFixed(1)} ms, event loop delay max ${result.loopDelayMaxMs.toFixed(1)} ms, p99 ${result.loopDelayP99Ms.toFixed(1)} ms)` +
          `${parser === 'worker' ? '' : ` (the worker: ${(blocked / Math.max(totals.worker, 0.1)).toFixed(0)}x less)`}`);
      }
    }
    for (const query of ['koskinen', 'gael', 'corridor', 'synthetic story 42', 'zzz', '']) {
      const times: number[] = [];
      let hits = 0;
      for (let repeat = 0; repeat < 7; repeat++) {
        const start = performance.now();
        hits = searchIndex(kept, query, { limit: 500 }).length;
        times.push(performance.now() - start);
      }
      console.log(`search ${JSON.stringify(query).padEnd(21)} ${median(times).toFixed(1)} ms median of 7, ${hits} hits (capped at 500)`);
    }
  } finally {
    worker.dispose();
    rmSync(scratch, { recursive: true, force: true });
    if (process.env.BENCH_KEEP === '1') {
      console.log(`kept ${generated.directory}`);
    } else {
      rmSync(generated.directory, { recursive: true, force: true });
    }
  }
  recordTarget({ bench: 'bench:index', name: 'index: longest host block (files, 4 and 16 MB archives)', value: longestBlocked.worker, unit: 'ms', op: '<=', limit: blockBudgetMs,
    baseline: 'all in the host, in slices', baselineValue: longestBlocked.host });
  console.log(pass ? `bench:index: with the worker, the host was never blocked longer than ${blockBudgetMs} ms` : `bench:index: the host was blocked longer than ${blockBudgetMs} ms`);
  process.exitCode = pass ? 0 : 1;
}

void main();
