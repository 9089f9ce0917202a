// The knowledge base beyond the card's text, in a real VS Code: the card's mention links (trusting only
// the extension's two commands), Next mention and List all mentions, Find All References across two
// transcripts (one never opened), and knowledge files named in `shotlist.knowledge.files` (an entry they
// add hovers; a broken one reports its problems while bundled cards keep working).
// Fixtures: test/fixtures/integration/hover.unifeed and integration/knowledge/*.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ShotlistApi } from '../../src/extension';
import { cardAt, EXTENSION_ID, fixtureIn, markdownOf, pollCard, waitFor } from './helpers';

const ourCommands = ['shotlist.kb.nextMention', 'shotlist.kb.listMentions'];
const hoverFixture = (): vscode.Uri => fixtureIn('integration', 'hover.unifeed');
const referencesFixture = (): vscode.Uri => fixtureIn('integration', 'knowledge/references.unifeed');
const officeName = 'Fictional Riverine Logistics Liaison Office';

/** [startLine, startCharacter, endLine, endCharacter] */
type Span = [number, number, number, number];
const spanOf = (range: vscode.Range): Span => [range.start.line, range.start.character, range.end.line, range.end.character];

/** The card's command links as [command id, its single JSON argument]. */
function commandLinks(text: string): Array<[string, unknown]> {
  return [...text.matchAll(/\]\(command:([^?)]+)\?([^)]*)\)/g)].map((m) => {
    const args: unknown = JSON.parse(decodeURIComponent(m[2] ?? ''));
    assert.ok(Array.isArray(args) && args.length === 1, `one argument in ${m[0]}`);
    return [m[1] ?? '', args[0]];
  });
}

async function openFixture(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  assert.ok(await waitFor(() => editor.document.languageId === 'unifeed', 5000));
  return editor;
}

