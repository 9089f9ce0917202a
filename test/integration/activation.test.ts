// Runs inside a real VS Code extension host (see test/vscode-host/). Proves that opening a
// .unifeed file gives it the `unifeed` language and that this alone activates the extension
// (no explicit activate() call).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, fixtureIn, waitFor } from './helpers';


const fixture = (name: string): vscode.Uri => fixtureIn('integration', name);

suite('activation', () => {
  test('opening a .unifeed file sets the language and activates the extension', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in the test host`);

    const document = await vscode.workspace.openTextDocument(fixture('activation.unifeed'));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'unifeed');
    assert.match(document.getText(), /^STORY: UN \/ FICTIONAL RIVER PATROL/);

    // Activation is implicit: onLanguage:unifeed (generated from contributes.languages) and, in this
    // workspace of .unifeed files, workspaceContains. Poll instead of calling ext.activate(), which
    // would hide a broken activation event.
    const active = await waitFor(() => ext.isActive, 5_000);
    assert.ok(active, `${EXTENSION_ID} did not activate within 5 s of opening a unifeed document`);
  });
});
