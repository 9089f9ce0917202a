#!/usr/bin/env node
// Runs VS Code extension tests inside the Node.js extension host of a real VS Code
// (code-server 4.100.3 = VS Code 1.100.3), rendered by Debian's headless chromium through
// playwright-core. Desktop VS Code/Electron cannot be downloaded on our machines, so this
// stands in for @vscode/test-electron's download + launch (code-shim.mjs adapts its CLI).
//
// How: code-server serves the workbench; the browser opens it with a `payload` query naming
// extensionDevelopmentPath/extensionTestsPath (the mechanism VS Code's own browser
// integration tests use). The extension host then loads the extension under development,
// calls run() of the tests module, and the workbench reports the result through
// window.codeAutomationExit(code); the host's console goes through window.codeAutomationLog.
//
// Usage: node test/vscode-host/run-tests.mjs <extensionDevelopmentPath> <extensionTestsPath> [folder]
// Env:
//   SHOTLIST_TEST_TIMEOUT_MS  whole-run limit, default 420000 (timeout = exit 1 + screenshot)
//   CHROMIUM_PATH             default /usr/bin/chromium
//   SHOTLIST_HOST_VERBOSE=1   also print the page console and the code-server log
//   SHOTLIST_KEEP_STATE=1     keep the temp user-data dir (VS Code logs) and print its path
//   SHOTLIST_WORKSPACE_TRUST=1  keep workspace trust on: the folder opens untrusted (Restricted Mode)
//   SHOTLIST_EXTENSION_KIND=web  run the extension under development (its package.json "browser" entry)
//                             and the tests in the web worker extension host, as VS Code for the Web does
//   SHOTLIST_DISPLAY_LANGUAGE=fr  run VS Code with that display language (see useDisplayLanguage)
// Exit code: the extension host's test exit code (0 = all passed); 1 on timeout or launch failure.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { createRequire } from 'node:module';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// The host's packages are installed outside test/ (in the ignored .vscode-test/), so that the tree of
// tests holds only our own files; package.json and the lock file stay here, under version control.
export const INSTALL_DIR = path.resolve(HERE, '..', '..', '.vscode-test', 'vscode-host');
export const STATE_DIR = path.join(INSTALL_DIR, '.state');
export const CODE_SERVER_BIN = path.join(INSTALL_DIR, 'node_modules', '.bin', 'code-server');
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage',
];
const VERBOSE = process.env.SHOTLIST_HOST_VERBOSE === '1';
// Workbench log lines that say nothing about the tests (shown with SHOTLIST_HOST_VERBOSE=1).
const WORKBENCH_NOISE = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket \(/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /ENOTFOUND open-vsx\.org/, // marketplace lookups: offline by design
];

