// `npm run bench` in the real VS Code (scripts/bench-vscode.mjs runs this file in the extension host, on a
// workspace holding a generated archive of about 50 MB): how long activate() took and what loading the
// bundle costs, then the archive opened, outlined and edited while a timer measures how long the host's
// event loop was held. The same bytes are opened first as a `.log` file, which Shotlist does not read, so
// that what VS Code itself spends (sending 50 MB to the host) is told apart from what Shotlist spends.
// The figures go to the JSON file named by SHOTLIST_BENCH_HOST_OUT; the targets are judged by the script.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import { constants as perfConstants, PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { ShotlistApi } from '../../src/extension';

const EXTENSION_ID = 'shotlist.shotlist';
const SAMPLE_MS = 5;

/** What Linux counted for the host's threads at one moment: nanoseconds on a CPU and waiting for one. */
interface ThreadReading {
  /** Microseconds on the monotonic clock (the CPU profile's). */
  readonly us: number;
  readonly ranNs: number;
  readonly waitedNs: number;
  /** The same for the host's other threads together: the garbage collector's helpers are among them. */
  readonly othersRanNs: number;
  readonly othersWaitedNs: number;
}

/** What the host's threads did between two readings, in milliseconds. */
export interface ThreadWindow {
  readonly windowMs: number;
  readonly ranMs: number;
  readonly waitedMs: number;
  readonly othersRanMs: number;
  readonly othersWaitedMs: number;
}

/** Nanoseconds a thread ran and waited for a CPU, from its schedstat file (zero when it has gone). */
function schedstat(file: string): [number, number] {
  try {
    const [ran, waited] = readFileSync(file, 'utf8').split(' ');
    return [Number(ran), Number(waited)];
  } catch {
    return [0, 0];
  }
}

/**
 * The host's threads as the kernel's scheduler saw them (/proc/self/task/<tid>/schedstat), read at every
 * tick of the loop watch. On this 2-core machine a thread is often runnable but waiting for a CPU that
 * VS Code's other processes (or Shotlist's worker) hold: a CPU profile then shows a gap of tens of
 * milliseconds between two samples, even while idle. A young collection runs on the main thread and on
 * helper threads, and the main thread waits for the helpers: the other threads' waits tell a collection
 * that was long because it had much to copy from one whose helpers waited for a CPU. The other threads
 * also include the thread pool's and Shotlist's worker (idle in this bench: the archive is over the
 * index's size limit). Empty where the files do not exist (not Linux).
 */
class ThreadClock {
  readonly readings: ThreadReading[] = [];
  readonly #available = existsSync('/proc/thread-self/schedstat');
  readonly #main = this.#available ? path.basename(readlinkSync('/proc/thread-self')) : '';
  /** The other threads' files, and what each showed at the last reading. */
  #others = new Map<string, { ran: number; waited: number }>();
  #listedUs = 0;
  /** What the other threads did since the first reading, added up thread by thread. */
  #othersRanNs = 0;
  #othersWaitedNs = 0;

