#!/usr/bin/env node
// `npm run screenshot:outline`: the README's picture of the Outline and the Soundbites view, taken in the
// real VS Code workbench (code-server 4.100.3 in headless Debian chromium, see run-tests.mjs and
// screenshot.mjs) with the packaged extension (dist/shotlist.vsix) installed, on the real seed
// ../shared/seeds/000_e751e5e04960dd4f.txt. The seed is copied into a temporary workspace at run time and
// never committed. Before the PNG is saved, the DOM must show:
//   1. the status bar language "UNifeed Transcript" (content detection switched the .txt);
//   2. the Outline (Explorer, left) with the soundbites as the outline provider names them, "N. Speaker"
//      (e.g. "2. Jean-Pierre Lacroix"); when no outline provider is installed yet, at least one outline row;
//   3. the Soundbites view (moved to the secondary side bar, right) with the seed's eight soundbites,
//      "2. We're on the way to completing this…" first, the one under the cursor selected;
// then writes media/screenshot-outline.png (kept under MAX_BYTES).
// Options:
//   --no-package   reuse dist/shotlist.vsix instead of running `npm run package`
//   --out <png>    output file (default media/screenshot-outline.png)
// Env: SHOTLIST_SEEDS (default ../shared/seeds), CHROMIUM_PATH, SHOTLIST_HOST_VERBOSE=1, SHOTLIST_KEEP_STATE=1.
// Exit code 0 when every check passed and the PNG was written; 1 otherwise (with an error screenshot in
// .vscode-test/vscode-host/.state/).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installVsix, openWorkbench, poll, quickOpen } from './workbench.mjs';
import { hostInstalled, hostVersion, launchChromium, STATE_DIR, startCodeServer } from './run-tests.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(HERE, '..', '..');
const vsix = path.join(root, 'dist', 'shotlist.vsix');
const SEED = '000_e751e5e04960dd4f.txt';
const seeds = process.env.SHOTLIST_SEEDS ?? path.join(root, '..', 'shared', 'seeds');
const MAX_BYTES = 400 * 1024;
const VIEWPORT = { width: 1600, height: 900 };
/** Side bar widths for the picture, so that labels and descriptions show. */
const SIDEBAR_WIDTH = 360;
const SECONDARY_WIDTH = 500;
/** 0-based line of soundbite 2's quote in the seed: the cursor goes there. */
const CURSOR_LINE = 14;
const EXPECTED_SOUNDBITES = 8;
const FIRST_SOUNDBITE = '2. We\'re on the way to completing this…';
const OUTLINE_SOUNDBITE = '2. Jean-Pierre Lacroix';

const say = (msg) => console.log(`[screenshot-outline] ${msg}`);
function die(msg) {
  console.error(`[screenshot-outline] ERROR: ${msg}`);
  process.exit(1);
}

function parseArgs(argv) {
  const opts = { pack: true, out: path.join(root, 'media', 'screenshot-outline.png') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-package') {
      opts.pack = false;
    } else if (a === '--out') {
      opts.out = path.resolve(argv[++i] ?? '');
    } else if (a === '-h' || a === '--help') {
      console.log('usage: npm run screenshot:outline -- [--no-package] [--out media/screenshot-outline.png]');
      process.exit(0);
    } else {
      die(`unknown argument ${a} (see --help)`);
    }
  }
  return opts;
}

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) { die(`${what} failed`); }
}

const opts = parseArgs(process.argv.slice(2));
const seedFile = path.join(seeds, SEED);
if (!existsSync(seedFile)) { die(`the seed ${seedFile} is missing (../shared/seeds beside the clone, or set SHOTLIST_SEEDS)`); }
const languageLabel = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
  .contributes?.languages?.find((l) => l.id === 'unifeed')?.aliases?.[0];
if (!languageLabel) { die('package.json contributes no unifeed language'); }

