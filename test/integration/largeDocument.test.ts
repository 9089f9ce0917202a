// A large archive in a real VS Code: its first reading runs in steps (documentCache.ts), and every
// feature waits for it instead of parsing it in one call on the extension host. What the editor shows
// must equal what the same text shows when opened fresh, edits made during the reading included.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ShotlistApi } from '../../src/extension';
import { AnnotationStore } from '../../src/features/annotations/store';
import { largeDocumentChars } from '../../src/features/shared/documentCache';
import { EXTENSION_ID, waitFor } from './helpers';

/** A fictional story of the archive; every story differs by its number. */
function story(index: number): string {
  return [
    `STORY: UN / FICTIONAL HARBOUR LIGHTS ${index}`,
    'TRT: 1:20',
    'SOURCE: UNIFEED',
    'RESTRICTIONS: NONE',
    'LANGUAGES: ENGLISH / NATS',
    `DATELINE: ${(index % 27) + 1} MARCH 2026, PORT AVEREL, SOLANDIA`,
    'SHOTLIST',
    'FILE - PORT AVEREL, SOLANDIA',
    '1. Wide shot, the lighthouse at dusk.',
    `2. SOUNDBITE (English) Ines Carrow, Keeper ${index}:`,
    `“The lamp has burned every night this winter, and ship ${index} came home.”`,
    '3. Close up, a logbook on a desk.',
    'STORYLINE',
    `The harbour light of Port Averel was relit in week ${index}. The keeper said, “Ships can see us again.”`,
    '',
  ].join('\n');
}

const storyCount = 2600;

function topLevelNames(symbols: readonly vscode.DocumentSymbol[] | undefined): string[] {
  return (symbols ?? []).map((symbol) => `${symbol.name} ${symbol.range.start.line}-${symbol.range.end.line}`);
}