  /** Reads the clocks; `us` is the tick's time, taken before the files are read (reading them takes time too). */
  read(us: number): void {
    if (!this.#available) {
      return;
    }
    if (us - this.#listedUs > 1_000_000) {
      // Threads come and go (the thread pool's, a worker's): listed again each second. A new one counts
      // from its first reading, a gone one no more: only what a thread did between two readings is added.
      const listed = new Map<string, { ran: number; waited: number }>();
      for (const tid of readdirSync('/proc/self/task')) {
        const file = `/proc/self/task/${tid}/schedstat`;
        if (tid !== this.#main) {
          listed.set(file, this.#others.get(file) ?? { ran: Number.NaN, waited: Number.NaN });
        }
      }
      this.#others = listed;
      this.#listedUs = us;
    }
    const [ranNs, waitedNs] = schedstat('/proc/thread-self/schedstat');
    for (const [file, last] of this.#others) {
      const [ran, waited] = schedstat(file);
      if (ran > 0 && Number.isFinite(last.ran)) {
        this.#othersRanNs += Math.max(0, ran - last.ran);
        this.#othersWaitedNs += Math.max(0, waited - last.waited);
      }
      last.ran = ran > 0 ? ran : Number.NaN;
      last.waited = waited;
    }
    this.readings.push({ us, ranNs, waitedNs, othersRanNs: this.#othersRanNs, othersWaitedNs: this.#othersWaitedNs });
  }

  /** What the threads did from the last reading before `startUs` to the first after `endUs`; undefined without readings. */
  around(startUs: number, endUs: number): ThreadWindow | undefined {
    let before: ThreadReading | undefined;
    let after: ThreadReading | undefined;
    for (const reading of this.readings) {
      if (reading.us <= startUs) {
        before = reading;
      } else if (reading.us >= endUs) {
        after = reading;
        break;
      }
    }
    if (!before || !after) {
      return undefined;
    }
    const ms = (a: number, b: number): number => Math.max(0, b - a) / 1e6;
    return {
      windowMs: (after.us - before.us) / 1000,
      ranMs: ms(before.ranNs, after.ranNs),
      waitedMs: ms(before.waitedNs, after.waitedNs),
      othersRanMs: ms(before.othersRanNs, after.othersRanNs),
      othersWaitedMs: ms(before.othersWaitedNs, after.othersWaitedNs),
    };
  }
}

/** The longest time the event loop was held, sampled by a 5 ms timer: a late tick means a busy loop. */
class LoopWatch {
  #timer: NodeJS.Timeout | undefined;
  #last = 0;
  #phase = '';
  readonly longest = new Map<string, number>();
  onPhase: ((name: string) => void) | undefined;
  readonly thread = new ThreadClock();

  start(): void {
    this.#last = performance.now();
    this.#timer = setInterval(() => {
      const now = performance.now();
      this.thread.read(Number(process.hrtime.bigint() / 1000n));
      const held = now - this.#last - SAMPLE_MS;
      this.#last = now;
      this.longest.set(this.#phase, Math.max(this.longest.get(this.#phase) ?? 0, held));
    }, SAMPLE_MS);
  }

  /** Names what runs from now on; the next late tick is charged to it. */
  async phase<T>(name: string, work: () => Thenable<T> | Promise<T>): Promise<T> {
    this.#phase = name;
    this.onPhase?.(name);
    const result = await work();
    // Let the tick that was held by the last synchronous step land in this phase.
    await new Promise((resolve) => setTimeout(resolve, 30));
    return result;
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A CPU profile as the inspector returns it (the fields read here). */
interface CpuProfile {
  readonly nodes: ReadonlyArray<{ readonly id: number; readonly callFrame: { readonly url: string; readonly functionName: string; readonly lineNumber: number }; readonly children?: readonly number[] }>;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  /** Microseconds on the monotonic clock (process.hrtime's). */
  readonly startTime: number;
}

/** Shotlist's longest synchronous task, and where it was: what a user would feel as a freeze caused by Shotlist. */
export interface OwnTask {
  /** By the clock: every sample charged the time up to the next one. */
  readonly ms: number;
  /** What the profile saw: every sample charged at most sampledChargeMs (see ownTasks). */
  readonly sampledMs: number;
  /** The outermost Shotlist function of that task (minified in the production build: file:line). */
  readonly where: string;
  /** When it started and ended, in microseconds on the monotonic clock (to find the collections inside it). */
  readonly startUs: number;
  readonly endUs: number;
}

/** The profile's sampling interval (Profiler.setSamplingInterval below), and the most one sample is charged when measuring what the profile saw. */
const samplingUs = 500;
const sampledChargeMs = 4 * samplingUs / 1000;

/**
 * Shotlist's tasks of `minimumMs` or longer, longest first. A task is a run of consecutive samples:
 * samples with a frame of its bundle on the stack, run by the same two outermost Shotlist functions.
 * The host's event loop runs one task at a time, so such a run is time the host spent inside Shotlist
 * without a break. Two sliced jobs (the index and the outline, say) can take turns with no idle sample
 * between them: the two outermost frames tell them apart. A garbage collection inside a task counts as
 * the task's (Shotlist's allocations set it off); VS Code's own work does not.
 *
 * Each task is measured twice. `ms` charges every sample the time up to the next one. `sampledMs`
 * charges at most `sampledChargeMs`: on this 2-core machine the sampler often misses tens of
 * milliseconds (the profile shows such gaps as often while the host is idle), and a gap is the
 * machine's, not the task's work; the profiler samples the engine's own work, collections included.
 */
export function ownTasks(profile: CpuProfile, isOwn: (url: string) => boolean, minimumMs: number): OwnTask[] {
  const parents = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parents.set(child, node.id);
    }
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  // The task each node belongs to: its two outermost own frames, or null (none). Worked out once per node.
  const tasks = new Map<number, string | null>();
  const taskOf = (id: number): string | null => {
    const known = tasks.get(id);
    if (known !== undefined) {
      return known;
    }
    const own: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame && isOwn(frame.url)) {
        own.push(`${frame.functionName || '(anonymous)'} ${path.basename(frame.url)}:${frame.lineNumber + 1}`);
      }
    }
    const task = own.length === 0 ? null : own.slice(-2).reverse().join(' > ');
    tasks.set(id, task);
    return task;
  };
  const isCollection = (id: number): boolean => byId.get(id)?.callFrame.functionName === '(garbage collector)';
  const found: OwnTask[] = [];
  let run: { ms: number; sampledMs: number; task: string; startUs: number; endUs: number } | undefined;
  const close = (): void => {
    if (run && run.ms >= minimumMs) {
      found.push({ ms: run.ms, sampledMs: run.sampledMs, where: run.task, startUs: run.startUs, endUs: run.endUs });
    }
    run = undefined;
  };
  // Sample i was taken at startTime + timeDeltas[0..i]; the time up to the next sample is charged to it.
  let sampleUs = profile.startTime;
  for (let index = 0; index < profile.samples.length; index++) {
    sampleUs += profile.timeDeltas[index] ?? 0;
    const id = profile.samples[index] as number;
    const task = run && isCollection(id) ? run.task : taskOf(id);
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    if (task === null || task !== run?.task) {
      close();
      if (task === null) {
        continue;
      }
      run = { ms: 0, sampledMs: 0, task, startUs: sampleUs, endUs: sampleUs };
    }
    run.ms += ms;
    run.sampledMs += Math.min(ms, sampledChargeMs);
    run.endUs = sampleUs + ms * 1000;
  }
  close();
  return found.sort((a, b) => b.ms - a.ms);
}

/** One pause of the garbage collector, as Node reports it. */
interface Collection {
  readonly phase: string;
  readonly kind: string;
  readonly ms: number;
  /** Microseconds on the monotonic clock. */
  readonly startUs: number;
}

const collectionKinds = new Map<number, string>([
  [perfConstants.NODE_PERFORMANCE_GC_MAJOR, 'full (mark-compact)'],
  [perfConstants.NODE_PERFORMANCE_GC_MINOR, 'young (scavenge)'],
  [perfConstants.NODE_PERFORMANCE_GC_INCREMENTAL, 'incremental marking'],
  [perfConstants.NODE_PERFORMANCE_GC_WEAKCB, 'weak callbacks'],
]);

/**
 * The collector's pauses in the host (its whole heap: VS Code's document as well as Shotlist's model),
 * so that a long task of Shotlist's can be told apart from a collection that happened to land in it.
 */
class CollectionWatch {
  readonly all: Collection[] = [];
  readonly #observer: PerformanceObserver;
  /** performance.now() is milliseconds from an origin on the monotonic clock; this turns it into the profile's microseconds. */
  readonly #originUs = Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000;
  phase = '';