if (opts.pack) {
  say('packaging: npm run package');
  run('npm', ['run', '--silent', 'package'], 'npm run package');
}
if (!existsSync(vsix)) { die(`${path.relative(root, vsix)} not found (run without --no-package)`); }
if (!hostInstalled()) {
  say('setting up the VS Code host: scripts/setup-vscode-host.sh');
  run('bash', [path.join(root, 'scripts', 'setup-vscode-host.sh')], 'setup-vscode-host.sh');
}

// Fresh state: the seed alone in a temporary workspace, calm user settings, the VSIX in its own extensions dir.
const stateDir = mkdtempSync(path.join(os.tmpdir(), 'shotlist-screenshot-outline-'));
const workspace = path.join(stateDir, 'newsroom');
mkdirSync(workspace);
copyFileSync(seedFile, path.join(workspace, SEED));
const removeState = () => {
  if (process.env.SHOTLIST_KEEP_STATE === '1') { say(`state kept in ${stateDir}`); }
  else { rmSync(stateDir, { recursive: true, force: true }); }
};
writeFileSync(path.join(stateDir, 'config.yaml'), 'auth: none\ncert: false\n');
const userSettings = path.join(stateDir, 'user-data', 'User');
mkdirSync(userSettings, { recursive: true });
writeFileSync(path.join(userSettings, 'settings.json'), JSON.stringify({
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.layoutControl.enabled': false,
  'chat.commandCenter.enabled': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'git.openRepositoryInParentFolders': 'never',
  'editor.wordWrap': 'on',
  'editor.minimap.enabled': false,
  'editor.fontSize': 13,
  'editor.renderLineHighlight': 'none',
  'editor.occurrencesHighlight': 'off',
  'editor.selectionHighlight': false,
  'editor.stickyScroll.enabled': false,
  'breadcrumbs.enabled': true,
  'outline.collapseItems': 'alwaysExpand',
  'workbench.tree.indent': 12,
}, null, 2));

say(`installing ${path.relative(root, vsix)} into a fresh extensions dir`);
try {
  installVsix({ stateDir, configFile: path.join(stateDir, 'config.yaml'), vsix });
} catch (e) {
  removeState();
  die(e instanceof Error ? e.message : String(e));
}

let server;
try {
  server = await startCodeServer({ stateDir, folder: workspace });
} catch (e) {
  removeState();
  die(e instanceof Error ? e.message : String(e));
}
say(`${hostVersion()} on ${server.url}`);

/** The rows the quick input offers now: label and whether it is the focused one. */
function quickPickRows(page) {
  return page.evaluate(() => [...document.querySelectorAll('.quick-input-widget .monaco-list-row')].map((row) => ({
    label: (row.querySelector('.label-name')?.textContent ?? row.getAttribute('aria-label') ?? '').replace(/\s+/g, ' ').trim(),
    focused: row.classList.contains('focused'),
  })));
}

/**
 * Types `text` into the quick input and accepts the row whose label matches `expected` (a RegExp),
 * moving the focus down to it: the list filters as it is typed, and fuzzy matches may come first.
 */
async function pick(page, text, expected) {
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15_000 });
  await page.keyboard.type(text, { delay: 5 });
  let rows = await poll(() => quickPickRows(page), (found) => found.some((row) => expected.test(row.label)), 10_000);
  const target = rows.findIndex((row) => expected.test(row.label));
  if (target < 0) {
    throw new Error(`the quick input for ${JSON.stringify(text)} offers ${rows.map((row) => row.label).join(' | ') || 'nothing'}, expected ${expected}`);
  }
  for (let step = 0; step < rows.length && !rows.some((row) => row.focused && expected.test(row.label)); step++) {
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(50);
    rows = await quickPickRows(page);
  }
  if (!rows.some((row) => row.focused && expected.test(row.label))) {
    throw new Error(`could not focus ${expected} in the quick input for ${JSON.stringify(text)}`);
  }
  await page.keyboard.press('Enter');
  await page.waitForTimeout(400);
}

