// Integration tests inside a real VS Code extension host (code-server 4.100.3 = VS Code 1.100.3,
// rendered by headless Debian chromium; see test/vscode-host/run-tests.mjs).
//   1. build the extension bundle (scripts/build.mjs)
//   2. bundle test/integration/index.ts + **/*.test.ts into out/integration/ (CJS, mocha inlined)
//   3. install the VS Code host if needed (scripts/setup-vscode-host.sh)
//   4. @vscode/test-electron runTests() with test/vscode-host/code-shim.mjs as the "VS Code"
// Exit code 0 only when every test passed (index.ts also fails the run when no test ran).
// Env: SHOTLIST_TEST_TIMEOUT_MS (default 180000), SHOTLIST_TEST_GREP (mocha --grep),
//      SHOTLIST_HOST_VERBOSE=1, SHOTLIST_KEEP_STATE=1 (see test/vscode-host/run-tests.mjs).
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { hostInstalled } from '../test/vscode-host/run-tests.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const testsSrc = path.join(root, 'test', 'integration');
const outDir = path.join(root, 'out', 'integration');
const hostDir = path.join(root, 'test', 'vscode-host');
const shim = path.join(hostDir, 'code-shim.mjs');
const fixtures = path.join(root, 'test', 'fixtures');
const t0 = Date.now();

const say = (msg) => console.log(`[test-integration] ${msg}`);
const fail = (msg) => {
  console.error(`[test-integration] FAILED: ${msg}`);
  process.exit(1);
};
const elapsed = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

// 1. Extension bundle (dist/extension.js is the package.json "main").
let t = Date.now();
const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  fail('scripts/build.mjs failed');
}
say(`extension built (${elapsed(t)})`);

// 2. Test bundles: one file per entry; index.js finds the *.test.js files next to it.
t = Date.now();
const testFiles = readdirSync(testsSrc, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .sort()
  .map((f) => path.join(testsSrc, f));
if (testFiles.length === 0) {
  fail(`no *.test.ts files in ${path.relative(root, testsSrc)}`);
}
rmSync(outDir, { recursive: true, force: true });
try {
  await esbuild.build({
    entryPoints: [path.join(testsSrc, 'index.ts'), ...testFiles],
    outdir: outDir,
    outbase: testsSrc,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'warning',
    // require.resolve warnings come from mocha's parallel mode, which we do not use.
    logOverride: { 'empty-import-meta': 'error', 'require-resolve-not-external': 'silent' },
    // mocha 12 ships ESM that reads import.meta.url; give the CJS bundle a real value.
    define: { 'import.meta.url': '__shotlistImportMetaUrl' },
    banner: { js: 'var __shotlistImportMetaUrl = require("url").pathToFileURL(__filename).href;' },
  });
} catch {
  fail('bundling the integration tests failed (see esbuild errors above)');
}
say(`bundled ${testFiles.length} test file(s) into ${path.relative(root, outDir)}/ (${elapsed(t)})`);

// 3. The VS Code host (code-server + playwright-core) lives in test/vscode-host/node_modules.
if (!hostInstalled()) {
  say('VS Code host missing or stale: running scripts/setup-vscode-host.sh');
  t = Date.now();
  const setup = spawnSync('bash', [path.join(root, 'scripts', 'setup-vscode-host.sh')], { cwd: root, stdio: 'inherit' });
  if (setup.status !== 0) {
    fail('scripts/setup-vscode-host.sh failed');
  }
  say(`VS Code host set up (${elapsed(t)})`);
}

// 4. Run. The shim must be executable: test-electron spawns it directly.
if ((statSync(shim).mode & 0o111) === 0) {
  chmodSync(shim, 0o755);
}
t = Date.now();
say(`running the tests in VS Code (workspace ${path.relative(root, fixtures)})`);
try {
  await runTests({
    vscodeExecutablePath: shim,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(outDir, 'index.js'),
    launchArgs: [fixtures],
  });
} catch (err) {
  fail(`integration tests failed: ${err instanceof Error ? err.message : String(err)} (total ${elapsed(t0)})`);
}
say(`integration tests passed (run ${elapsed(t)}, total ${elapsed(t0)})`);
