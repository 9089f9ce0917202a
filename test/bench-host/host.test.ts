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

/**
 * With SHOTLIST_BENCH_PROFILE set to a folder: a CPU profile of the host from the archive's opening to its
 * closing (archive.cpuprofile there; open it in Chrome DevTools or VS Code), to see which functions held it.
 */
class Profile {
  readonly #session: inspector.Session | undefined;
  readonly #folder = process.env['SHOTLIST_BENCH_PROFILE'];

  constructor() {
    if (this.#folder) {
      this.#session = new inspector.Session();
      this.#session.connect();
    }
  }

  #post(method: string): Promise<unknown> {
    const session = this.#session;
    return session ? new Promise((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result)))) : Promise.resolve();
  }

  async start(): Promise<void> {
    await this.#post('Profiler.enable');
    await this.#post('Profiler.start');
  }

  async stop(): Promise<void> {
    const result = await this.#post('Profiler.stop') as { profile?: unknown } | undefined;
    if (this.#folder && result?.profile) {
      writeFileSync(path.join(this.#folder, 'archive.cpuprofile'), JSON.stringify(result.profile));
    }
    this.#session?.disconnect();
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
      await profile.stop();
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
      readInSteps: cache.counts.readInSteps,
    };
    writeFileSync(out, JSON.stringify(result, null, 2));
  });
});
