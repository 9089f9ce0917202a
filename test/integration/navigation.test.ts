// Next/Previous Soundbite and "Go to Soundbite…" in a real VS Code: the cursor lands on the quote,
// the list wraps, the quick pick previews, accepts and restores on cancel.
// Fixtures: test/fixtures/outline/archive.unifeed (five soundbites in three stories) and interview.unifeed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, fixtureIn, waitFor } from './helpers';


const fixture = (name: string): vscode.Uri => fixtureIn('outline', name);

async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixture(name));
  const editor = await vscode.window.showTextDocument(document);
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext && (await waitFor(() => ext.isActive, 5000)), `${EXTENSION_ID} is not active`);
  return editor;
}

function cursor(editor: vscode.TextEditor): string {
  const { active, anchor } = editor.selection;
  return active.isEqual(anchor) ? `${active.line}:${active.character}` : `${anchor.line}:${anchor.character}-${active.line}:${active.character}`;
}

function place(editor: vscode.TextEditor, line: number, character: number): void {
  editor.selection = new vscode.Selection(line, character, line, character);
}

/** The quote starts of archive.unifeed, in order (0-based line:character). */
const quoteStarts = ['12:1', '15:1', '29:69', '32:1', '43:1'];

suite('soundbite navigation', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the commands and their keybindings are contributed for transcripts only', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { keybindings: { command: string; key: string; when: string }[] };
    };
    const bindings = manifest.contributes.keybindings.filter((binding) => binding.command.endsWith('Soundbite'));
    assert.deepEqual(bindings.map((binding) => `${binding.command} ${binding.key}`), ['shotlist.nextSoundbite ctrl+alt+pagedown', 'shotlist.previousSoundbite ctrl+alt+pageup']);
    assert.ok(bindings.every((binding) => binding.when === 'editorTextFocus && editorLangId == unifeed'));
  });

  test('Next Soundbite puts the cursor on each quote in turn, reveals it, and wraps after the last', async () => {
    const editor = await open('archive.unifeed');
    place(editor, 0, 0);
    const visited: string[] = [];
    for (let step = 0; step < quoteStarts.length + 1; step++) {
      await vscode.commands.executeCommand('shotlist.nextSoundbite');
      visited.push(cursor(editor));
      const line = editor.selection.active.line;
      assert.ok(await waitFor(() => editor.visibleRanges.some((range) => range.start.line <= line && line <= range.end.line), 2000), `line ${line} is not visible`);
    }
    assert.deepEqual(visited, [...quoteStarts, quoteStarts[0]]);
  });

  test('Previous Soundbite goes back, from inside a quote to its start, and wraps before the first', async () => {
    const editor = await open('archive.unifeed');
    place(editor, 15, 30); // inside the second quote
    const visited: string[] = [];
    for (let step = 0; step < 3; step++) {
      await vscode.commands.executeCommand('shotlist.previousSoundbite');
      visited.push(cursor(editor));
    }
    assert.deepEqual(visited, ['15:1', '12:1', '43:1']);
  });

  test('in an interview the commands move between answers', async () => {
    const editor = await open('interview.unifeed');
    place(editor, 0, 0);
    await vscode.commands.executeCommand('shotlist.nextSoundbite');
    assert.equal(cursor(editor), '2:16');
    await vscode.commands.executeCommand('shotlist.nextSoundbite');
    assert.equal(cursor(editor), '8:16');
    await vscode.commands.executeCommand('shotlist.nextSoundbite');
    assert.equal(cursor(editor), '2:16');
  });

  test('Go to Soundbite…: moving through the list previews each soundbite; accepting keeps it', async () => {
    const editor = await open('archive.unifeed');
    place(editor, 0, 0);
    const done = vscode.commands.executeCommand('shotlist.goToSoundbite');
    // The first item is active when the list opens, and previewed.
    assert.ok(await waitFor(() => cursor(editor) === quoteStarts[0], 5000), `no preview of the first soundbite (cursor ${cursor(editor)})`);
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    assert.ok(await waitFor(() => cursor(editor) === quoteStarts[1], 3000), `no preview of the second soundbite (cursor ${cursor(editor)})`);
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    assert.ok(await waitFor(() => cursor(editor) === quoteStarts[2], 3000), `no preview of the third soundbite (cursor ${cursor(editor)})`);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    assert.equal(cursor(editor), quoteStarts[2]);
    assert.ok(editor.visibleRanges.some((range) => range.start.line <= 29 && 29 <= range.end.line));
  });

  test('Go to Soundbite…: cancelling puts the cursor back where it was', async () => {
    const editor = await open('archive.unifeed');
    place(editor, 3, 4);
    const done = vscode.commands.executeCommand('shotlist.goToSoundbite');
    assert.ok(await waitFor(() => cursor(editor) === quoteStarts[0], 5000), `no preview (cursor ${cursor(editor)})`);
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    assert.ok(await waitFor(() => cursor(editor) === quoteStarts[1], 3000));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await done;
    assert.equal(cursor(editor), '3:4');
  });

  test('Go to Soundbite… opens on the soundbite the cursor is in', async () => {
    const editor = await open('archive.unifeed');
    place(editor, 31, 10); // speaker line of the fourth soundbite
    const done = vscode.commands.executeCommand('shotlist.goToSoundbite');
    assert.ok(await waitFor(() => cursor(editor) === quoteStarts[3], 5000), `the fourth soundbite is not active (cursor ${cursor(editor)})`);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    assert.equal(cursor(editor), quoteStarts[3]);
  });
});