  constructor() {
    this.#observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const kind = ((entry as { detail?: unknown }).detail as { kind?: number } | undefined)?.kind ?? -1;
        this.all.push({ phase: this.phase, kind: collectionKinds.get(kind) ?? String(kind), ms: entry.duration, startUs: this.#originUs + entry.startTime * 1000 });
      }
    });
    this.#observer.observe({ entryTypes: ['gc'] });
  }

  stop(): void {
    this.#observer.disconnect();
  }

  /** The longest pause of each phase, with its kind. */
  longestByPhase(): Record<string, { ms: number; kind: string; count: number }> {
    const out: Record<string, { ms: number; kind: string; count: number }> = {};
    for (const collection of this.all) {
      const known = out[collection.phase];
      if (!known || collection.ms > known.ms) {
        out[collection.phase] = { ms: collection.ms, kind: collection.kind, count: (known?.count ?? 0) + 1 };
      } else {
        known.count++;
      }
    }
    return out;
  }

  /** The pauses that began inside the span (microseconds), longest first. */
  within(startUs: number, endUs: number): Collection[] {
    return this.all.filter((collection) => collection.startUs >= startUs - 1000 && collection.startUs <= endUs).sort((a, b) => b.ms - a.ms);
  }
}

/**
 * A CPU profile of the host from the archive's opening to its closing, sampled every half millisecond:
 * the longest task spent in Shotlist's code comes from it. With SHOTLIST_BENCH_PROFILE set to a folder,
 * the profile is written there too (archive.cpuprofile; open it in Chrome DevTools or VS Code).
 */
