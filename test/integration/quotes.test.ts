// Copy Quote, Copy Quote As…, Copy All Soundbites and Export Quotes… in a real VS Code: the clipboard holds
// exactly the expected text (written out by hand from the fixtures and the wire style's rules).
// Fixtures: test/fixtures/integration/quotes.unifeed (RESTRICTIONS, a French soundbite) and
// test/fixtures/markdown/bold_labels.md (an interview in Markdown).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ShotlistApi } from '../../src/extension';
import { EXTENSION_ID, fixtureIn, waitFor } from './helpers';

async function open(folder: string, name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureIn(folder, name));
  const editor = await vscode.window.showTextDocument(document);
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (ext && !ext.isActive) {
    await ext.activate();
  }
  assert.ok(ext && (await waitFor(() => ext.isActive, 5000)), `${EXTENSION_ID} is not active`);
  return editor;
}

const restrictions = 'RESTRICTIONS: NO ACCESS CANADA';
const nurse = '“We open at six. By seven the queue reaches the harbour wall, and nobody leaves without being seen,” ' +
  `said Odile Marchetti-Brann, Chief Nurse, Port Vellane Clinic.\n${restrictions}`;
const harbourMaster = '“The boats bring the families in. We just make room for them,” said Teodor Quaresma, Harbour Master ' +
  `(translated from French).\n${restrictions}`;

