// Copy Quote on the real seed 000 in a real VS Code. The expected strings are built from the seed's
// own text and the styles' rules, not from our code. The seed lives in ../shared/seeds beside the
// clone: the test fails loudly, naming the path, when it is missing.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitFor } from './helpers';

const speaker = 'Jean-Pierre Lacroix, Under-Secretary-General for Peace Operations, United Nations';

async function openSeed(): Promise<vscode.TextEditor> {
  const workspace = vscode.workspace.workspaceFolders?.[0];
  assert.ok(workspace, 'the test run must open test/fixtures as the workspace folder');
  const seeds = process.env.SHOTLIST_SEEDS ?? path.join(workspace.uri.fsPath, '..', '..', '..', 'shared', 'seeds');
  const uri = vscode.Uri.file(path.join(seeds, '000_e751e5e04960dd4f.txt'));
  await vscode.workspace.fs.stat(uri).then(undefined, () => assert.fail(`the real seed documents are missing: expected ${uri.fsPath}`));
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  assert.ok(await waitFor(() => editor.document.languageId === 'unifeed', 5000), 'the seed was not detected as a transcript');
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext && (await waitFor(() => ext.isActive, 5000)), `${EXTENSION_ID} is not active`);
  return editor;
}

suite('quote commands on seed 000', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('shotlist.quotes').update('templates', undefined, vscode.ConfigurationTarget.Global);
  });

  test('Copy Quote with the cursor in soundbite 2 gives the wire copy', async () => {
    const editor = await openSeed();
    const quoteLine = editor.document.lineAt(14).text;
    assert.ok(quoteLine.startsWith('“We') && quoteLine.endsWith('do more.”'), 'seed line 15 is the quote of soundbite 2');
    const words = quoteLine.slice(1, -1);
    editor.selection = new vscode.Selection(14, 40, 14, 40);
    await vscode.commands.executeCommand('shotlist.copyQuote');
    // Wire style: the final full stop becomes a comma inside the marks, then "said Name, Title."
    assert.equal(await vscode.env.clipboard.readText(), `“${words.slice(0, -1)},” said ${speaker}.`);
  });

  test('Copy Quote As citation adds source, date and place from the dateline', async () => {
    const editor = await openSeed();
    const words = editor.document.lineAt(14).text.slice(1, -1);
    editor.selection = new vscode.Selection(13, 5, 13, 5);
    await vscode.commands.executeCommand('shotlist.copyQuoteAs', 'citation');
    assert.equal(await vscode.env.clipboard.readText(),
      `“${words}” — ${speaker} (UNIFEED / MINUSMA, 08 DECEMBER 2023, NEW YORK CITY)`);
  });

  test('a selection ending mid-sentence gets an ellipsis and keeps the attribution', async () => {
    const editor = await openSeed();
    const line = editor.document.lineAt(14).text;
    const start = line.indexOf('I was in Mali');
    const end = line.indexOf(' for all their good work');
    editor.selection = new vscode.Selection(14, start, 14, end);
    await vscode.commands.executeCommand('shotlist.copyQuote');
    assert.equal(await vscode.env.clipboard.readText(), `“I was in Mali essentially to thank our colleagues…” said ${speaker}.`);
  });

  test('a user template from the settings fills its fields; a misspelt field copies nothing', async () => {
    await vscode.workspace.getConfiguration('shotlist.quotes').update('templates', {
      desk: '{speaker} (shot {shot}): “{quote}”',
      broken: '{speaker}: {qoute}',
    }, vscode.ConfigurationTarget.Global);
    const editor = await openSeed();
    const words = editor.document.lineAt(14).text.slice(1, -1);
    editor.selection = new vscode.Selection(14, 3, 14, 3);
    await vscode.commands.executeCommand('shotlist.copyQuoteAs', 'desk');
    assert.equal(await vscode.env.clipboard.readText(), `Jean-Pierre Lacroix (shot 2): “${words}”`);
    await vscode.env.clipboard.writeText('untouched');
    await vscode.commands.executeCommand('shotlist.copyQuoteAs', 'broken');
    assert.equal(await vscode.env.clipboard.readText(), 'untouched', 'an unknown field never gives a half-filled quote');
  });
});