/** Runs a command from the Command Palette by its title, then answers each [text, expected label] pick. */
async function runCommand(page, title, picks = []) {
  await page.keyboard.press('Control+Shift+P');
  await pick(page, title, new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  for (const [text, expected] of picks) {
    await pick(page, text, expected);
  }
  await page.waitForTimeout(500);
}

/** Drags the sash on the `edge` ('left' or 'right') of a workbench part until the part is `width` wide. */
async function resizePart(page, selector, edge, width) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) { throw new Error(`${selector} is not on screen`); }
  const x = edge === 'left' ? box.x : box.x + box.width;
  const y = box.y + box.height / 2;
  const dx = edge === 'left' ? box.width - width : width - box.width;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y, { steps: 4 });
  await page.mouse.move(x + dx, y, { steps: 4 });
  await page.mouse.up();
  await page.waitForTimeout(300);
}

/** The rows of the pane whose header title is `title`: their visible text and selection. */
function paneRows(page, title) {
  return page.evaluate((wanted) => {
    for (const pane of document.querySelectorAll('.pane')) {
      const header = pane.querySelector('.pane-header .title');
      if (!header || header.textContent?.trim().toLowerCase() !== wanted.toLowerCase()) { continue; }
      return [...pane.querySelectorAll('.pane-body .monaco-list-row')].map((row) => ({
        text: (row.textContent ?? '').replace(/\s+/g, ' ').trim(),
        label: (row.querySelector('.label-name')?.textContent ?? '').trim(),
        description: (row.querySelector('.label-description')?.textContent ?? '').trim(),
        selected: row.classList.contains('selected'),
      }));
    }
    return null;
  }, title);
}

