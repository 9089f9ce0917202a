// The web build in the web worker extension host: the extension loads from package.json's "browser"
// entry, in a host without Node, and activates on its own when a transcript opens.
import * as vscode from 'vscode';
import { EXTENSION_ID, equal, ok, show, waitFor } from './helpers';

suite('web: activation', () => {
  test('these tests and the extension run in the web worker extension host, without Node', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    // A web extension host runs extensions as UI extensions; the Node host of a remote window would say Workspace.
    equal(extension.extensionKind, vscode.ExtensionKind.UI, 'the extension kind');
    equal((extension.packageJSON as { browser?: string }).browser, './dist/web/extension.js');
    equal(typeof (globalThis as { process?: unknown }).process, 'undefined', 'no Node process object here');
    equal(typeof (globalThis as { require?: unknown }).require, 'undefined', 'no Node require here');
    equal(vscode.env.uiKind, vscode.UIKind.Web);
    // The workspace is reached through the remote file system, never through a local path.
    equal(vscode.workspace.workspaceFolders?.[0]?.uri.scheme, 'vscode-remote');
  });

  test('opening a .unifeed file sets the language and activates the extension', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    ok(extension);
    const editor = await show('integration', 'activation.unifeed');
    ok(/^STORY: UN \/ FICTIONAL RIVER PATROL/.test(editor.document.getText()), 'the fixture text');
    // Poll rather than call activate(), which would hide a broken activation.
    await waitFor(() => extension.isActive, (active) => active, 5000, 'the extension to activate');
    const exports = extension.exports as { worker?: unknown } | undefined;
    ok(exports?.worker, 'activate() returned the API');
  });
});
