#!/usr/bin/env node
// `npm run screenshot`: the README's picture of Shotlist's highlighting, taken in the real VS Code
// workbench (code-server 4.100.3 in headless Debian chromium, see run-tests.mjs) with the packaged
// extension (dist/shotlist.vsix) installed, and checked before it is saved:
//   1. the status bar shows the language "UNifeed Transcript" for a `.txt` shot list, i.e. the
//      packaged extension activated on a plain-text file and content detection switched it;
//   2. the editor's tokens have more than MIN_COLOURS distinct computed colours (grammar + theme);
// then writes media/screenshot-highlighting.png (kept under MAX_BYTES).
// Options:
//   --no-package        reuse dist/shotlist.vsix instead of running `npm run package`
//   --file <relative>   fixture under test/fixtures to show (default shotlists/clean.txt)
//   --out <png>         output file (default media/screenshot-highlighting.png)
// Env: CHROMIUM_PATH, SHOTLIST_HOST_VERBOSE=1 (page console), SHOTLIST_KEEP_STATE=1 (keep temp dir).
// Exit code 0 when both checks passed and the PNG was written; 1 otherwise (with an error screenshot
// in .vscode-test/vscode-host/.state/).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installVsix, openWorkbench, poll, quickOpen } from './workbench.mjs';
import { hostInstalled, hostVersion, launchChromium, STATE_DIR, startCodeServer } from './run-tests.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(HERE, '..', '..');
const fixtures = path.join(root, 'test', 'fixtures');
const vsix = path.join(root, 'dist', 'shotlist.vsix');
// More than this many distinct token colours (plain text, field names and keywords, numbers, speaker
// names in Default Dark Modern; quotes are markup.quote, which that theme leaves uncoloured).
const MIN_COLOURS = 3;
const MAX_BYTES = 300 * 1024;
const VIEWPORT = { width: 1280, height: 720 };

const say = (msg) => console.log(`[screenshot] ${msg}`);
function die(msg) {
  console.error(`[screenshot] ERROR: ${msg}`);
  process.exit(1);
}

function parseArgs(argv) {
  const opts = { pack: true, file: 'shotlists/clean.txt', out: path.join(root, 'media', 'screenshot-highlighting.png') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-package') {
      opts.pack = false;
    } else if (a === '--file') {
      opts.file = argv[++i];
    } else if (a === '--out') {
      opts.out = path.resolve(argv[++i] ?? '');
    } else if (a === '-h' || a === '--help') {
      console.log('usage: npm run screenshot -- [--no-package] [--file shotlists/clean.txt] [--out media/screenshot-highlighting.png]');
      process.exit(0);
    } else {
      die(`unknown argument ${a} (see --help)`);
    }
  }
  if (!opts.file || !existsSync(path.join(fixtures, opts.file))) { die(`no such fixture: test/fixtures/${opts.file}`); }
  return opts;
}

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) { die(`${what} failed`); }
}

const opts = parseArgs(process.argv.slice(2));
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

// Fresh state: user settings for a calm picture, the VSIX in its own extensions dir.
const stateDir = mkdtempSync(path.join(os.tmpdir(), 'shotlist-screenshot-'));
const removeState = () => {
  if (process.env.SHOTLIST_KEEP_STATE === '1') { say(`state kept in ${stateDir}`); }
  else { rmSync(stateDir, { recursive: true, force: true }); }
};
const configFile = path.join(stateDir, 'config.yaml');
writeFileSync(configFile, 'auth: none\ncert: false\n');
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
}, null, 2));

say(`installing ${path.relative(root, vsix)} into a fresh extensions dir`);
try {
  installVsix({ stateDir, configFile: configFile, vsix });
} catch (e) {
  removeState();
  die(e instanceof Error ? e.message : String(e));
}

let server;
try {
  server = await startCodeServer({ stateDir, folder: fixtures });
} catch (e) {
  removeState();
  die(e instanceof Error ? e.message : String(e));
}
say(`${hostVersion()} on ${server.url}`);

let ok = false;
let browser;
let page;
try {
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 })).newPage();
  if (process.env.SHOTLIST_HOST_VERBOSE === '1') {
    page.on('console', (m) => console.log(`[page] ${m.text()}`));
  }
  await openWorkbench(page, `${server.url}?folder=${encodeURIComponent(fixtures)}`);

  say(`opening ${opts.file} with Quick Open`);
  await quickOpen(page, opts.file);

  // 1. The language in the status bar: the extension must activate on the plain-text file and switch it.
  const language = await poll(
    async () => (await page.locator('[id="status.editor.mode"]').first().innerText().catch(() => '')).trim(),
    (text) => text === languageLabel,
    20_000,
  );
  say(`status bar language: ${JSON.stringify(language)}`);
  if (language !== languageLabel) { throw new Error(`the status bar shows ${JSON.stringify(language)}, expected ${JSON.stringify(languageLabel)}`); }

  // 2. Token colours: what the grammar and the theme make of the visible lines. Bracket-pair
  // decorations are the editor's, not the grammar's: they do not count.
  const readTokens = () => page.evaluate(() => {
    const tokens = [];
    for (const span of document.querySelectorAll('.monaco-editor .view-lines .view-line span span')) {
      const text = span.textContent ?? '';
      if (!text.trim() || /bracket/.test(span.className)) { continue; }
      tokens.push({ text: text.trim(), colour: getComputedStyle(span).color, base: span.classList.contains('mtk1') });
    }
    return tokens;
  });
  const distinctColours = (tokens) => new Set(tokens.map((token) => token.colour)).size;
  const tokens = await poll(readTokens, (found) => distinctColours(found) > MIN_COLOURS, 20_000);
  const counts = new Map();
  tokens.forEach((token) => counts.set(token.colour, (counts.get(token.colour) ?? 0) + 1));
  say(`distinct token colours: ${counts.size} (${[...counts].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ×${n}`).join(', ')})`);
  if (counts.size <= MIN_COLOURS) { throw new Error(`only ${counts.size} distinct token colours, expected more than ${MIN_COLOURS}`); }
  // And the tokens that matter are among the coloured ones, not plain text.
  const plain = tokens.find((token) => token.base)?.colour;
  for (const word of ['STORY', 'TRT', 'SOUNDBITE']) {
    const token = tokens.find((candidate) => new RegExp(`^${word}\\b`).test(candidate.text));
    if (!token) { throw new Error(`no ${word} token on screen`); }
    if (token.colour === plain) { throw new Error(`${word} has the plain-text colour ${plain}`); }
  }

  // A calm picture: no notification toasts, the cursor away from the text, the first line at the top.
  await page.keyboard.press('Control+Home');
  await page.evaluate(() => document.querySelectorAll('.notifications-toasts .notification-toast-container').forEach((n) => n.remove()));
  await page.mouse.move(VIEWPORT.width - 5, VIEWPORT.height - 5);
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
    const errShot = path.join(shotDir, `screenshot-error-${Date.now()}.png`);
    await page.screenshot({ path: errShot }).catch(() => {});
    say(`what the workbench showed: ${errShot}`);
  }
} finally {
  await browser?.close().catch(() => {});
  await server.stop();
  removeState();
}
process.exit(ok ? 0 : 1);