const log = (msg) => console.log(`[vscode-host] ${msg}`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * True when .vscode-test/vscode-host/node_modules matches the lock file and the running Node ABI,
 * i.e. the stamp written by scripts/setup-vscode-host.sh is current.
 */
export function hostInstalled() {
  const stampFile = path.join(INSTALL_DIR, 'node_modules', '.shotlist-install-stamp');
  if (!existsSync(CODE_SERVER_BIN) || !existsSync(stampFile)) { return false; }
  const lockHash = createHash('sha256').update(readFileSync(path.join(HERE, 'package-lock.json'))).digest('hex');
  const [stampHash, abi] = readFileSync(stampFile, 'utf8').trim().split(' ');
  return stampHash === lockHash && abi === `node-abi-${process.versions.modules}`;
}

/** e.g. "code-server 4.100.3 (VS Code 1.100.3)" */
export function hostVersion() {
  const version = (rel) => {
    try { return JSON.parse(readFileSync(path.join(INSTALL_DIR, 'node_modules', 'code-server', rel), 'utf8')).version; }
    catch { return '?'; }
  };
  return `code-server ${version('package.json')} (VS Code ${version('lib/vscode/package.json')})`;
}

export function assertInstalled() {
  if (!existsSync(CODE_SERVER_BIN)) {
    throw new Error(`code-server is not installed (${CODE_SERVER_BIN}); run: npm run setup:vscode-host`);
  }
}

/** Loads playwright-core from the host's install (.vscode-test/vscode-host/node_modules). */
export async function launchChromium() {
  const { chromium } = createRequire(path.join(INSTALL_DIR, 'package.json'))('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Makes the server start in display language `language`, offline. VS Code takes a display language
 * only when a language pack for it is installed: the server looks the language up in
 * `<user-data>/languagepacks.json` (written by the extension manager when a pack is installed), and
 * the workbench then reports it as `vscode.env.language`, which is what loads an extension's
 * `package.nls.<language>.json` and `l10n/bundle.l10n.<language>.json`. No pack can be downloaded
 * here, so this registers an empty one: VS Code's own words stay English, the extension's are
 * translated. Returns the code-server arguments that choose the language.
 */
export function useDisplayLanguage(userDataDir, language) {
  const packDir = path.join(userDataDir, `shotlist-test-pack-${language}`);
  mkdirSync(packDir, { recursive: true });
  const translations = path.join(packDir, 'main.i18n.json');
  writeFileSync(translations, JSON.stringify({ contents: {} }));
  writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({
    [language]: {
      hash: `shotlist-test-${language}`,
      extensions: [{ extensionIdentifier: { id: `shotlist-test.language-pack-${language}` }, version: '0.0.0' }],
      translations: { vscode: translations },
      label: language,
    },
  }, null, 2));
  return ['--locale', language];
}

/**
 * Starts code-server on a free port with isolated state under stateDir. Resolves once the
 * HTTP server listens. `extraArgs` go before the folder (e.g. nothing for tests).
 * Returns { proc, port, url, output(), stop() }.
 */
export async function startCodeServer({ stateDir, folder, port, extraArgs = [], attempts = 3, workspaceTrust = false, displayLanguage, userSettings = {} }) {
  assertInstalled();
  const config = path.join(stateDir, 'config.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');
  // Exists up front, or code-server cannot create its IPC socket in it.
  mkdirSync(path.join(stateDir, 'user-data'), { recursive: true });
  const settings = { ...userSettings };
  if (workspaceTrust) {
    // The fresh state trusts no folder, so the folder opens in Restricted Mode. The startup prompt
    // ("Do you trust the authors…?") is a modal that would wait for a click forever: never show it,
    // and no Restricted Mode banner either (it only takes room; the tests read isTrusted).
    Object.assign(settings, {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.banner': 'never',
    });
  }
  if (Object.keys(settings).length > 0) {
    mkdirSync(path.join(stateDir, 'user-data', 'User'), { recursive: true });
    writeFileSync(path.join(stateDir, 'user-data', 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  }
  const languageArgs = displayLanguage ? useDisplayLanguage(path.join(stateDir, 'user-data'), displayLanguage) : [];
  for (let attempt = 1; ; attempt++) {
    const p = port ?? await freePort();
    const args = [
      '--config', config, '--auth', 'none', '--bind-addr', `127.0.0.1:${p}`,
      '--user-data-dir', path.join(stateDir, 'user-data'),
      '--extensions-dir', path.join(stateDir, 'extensions'),
      '--disable-telemetry', '--disable-update-check',
      ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override', '--ignore-last-opened',
      ...languageArgs, ...extraArgs, folder,
    ];
    // detached: own process group, so stop() can end code-server and everything it spawned.
    const proc = spawn(CODE_SERVER_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    const ready = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), 60_000);
      const onData = (d) => {
        output = (output + d).slice(-200_000);
        if (VERBOSE) { process.stdout.write(`[code-server] ${d}`); }
        if (/HTTP server listening on/.test(output)) { clearTimeout(timer); resolve('ready'); }
      };
      proc.stdout.on('data', onData);
      proc.stderr.on('data', onData);
      proc.once('error', (e) => { output += String(e); clearTimeout(timer); resolve('exited'); });
      proc.once('exit', () => { clearTimeout(timer); resolve('exited'); });
    });
    const stop = () => new Promise((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) { resolve(); return; }
      const hard = setTimeout(() => { try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
      proc.once('exit', () => { clearTimeout(hard); resolve(); });
      try { process.kill(-proc.pid, 'SIGTERM'); } catch { clearTimeout(hard); resolve(); }
    });
    if (ready === 'ready') {
      return { proc, port: p, url: `http://127.0.0.1:${p}/`, output: () => output, stop };
    }
    await stop();
    const portClash = /EADDRINUSE/.test(output);
    if (!portClash || port !== undefined || attempt >= attempts) {
      throw new Error(`code-server did not start (${ready}):\n${output.trim()}`);
    }
    log(`port ${p} was taken, retrying`);
  }
}

/** `publisher.name` of the extension in `dir` (its package.json). */
function extensionId(dir) {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return `${manifest.publisher}.${manifest.name}`;
}

/**
 * Runs the tests; resolves to the exit code (never rejects for test failures).
 * `extensionKind: 'web'` (or SHOTLIST_EXTENSION_KIND=web) loads the extension and the tests in the web
 * worker extension host instead of the Node one (the payload's extensionDevelopmentKind).
 * @param {{extensionDevelopmentPath: string, extensionTestsPath: string, folder?: string, extensionKind?: 'web'}} opts
 */
export async function runVSCodeTests({ extensionDevelopmentPath, extensionTestsPath, folder, extensionKind }) {
  const dev = path.resolve(extensionDevelopmentPath);
  const tests = path.resolve(extensionTestsPath);
  const workspace = path.resolve(folder ?? dev);
  const timeoutMs = Number(process.env.SHOTLIST_TEST_TIMEOUT_MS || 420_000);
  // From the environment: test-electron, which spawns code-shim.mjs, passes extensionTestsEnv that way.
  const workspaceTrust = process.env.SHOTLIST_WORKSPACE_TRUST === '1';
  const web = (extensionKind ?? process.env.SHOTLIST_EXTENSION_KIND) === 'web';
  const displayLanguage = process.env.SHOTLIST_DISPLAY_LANGUAGE || undefined;
  const t0 = Date.now();
  for (const [what, p] of [['extensionDevelopmentPath', dev], ['extensionTestsPath', tests], ['folder', workspace]]) {
    if (!existsSync(p)) { log(`${what} does not exist: ${p}`); return 1; }
  }

  // Fresh, throw-away state for every run, like test-electron's --user-data-dir/--extensions-dir.
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'shotlist-vscode-'));
  let server;
  let browser;
  let exitCode = 1;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (process.env.SHOTLIST_KEEP_STATE === '1') { log(`state kept in ${stateDir}`); }
    else { rmSync(stateDir, { recursive: true, force: true }); }
  };
  const onSignal = (sig) => {
    log(`${sig}: stopping`);
    cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    // VS Code 1.100's browser workbench ignores the payload's extensionDevelopmentKind (its running-location
    // code reads environmentService.extensionDevelopmentKind, which only the desktop environment has), so
    // the user setting remote.extensionKind puts the extension under development in the web worker host;
    // the payload entry stays for hosts that honour it. test/web/activation.test.ts checks where it ran.
    const userSettings = web ? { 'remote.extensionKind': { [extensionId(dev)]: ['web'] } } : {};
    server = await startCodeServer({ stateDir, folder: workspace, workspaceTrust, displayLanguage, userSettings });
    const host = `127.0.0.1:${server.port}`;
    log(`${hostVersion()} listening on ${host}${workspaceTrust ? ', workspace trust on' : ''}${displayLanguage ? `, display language ${displayLanguage}` : ''}${web ? ', web worker extension host' : ''} (${seconds(Date.now() - t0)})`);

    const remote = (p) => `vscode-remote://${host}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(dev)],
      ['extensionTestsPath', remote(tests)],
      ['skipWelcome', 'true'],
      ...(web ? [['extensionDevelopmentKind', 'web']] : []),
    ]);
    const url = `${server.url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;

    browser = await launchChromium();
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    if (VERBOSE) {
      page.on('console', (m) => console.log(`[page] ${m.text()}`));
      page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
    }
    // The workbench's automation logger: (level, message). It carries the extension host's
    // console (the mocha reporter) and the workbench's own log lines, minus known chatter.
    await page.exposeFunction('codeAutomationLog', (level, message) => {
      const text = Array.isArray(message) ? format(...message) : String(message); // printf-style args
      if (!VERBOSE && WORKBENCH_NOISE.some((re) => re.test(text))) { return; }
      (level === 'error' || level === 'warn' ? console.error : console.log)(text);
    });
    const exited = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code))).catch(() => {});
    });
    await page.goto(url);
    log(`workbench opened, running ${path.relative(process.cwd(), tests) || tests}`);

    let timer;
    const remaining = Math.max(1, timeoutMs - (Date.now() - t0));
    const timedOut = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), remaining); });
    const result = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') {
      const shotDir = STATE_DIR;
      mkdirSync(shotDir, { recursive: true });
      const shot = path.join(shotDir, `timeout-${Date.now()}.png`);
      await page.screenshot({ path: shot }).catch(() => {});
      log(`TIMEOUT after ${seconds(timeoutMs)} waiting for the tests (SHOTLIST_TEST_TIMEOUT_MS); screenshot: ${shot}`);
      if (!VERBOSE) { log('rerun with SHOTLIST_HOST_VERBOSE=1 for the page console and the code-server log'); }
    } else {
      exitCode = Number.isInteger(result) ? result : 1;
    }
  } catch (e) {
    log(`launch failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await cleanup();
  }
  log(`tests finished with exit code ${exitCode} in ${seconds(Date.now() - t0)}`);
  return exitCode;
}

// CLI
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dev, tests, folder] = process.argv.slice(2);
  if (!dev || !tests) {
    console.error('usage: node test/vscode-host/run-tests.mjs <extensionDevelopmentPath> <extensionTestsPath> [folder]');
    process.exit(2);
  }
  process.exit(await runVSCodeTests({ extensionDevelopmentPath: dev, extensionTestsPath: tests, folder }));
}
