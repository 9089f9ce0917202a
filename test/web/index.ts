// Entry point loaded by the web worker extension host (extensionTestsPath), the contract of
// @vscode/test-electron and @vscode/test-web: export run(): Promise<void>. In that host only
// `require('vscode')` exists, so scripts/test-web.mjs bundles this file, mocha's browser build and every
// test/web/*.test.ts into one file (out/web/tests.js); the generated entry calls setupMocha(), then
// loads the test files (their suite()/test() calls need mocha's globals), then run().
// mocha's browser build: an ES module (mocha 12 is "type": "module") that sets globalThis.mocha.
import 'mocha/mocha.js';

/** Set at bundle time by scripts/test-web.mjs (there is no process.env in a web worker). */
declare const SHOTLIST_TEST_GREP: string;

interface BrowserMocha {
  setup(options: { ui: string; reporter: string; timeout: number; color?: boolean }): void;
  grep(pattern: string): void;
  run(done: (failures: number) => void): { on(event: 'test end', listener: () => void): void };
}

const mocha = (globalThis as unknown as { readonly mocha: BrowserMocha }).mocha;

export function setupMocha(): void {
  mocha.setup({ ui: 'tdd', reporter: 'spec', timeout: 20_000 });
  if (SHOTLIST_TEST_GREP) {
    mocha.grep(SHOTLIST_TEST_GREP);
  }
}

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    let ran = 0;
    try {
      const runner = mocha.run((failures) => {
        if (failures > 0) {
          reject(new Error(`${failures} web test(s) failed`));
        } else if (ran === 0) {
          reject(new Error(SHOTLIST_TEST_GREP ? `SHOTLIST_TEST_GREP=${SHOTLIST_TEST_GREP} matched no web test` : 'no web test ran'));
        } else {
          // The runner reads this line to report the count (the host's exit code alone cannot say it).
          console.log(`[shotlist-web] ${ran} web test(s) passed`);
          resolve();
        }
      });
      runner.on('test end', () => {
        ran++;
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