suite('knowledge: mention links, references and the knowledge-files setting', () => {
  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<ShotlistApi>(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
  });

  test('the card links Next mention and List all mentions, and trusts exactly those two commands', async () => {
    const editor = await openFixture(hoverFixture());
    const hover = await cardAt(editor.document.uri, new vscode.Position(8, 44));
    assert.ok(hover, 'a card on MINUSMA');
    const text = markdownOf(hover);
    assert.ok(/Mentioned 2 times in this file\*? · \[Next mention\]\(command:/.test(text), text);
    const links = commandLinks(text);
    assert.deepEqual(links.map(([id]) => id), ourCommands);
    for (const [, args] of links) {
      assert.deepEqual(args, { uri: editor.document.uri.toString(), id: 'minusma', fromOffset: editor.document.offsetAt(new vscode.Position(8, 42)) });
    }
    const markdown = hover.contents[0] as vscode.MarkdownString;
    assert.equal(typeof markdown.isTrusted, 'object', 'isTrusted lists commands, never plain true');
    assert.deepEqual([...(markdown.isTrusted as { enabledCommands: readonly string[] }).enabledCommands].sort(), [...ourCommands].sort());
    assert.ok(!markdown.supportHtml);

    // An entity mentioned once gets no links and trusts nothing.
    const once = await cardAt(editor.document.uri, new vscode.Position(9, 31));
    assert.ok(once && markdownOf(once).includes('Mentioned once in this file'));
    assert.deepEqual(commandLinks(markdownOf(once)), []);
    assert.ok(!(once.contents[0] as vscode.MarkdownString).isTrusted);
  });

  test('Next mention selects the next mention after the hovered one, then wraps to the first', async () => {
    const editor = await openFixture(hoverFixture());
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const hover = await cardAt(editor.document.uri, new vscode.Position(8, 44));
    assert.ok(hover);
    const [next] = commandLinks(markdownOf(hover));
    assert.ok(next);
    await vscode.commands.executeCommand(next[0], next[1]);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString());
    assert.deepEqual(spanOf(editor.selection), [11, 0, 11, 7], 'the second MINUSMA (line 12)');

    // From the last mention's own card: back to the first.
    const last = await cardAt(editor.document.uri, new vscode.Position(11, 2));
    assert.ok(last);
    const [again] = commandLinks(markdownOf(last));
    assert.ok(again);
    await vscode.commands.executeCommand(again[0], again[1]);
    assert.deepEqual(spanOf(editor.selection), [8, 42, 8, 49], 'wrapped to the first MINUSMA (line 9)');
  });

  test('List all mentions: a quick pick of the file\'s mentions, starting on the hovered one', async () => {
    const editor = await openFixture(hoverFixture());
    const hover = await cardAt(editor.document.uri, new vscode.Position(8, 44));
    assert.ok(hover);
    const list = commandLinks(markdownOf(hover)).find(([id]) => id === 'shotlist.kb.listMentions');
    assert.ok(list);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const done = vscode.commands.executeCommand(list[0], list[1]);
    // The list previews its active item: the hovered mention.
    assert.ok(await waitFor(() => editor.selection.start.line === 8, 5000), 'preview of the hovered mention');
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    assert.ok(await waitFor(() => editor.selection.start.line === 11, 5000), 'preview of the next one');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    assert.deepEqual(spanOf(editor.selection), [11, 0, 11, 7]);
  });

  test('Find All References on a mention: every mention of the entity in two workspace files, exact ranges', async () => {
    const shotlist = vscode.extensions.getExtension<ShotlistApi>(EXTENSION_ID)?.exports;
    assert.ok(shotlist);
    await shotlist.index.whenReady();
    const editor = await openFixture(hoverFixture());
    const other = referencesFixture();
    const wasOpen = vscode.workspace.textDocuments.some((document) => document.uri.toString() === other.toString());
    const locations = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', editor.document.uri, new vscode.Position(11, 3))) ?? [];
    const inFile = (uri: vscode.Uri): Span[] => locations
      .filter((location) => location.uri.toString() === uri.toString())
      .map((location) => spanOf(location.range))
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    assert.deepEqual(inFile(editor.document.uri), [[8, 42, 8, 49], [11, 0, 11, 7]]);
    assert.deepEqual(inFile(other), [[9, 63, 9, 70], [12, 53, 12, 60]]);
    if (!wasOpen) {
      assert.ok(!vscode.workspace.textDocuments.some((document) => document.uri.toString() === other.toString()), 'read in the background, not opened');
    }
    // Every location, in whatever fixture, is a MINUSMA mention (no other entity leaks in).
    for (const location of locations) {
      const lines = new TextDecoder().decode(await vscode.workspace.fs.readFile(location.uri)).split(/\r?\n/);
      const line = lines[location.range.start.line] ?? '';
      assert.equal(line.slice(location.range.start.character, location.range.end.character), 'MINUSMA', location.uri.toString());
    }
    // Not on a mention: nothing from this provider.
    const plain = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', editor.document.uri, new vscode.Position(10, 20))) ?? [];
    assert.deepEqual(plain, []);
  });

  test('in a long file (over a million characters) Next mention, List all mentions and Find All References read it in slices', async () => {
    // A fictional archive: MINUSMA in the first story and in the last, 1.2 MB of other stories between.
    const story = (index: number, words: string): string => `STORY: UN / LONG STORY ${index}\nTRT: 1:00\nSOURCE: UNIFEED\nSHOTLIST\n1. Wide shot, ${words}\n`;
    const filler = Array.from({ length: 9000 }, (_, index) => story(index + 2, 'convoy crossing a river near the market, traders unloading sacks of grain'));
    const content = [story(1, 'MINUSMA patrol in Gao'), ...filler, story(9002, 'a MINUSMA convoy leaves Gao')].join('');
    assert.ok(content.length > 1_000_000, `${content.length} characters`);
    const document = await vscode.workspace.openTextDocument({ language: 'unifeed', content });
    const editor = await vscode.window.showTextDocument(document);
    const first = document.positionAt(content.indexOf('MINUSMA'));
    const last = document.positionAt(content.lastIndexOf('MINUSMA'));
    // A long file's card gives no count (it is matched on the hovered line only), so no `Mentioned`.
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, first.translate(0, 2))) ?? [];
    const hover = hovers.find((candidate) => markdownOf(candidate).includes('command:shotlist.kb.nextMention'));
    assert.ok(hover, 'a card on the first MINUSMA');
    assert.ok(!markdownOf(hover).includes('Mentioned'), markdownOf(hover));
    const links = commandLinks(markdownOf(hover));
    assert.deepEqual(links.map(([id]) => id), ourCommands, 'a long file\'s card links both commands, without a count');
    const [next, list] = links;
    assert.ok(next && list);

    await vscode.commands.executeCommand(next[0], next[1]);
    assert.deepEqual(spanOf(editor.selection), [last.line, last.character, last.line, last.character + 7], 'the last MINUSMA, 9,000 stories further');

    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const done = vscode.commands.executeCommand(list[0], list[1]);
    assert.ok(await waitFor(() => editor.selection.start.line === first.line && !editor.selection.isEmpty, 10_000), 'preview of the hovered mention');
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    assert.ok(await waitFor(() => editor.selection.start.line === last.line, 10_000), 'preview of the last one');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;

    const locations = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, last.translate(0, 1))) ?? [];
    assert.deepEqual(locations.filter((location) => location.uri.toString() === document.uri.toString()).map((location) => spanOf(location.range)),
      [[first.line, first.character, first.line, first.character + 7], [last.line, last.character, last.line, last.character + 7]]);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('List all mentions of an entity named thousands of times lists the 500 on each side of the hovered one', async () => {
    const shotlist = vscode.extensions.getExtension<ShotlistApi>(EXTENSION_ID)?.exports;
    assert.ok(shotlist);
    const content = Array.from({ length: 3000 }, (_, index) => `${index + 1}. Wide shot, a MINUSMA patrol (${index + 1}) in Gao.\n`).join('');
    const document = await vscode.workspace.openTextDocument({ language: 'unifeed', content });
    const editor = await vscode.window.showTextDocument(document);
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(1500, 20))) ?? [];
    const hover = hovers.find((candidate) => markdownOf(candidate).includes('command:shotlist.kb.listMentions'));
    assert.ok(hover, 'a card on the MINUSMA of line 1501');
    const list = commandLinks(markdownOf(hover)).find(([id]) => id === 'shotlist.kb.listMentions');
    assert.ok(list);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const done = vscode.commands.executeCommand(list[0], list[1]);
    assert.ok(await waitFor(() => editor.selection.start.line === 1500 && !editor.selection.isEmpty, 10_000), `preview of the hovered mention (line ${editor.selection.start.line})`);
    assert.deepEqual(shotlist.lists, { listed: 1001, entries: 3000 });
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    assert.ok(await waitFor(() => editor.selection.start.line === 1501, 5000), 'preview of the next one');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    assert.deepEqual(spanOf(editor.selection), [1501, 19, 1501, 26]);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  suite('shotlist.knowledge.files', () => {
    const extra = 'integration/knowledge/extra-entities.yaml';
    const broken = 'integration/knowledge/broken-entities.yaml';
    const brokenUri = (): vscode.Uri => fixtureIn('integration', 'knowledge/broken-entities.yaml');
    const setFiles = (files: string[] | undefined): Thenable<void> =>
      vscode.workspace.getConfiguration('shotlist').update('knowledge.files', files, vscode.ConfigurationTarget.Global);

    teardown(async () => {
      await setFiles(undefined);
      const editor = await openFixture(referencesFixture());
      await pollCard(editor.document.uri, new vscode.Position(13, 2), (text) => text === '', 'no card for the office once the setting is empty');
      assert.ok(await waitFor(() => vscode.languages.getDiagnostics(brokenUri()).length === 0, 10_000), 'the broken file\'s problems cleared');
    });

    test('a listed file adds an entry that hovers; a broken one reports problems while the rest keeps working', async () => {
      const editor = await openFixture(referencesFixture());
      const acronym = new vscode.Position(13, 2);
      assert.equal(await cardAt(editor.document.uri, acronym), undefined, 'no card before the setting lists the file');

      await setFiles([extra]);
      const text = await pollCard(editor.document.uri, acronym, (card) => card.includes(officeName), 'the card of the entry from the listed file');
      assert.ok(text.includes('Initiative'), text);
      assert.ok(text.includes('Mentioned 2 times in this file'), text);
      const byName = await cardAt(editor.document.uri, new vscode.Position(9, 20));
      assert.ok(byName && markdownOf(byName).includes(officeName), 'the full name hovers too');
      assert.equal(byName.range?.start.character, 5);
      assert.equal(byName.range?.end.character, 5 + officeName.length);

      await setFiles([extra, broken]);
      assert.ok(await waitFor(() => vscode.languages.getDiagnostics(brokenUri()).length >= 2, 15_000), 'problems of the broken listed file');
      const problems = vscode.languages.getDiagnostics(brokenUri());
      const byCode = (code: string): vscode.Diagnostic | undefined => problems.find((diagnostic) => diagnostic.code === code);
      const type = byCode('unknown-entry-type');
      const field = byCode('unknown-field');
      assert.ok(type && field, JSON.stringify(problems.map((d) => d.code)));
      assert.deepEqual([type.range.start.line, type.range.start.character, type.severity], [4, 10, vscode.DiagnosticSeverity.Error]);
      assert.deepEqual([field.range.start.line, field.range.start.character, field.severity], [9, 4, vscode.DiagnosticSeverity.Warning]);
      // The valid listed file and the bundled knowledge still answer.
      assert.ok(markdownOf((await cardAt(editor.document.uri, acronym)) as vscode.Hover).includes(officeName));
      const minusma = await cardAt(editor.document.uri, new vscode.Position(12, 55));
      assert.ok(minusma && markdownOf(minusma).includes('United Nations Multidimensional Integrated Stabilization Mission in Mali'));
    });
  });
});
