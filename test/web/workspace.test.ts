// What the web build reads from the workspace, all through workspace.fs: the workspace index (the
// Soundbites view's data) including a file nobody opened, a big file parsed in the core worker (a Web
// Worker here), and a knowledge file named by an absolute path of the setting, which in this remote
// workspace lives on the folder's file system (vscode-remote:), not on a local disk.
import * as vscode from 'vscode';
import type { ShotlistApi } from '../../src/extension';
import { api, equal, fixture, markdownOf, ok, show, waitFor, workspaceFolder } from './helpers';

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

/** Every row of the Soundbites view as `label | description`, children indented under their group. */
function rows(shotlist: ShotlistApi): string[] {
  const provider = shotlist.soundbites.provider;
  const out: string[] = [];
  for (const group of provider.getChildren()) {
    const item = provider.getTreeItem(group);
    out.push(`${labelOf(item)} | ${String(item.description ?? '')}`);
    for (const child of provider.getChildren(group)) {
      const childItem = provider.getTreeItem(child);
      out.push(`  ${labelOf(childItem)} | ${String(childItem.description ?? '')}`);
    }
  }
  return out;
}

suite('web: workspace through workspace.fs', () => {
  let shotlist: ShotlistApi;

  suiteSetup(async () => {
    shotlist = await api();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('shotlist.soundbites.showActiveFile');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Soundbites view: the active transcript\'s soundbites, grouped by story', async () => {
    const editor = await show('integration', 'soundbites', 'two-stories.unifeed');
    await vscode.commands.executeCommand('shotlist.soundbites.showActiveFile');
    await vscode.commands.executeCommand('shotlist.soundbites.groupByStory');
    const provider = shotlist.soundbites.provider;
    await waitFor(() => provider.document?.uri.toString(), (uri) => uri === editor.document.uri.toString(), 5000, 'the view to follow the active editor');
    const listed = rows(shotlist);
    equal(listed[0], 'UN / FICTIONAL LAKE CLINIC | 3 soundbites');
    equal(listed[1], '  2. The boat brings the vaccines on Mondays… | Ingrid Solvang-Mbeki · English');
    equal(provider.count, 4);
  });

  test('the workspace index reads every transcript through workspace.fs, the unopened one included', async () => {
    await vscode.commands.executeCommand('shotlist.soundbites.showWorkspace');
    await shotlist.index.whenReady();
    const labels = rows(shotlist);
    ok(labels.includes('UN / FICTIONAL FLOOD BARRIER | 1 soundbite · integration/soundbites/not-opened.txt'), labels.join('\n'));
    const unopened = fixture('integration', 'soundbites', 'not-opened.txt');
    ok(!vscode.workspace.textDocuments.some((document) => document.uri.toString() === unopened.toString()), 'listing the workspace opens no document');
    equal(shotlist.index.file(unopened)?.entry.soundbites.length, 1, 'the unopened file\'s soundbites in the index');
    ok(shotlist.index.stats.files >= 10, `files indexed: ${shotlist.index.stats.files}`);
  });

  test('a big file written through workspace.fs is indexed by the core worker, a Web Worker here', async () => {
    // Over 64 KB a plain-text transcript is parsed in the worker, not in the host (workspaceIndex.ts).
    const uri = fixture('integration', 'web-archive-by-test.unifeed');
    const lines: string[] = [];
    for (let n = 0; n < 900; n++) {
      if (n % 10 === 0) {
        lines.push(`STORY: UN / FICTIONAL WEB DESK ${n / 10}`, 'TRT: 01:00', 'DATELINE: 3 MARCH 2026, JUBA, SOUTH SUDAN', '');
      }
      lines.push(`${(n % 10) + 1}. SOUNDBITE (English) Amara Okello, Patrol Commander:`, `“The convoy left at dawn, number ${n}.”`);
    }
    const text = lines.join('\n');
    ok(text.length > 64 * 1024, `${text.length} characters`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    try {
      const indexed = await waitFor(() => shotlist.index.file(uri), (file) => file !== undefined, 15_000, 'the watcher and the index to read the new file');
      equal(indexed?.entry.soundbites.length, 900);
      equal(indexed?.entry.stories.length, 90);
      equal(shotlist.worker.unavailable, undefined, 'the Web Worker started and answered');
      ok(!shotlist.log.recent.some((line) => line.startsWith('No worker thread')), shotlist.log.recent.join('\n'));
    } finally {
      await vscode.workspace.fs.delete(uri, { useTrash: false });
    }
    await waitFor(() => shotlist.index.file(uri), (file) => file === undefined, 15_000, 'the deleted file to leave the index');
  });

  test('Ctrl+T finds a soundbite of the unopened file by a word of its quote', async () => {
    const found = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'barrier');
    ok((found ?? []).some((symbol) => symbol.location.uri.path.endsWith('/integration/soundbites/not-opened.txt')),
      JSON.stringify((found ?? []).map((symbol) => `${symbol.name} ${symbol.location.uri.path}`)));
  });

  suite('knowledge files', () => {
    const officeName = 'Fictional Riverine Logistics Liaison Office';
    const setFiles = (files: string[] | undefined): Thenable<void> =>
      vscode.workspace.getConfiguration('shotlist').update('knowledge.files', files, vscode.ConfigurationTarget.Global);
    const cardOn = async (uri: vscode.Uri, position: vscode.Position): Promise<string> => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
      return hovers.map(markdownOf).find((text) => text.includes('Mentioned ')) ?? '';
    };

    teardown(async () => {
      await setFiles(undefined);
    });

    test('an absolute path in shotlist.knowledge.files is read on the workspace\'s own file system', async () => {
      const editor = await show('integration', 'knowledge', 'references.unifeed');
      const acronym = new vscode.Position(13, 2);
      equal(await cardOn(editor.document.uri, acronym), '', 'no card for FRLLO before the setting lists its file');
      const absolute = `${workspaceFolder().path}/integration/knowledge/extra-entities.yaml`;
      await setFiles([absolute]);
      const card = await waitFor(() => cardOn(editor.document.uri, acronym), (text) => text.includes(officeName), 10_000, 'the card from the listed file');
      ok(card.includes('Mentioned 2 times in this file'), card);
      await setFiles(undefined);
      await waitFor(() => cardOn(editor.document.uri, acronym), (text) => text === '', 10_000, 'no card once the setting is empty');
    });
  });
});
