// `npm run try`: package Shotlist and open it, with the samples/ workspace, in a real VS Code.
// samples/.vscode/settings.json sets `shotlist.tour.openOnStartup`: the extension opens the full shot list
// with the cursor on its first soundbite and the Outline and Soundbites views showing (src/features/tour.ts).
//   - desktop `code` on PATH: install dist/shotlist.vsix into it and open samples/;
//   - otherwise: code-server (test/vscode-host) with the VSIX installed into a fresh
//     extensions dir, serving samples/ on http://127.0.0.1:$PORT (default 8080) until Ctrl+C.
// Options:
//   --screenshot <out.png>  no display needed: open the workbench in headless chromium, wait for the
//                           startup file, save a PNG and exit; exit 1 unless the file is open as UNifeed
//                           with the cursor on its first soundbite and the Outline and Soundbites views show.
//   --no-package            reuse the existing dist/shotlist.vsix
//   --browser               use code-server even when a desktop `code` exists
// Env: PORT (serve mode, default 8080), CHROMIUM_PATH, SHOTLIST_HOST_VERBOSE=1.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installVsix, openWorkbench, poll } from '../test/vscode-host/workbench.mjs';
import { hostInstalled, hostVersion, launchChromium, startCodeServer } from '../test/vscode-host/run-tests.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vsix = path.join(root, 'dist', 'shotlist.vsix');
const samples = path.join(root, 'samples');
/** What the samples workspace shows at startup (samples/.vscode/settings.json), and where the cursor must be. */
const STARTUP_FILE = '01-shot-list.unifeed';
/** The first soundbite's quote (1-based line and column of its first word), as the status bar shows it. */
const FIRST_QUOTE = 'Ln 14, Col 2';

const say = (msg) => console.log(`[try] ${msg}`);
function die(msg) {
  console.error(`[try] ERROR: ${msg}`);
  process.exit(1);
}

function parseArgs(argv) {
  const opts = { screenshot: undefined, pack: true, browser: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--screenshot') {
      opts.screenshot = argv[++i];
      if (!opts.screenshot) { die('--screenshot needs a file name, e.g. --screenshot out.png'); }
    } else if (a.startsWith('--screenshot=')) {
      opts.screenshot = a.slice('--screenshot='.length);
    } else if (a === '--no-package') {
      opts.pack = false;
    } else if (a === '--browser') {
      opts.browser = true;
    } else if (a === '-h' || a === '--help') {
      console.log('usage: npm run try -- [--screenshot out.png] [--no-package] [--browser]');
      process.exit(0);
    } else {
      die(`unknown argument ${a} (see --help)`);
    }
  }
  return opts;
}

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) { die(`${what} failed (${cmd} ${args.join(' ')})`); }
}

function onPath(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).status === 0;
}

const opts = parseArgs(process.argv.slice(2));

if (opts.pack) {
  say('packaging: npm run package');
  run('npm', ['run', '--silent', 'package'], 'npm run package');
}
if (!existsSync(vsix)) { die(`${path.relative(root, vsix)} not found (run without --no-package)`); }

// Desktop VS Code: the real thing.
if (!opts.screenshot && !opts.browser && onPath('code')) {
  say('desktop VS Code found: installing the VSIX and opening samples/');
  run('code', ['--install-extension', vsix, '--force'], 'code --install-extension');
  run('code', [samples], 'code');
  process.exit(0);
}

// code-server in a browser.
if (!hostInstalled()) {
  say('setting up the VS Code host (code-server + chromium): scripts/setup-vscode-host.sh');
  run('bash', [path.join(root, 'scripts', 'setup-vscode-host.sh')], 'setup-vscode-host.sh');
}

const stateDir = mkdtempSync(path.join(os.tmpdir(), 'shotlist-try-'));
const configFile = path.join(stateDir, 'config.yaml');
writeFileSync(configFile, 'auth: none\ncert: false\n');
const userSettings = path.join(stateDir, 'user-data', 'User');
mkdirSync(userSettings, { recursive: true });
writeFileSync(path.join(userSettings, 'settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'git.openRepositoryInParentFolders': 'never', // samples/ sits inside this repository
}, null, 2));
const removeState = () => rmSync(stateDir, { recursive: true, force: true });

say(`installing ${path.relative(root, vsix)} into a fresh extensions dir (${stateDir})`);
try {
  installVsix({ stateDir, configFile: configFile, vsix });
} catch (e) {
  removeState();
  die(e instanceof Error ? e.message : String(e));
}