suite('quote commands', () => {
  const sentinel = 'clipboard untouched';

  setup(async () => {
    await vscode.env.clipboard.writeText(sentinel);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the commands, menus and keybinding are contributed for transcripts', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: {
        keybindings: { command: string; key: string; mac: string; when: string }[];
        menus: Record<string, { command?: string; submenu?: string; when: string; group?: string }[]>;
        configuration: { properties: Record<string, { default: unknown }> };
      };
    };
    const binding = manifest.contributes.keybindings.find((entry) => entry.command === 'shotlist.copyQuote');
    assert.deepEqual(binding, { command: 'shotlist.copyQuote', key: 'alt+shift+c', mac: 'cmd+alt+c', when: 'editorTextFocus && (editorLangId == unifeed || editorLangId == markdown)' });
    const context = manifest.contributes.menus['editor/context']?.filter((entry) => entry.command?.startsWith('shotlist.copyQuote')) ?? [];
    assert.deepEqual(context.map((entry) => entry.command), ['shotlist.copyQuote', 'shotlist.copyQuoteAs']);
    assert.ok(context.every((entry) => entry.group?.startsWith('9_cutcopypaste') && entry.when === 'editorLangId == unifeed'));
    assert.ok(manifest.contributes.menus['view/item/context']?.some((entry) => entry.command === 'shotlist.copyQuote' && entry.group === 'inline'));
    assert.equal(manifest.contributes.configuration.properties['shotlist.quotes.style']?.default, 'wire');
  });

  test('Copy Quote copies the soundbite under the cursor in the wire style, with its restrictions', async () => {
    const editor = await open('integration', 'quotes.unifeed');
    editor.selection = new vscode.Selection(8, 20, 8, 20);
    await vscode.commands.executeCommand('shotlist.copyQuote');
    assert.equal(await vscode.env.clipboard.readText(), nurse);
  });

  test('the cursor on the SOUNDBITE line copies the whole quote, marked as translated', async () => {
    const editor = await open('integration', 'quotes.unifeed');
    editor.selection = new vscode.Selection(10, 5, 10, 5);
    await vscode.commands.executeCommand('shotlist.copyQuote');
    assert.equal(await vscode.env.clipboard.readText(), harbourMaster);
  });

  test('a selection mid-sentence gets an ellipsis on each cut side', async () => {
    const editor = await open('integration', 'quotes.unifeed');
    const line = editor.document.lineAt(8).text;
    const start = line.indexOf('the queue');
    const end = line.indexOf(' wall,') + ' wall'.length;
    editor.selection = new vscode.Selection(8, start, 8, end);
    await vscode.commands.executeCommand('shotlist.copyQuote');
    assert.equal(await vscode.env.clipboard.readText(),
      `“…the queue reaches the harbour wall…” said Odile Marchetti-Brann, Chief Nurse, Port Vellane Clinic.\n${restrictions}`);
  });

  test('several cursors copy several quotes in document order, a blank line apart', async () => {
    const editor = await open('integration', 'quotes.unifeed');
    editor.selections = [new vscode.Selection(11, 10, 11, 10), new vscode.Selection(8, 10, 8, 10)];
    await vscode.commands.executeCommand('shotlist.copyQuote');
    assert.equal(await vscode.env.clipboard.readText(), `${nurse}\n\n${harbourMaster}`);
  });

  test('nothing under the cursor leaves the clipboard alone', async () => {
    const editor = await open('integration', 'quotes.unifeed');
    editor.selection = new vscode.Selection(6, 3, 6, 3); // a plain shot line
    await vscode.commands.executeCommand('shotlist.copyQuote');
    assert.equal(await vscode.env.clipboard.readText(), sentinel);
  });

  test('Copy Quote on a Soundbites view item copies that soundbite', async () => {
    const editor = await open('integration', 'quotes.unifeed');
    editor.selection = new vscode.Selection(6, 3, 6, 3); // the editor's cursor is on no quote: the item decides
    const api = vscode.extensions.getExtension<ShotlistApi>(EXTENSION_ID)?.exports;
    assert.ok(api);
    const provider = api.soundbites.provider;
    const uri = editor.document.uri;
    assert.ok(await waitFor(() => provider.document?.uri.toString() === uri.toString(), 5000), 'the view follows the editor');
    const node = provider.nodeAt(uri, 11);
    assert.ok(node);
    await vscode.commands.executeCommand('shotlist.copyQuote', node);
    assert.equal(await vscode.env.clipboard.readText(), harbourMaster);
  });

  test('Copy Quote As with a style name copies in that style', async () => {
    const editor = await open('integration', 'quotes.unifeed');
    editor.selection = new vscode.Selection(11, 10, 11, 10);
    await vscode.commands.executeCommand('shotlist.copyQuoteAs', 'broadcast');
    assert.equal(await vscode.env.clipboard.readText(),
      `TEODOR QUARESMA\nHarbour Master\n(translated from French)\n“The boats bring the families in. We just make room for them.”\n${restrictions}`);
  });

  test('Copy Quote As with an unknown style copies nothing', async () => {
    const editor = await open('integration', 'quotes.unifeed');
    editor.selection = new vscode.Selection(11, 10, 11, 10);
    await vscode.commands.executeCommand('shotlist.copyQuoteAs', 'no-such-style');
    assert.equal(await vscode.env.clipboard.readText(), sentinel);
  });

  test('Copy All Soundbites copies the quote sheet of the transcript', async () => {
    await open('integration', 'quotes.unifeed');
    await vscode.commands.executeCommand('shotlist.copyAllSoundbites');
    assert.equal(await vscode.env.clipboard.readText(), `${nurse}\n\n${harbourMaster}`);
  });

  test('Export Quotes opens an untitled CSV document with the quotes of the transcript', async () => {
    await open('integration', 'quotes.unifeed');
    const document = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('shotlist.exportQuotes', { format: 'csv', scope: 'file' });
    assert.ok(document);
    assert.ok(document.isUntitled);
    const text = document.getText();
    assert.ok(text.startsWith('quote,speaker,title,language,translatedFrom,date,place,source,story,restrictions,shot,file,line,kind,formatted\r\n'), text);
    assert.ok(text.includes('"We open at six. By seven the queue reaches the harbour wall, and nobody leaves without being seen.",Odile Marchetti-Brann,'), text);
    assert.equal(vscode.window.activeTextEditor?.document, document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Export Quotes through its quick picks: Markdown of this transcript', async () => {
    await open('integration', 'quotes.unifeed');
    const exported = vscode.commands.executeCommand<vscode.TextDocument | undefined>('shotlist.exportQuotes');
    for (let pick = 0; pick < 2; pick++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    const document = await exported;
    assert.ok(document);
    assert.equal(document.languageId, 'markdown');
    const text = document.getText();
    assert.ok(text.startsWith('# Quotes\n\n## UN / FICTIONAL HARBOUR CLINIC\n'), text);
    assert.ok(text.includes('Odile Marchetti-Brann'), text);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Export Quotes of the workspace reads transcripts that are not open', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const document = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('shotlist.exportQuotes', { format: 'json', scope: 'workspace' });
    assert.ok(document);
    const items = JSON.parse(document.getText()) as { file: string; speaker: string | null }[];
    assert.ok(items.some((item) => item.file === 'integration/quotes.unifeed' && item.speaker === 'Odile Marchetti-Brann'));
    assert.ok(items.some((item) => item.file === 'shotlists/clean.txt' && item.speaker === 'Nyakuoth Deng Malual'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Copy Quote in a Markdown interview copies the turn with its speaker', async () => {
    const editor = await open('markdown', 'bold_labels.md');
    assert.equal(editor.document.languageId, 'markdown');
    editor.selection = new vscode.Selection(6, 30, 6, 30);
    await vscode.commands.executeCommand('shotlist.copyQuote');
    assert.equal(await vscode.env.clipboard.readText(),
      '“Everything. The water came in two nights, and the school at Venmor was gone by the morning. We moved 4,000 people ' +
      'to higher ground. As one teacher told me, ‘we carried the books before the beds,’” said Marisol Okonkwo-Baird.');
  });
});
