// The Soundbites view and workspace symbols in a real VS Code. Fixtures: test/fixtures/integration/soundbites/
// (two-stories.unifeed is opened; not-opened.txt never is: it is found through the workspace index only).
// The view's data provider and the index come from the extension's activate() return value.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ShotlistApi } from '../../src/extension';
import type { SoundbiteNode, SoundbiteViewNode } from '../../src/features/soundbiteView';

const EXTENSION_ID = 'shotlist.shotlist';

function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run must open test/fixtures as the workspace folder');
  return vscode.Uri.file(path.join(folder.uri.fsPath, 'integration', 'soundbites', name));
}

async function waitFor<T>(probe: () => T | Promise<T>, accept: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!accept(value)) {
    if (Date.now() > deadline) {
      assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}

async function api(): Promise<ShotlistApi> {
  const extension = vscode.extensions.getExtension<ShotlistApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in the test host`);
  const exports = await extension.activate();
  assert.ok(exports?.soundbites && exports.index, 'activate() returns the Soundbites view and the index');
  return exports;
}

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

/** Every row as `label | description`, children indented under their group. */
function rows(api: ShotlistApi): string[] {
  const provider = api.soundbites.provider;
  const out: string[] = [];
  // A workspace of many stories lists runs of a hundred at the top: the rows are the stories inside.
  const groups = provider.getChildren().flatMap((node) => (node.type === 'range' ? provider.getChildren(node) : [node]));
  for (const group of groups) {
    const item = provider.getTreeItem(group);
    out.push(`${labelOf(item)} | ${String(item.description ?? '')}`);
    for (const child of provider.getChildren(group)) {
      const childItem = provider.getTreeItem(child);
      out.push(`  ${labelOf(childItem)} | ${String(childItem.description ?? '')}`);
    }
  }
  return out;
}

/** Shotlist's workspace symbols for a query (VS Code's Markdown extension adds its headings, named with their `#`s: left out). */
async function symbols(query: string): Promise<vscode.SymbolInformation[]> {
  const all = (await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', query)) ?? [];
  return all.filter((symbol) => !symbol.name.startsWith('#'));
}

function isOpen(uri: vscode.Uri): boolean {
  return vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString());
}

suite('Soundbites view', () => {
  let shotlist: ShotlistApi;
  let editor: vscode.TextEditor;
  const uri = fixture('two-stories.unifeed');

  suiteSetup(async () => {
    editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    shotlist = await api();
    await vscode.commands.executeCommand('shotlist.soundbites.showActiveFile');
    await vscode.commands.executeCommand('shotlist.soundbites.groupByStory');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('shotlist.soundbites.showActiveFile');
    await vscode.commands.executeCommand('shotlist.soundbites.groupByStory');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('lists the soundbites of the active transcript, grouped by story', async () => {
    const provider = shotlist.soundbites.provider;
    await waitFor(() => provider.document?.uri.toString(), (value) => value === uri.toString(), 5000, 'the view to follow the active editor');
    assert.deepEqual(rows(shotlist), [
      'UN / FICTIONAL LAKE CLINIC | 3 soundbites',
      '  2. The boat brings the vaccines on Mondays… | Ingrid Solvang-Mbeki · English',
      '  4. Nous attendons le bateau comme on attend… | Tomás Okafor · French',
      '  6. When the engine fails, we row. Nobody… | Ingrid Solvang-Mbeki · English',
      'UN / FICTIONAL HILL SCHOOL | 1 soundbite',
      '  2. My daughter walks an hour up this… | Tomás Okafor · English',
    ]);
    assert.equal(provider.count, 4);
    assert.equal(shotlist.soundbites.treeView.badge?.value, 4);
  });

  test('items: stable ids, context value, a tooltip with the whole quote and file:line, getParent', () => {
    const provider = shotlist.soundbites.provider;
    const [story] = provider.getChildren();
    assert.ok(story);
    const [first] = provider.getChildren(story);
    assert.ok(first && first.type === 'soundbite');
    const item = provider.getTreeItem(first);
    assert.equal(item.id, `${uri.toString()}#8`);
    assert.equal(item.contextValue, 'soundbite');
    assert.ok(item.tooltip instanceof vscode.MarkdownString);
    // Text from the file is escaped: undo the backslashes to compare.
    const tooltip = item.tooltip.value.replace(/\\(.)/gu, '$1');
    for (const expected of ['**2. Ingrid Solvang-Mbeki**', 'Head Nurse, Lake Clinic', 'English', '“The boat brings the vaccines on Mondays, and by Tuesday the whole shore knows.”',
      'integration/soundbites/two-stories.unifeed:9']) {
      assert.ok(tooltip.includes(expected), `the tooltip ${JSON.stringify(tooltip)} mentions ${expected}`);
    }
    assert.equal(provider.getParent(first), story);
    assert.equal(provider.getParent(story), undefined);
  });

  test('grouping by speaker puts both stories\' soundbites of a speaker together', async () => {
    await vscode.commands.executeCommand('shotlist.soundbites.groupBySpeaker');
    assert.equal(shotlist.soundbites.provider.groupBy, 'speaker');
    assert.deepEqual(rows(shotlist), [
      'Ingrid Solvang-Mbeki | 2 soundbites',
      '  2. The boat brings the vaccines on Mondays… | English',
      '  6. When the engine fails, we row. Nobody… | English',
      'Tomás Okafor | 2 soundbites',
      '  4. Nous attendons le bateau comme on attend… | French',
      '  2. My daughter walks an hour up this… | English',
    ]);
    await vscode.commands.executeCommand('shotlist.soundbites.groupByStory');
    assert.equal(rows(shotlist)[0], 'UN / FICTIONAL LAKE CLINIC | 3 soundbites');
  });

  test('a speaker with hundreds of soundbites lists runs of a hundred, and the cursor still finds its soundbite', async () => {
    // A fictional archive: 30 stories of 20 soundbites each, all by one speaker.
    const story = (index: number): string => [`STORY: UN / FICTIONAL FERRY ${index}`, 'TRT: 1:00', 'SOURCE: UNIFEED', 'SHOTLIST',
      ...Array.from({ length: 20 }, (_, n) => [`${n + 1}. SOUNDBITE (English) Ines Marlow, Harbour Master:`, `“Ferry ${index * 20 + n} left on time.”`]).flat(), ''].join('\n');
    const document = await vscode.workspace.openTextDocument({ language: 'unifeed', content: Array.from({ length: 30 }, (_, index) => story(index)).join('\n') });
    const opened = await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('shotlist.soundbites.groupBySpeaker');
    const provider = shotlist.soundbites.provider;
    const [speaker] = await waitFor(() => provider.getChildren(), (nodes) => nodes.length === 1 && provider.count === 600, 10_000, 'the archive in the view');
    assert.ok(speaker);
    assert.equal(labelOf(provider.getTreeItem(speaker)), 'Ines Marlow');
    const runs = provider.getChildren(speaker);
    assert.deepEqual(runs.map((run) => labelOf(provider.getTreeItem(run))), ['Soundbites 1–100', 'Soundbites 101–200', 'Soundbites 201–300', 'Soundbites 301–400', 'Soundbites 401–500', 'Soundbites 501–600']);
    const fourth = runs[3];
    assert.ok(fourth);
    const inRun = provider.getChildren(fourth);
    assert.equal(inRun.length, 100);
    assert.equal(labelOf(provider.getTreeItem(inRun[0] as SoundbiteViewNode)), '1. Ferry 300 left on time.');
    assert.equal(provider.getParent(inRun[0] as SoundbiteViewNode), fourth);
    assert.equal(provider.getParent(fourth), speaker);
    // The cursor on soundbite 457 (story 22, soundbite 17): the node the view selects is in the fifth run.
    const line = document.getText().split('\n').findIndex((text) => text === '“Ferry 456 left on time.”');
    const node = provider.nodeAt(document.uri, line);
    assert.equal(node?.entry.quote, 'Ferry 456 left on time.');
    assert.equal(node?.parent, provider.getChildren(speaker)[4]);
    await vscode.commands.executeCommand('shotlist.soundbites.groupByStory');
    await vscode.window.showTextDocument(opened.document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    editor = await vscode.window.showTextDocument(editor.document);
  });

  test('clicking a soundbite puts the cursor on its quote; the selection follows the cursor', async () => {
    const provider = shotlist.soundbites.provider;
    const stories = provider.getChildren();
    const school = provider.getChildren(stories[1]).at(0) as SoundbiteNode;
    const item = provider.getTreeItem(school);
    assert.ok(item.command);
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const active = vscode.window.activeTextEditor;
    assert.equal(active?.document.uri.toString(), uri.toString());
    assert.deepEqual([active?.selection.active.line, active?.selection.active.character], [28, 1], 'the first word of the quote');

    // Show the view, then move the cursor into soundbite 4: the view selects it.
    await vscode.commands.executeCommand('shotlist.soundbites.focus');
    editor = await vscode.window.showTextDocument(editor.document);
    editor.selection = new vscode.Selection(12, 5, 12, 5);
    const treeView = shotlist.soundbites.treeView;
    const selected = await waitFor(() => treeView.selection.map((node: SoundbiteViewNode) => node.id), (ids) => ids.includes(`${uri.toString()}#11`), 5000,
      'the view to select soundbite 4');
    assert.deepEqual(selected, [`${uri.toString()}#11`]);
  });

  test('workspace scope: every transcript in the workspace, the unopened one included', async () => {
    await vscode.commands.executeCommand('shotlist.soundbites.showWorkspace');
    await shotlist.index.whenReady();
    const provider = shotlist.soundbites.provider;
    assert.equal(provider.scope, 'workspace');
    // The workspace holds thousands of soundbites: the tree is built in steps, then shown.
    const labels = await waitFor(() => rows(shotlist), (shown) => shown.length > 0, 20_000, 'the workspace tree');
    assert.ok(labels.includes('UN / FICTIONAL FLOOD BARRIER | 1 soundbite · integration/soundbites/not-opened.txt'), labels.join('\n'));
    assert.ok(labels.includes('UN / FICTIONAL LAKE CLINIC | 3 soundbites · integration/soundbites/two-stories.unifeed'), labels.join('\n'));
    assert.ok(provider.count >= 5);
    assert.equal(shotlist.soundbites.treeView.badge?.value, provider.count);
    assert.equal(isOpen(fixture('not-opened.txt')), false, 'listing the workspace opens no document');
  });
});

suite('Soundbites view: text from the file stays text', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a URL, a www address and Markdown in a quote are escaped in the tooltip, so nothing in them is a link', async () => {
    const shotlist = await api();
    await vscode.commands.executeCommand('shotlist.soundbites.showActiveFile');
    const quote = 'The report is at https://example.org/report and www.example.org, **not** [a link](https://example.org).';
    const document = await vscode.workspace.openTextDocument({
      language: 'unifeed',
      content: ['STORY: UN / FICTIONAL LINKS', 'TRT: 1:00', '', '1. SOUNDBITE (English) Ada Quill, Press Officer:', `“${quote}”`, ''].join('\n'),
    });
    await vscode.window.showTextDocument(document);
    const provider = shotlist.soundbites.provider;
    await waitFor(() => provider.document?.uri.toString(), (value) => value === document.uri.toString(), 5000, 'the view to follow the untitled transcript');
    const [story] = provider.getChildren();
    assert.ok(story);
    const [soundbite] = provider.getChildren(story);
    assert.ok(soundbite && soundbite.type === 'soundbite');
    const tooltip = provider.getTreeItem(soundbite).tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    // Every autolink needs `://` or `www.` as written; escaped, neither is left, and the text reads as it was.
    assert.ok(!tooltip.value.includes('://') && !tooltip.value.includes('www.'), tooltip.value);
    assert.ok(tooltip.value.includes('https\\:\\/\\/example\\.org') && tooltip.value.includes('\\*\\*not\\*\\*'), tooltip.value);
    assert.ok(tooltip.value.replace(/\\(.)/gu, '$1').includes(`“${quote}”`), tooltip.value);
    assert.notEqual(tooltip.isTrusted, true);
  });
});

suite('workspace symbols', () => {
  let shotlist: ShotlistApi;
  const notOpened = fixture('not-opened.txt');

  suiteSetup(async () => {
    shotlist = await api();
    await shotlist.index.whenReady();
  });

  test('finds a soundbite of a file that is not open, by speaker (accents ignored)', async () => {
    assert.equal(isOpen(notOpened), false);
    // Found without its accent, the name ends with the word as typed: the Ctrl+T picker keeps only names holding it.
    for (const [query, suffix] of [['Haugland', ''], ['zoe', ' (zoe)'], ['ZOË', '']] as const) {
      const found = (await symbols(query)).filter((symbol) => symbol.location.uri.toString() === notOpened.toString());
      assert.deepEqual(found.map((symbol) => [symbol.name, symbol.kind, symbol.containerName, symbol.location.range.start.line]),
        [[`Zoë Haugland-Diallo: We built the barrier before the water…${suffix}`, vscode.SymbolKind.String, 'UN / FICTIONAL FLOOD BARRIER', 11]], query);
    }
    assert.equal(isOpen(notOpened), false, 'the provider opened the file');
  });

  test('finds it by a word deep in its quote, named with the words around it', async () => {
    const found = (await symbols('sandbags')).filter((symbol) => symbol.location.uri.toString() === notOpened.toString());
    assert.deepEqual(found.map((symbol) => symbol.name), ['Zoë Haugland-Diallo: …kept filling sandbags through the night because the river…']);
  });

  test('finds stories by slug, before their soundbites', async () => {
    const found = await symbols('barrier');
    assert.equal(found[0]?.name, 'UN / FICTIONAL FLOOD BARRIER');
    assert.equal(found[0]?.kind, vscode.SymbolKind.Module);
    assert.equal(found[0]?.location.uri.toString(), notOpened.toString());
  });

  test('plain-text files that are not transcripts are not indexed', () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder);
    for (const name of ['detection/notes.txt', 'detection/letter.txt', 'README.md', 'prose/article.txt']) {
      assert.equal(shotlist.index.file(vscode.Uri.joinPath(folder, name)), undefined, name);
    }
    assert.ok(shotlist.index.file(notOpened), 'the .txt shot list is indexed');
  });

  test('a file open in an editor is indexed from its document, not read from disk, and read from disk once the document leaves', async () => {
    const created = fixture('open-while-indexed.unifeed');
    const names = async (query: string): Promise<string[]> =>
      (await symbols(query)).filter((symbol) => symbol.location.uri.toString() === created.toString()).map((symbol) => symbol.name);
    await vscode.workspace.fs.writeFile(created, new TextEncoder().encode([
      'STORY: UN / FICTIONAL FERRY TIMETABLE', 'TRT: 00:40', 'SOURCE: UNIFEED', 'RESTRICTIONS: NONE', 'LANGUAGES: ENGLISH', 'DATELINE: 3 APRIL 2026, MOPTI, MALI',
      '1. SOUNDBITE (English) Quillon Marsh, Ferry Pilot:', '“We sail at six now that the channel is marked.”', '',
    ].join('\n')));
    try {
      await waitFor(() => names('quillon'), (found) => found.length === 1, 15_000, 'the file in the index');
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(created));
      const at = editor.document.getText().indexOf('Quillon');
      // Unsaved: only the document says Bramwell.
      await editor.edit((builder) => builder.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 'Quillon'.length)), 'Bramwell'));
      await shotlist.index.rebuild();
      const leftToDocuments = shotlist.index.stats.readWhenClosed;
      assert.ok(leftToDocuments >= 1, 'the open file was left to its document');
      await waitFor(() => shotlist.index.file(created)?.fromDocument, (fromDocument) => fromDocument === true, 15_000, 'the document\'s entry');
      await waitFor(() => names('bramwell'), (found) => found.length === 1, 15_000, 'the document\'s speaker in the index');
      assert.deepEqual(await names('quillon'), []);
      // A document that leaves (closed, or no longer a transcript: VS Code closes it and opens it again with
      // the new language) gives way to its file. A closed editor's document may stay open for minutes.
      await vscode.languages.setTextDocumentLanguage(editor.document, 'markdown');
      await waitFor(() => shotlist.index.file(created)?.fromDocument, (fromDocument) => fromDocument === false, 15_000, 'the file read from disk once the document left');
      assert.ok(shotlist.index.stats.readWhenClosed < leftToDocuments, 'no longer waiting for the document to close');
      // What the disk holds: in some runs the workbench has saved the edited document by now.
      const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(created)).includes('Bramwell') ? ['bramwell', 'quillon'] : ['quillon', 'bramwell'];
      await waitFor(() => names(onDisk[0] as string), (found) => found.length === 1, 15_000, 'the speaker on disk in the index');
      assert.deepEqual(await names(onDisk[1] as string), []);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await vscode.workspace.fs.delete(created).then(undefined, () => undefined);
    }
  });

  test('the index follows files written, changed and deleted on disk', async () => {
    const created = fixture('written-by-test.unifeed');
    const write = (speaker: string): Thenable<void> => vscode.workspace.fs.writeFile(created, new TextEncoder().encode([
      'STORY: UN / FICTIONAL WELL REPAIR', 'TRT: 00:50', 'SOURCE: UNIFEED', 'RESTRICTIONS: NONE', 'LANGUAGES: ENGLISH', 'DATELINE: 2 APRIL 2026, GAO, MALI',
      '1. SOUNDBITE (English) ' + speaker + ', Mechanic:', '“The pump turned at noon and the queue was gone by two.”', '',
    ].join('\n')));
    const names = async (query: string): Promise<string[]> =>
      (await symbols(query)).filter((symbol) => symbol.location.uri.toString() === created.toString()).map((symbol) => symbol.name);
    try {
      await write('Quillon Værnes');
      assert.deepEqual(await waitFor(() => names('quillon'), (found) => found.length === 1, 15_000, 'the new file in the index'),
        ['Quillon Værnes: The pump turned at noon and the…']);
      await write('Ottoline Brackwater');
      await waitFor(() => names('ottoline'), (found) => found.length === 1, 15_000, 'the changed file in the index');
      assert.deepEqual(await names('quillon'), []);
      await vscode.workspace.fs.delete(created);
      await waitFor(() => names('ottoline'), (found) => found.length === 0, 15_000, 'the deleted file to leave the index');
    } finally {
      await vscode.workspace.fs.delete(created).then(undefined, () => undefined);
    }
  });
});
