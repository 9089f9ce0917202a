// The web pass: Shotlist's features in the web worker extension host of a real VS Code (code-server
// 4.100.3 = VS Code 1.100.3, the same host as scripts/test-integration.mjs, with the payload's
// extensionDevelopmentKind "web"): the extension runs from package.json's "browser" entry, as in VS Code
// for the Web, with no Node and only workspace.fs for files.
//   1. build (scripts/build.mjs: dist/web/extension.js and dist/web/coreWorker.js among the rest)
//   2. load dist/web/extension.js in a bare JavaScript context (no require but 'vscode', no process,
//      no Buffer): a Node dependency at load fails here, with a clear message, before any browser starts
//   3. bundle test/web/index.ts + test/web/*.test.ts into ONE file (out/web/tests.js; the web host
//      resolves no require but 'vscode'), mocha's browser build inlined
//   4. run it in code-server with the web worker extension host (test/vscode-host/run-tests.mjs)
// Exit code 0 only when the tests ran and all passed. It fails loudly (exit 1 and a reason) when the host
// is missing and cannot be installed, when nothing ran, or when the web extension host was not the one used.
// Env: SHOTLIST_TEST_GREP (mocha grep, baked into the bundle), SHOTLIST_TEST_TIMEOUT_MS, SHOTLIST_HOST_VERBOSE=1.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vm from 'node:vm';
import * as esbuild from 'esbuild';
import { hostInstalled, runVSCodeTests } from '../test/vscode-host/run-tests.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const testsSrc = path.join(root, 'test', 'web');
const outFile = path.join(root, 'out', 'web', 'tests.js');
const fixtures = path.join(root, 'test', 'fixtures');
const t0 = Date.now();

const say = (msg) => console.log(`[test-web] ${msg}`);
const fail = (msg) => {
  console.error(`[test-web] FAILED: ${msg}`);
  process.exit(1);
};
const elapsed = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

// 1. Build.
let t = Date.now();
const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  fail('scripts/build.mjs failed');
}
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
if (manifest.browser !== './dist/web/extension.js') {
  fail(`package.json "browser" is ${JSON.stringify(manifest.browser)}, expected "./dist/web/extension.js"`);
}
say(`extension built (${elapsed(t)})`);

// 2. The web bundle loads without Node: only what a web worker has, and a stand-in 'vscode' whose
// every property is another stand-in (nothing may call it at load time; activate() is not run here).
t = Date.now();
const bundle = readFileSync(path.join(root, 'dist', 'web', 'extension.js'), 'utf8');
// esbuild copies the module's own keys into a namespace object, so the stand-in lists the names the
// bundle reads from it (vscode.DiagnosticSeverity.Error at load; classes extend vscode.TreeItem).
const apiNames = [...new Set([...bundle.matchAll(/\bvscode\d*\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]))];
const standIn = () => new Proxy(function vscodeStandIn() {}, {
  get: (target, key) => (key === 'prototype' ? target.prototype : key === Symbol.toPrimitive ? () => '' : standIn()),
  ownKeys: () => [...apiNames, 'prototype'],
  getOwnPropertyDescriptor: (target, key) => (key === 'prototype'
    ? Reflect.getOwnPropertyDescriptor(target, key)
    : { configurable: true, enumerable: true, writable: false, value: standIn() }),
});
const requested = [];
const exported = { exports: {} };
const context = vm.createContext({
  module: exported,
  exports: exported.exports,
  require: (id) => {
    requested.push(id);
    if (id !== 'vscode') {
      throw new Error(`require('${id}'): the web worker extension host resolves only 'vscode'`);
    }
    return standIn();
  },
  console, TextDecoder, URL, setTimeout, clearTimeout, performance,
  TextEncoder: globalThis.TextEncoder, queueMicrotask: globalThis.queueMicrotask,
  // What a web worker has and Node code would reach for must stay absent.
});
try {
  vm.runInContext(bundle, context, { filename: 'dist/web/extension.js' });
} catch (error) {
  fail(`dist/web/extension.js does not load without Node: ${error instanceof Error ? error.stack : String(error)}`);
}
if (typeof exported.exports.activate !== 'function') {
  fail('dist/web/extension.js exports no activate()');
}
say(`dist/web/extension.js loads in a bare context (requires: ${[...new Set(requested)].join(', ')}) (${elapsed(t)})`);

// 3. One bundle of the web tests. The entry is generated: set mocha up, then load each test file.
t = Date.now();
const testFiles = readdirSync(testsSrc).filter((f) => f.endsWith('.test.ts')).sort();
if (testFiles.length === 0) {
  fail(`no *.test.ts files in ${path.relative(root, testsSrc)}`);
}
rmSync(path.dirname(outFile), { recursive: true, force: true });
const entry = [
  "const { setupMocha, run } = require('./index');",
  'exports.run = () => {',
  '  setupMocha();',
  ...testFiles.map((f) => `  require('./${f.replace(/\.ts$/, '')}');`),
  '  return run();',
  '};',
].join('\n');
// mocha's browser build is a UMD script in a "type": "module" package: bundled as an ES module, its
// free `module` and `exports` would be those of the test bundle, and it would replace the bundle's
// exports (run()) with the mocha instance. Shadowed, it takes its browser path and sets globalThis.mocha.
const mochaAsBrowserScript = {
  name: 'mocha-browser-script',
  setup(build) {
    build.onLoad({ filter: /[\\/]mocha[\\/]mocha\.js$/ }, async (args) => ({
      contents: `var module = undefined, exports = undefined, define = undefined;\n${readFileSync(args.path, 'utf8')}`,
      loader: 'js',
    }));
  },
};
try {
  await esbuild.build({
    plugins: [mochaAsBrowserScript],
    stdin: { contents: entry, resolveDir: testsSrc, sourcefile: 'web-tests-entry.js', loader: 'js' },
    outfile: outFile,
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'es2022',
    conditions: ['worker'],
    external: ['vscode'],
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'warning',
    define: { global: 'globalThis', SHOTLIST_TEST_GREP: JSON.stringify(process.env.SHOTLIST_TEST_GREP ?? '') },
  });
} catch {
  fail('bundling the web tests failed (see esbuild errors above)');
}
const testRequires = [...new Set(readFileSync(outFile, 'utf8').match(/\brequire\("[^"]+"\)/g) ?? [])];
if (testRequires.some((r) => r !== 'require("vscode")')) {
  fail(`the web test bundle still requires ${testRequires.join(', ')}: only 'vscode' resolves in the web host`);
}
say(`bundled ${testFiles.length} web test file(s) into ${path.relative(root, outFile)} (${elapsed(t)})`);

// 4. The host (shared with the integration tests) and the run.
if (!hostInstalled()) {
  say('VS Code host missing or stale: running scripts/setup-vscode-host.sh');
  const setup = spawnSync('bash', [path.join(root, 'scripts', 'setup-vscode-host.sh')], { cwd: root, stdio: 'inherit' });
  if (setup.status !== 0) {
    fail('scripts/setup-vscode-host.sh failed: the web pass cannot run without the VS Code host');
  }
}
t = Date.now();
say(`running the web tests in the web worker extension host (workspace ${path.relative(root, fixtures)})`);
const code = await runVSCodeTests({ extensionDevelopmentPath: root, extensionTestsPath: outFile, folder: fixtures, extensionKind: 'web' });
if (code !== 0) {
  fail(`web tests failed (exit code ${code}) after ${elapsed(t)}`);
}
say(`web tests passed in ${elapsed(t)} (total ${elapsed(t0)})`);
