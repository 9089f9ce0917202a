// `npm run bench` in the real VS Code (scripts/bench-vscode.mjs runs this file in the extension host, on a
// workspace holding a generated archive of about 50 MB): how long activate() took and what loading the
// bundle costs, then the archive opened, outlined and edited while a timer measures how long the host's
// event loop was held. The same bytes are opened first as a `.log` file, which Shotlist does not read, so
// that what VS Code itself spends (sending 50 MB to the host) is told apart from what Shotlist spends.
// The figures go to the JSON file named by SHOTLIST_BENCH_HOST_OUT; the targets are judged by the script.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { ShotlistApi } from '../../src/extension';

const EXTENSION_ID = 'shotlist.shotlist';
const SAMPLE_MS = 5;

/** The longest time the event loop was held, sampled by a 5 ms timer: a late tick means a busy loop. */
class LoopWatch {
  #timer: NodeJS.Timeout | undefined;
  #last = 0;
  #phase = '';
  readonly longest = new Map<string, number>();

  start(): void {
    this.#last = performance.now();
    this.#timer = setInterval(() => {
      const now = performance.now();
      const held = now - this.#last - SAMPLE_MS;
      this.#last = now;
      this.longest.set(this.#phase, Math.max(this.longest.get(this.#phase) ?? 0, held));
    }, SAMPLE_MS);
  }

  /** Names what runs from now on; the next late tick is charged to it. */
  async phase<T>(name: string, work: () => Thenable<T> | Promise<T>): Promise<T> {
    this.#phase = name;
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
}

/** Shotlist's longest synchronous task, and where it was: what a user would feel as a freeze caused by Shotlist. */
export interface OwnTask {
  readonly ms: number;
  /** The outermost Shotlist function of that task (minified in the production build: file:line). */
  readonly where: string;
}

/**
 * The longest run of consecutive samples inside one task of Shotlist's: samples with a frame of its
 * bundle on the stack, run by the same two outermost Shotlist functions. The host's event loop runs one
 * task at a time, so such a run is time the host spent inside Shotlist without a break. Two sliced jobs
 * (the index and the outline, say) can take turns with no idle sample between them: the two outermost
 * frames tell them apart. VS Code's own work (sending the document, garbage collection, converting
 * results) is not counted.
 */
export function longestOwnTask(profile: CpuProfile, isOwn: (url: string) => boolean): OwnTask {
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
  let best: OwnTask = { ms: 0, where: '' };
  let runMs = 0;
  let runTask: string | null = null;
  for (let index = 0; index < profile.samples.length; index++) {
    const task = taskOf(profile.samples[index] as number);
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    if (task === null || task !== runTask) {
      runMs = 0;
      runTask = task;
      if (task === null) {
        continue;
      }
    }
    runMs += ms;
    if (runMs > best.ms) {
      best = { ms: runMs, where: task };
    }
  }
  return best;
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
    await this.#post('Profiler.setSamplingInterval', { interval: 500 });
    await this.#post('Profiler.start');
  }

  async stop(): Promise<CpuProfile> {
    const result = await this.#post('Profiler.stop') as { profile: CpuProfile };
    if (this.#folder) {
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

    let ownTask: OwnTask | undefined;
    const watch = new LoopWatch();
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
      ownTask = longestOwnTask(await profile.stop(), (url) => url.includes(bundle) || url.includes(pathToFileURL(bundle).href));
    } finally {
      watch.stop();
      cache.peek = peek;
    }

    const result = {
      activateMs,
      loadMs,
      longestHeldMs: Object.fromEntries(watch.longest),
      parses: parses.filter((ms) => ms > 1),
      readingStepMs: cache.longestStepMs,
      ownTask: ownTask ?? { ms: Number.NaN, where: 'no profile' },
      readInSteps: cache.counts.readInSteps,
    };
    writeFileSync(out, JSON.stringify(result, null, 2));
  });
});