let ok = false;
let browser;
let page;
try {
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 })).newPage();
  if (process.env.SHOTLIST_HOST_VERBOSE === '1') {
    page.on('console', (m) => console.log(`[page] ${m.text()}`));
  }
  await openWorkbench(page, `${server.url}?folder=${encodeURIComponent(workspace)}`);

  say(`opening ${SEED} with Quick Open`);
  await quickOpen(page, SEED);

  // 1. The language in the status bar: the extension activated on the .txt and switched it.
  const language = await poll(
    async () => (await page.locator('[id="status.editor.mode"]').first().innerText().catch(() => '')).trim(),
    (text) => text === languageLabel,
    20_000,
  );
  say(`status bar language: ${JSON.stringify(language)}`);
  if (language !== languageLabel) { throw new Error(`the status bar shows ${JSON.stringify(language)}, expected ${JSON.stringify(languageLabel)}`); }

  // The Soundbites view goes to the secondary side bar (right), so the Explorer's Outline keeps the left.
  say('moving the Soundbites view to the secondary side bar');
  await runCommand(page, 'View: Move View', [['Soundbites', /^Soundbites$/], ['Secondary Side Bar', /Secondary Side Bar/]]);
  // The Explorer with only the Outline open: the folder tree (one file) and the Timeline collapsed.
  await runCommand(page, 'Explorer: Focus on Outline View');
  await page.evaluate(() => {
    for (const pane of document.querySelectorAll('.explorer-viewlet .pane')) {
      const title = pane.querySelector('.pane-header .title')?.textContent?.trim().toLowerCase() ?? '';
      const expanded = pane.querySelector('.pane-header')?.getAttribute('aria-expanded') === 'true';
      if (title !== 'outline' && expanded) { pane.querySelector('.pane-header')?.dispatchEvent(new MouseEvent('click', { bubbles: true })); }
    }
  });

  await resizePart(page, '.part.sidebar', 'right', SIDEBAR_WIDTH);
  await resizePart(page, '.part.auxiliarybar', 'left', SECONDARY_WIDTH);

  // The cursor in soundbite 2's quote: the Soundbites view selects it, the Outline highlights it.
  await page.locator('.monaco-editor .view-lines').first().click({ position: { x: 200, y: 10 } });
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15_000 });
  await page.keyboard.type(`:${CURSOR_LINE + 1}`, { delay: 5 });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1000);

  // 2. The Outline shows the soundbites.
  const outline = await poll(() => paneRows(page, 'Outline'), (rows) => (rows ?? []).some((row) => row.label === OUTLINE_SOUNDBITE), 20_000);
  if (!outline || outline.length === 0) { throw new Error('the Outline view shows no rows'); }
  const outlineSoundbites = outline.filter((row) => /^\d+\. /.test(row.label));
  say(`outline: ${outline.length} rows, soundbite rows ${outlineSoundbites.map((row) => JSON.stringify(row.label)).join(', ')}`);
  if (!outline.some((row) => row.label === OUTLINE_SOUNDBITE)) {
    throw new Error(`the Outline has no row ${JSON.stringify(OUTLINE_SOUNDBITE)}; rows: ${outline.map((row) => row.label).join(' | ')}`);
  }

  // 3. The Soundbites view lists the eight soundbites and follows the cursor.
  const soundbites = await poll(() => paneRows(page, 'Soundbites'),
    (rows) => (rows ?? []).filter((row) => /^\d+\. /.test(row.label)).length === EXPECTED_SOUNDBITES && (rows ?? []).some((row) => row.selected), 20_000);
  if (!soundbites) { throw new Error('the Soundbites view is not on screen'); }
  const soundbiteRows = soundbites.filter((row) => /^\d+\. /.test(row.label));
  say(`soundbites view: ${soundbites.length} rows: ${soundbites.map((row) => `${row.selected ? '*' : ''}${row.label} | ${row.description}`).join(' ; ')}`);
  if (soundbiteRows.length !== EXPECTED_SOUNDBITES) { throw new Error(`the Soundbites view shows ${soundbiteRows.length} soundbites, expected ${EXPECTED_SOUNDBITES}`); }
  if (soundbiteRows[0]?.label !== FIRST_SOUNDBITE) { throw new Error(`the first soundbite row is ${JSON.stringify(soundbiteRows[0]?.label)}, expected ${JSON.stringify(FIRST_SOUNDBITE)}`); }
  if (!soundbiteRows[0]?.description.includes('Jean-Pierre Lacroix')) { throw new Error(`the first soundbite row's description is ${JSON.stringify(soundbiteRows[0]?.description)}`); }
  if (!soundbiteRows[0]?.selected) { throw new Error('the soundbite under the cursor is not selected in the Soundbites view'); }

  // A calm picture: no notification toasts, no hover, no quick input.
  await page.keyboard.press('Escape');
  await page.evaluate(() => document.querySelectorAll('.notifications-toasts .notification-toast-container').forEach((n) => n.remove()));
  await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height - 5);
  await page.waitForTimeout(800);

  mkdirSync(path.dirname(opts.out), { recursive: true });
  await page.screenshot({ path: opts.out });
  const bytes = statSync(opts.out).size;
  say(`wrote ${path.relative(root, opts.out)} (${(bytes / 1024).toFixed(0)} KB, ${VIEWPORT.width}x${VIEWPORT.height})`);
  if (bytes > MAX_BYTES) { throw new Error(`${path.relative(root, opts.out)} is ${bytes} bytes, over the ${MAX_BYTES}-byte limit`); }
  ok = true;
} catch (e) {
  say(`FAILED: ${e instanceof Error ? e.message : String(e)}`);
  if (page) {
    const shotDir = STATE_DIR;
    mkdirSync(shotDir, { recursive: true });
    const errShot = path.join(shotDir, `screenshot-outline-error-${Date.now()}.png`);
    await page.screenshot({ path: errShot }).catch(() => {});
    say(`what the workbench showed: ${errShot}`);
  }
} finally {
  await browser?.close().catch(() => {});
  await server.stop();
  removeState();
}
process.exit(ok ? 0 : 1);