let server;
try {
  server = await startCodeServer({
    stateDir,
    folder: samples,
    // Serve mode: a predictable port. Screenshot mode: any free port.
    port: opts.screenshot ? undefined : Number(process.env.PORT || 8080),
  });
} catch (e) {
  removeState();
  die(`${e instanceof Error ? e.message : String(e)}${opts.screenshot ? '' : '\n(is the port taken? set PORT=...)'}`);
}
const url = `${server.url}?folder=${encodeURIComponent(samples)}`;

if (!opts.screenshot) {
  console.log('');
  say(`Shotlist is running in ${hostVersion()}. Open in a browser:`);
  console.log(`\n    ${url}\n`);
  say('press Ctrl+C to stop');
  let stopping = false;
  const stop = async (sig) => {
    if (stopping) { return; }
    stopping = true;
    say(`${sig}: stopping code-server`);
    await server.stop();
    removeState();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.proc.once('exit', (code) => {
    if (stopping) { return; }
    console.error(server.output());
    removeState();
    die(`code-server exited unexpectedly (${code})`);
  });
} else {
  const out = path.resolve(opts.screenshot);
  let ok = false;
  let browser;
  try {
    // The language's name as the status bar shows it (English UI): package.json may hold a %key% of package.nls.json.
    const alias = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
      .contributes?.languages?.find((l) => l.id === 'unifeed')?.aliases?.[0] ?? 'unifeed';
    const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
    const languageLabel = /^%.+%$/.test(alias) ? nls[alias.slice(1, -1)] ?? alias : alias;
    browser = await launchChromium();
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 860 } })).newPage();
    if (process.env.SHOTLIST_HOST_VERBOSE === '1') {
      page.on('console', (m) => console.log(`[page] ${m.text()}`));
    }
    say(`opening ${url}`);
    await openWorkbench(page, url);
    // Nothing is clicked: the extension opens the startup file and the views by itself.
    const state = await poll(() => page.evaluate(() => {
      const text = (el) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
      // A view moved out of its container is titled with the container's name too ("Shotlist: Soundbites").
      const visiblePane = (title) => [...document.querySelectorAll('.pane')].some((pane) =>
        text(pane.querySelector('.pane-header .title')).toLowerCase().split(': ').pop() === title &&
        pane.querySelector('.pane-header')?.getAttribute('aria-expanded') === 'true' &&
        pane.querySelectorAll('.pane-body .monaco-list-row').length > 0);
      return {
        tab: text(document.querySelector('.tab.active .label-name')),
        language: text(document.getElementById('status.editor.mode')),
        cursor: text(document.getElementById('status.editor.selection')),
        outline: visiblePane('outline'),
        soundbites: visiblePane('soundbites'),
      };
    }), (s) => s.tab === STARTUP_FILE && s.language === languageLabel && s.cursor === FIRST_QUOTE && s.outline && s.soundbites, 30_000);
    await page.waitForTimeout(500);
    await page.screenshot({ path: out });
    say(`editor tab  : ${state.tab}`);
    say(`language    : ${JSON.stringify(state.language)} (status bar)`);
    say(`cursor      : ${JSON.stringify(state.cursor)} (expected ${FIRST_QUOTE}, the first soundbite's quote)`);
    say(`views       : Outline ${state.outline ? 'showing' : 'NOT showing'}, Soundbites ${state.soundbites ? 'showing' : 'NOT showing'}`);
    say(`screenshot  : ${out}`);
    ok = state.tab === STARTUP_FILE && state.language === languageLabel && state.cursor === FIRST_QUOTE && state.outline && state.soundbites;
    if (!ok) { say(`expected ${STARTUP_FILE} open as "${languageLabel}" at ${FIRST_QUOTE} with the Outline and Soundbites views showing`); }
  } catch (e) {
    say(`screenshot failed: ${e instanceof Error ? e.message : String(e)}`);
    const page = browser?.contexts()[0]?.pages()[0];
    if (page) {
      const errShot = out.replace(/\.png$/i, '') + '-error.png';
      await page.screenshot({ path: errShot }).catch(() => {});
      say(`error screenshot: ${errShot}`);
    }
  } finally {
    await browser?.close().catch(() => {});
    await server.stop();
    removeState();
  }
  process.exit(ok ? 0 : 1);
}
