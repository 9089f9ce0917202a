#!/usr/bin/env node
// Stand-in "VS Code executable" for @vscode/test-electron:
//   runTests({ vscodeExecutablePath: '<repo>/test/vscode-host/code-shim.mjs', ... })
// test-electron spawns it with Electron-style arguments, e.g.
//   <folder> --no-sandbox --disable-gpu-sandbox --disable-updates --skip-welcome
//   --skip-release-notes --disable-workspace-trust --extensionTestsPath=<p>
//   --extensionDevelopmentPath=<p> --user-data-dir=<p> --extensions-dir=<p>
// We keep the two test paths and the first positional folder and hand them to run-tests.mjs
// (code-server + headless chromium). Everything else is ignored: run-tests.mjs always uses a
// fresh temporary user-data and extensions dir. Exit code = the tests' exit code.
import { runVSCodeTests } from './run-tests.mjs';

const valueFlags = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);
const opts = {};
const folders = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  const m = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
  if (!m) { folders.push(arg); continue; }
  const [, name, inline] = m;
  if (!valueFlags.has(name)) { continue; }          // --no-sandbox, --skip-welcome, ...
  const value = inline ?? argv[++i];                // accept "--flag value" too
  if (name === 'extensionDevelopmentPath' && opts.extensionDevelopmentPath) {
    console.error('[code-shim] several --extensionDevelopmentPath values are not supported; using the first');
    continue;
  }
  opts[name] = value;
}
if (!opts.extensionDevelopmentPath || !opts.extensionTestsPath) {
  console.error('[code-shim] need --extensionDevelopmentPath=<dir> and --extensionTestsPath=<file>; got: ' + argv.join(' '));
  process.exit(2);
}
if (folders.length > 1) { console.error(`[code-shim] several folders given, opening only ${folders[0]}`); }
process.exit(await runVSCodeTests({
  extensionDevelopmentPath: opts.extensionDevelopmentPath,
  extensionTestsPath: opts.extensionTestsPath,
  folder: folders[0],
}));
