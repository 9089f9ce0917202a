// Content detection in a real VS Code: plain-text transcripts switch to `unifeed`, everything the user
// chose (another language, a files.associations pattern, the setting) is respected, and the command
// "Shotlist: Treat This File as a Transcript" switches any file. Fixtures: test/fixtures/detection/.
//
// The first test also proves the activation event: a plain-text document alone activates the
// extension. Run this suite on its own to check that without the other suites' .unifeed files:
//   SHOTLIST_TEST_GREP='language detection' npm run test:integration
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, fixtureIn, waitFor } from './helpers';

/** How long a document must keep its language before we believe nothing will switch it. */
const SETTLE_MS = 1500;

const fixture = (name: string): vscode.Uri => fixtureIn('detection', name);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function open(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fixture(name));
  await vscode.window.showTextDocument(document);
  return document;
}

async function becomes(document: vscode.TextDocument, languageId: string, timeoutMs = 5000): Promise<void> {
  const reached = await waitFor(() => document.languageId === languageId, timeoutMs);
  assert.ok(reached, `${path.basename(document.uri.path)} is still ${document.languageId}, expected ${languageId} within ${timeoutMs} ms`);
}

async function stays(document: vscode.TextDocument, languageId: string): Promise<void> {
  assert.equal(document.languageId, languageId);
  await sleep(SETTLE_MS);
  assert.equal(document.languageId, languageId, `${path.basename(document.uri.path)} was switched to ${document.languageId}`);
}

async function setGlobal(section: string, key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Global);
}

suite('language detection', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a web-copied .txt shot list (title first, then STORY:/TRT:) becomes unifeed, and activates the extension', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in the test host`);
    const document = await open('shotlist.txt');
    assert.match(document.getText(), /^UN \/ SOUTH SUDAN FLOOD RELIEF BRIDGE\n/);
    await becomes(document, 'unifeed');
    // onLanguage:plaintext: when this suite runs alone, nothing else could have activated it.
    assert.ok(await waitFor(() => ext.isActive, 5000), `${EXTENSION_ID} is not active`);
  });

  test('a file without an extension whose first line is STORY: opens as unifeed at once (firstLine)', async () => {
    const document = await vscode.workspace.openTextDocument(fixture('no-extension-shotlist'));
    // Content detection would switch it only after opening; firstLine gives the language on open.
    assert.equal(document.languageId, 'unifeed');
  });

  test('a labelled interview saved as .txt becomes unifeed', async () => {
    await becomes(await open('interview.txt'), 'unifeed');
  });

  test('notes that are not a transcript stay plaintext', async () => {
    await stays(await open('notes.txt'), 'plaintext');
  });

  test('"Shotlist: Treat This File as a Transcript" switches a plaintext document that detection left alone', async () => {
    const document = await open('letter.txt');
    await stays(document, 'plaintext');
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('shotlist.treatAsTranscript'), 'the command is registered');
    await vscode.commands.executeCommand('shotlist.treatAsTranscript');
    await becomes(document, 'unifeed');
  });

  test('a transcript opened as markdown is never switched', async () => {
    const text = (await vscode.workspace.openTextDocument(fixture('markdown-choice.txt'))).getText();
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
    await vscode.window.showTextDocument(document);
    await stays(document, 'markdown');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a switched document the user sets to markdown, then to plain text, keeps the language chosen', async () => {
    const document = await open('markdown-choice.txt');
    await becomes(document, 'unifeed');
    // What the language picker in the status bar does.
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    await stays(document, 'markdown');
    await vscode.languages.setTextDocumentLanguage(document, 'plaintext');
    await stays(document, 'plaintext');
  });

  test('a file matched by files.associations is left alone', async () => {
    await setGlobal('files', 'associations', { '**/detection/associated.txt': 'plaintext' });
    try {
      await stays(await open('associated.txt'), 'plaintext');
    } finally {
      await setGlobal('files', 'associations', undefined);
    }
  });

  test('shotlist.detectTranscripts: false turns detection off; turning it on again checks open documents', async () => {
    await setGlobal('shotlist', 'detectTranscripts', false);
    let document: vscode.TextDocument;
    try {
      document = await open('setting-off.txt');
      await stays(document, 'plaintext');
    } finally {
      await setGlobal('shotlist', 'detectTranscripts', undefined);
    }
    await becomes(document, 'unifeed');
  });

  test('a transcript pasted into a new Untitled document becomes unifeed', async () => {
    const text = (await vscode.workspace.openTextDocument(fixture('shotlist.txt'))).getText();
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '' });
    const editor = await vscode.window.showTextDocument(document);
    await stays(document, 'plaintext');
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), text));
    await becomes(document, 'unifeed');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
