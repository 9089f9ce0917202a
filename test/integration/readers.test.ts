// The new reading of real-world transcripts in a real VS Code: a shot list flattened onto one line, a
// speaker line hard-wrapped onto the next, an interview labelled on its first exchange only, and auto
// captions. Outline, Next Soundbite, Copy Quote and the Soundbites view work on them as on clean ones.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ShotlistApi } from '../../src/extension';
import { EXTENSION_ID, fixtureIn, waitFor } from './helpers';

/**
 * Opens a plain-text fixture and waits until detection has made it a transcript. Changing a
 * document's language replaces its editor, so the editor returned is the active one afterwards.
 */
async function open(folder: string, name: string): Promise<vscode.TextEditor> {
  const uri = fixtureIn(folder, name);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const extension = vscode.extensions.getExtension<ShotlistApi>(EXTENSION_ID);
  assert.ok(extension);
  await extension.activate();
  const switched = await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() &&
    vscode.window.activeTextEditor.document.languageId === 'unifeed', 5000);
  assert.ok(switched, `${name} was not detected as a transcript`);
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor);
  return editor;
}

async function symbols(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    if (found && found.length > 0) {
      return found;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`no symbols for ${uri.toString()}`);
}

function names(list: readonly vscode.DocumentSymbol[]): string[] {
  return list.flatMap((symbol) => [symbol.name, ...names(symbol.children)]);
}

async function copyAt(editor: vscode.TextEditor, line: number, character: number): Promise<string> {
  await vscode.env.clipboard.writeText('untouched');
  editor.selection = new vscode.Selection(line, character, line, character);
  await vscode.commands.executeCommand('shotlist.copyQuote');
  return vscode.env.clipboard.readText();
}

suite('real-world readers', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a shot list flattened onto one line: outline, Next Soundbite and Copy Quote', async () => {
    const editor = await open('shotlists', 'flattened_pdf.txt');
    const outline = names(await symbols(editor.document.uri));
    assert.ok(outline.includes('3. Aline Mbeki-Sanga') && outline.includes('5. Tomas Gerber'), outline.join(' | '));
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('shotlist.nextSoundbite');
    const line = editor.document.lineAt(1).text;
    assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [1, line.indexOf('We cross twice')]);
    const copied = await copyAt(editor, 1, line.indexOf('the boat is always'));
    assert.equal(copied, '“We cross twice a day now, and the boat is always full before we can even announce the departure,” said Aline Mbeki-Sanga, ferry captain (translated from French).');
  });

  test('a hard-wrapped speaker line: the whole title in the attribution, none of it in the quote; the Soundbites view lists it', async () => {
    const editor = await open('shotlists', 'wrapped_speakers.txt');
    const copied = await copyAt(editor, 10, 10);
    assert.equal(copied, '“The ceasefire line has been quiet for forty days. That is not peace, but it is the first condition for it,” said Miriam Osei-Bonsu, ' +
      'Special Representative of the Secretary-General for the Great Lakes Region and Head of the Regional Office.');
    const shotlist = await vscode.extensions.getExtension<ShotlistApi>(EXTENSION_ID)?.activate();
    assert.ok(shotlist);
    await vscode.commands.executeCommand('shotlist.soundbites.showActiveFile');
    const provider = shotlist.soundbites.provider;
    assert.ok(await waitFor(() => provider.document?.uri.toString() === editor.document.uri.toString(), 5000));
    const rows = provider.getChildren().flatMap((group) => provider.getChildren(group)).map((node) => {
      const item = provider.getTreeItem(node);
      return `${String(item.label)} | ${String(item.description)}`;
    });
    assert.deepEqual(rows.slice(0, 2), ['2. The ceasefire line has been quiet for… | Miriam Osei-Bonsu · English', '4. Nous avons besoin que les routes restent… | Bernard Lukusa · French']);
  });

  test('an interview labelled on its first exchange only: every exchange in the outline, unlabelled answers attributed', async () => {
    const editor = await open('interviews12', 'first_exchange_labels.txt');
    // Turns, and between them the quoted headline and the pull quote as quotes, not turns.
    const outline = (await symbols(editor.document.uri)).map((symbol) => symbol.name);
    assert.deepEqual(outline, ['"We will not leave the camps…', 'UN News', 'Leila Farouk', 'Question', 'Answer', '"We have had to choose between…', 'Question', 'Answer']);
    const line = editor.document.getText().split('\n').findIndex((text) => text.startsWith('Less than a third'));
    const copied = await copyAt(editor, line, 5);
    assert.match(copied, /^“Less than a third\. We have had to choose .*,” said Leila Farouk\.$/u);
  });

  test('auto captions: one turn per voice, the question its own turn, Next Soundbite to the answer', async () => {
    const editor = await open('interviews12', 'timecoded_auto.txt');
    const outline = (await symbols(editor.document.uri)).map((symbol) => symbol.name);
    assert.deepEqual(outline, ['00:00 Statement', '00:18 Question', '00:21 Answer']);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('shotlist.nextSoundbite');
    assert.equal(editor.selection.active.line, 7);
  });
});