class Profile {
  readonly #session = new inspector.Session();
  readonly #folder = process.env['SHOTLIST_BENCH_PROFILE'];

  constructor() {
    this.#session.connect();
  }

  #post(method: string, parameters?: object): Promise<unknown> {
    return new Promise((resolve, reject) => this.#session.post(method, parameters ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  }

  async start(): Promise<void> {
    await this.#post('Profiler.enable');
    await this.#post('Profiler.setSamplingInterval', { interval: samplingUs });
    await this.#post('Profiler.start');
  }

  async stop(): Promise<CpuProfile> {
    const result = await this.#post('Profiler.stop') as { profile: CpuProfile };
    if (this.#folder) {
      mkdirSync(this.#folder, { recursive: true });
      writeFileSync(path.join(this.#folder, 'archive.cpuprofile'), JSON.stringify(result.profile));
    }
    this.#session.disconnect();
    return result.profile;
  }
}

/** Compiles and runs the bundle again (a fresh source, so V8's compilation cache cannot answer): its load time. */
function bundleLoadMs(extensionPath: string): number {
  const file = path.join(extensionPath, 'dist', 'extension.js');
  const source = `${readFileSync(file, 'utf8')}\n//# bench ${Date.now()}`;
  const started = performance.now();
  const wrapper = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: `${file}?bench` });
  const module = { exports: {} };
  const load = wrapper.runInThisContext() as (...args: unknown[]) => void;
  const requireFromBundle = createRequire(file);
  load(module.exports, (id: string) => (id === 'vscode' ? vscode : requireFromBundle(id)), module, file, path.dirname(file));
  return performance.now() - started;
}

suite('bench in VS Code', function () {
  this.timeout(900_000);

  test('activation, and a 50 MB archive opened and edited', async () => {
    const out = process.env['SHOTLIST_BENCH_HOST_OUT'];
    assert.ok(out, 'SHOTLIST_BENCH_HOST_OUT names the result file');
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the bench opens a workspace folder');
    const extension = vscode.extensions.getExtension<ShotlistApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    // The workspace holds .unifeed files: VS Code activated Shotlist at startup (workspaceContains).
    const api = extension.isActive ? extension.exports : await extension.activate();
    const activateMs = api.activation.activateMs;
    const activationParts = api.activation.parts;
    const loadMs = bundleLoadMs(extension.extensionPath);

    // Every synchronous parse the editor asks for (peek: a small document, or a re-parse after an edit),
    // timed; the large document's first reading runs in steps, whose longest the cache records.
    const parses: number[] = [];
    const cache = api.cache;
    const peek = cache.peek.bind(cache);
    cache.peek = (document) => {
      const started = performance.now();
      const model = peek(document);
      parses.push(performance.now() - started);
      return model;
    };

    let tasks: OwnTask[] | undefined;
    const watch = new LoopWatch();
    const collections = new CollectionWatch();
    watch.onPhase = (name) => { collections.phase = name; };
    watch.start();
    try {
      // VS Code alone: the same bytes as a .log file.
      const log = await watch.phase('vscode: open 50 MB .log', async () => {
        const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'archive.log'));
        await vscode.window.showTextDocument(document);
        return document;
      });
      await watch.phase('vscode: idle with the .log', () => settle(3000));
      await watch.phase('vscode: close the .log', () => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
      // VS Code sends extensions no document over 50 MiB: the whole archive must have arrived.
      assert.equal(log.getText().length, Number(process.env['SHOTLIST_BENCH_ARCHIVE_CHARS']), 'the .log document holds the whole archive');

      const profile = new Profile();
      await profile.start();
      const document = await watch.phase('shotlist: open 50 MB .unifeed', async () => {
        const opened = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'archive.unifeed'));
        await vscode.window.showTextDocument(opened);
        return opened;
      });
      assert.equal(document.languageId, 'unifeed');
      const symbols = await watch.phase('shotlist: outline', () =>
        vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri));
      assert.ok((symbols?.length ?? 0) > 0, 'the archive has an outline');
      await watch.phase('shotlist: settle (diagnostics, folding, views)', () => settle(4000));
      // The Soundbites view shown, as an editor working through the archive would have it.
      await watch.phase('shotlist: Soundbites view shown', async () => {
        await vscode.commands.executeCommand('shotlist.soundbites.focus');
        await settle(2000);
      });
      // Go to Symbol in Workspace, typed a letter at a time: the picker asks again on each keystroke.
      await watch.phase('shotlist: Go to Symbol in Workspace', async () => {
        for (const query of ['s', 'sc', 'sch', 'schools', 'schools val', '']) {
          const found = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', query);
          assert.ok(found.length > 0, `Go to Symbol found nothing for '${query}'`);
        }
      });
      // A mission's card links on line 3 (SOURCE: UNIFEED / UNMISS): Next mention, then Find All References.
      await watch.phase('shotlist: next mention and references', async () => {
        const unmiss = new vscode.Position(2, 20);
        await vscode.commands.executeCommand('shotlist.kb.nextMention', { uri: document.uri.toString(), id: 'unmiss', fromOffset: document.offsetAt(unmiss) });
        assert.ok((vscode.window.activeTextEditor?.selection.start.line ?? 0) > 2, 'Next mention moved down the archive');
        const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, unmiss);
        assert.ok(references.length > 1000, `${references.length} references to UNMISS`);
      });
      // Go to Soundbite on the archive's 58,000 soundbites, then List all mentions of UNMISS: each list
      // opens (a long one shows the items around the cursor), then closes.
      await watch.phase('shotlist: Go to Soundbite, List all mentions', async () => {
        const opened = async (run: () => Thenable<unknown>, what: string): Promise<void> => {
          const before = api.lists.entries;
          const closed = run();
          const deadline = Date.now() + 60_000;
          while (api.lists.entries === before) {
            assert.ok(Date.now() < deadline, `${what} never opened`);
            await settle(50);
          }
          await settle(500);
          await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
          await closed;
        };
        await opened(() => vscode.commands.executeCommand('shotlist.goToSoundbite'), 'Go to Soundbite');
        await opened(() => vscode.commands.executeCommand('shotlist.kb.listMentions', { uri: document.uri.toString(), id: 'unmiss', fromOffset: 0 }), 'List all mentions');
        assert.ok(api.lists.listed <= 1001 && api.lists.entries > 1000, `List all mentions listed ${api.lists.listed} of ${api.lists.entries}`);
      });
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor && editor.document === document, 'the archive is the active editor');
      const middle = Math.floor(document.lineCount / 2);
      for (let edit = 0; edit < 3; edit++) {
        await watch.phase('shotlist: type into a story', () => editor.edit((builder) => builder.insert(new vscode.Position(middle, 0), 'x')));
        await watch.phase('shotlist: outline after the edit', () => vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', document.uri));
        await watch.phase('shotlist: settle after the edit', () => settle(1500));
      }
      await watch.phase('shotlist: undo and close', async () => {
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      });
      const bundle = path.join(extension.extensionPath, 'dist');
      tasks = ownTasks(await profile.stop(), (url) => url.includes(bundle) || url.includes(pathToFileURL(bundle).href), 10);
    } finally {
      watch.stop();
      collections.stop();
      cache.peek = peek;
    }

    const ownTask = tasks?.[0];
    const longestSampled = [...(tasks ?? [])].sort((a, b) => b.sampledMs - a.sampledMs)[0];
    const result = {
      activateMs,
      activationParts,
      loadMs,
      longestHeldMs: Object.fromEntries(watch.longest),
      parses: parses.filter((ms) => ms > 1),
      readingStepMs: cache.longestStepMs,
      ownTask: ownTask ?? { ms: Number.NaN, sampledMs: Number.NaN, where: 'no profile', startUs: 0, endUs: 0 },
      collections: collections.longestByPhase(),
      collectionsInOwnTask: ownTask ? collections.within(ownTask.startUs, ownTask.endUs) : [],
      threadInOwnTask: ownTask ? watch.thread.around(ownTask.startUs, ownTask.endUs) : undefined,
      longestSampled: longestSampled ? { ...longestSampled, collections: collections.within(longestSampled.startUs, longestSampled.endUs), thread: watch.thread.around(longestSampled.startUs, longestSampled.endUs) } : null,
      readInSteps: cache.counts.readInSteps,
    };
    writeFileSync(out, JSON.stringify(result, null, 2));
  });
});
