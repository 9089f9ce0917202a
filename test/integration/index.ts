// Entry point loaded by the VS Code extension host (extensionTestsPath), same contract as
// @vscode/test-electron: export run(): Promise<void>. scripts/test-integration.mjs bundles this
// file (with mocha) and every test/integration/**/*.test.ts into out/integration/; run() picks
// up the *.test.js files next to it at runtime. The script bundles each pass (normal, and the
// untrusted folder's in untrusted/) into its own directory, so run() finds only that pass's tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

function findTestFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 20_000 });
  const grep = process.env['SHOTLIST_TEST_GREP'];
  // Set by scripts/test-integration.mjs: it learns how many tests ran, so that a grep matching tests of
  // one pass only does not fail the other; the script fails when no pass ran any.
  const countFile = process.env['SHOTLIST_TEST_COUNT_FILE'];
  if (grep) {
    mocha.grep(grep);
  }
  const files = findTestFiles(__dirname);
  if (files.length === 0) {
    return Promise.reject(new Error(`no *.test.js files found in ${__dirname}`));
  }
  for (const file of files) {
    mocha.addFile(file);
  }
  return new Promise((resolve, reject) => {
    let ran = 0;
    try {
      const runner = mocha.run((failures) => {
        if (countFile) {
          fs.writeFileSync(countFile, String(ran));
        }
        if (failures > 0) {
          reject(new Error(`${failures} integration test(s) failed`));
        } else if (ran === 0 && !(grep && countFile)) {
          reject(new Error('no integration test ran'));
        } else {
          resolve();
        }
      });
      runner.on('test end', () => {
        ran++;
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
