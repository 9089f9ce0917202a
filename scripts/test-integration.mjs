// Integration tests inside a real VS Code extension host (code-server 4.100.3 = VS Code 1.100.3,
// rendered by headless Debian chromium; see test/vscode-host/run-tests.mjs).
//   1. build the extension bundle (scripts/build.mjs)
//   2. bundle test/integration/index.ts + the tests of each pass (CJS, mocha inlined): the normal pass
//      (**/*.test.ts but untrusted/ and french/) into out/integration/, untrusted/*.test.ts into out/integration-untrusted/,
//      french/*.test.ts into out/integration-french/
//   3. install the VS Code host if needed (scripts/setup-vscode-host.sh)
//   4. @vscode/test-electron runTests() with test/vscode-host/code-shim.mjs as the "VS Code", once per
//      pass: test/fixtures with workspace trust disabled, then test/fixtures-untrusted with trust on and
//      the folder untrusted (SHOTLIST_WORKSPACE_TRUST=1, Restricted Mode), then test/fixtures again with
//      the French display language (french/*.test.ts, SHOTLIST_DISPLAY_LANGUAGE=fr)
// Exit code 0 only when every test passed and each pass ran tests (with SHOTLIST_TEST_GREP: some pass).
// Env: SHOTLIST_TEST_TIMEOUT_MS (default 420000), SHOTLIST_TEST_GREP (mocha --grep),
//      SHOTLIST_TEST_PASS=normal|untrusted|french (only that pass), SHOTLIST_HOST_VERBOSE=1,
//      SHOTLIST_KEEP_STATE=1 (see test/vscode-host/run-tests.mjs).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { hostInstalled } from '../test/vscode-host/run-tests.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const testsSrc = path.join(root, 'test', 'integration');
const outDir = path.join(root, 'out', 'integration');
const untrustedOutDir = path.join(root, 'out', 'integration-untrusted');
const frenchOutDir = path.join(root, 'out', 'integration-french');
const hostDir = path.join(root, 'test', 'vscode-host');
const shim = path.join(hostDir, 'code-shim.mjs');
const fixtures = path.join(root, 'test', 'fixtures');
// Outside test/fixtures so that the normal pass's workspace (index, references) never sees it.
const untrustedFixtures = path.join(root, 'test', 'fixtures-untrusted');
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

// 2. Test bundles, one directory per pass: index.js finds the *.test.js files next to it. Pass
// "untrusted" holds test/integration/untrusted/ and opens test/fixtures-untrusted with workspace trust
// on; the normal pass holds every other test and opens test/fixtures with trust disabled.
t = Date.now();
const testFiles = readdirSync(testsSrc, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .sort();
const isUntrusted = (f) => f.split(path.sep)[0] === 'untrusted';
const isFrench = (f) => f.split(path.sep)[0] === 'french';
const allPasses = [
  { name: 'normal', files: testFiles.filter((f) => !isUntrusted(f) && !isFrench(f)), outDir, folder: fixtures, env: { SHOTLIST_WORKSPACE_TRUST: '0' } },
  { name: 'untrusted', files: testFiles.filter(isUntrusted), outDir: untrustedOutDir, folder: untrustedFixtures, env: { SHOTLIST_WORKSPACE_TRUST: '1' } },
  // French display language (an offline stand-in for a language pack, test/vscode-host/run-tests.mjs).
  { name: 'french', files: testFiles.filter(isFrench), outDir: frenchOutDir, folder: fixtures, env: { SHOTLIST_WORKSPACE_TRUST: '0', SHOTLIST_DISPLAY_LANGUAGE: 'fr' } },
];
const only = process.env.SHOTLIST_TEST_PASS;
const passes = allPasses.filter((pass) => !only || pass.name === only);
if (passes.length === 0) {
  fail(`SHOTLIST_TEST_PASS=${only}: no such pass (${allPasses.map((p) => p.name).join(', ')})`);
}
for (const pass of passes) {
  if (pass.files.length === 0) {
    fail(`no *.test.ts files for the ${pass.name} pass in ${path.relative(root, testsSrc)}`);
  }
  rmSync(pass.outDir, { recursive: true, force: true });
  try {
    await esbuild.build({
      entryPoints: [path.join(testsSrc, 'index.ts'), ...pass.files.map((f) => path.join(testsSrc, f))],
      outdir: pass.outDir,
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
    fail(`bundling the ${pass.name} integration tests failed (see esbuild errors above)`);
  }
}
say(`bundled ${passes.map((p) => `${p.files.length} ${p.name}`).join(' + ')} test file(s) into ${passes.map((p) => path.relative(root, p.outDir)).join('/, ')}/ (${elapsed(t)})`);

// 3. The VS Code host (code-server + playwright-core) is installed in .vscode-test/vscode-host/node_modules.
if (!hostInstalled()) {
  say('VS Code host missing or stale: running scripts/setup-vscode-host.sh');
  t = Date.now();
  const setup = spawnSync('bash', [path.join(root, 'scripts', 'setup-vscode-host.sh')], { cwd: root, stdio: 'inherit' });
  if (setup.status !== 0) {
    fail('scripts/setup-vscode-host.sh failed');
  }
  say(`VS Code host set up (${elapsed(t)})`);
}

// 4. Run each pass in its own VS Code. The shim must be executable: test-electron spawns it directly.
// Every pass runs even after a failure (the summary names them all); the run fails when one failed,
// when one ran no test, or, with SHOTLIST_TEST_GREP, when the grep matched no test in any pass.
if ((statSync(shim).mode & 0o111) === 0) {
  chmodSync(shim, 0o755);
}
const grep = process.env.SHOTLIST_TEST_GREP;
const countDir = mkdtempSync(path.join(os.tmpdir(), 'shotlist-count-'));
const results = [];
for (const pass of passes) {
  t = Date.now();
  const countFile = path.join(countDir, pass.name);
  say(`${pass.name} pass: running the tests in VS Code (workspace ${path.relative(root, pass.folder)}${pass.env.SHOTLIST_WORKSPACE_TRUST === '1' ? ', workspace trust on' : ''})`);
  let error;
  try {
    await runTests({
      vscodeExecutablePath: shim,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(pass.outDir, 'index.js'),
      launchArgs: [pass.folder],
      // Reach code-shim.mjs/run-tests.mjs and, through code-server, the extension host (index.ts).
      extensionTestsEnv: { ...pass.env, SHOTLIST_TEST_COUNT_FILE: countFile },
    });
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const ran = existsSync(countFile) ? Number(readFileSync(countFile, 'utf8')) : 0;
  if (!error && ran === 0 && !grep) {
    error = 'no test ran';
  }
  results.push({ name: pass.name, ran, error, time: elapsed(t) });
  say(`${pass.name} pass: ${error ? `FAILED (${error})` : `${ran} test(s) passed`} in ${elapsed(t)}`);
}
rmSync(countDir, { recursive: true, force: true });
const failed = results.filter((r) => r.error);
if (failed.length > 0) {
  fail(`integration tests failed in the ${failed.map((r) => r.name).join(' and ')} pass (total ${elapsed(t0)})`);
}
if (results.every((r) => r.ran === 0)) {
  fail(`SHOTLIST_TEST_GREP=${grep} matched no test in any pass`);
}
say(`integration tests passed: ${results.map((r) => `${r.name} ${r.ran} in ${r.time}`).join(', ')} (total ${elapsed(t0)})`);