suite('large documents: read in steps, every feature waits for it', function () {
  this.timeout(180_000);
  let directory = '';
  let api: ShotlistApi;

  suiteSetup(async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'shotlist-large-'));
    const extension = vscode.extensions.getExtension<ShotlistApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    api = extension.isActive ? extension.exports : await extension.activate();
  });

  suiteTeardown(async () => {
    // The edited archives are reverted first: their folder is removed next.
    for (const document of vscode.workspace.textDocuments.filter((open) => open.isDirty && open.uri.fsPath.startsWith(directory))) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(directory, { recursive: true, force: true });
  });

  async function open(name: string, text: string): Promise<vscode.TextEditor> {
    const file = path.join(directory, name);
    writeFileSync(file, text);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    assert.equal(document.languageId, 'unifeed');
    return vscode.window.showTextDocument(document);
  }

  test('the outline, folding, navigation, copy and the index of a large archive', async () => {
    const text = Array.from({ length: storyCount }, (_, index) => story(index)).join('\n');
    assert.ok(text.length > largeDocumentChars, `the archive (${text.length} characters) is not large`);
    const readBefore = api.cache.counts.readInSteps;
    const editor = await open('archive.unifeed', text);
    const document = editor.document;

    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.equal(symbols?.length, storyCount, 'one outline entry per story');
    assert.equal(symbols?.[7]?.name, 'UN / FICTIONAL HARBOUR LIGHTS 7');
    assert.equal(api.cache.counts.readInSteps, readBefore + 1, 'the archive was read once, in steps');

    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
    assert.ok((folds?.length ?? 0) > 0, 'the archive has folding ranges');

    // Next Soundbite from the top lands on the first quote.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('shotlist.nextSoundbite');
    assert.equal(editor.selection.active.line, 10, 'Next Soundbite goes to the first quote');
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('shotlist.copyQuote');
    const copied = await vscode.env.clipboard.readText();
    assert.ok(copied.includes('The lamp has burned every night this winter, and ship 0 came home'), `copied: ${copied}`);
    assert.ok(copied.includes('Ines Carrow'), `the copy names the speaker: ${copied}`);
    // Every soundbite of the archive at once, made in slices.
    await vscode.commands.executeCommand('shotlist.copyAllSoundbites');
    const sheet = await vscode.env.clipboard.readText();
    assert.equal(sheet.split('came home').length - 1, storyCount, 'the sheet holds every story\'s soundbite');

    assert.ok(await waitFor(() => api.index.file(document.uri)?.entry.soundbites.length === storyCount, 60_000),
      'the index never listed every soundbite of the open archive');

    // The Soundbites view lists runs of a hundred stories at the top, each opening on its stories.
    await vscode.commands.executeCommand('shotlist.soundbites.showActiveFile');
    await vscode.commands.executeCommand('shotlist.soundbites.groupByStory');
    const provider = api.soundbites.provider;
    assert.ok(await waitFor(() => provider.getChildren().length === Math.ceil(storyCount / 100), 30_000),
      `the view's top level holds ${provider.getChildren().length} items`);
    const [firstRun] = provider.getChildren();
    assert.ok(firstRun?.type === 'range', 'the top level lists runs of stories');
    assert.equal(provider.getTreeItem(firstRun).label, 'Stories 1–100');
    const stories = provider.getChildren(firstRun);
    assert.equal(stories.length, 100);
    assert.equal(provider.getParent(stories[0] as never), firstRun, 'a story knows its run (Reveal needs it)');
    const found = provider.nodeAt(document.uri, 10);
    assert.ok(found?.type === 'soundbite' && found.entry.speaker === 'Ines Carrow' && found.parent.parent === firstRun, 'the soundbite on line 10 is found in the first run');

    // Go to Soundbite… lists the soundbites around the cursor (too many to hand over whole), and
    // searches all of them as the user types. Story k's SOUNDBITE line is 15k + 9, its quote 15k + 10.
    const at = (line: number, character: number): string => `${line}:${character}`;
    const cursor = (): string => at(editor.selection.active.line, editor.selection.active.character);
    editor.selection = new vscode.Selection(15 * 1300 + 9, 0, 15 * 1300 + 9, 0);
    let picking = vscode.commands.executeCommand('shotlist.goToSoundbite');
    assert.ok(await waitFor(() => cursor() === at(15 * 1300 + 10, 1), 10_000), `the list did not open on the cursor's soundbite (cursor ${cursor()})`);
    assert.deepEqual(api.lists, { listed: 1001, entries: storyCount }, 'the list holds the 500 soundbites on each side of the cursor\'s');
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    assert.ok(await waitFor(() => cursor() === at(15 * 1301 + 10, 1), 5000), `no preview of the next soundbite (cursor ${cursor()})`);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await picking;
    assert.equal(cursor(), at(15 * 1301 + 10, 1));
    // Story 2555 is far outside the soundbites around the cursor: only Shotlist's own search finds it.
    picking = vscode.commands.executeCommand('shotlist.goToSoundbite', { query: 'KEEPER  2555' });
    assert.ok(await waitFor(() => cursor() === at(15 * 2555 + 10, 1), 10_000), `the query did not find story 2555 (cursor ${cursor()})`);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await picking;
    assert.equal(cursor(), at(15 * 2555 + 10, 1));
  });

  test('annotations in a large archive: marked, placed and saved with the lines the editor gives', async () => {
    const text = Array.from({ length: storyCount }, (_, index) => story(index + 20_000)).join('\n');
    const editor = await open('annotated.unifeed', text);
    const document = editor.document;
    const sidecar = AnnotationStore.sidecarFor(document.uri);
    const sidecarText = (): string => (existsSync(sidecar.fsPath) ? readFileSync(sidecar.fsPath, 'utf8') : '');
    // Story 1800's quote is on line 15 × 1800 + 10 (0-based): line 27011 as the sidecar counts.
    const inside = new vscode.Position(15 * 1800 + 10, 12);
    assert.ok(document.lineAt(inside.line).text.includes('ship 21800 came home'));
    editor.selection = new vscode.Selection(inside, inside);
    await vscode.commands.executeCommand('shotlist.annotations.markSelected');
    assert.ok(await waitFor(() => sidecarText().includes('status: selected'), 30_000), 'no sidecar with the selected soundbite');
    assert.match(sidecarText(), /ship 21800 came home/u);
    assert.match(sidecarText(), /line: 27011\b/u);
    const placed = (): string[] => (api.annotations.store.known(document.uri)?.live ?? [])
      .filter((item) => item.state === 'placed').map((item) => `${document.positionAt(item.start).line} ${document.getText(new vscode.Range(document.positionAt(item.start), document.positionAt(item.end)))}`);
    assert.deepEqual(placed(), ['27010 The lamp has burned every night this winter, and ship 21800 came home.']);
    // Three lines typed at the top, then saved: the stored line follows.
    assert.ok(await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), 'A\nB\nC\n')));
    assert.ok(await document.save());
    assert.ok(await waitFor(() => /line: 27014\b/u.test(sidecarText()), 30_000), `the stored line after saving: ${sidecarText()}`);
    assert.deepEqual(placed(), ['27013 The lamp has burned every night this winter, and ship 21800 came home.']);
  });

  test('a long interview (no stories to read in steps) is parsed by the worker: the outline, and again after an edit', async () => {
    // Turn k's question is on line 3k, its answer on line 3k + 1 (a blank line after each pair).
    const pairs = 9000;
    const text = Array.from({ length: pairs }, (_, index) =>
      `Q: Envoy, what did the harbour council decide at meeting ${index}?\nA: The council kept the ferries running, and meeting ${index} agreed the timetable.\n`).join('\n');
    assert.ok(text.length > largeDocumentChars, `the interview (${text.length} characters) is not large`);
    const before = { ...api.cache.counts };
    const editor = await open('long-interview.unifeed', text);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    assert.equal(symbols?.length, 2 * pairs, 'one outline entry per turn');
    assert.equal(symbols?.[2 * 4321 + 1]?.detail, 'The council kept the ferries running, and meeting…');
    const counts = api.cache.counts;
    assert.deepEqual([counts.parsedInWorker - before.parsedInWorker, counts.parsed - before.parsed, counts.readInSteps - before.readInSteps], [1, 0, 0],
      'parsed once, by the worker');

    assert.ok(await editor.edit((builder) => builder.insert(new vscode.Position(3 * 4321 + 1, 3), 'Indeed, ')));
    const edited = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    assert.equal(edited?.[2 * 4321 + 1]?.detail, 'Indeed, The council kept the ferries running, and…', 'the outline shows the edit');
    assert.deepEqual([counts.parsedInWorker - before.parsedInWorker, counts.parsed - before.parsed, counts.reparsed - before.reparsed], [2, 0, 0],
      'the edited version was parsed by the worker too');

    // An edit once the text is with the worker: that parse runs to its end, the edit waits and is parsed
    // next, and the outline is the edited text's.
    const sent = counts.sentToWorker;
    const typed = await open('typed-at-once.unifeed', text);
    const firstOutline = vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', typed.document.uri);
    assert.ok(await waitFor(() => counts.sentToWorker > sent, 30_000), 'the text never reached the worker');
    assert.ok(await typed.edit((builder) => builder.insert(new vscode.Position(1, 3), 'Quickly, ')));
    await firstOutline;
    const typedSymbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', typed.document.uri);
    assert.equal(typedSymbols?.[1]?.detail, 'Quickly, The council kept the ferries running, and…');
    assert.equal(typedSymbols?.length, 2 * pairs);
    assert.equal(counts.sentToWorker - sent, 2, 'both versions went to the worker');
    assert.equal(counts.parsed - before.parsed, 0, 'nothing was parsed in the host');
  });

  test('an edit made while the archive is still being read', async () => {
    const text = Array.from({ length: storyCount }, (_, index) => story(index + 5000)).join('\n');
    const editor = await open('edited-while-read.unifeed', text);
    // Straight away: the reading has only just started.
    assert.ok(await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), 'STORY: UN / FICTIONAL NEW FIRST STORY\nTRT: 0:40\nSOURCE: UNIFEED\nSHOTLIST\n1. Wide shot, a quay.\n\n')));
    const edited = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    const fresh = await open('fresh-copy.unifeed', editor.document.getText());
    const expected = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', fresh.document.uri);
    assert.deepEqual(topLevelNames(edited), topLevelNames(expected), 'the edited archive shows what a fresh copy shows');
    assert.equal(edited?.[0]?.name, 'UN / FICTIONAL NEW FIRST STORY', 'the story typed at the top is in the outline');
  });

  test('the problems after an edit: only the touched stories checked again, the same problems as a fresh copy', async () => {
    const problemsOf = (uri: vscode.Uri): string[] => vscode.languages.getDiagnostics(uri)
      .map((problem) => `${problem.range.start.line}:${problem.range.start.character} ${problem.message}`).sort();
    const text = Array.from({ length: storyCount }, (_, index) => story(index + 9000)).join('\n');
    const editor = await open('problems.unifeed', text);
    const uri = editor.document.uri;
    // Every story quotes words that are in none of its soundbites: one finding per story. VS Code lists
    // 1,000 per file: the first 999 stories' findings, and a line counting the other 1,601.
    const listed = 1000;
    const counted = (uri2: vscode.Uri): boolean => problemsOf(uri2).some((problem) => problem.includes(` ${(storyCount - listed + 1).toLocaleString('en')} more problems`));
    assert.ok(await waitFor(() => problemsOf(uri).length === listed && counted(uri), 120_000), `the archive got ${problemsOf(uri).length} problems`);
    // A quarter of the way down: the listed findings below the edit are the moved ones.
    const line = Math.floor(editor.document.lineCount / 4);
    assert.ok(await editor.edit((builder) => builder.insert(new vscode.Position(line, 0), 'A line typed into the archive, “with words in quotes”.\n')));
    const fresh = await open('problems-fresh.unifeed', editor.document.getText());
    assert.ok(await waitFor(() => problemsOf(fresh.document.uri).length === listed && counted(fresh.document.uri), 120_000), 'the fresh copy never got its problems');
    const expected = problemsOf(fresh.document.uri);
    assert.ok(await waitFor(() => JSON.stringify(problemsOf(uri)) === JSON.stringify(expected), 120_000),
      `the edited archive's problems differ from the fresh copy's: ${problemsOf(uri).filter((problem) => !expected.includes(problem)).slice(0, 3).join(' | ')}`);
  });
});
