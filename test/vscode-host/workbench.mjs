// Steps shared by the scripts that drive the real workbench (npm run try, the screenshots):
// installing the VSIX into a fresh extensions dir, loading the workbench, Quick Open, polling.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { CODE_SERVER_BIN } from './run-tests.mjs';

/** Installs `vsix` with code-server's CLI into `stateDir`'s own dirs; throws with its output on failure. */
export function installVsix({ stateDir, configFile, vsix }) {
  const install = spawnSync(CODE_SERVER_BIN, [
    '--config', configFile,
    '--user-data-dir', path.join(stateDir, 'user-data'),
    '--extensions-dir', path.join(stateDir, 'extensions'),
    '--install-extension', vsix, '--force',
  ], { encoding: 'utf8' });
  if (install.status !== 0 || !/successfully installed/i.test(install.stdout + install.stderr)) {
    throw new Error(`code-server --install-extension failed:\n${install.stdout}\n${install.stderr}`);
  }
}

/** Loads the workbench at `url` and waits until the Explorer has had a moment to fill. */
export async function openWorkbench(page, url) {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForSelector('.explorer-folders-view', { timeout: 30_000 }).catch(() => {});
  await page.waitForTimeout(1500);
}

/** Opens `relativePath` (relative to the folder) with Quick Open and waits for its editor. */
export async function quickOpen(page, relativePath) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15_000 });
  await page.keyboard.type(relativePath, { delay: 10 });
  await page.waitForSelector('.quick-input-widget .monaco-list-row', { timeout: 15_000 });
  await page.waitForTimeout(500);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab[aria-label*="${path.basename(relativePath)}"]`, { timeout: 20_000 });
  await page.waitForSelector('.monaco-editor .view-lines .view-line', { timeout: 20_000 });
}

/** Polls `probe` (async) until `accept(value)` holds or the time is up; returns the last value. */
export async function poll(probe, accept, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await probe();
  }
  return value;
}
