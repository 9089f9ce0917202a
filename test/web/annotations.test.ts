// Annotations in the web worker extension host: marking a soundbite writes its sidecar
// (`<file>.notes.yaml`) through workspace.fs on the remote workspace, and the store reads it back.
// The transcript is a `*-by-test.*` copy of test/fixtures/integration/annotations/ferry.unifeed.
import * as vscode from 'vscode';
import { AnnotationStore } from '../../src/features/annotations/store';
import { readTextFile } from '../../src/features/shared/files';
import { api, equal, fixture, ok, waitFor } from './helpers';

suite('web: annotations', () => {
  const transcript = (): vscode.Uri => fixture('integration', 'annotations', 'ferry-web-by-test.unifeed');
  const remove = async (uri: vscode.Uri): Promise<void> => {
    try {
      await vscode.workspace.fs.delete(uri, { useTrash: false });
    } catch {
      // Already gone.
    }
  };

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await remove(transcript());
    await remove(AnnotationStore.sidecarFor(transcript()));
  });

  test('Mark as Selected writes the sidecar next to the transcript, with the quote', async () => {
    const shotlist = await api();
    const original = await readTextFile(fixture('integration', 'annotations', 'ferry.unifeed'));
    ok(original.kind === 'text', JSON.stringify(original));
    const quote = 'For the first time in two years, the morning ferry left on time and every seat was taken.';
    ok(original.text.includes(quote), 'the fixture holds the coordinator\'s quote');
    await vscode.workspace.fs.writeFile(transcript(), new TextEncoder().encode(original.text));
    const sidecar = AnnotationStore.sidecarFor(transcript());
    await remove(sidecar);

    const document = await vscode.workspace.openTextDocument(transcript());
    const editor = await vscode.window.showTextDocument(document);
    const inside = document.positionAt(original.text.indexOf('morning ferry left'));
    editor.selection = new vscode.Selection(inside, inside);
    await vscode.commands.executeCommand('shotlist.annotations.markSelected');

    const written = await waitFor(() => readTextFile(sidecar), (read) => read.kind === 'text' && read.text.includes('status: selected'), 15_000, 'the sidecar');
    ok(written.kind === 'text' && written.text.includes(quote), JSON.stringify(written));
    equal(sidecar.scheme, 'vscode-remote', 'the sidecar lives on the workspace\'s file system');
    const placed = shotlist.annotations.store.known(transcript())?.live.filter((item) => item.state === 'placed') ?? [];
    equal(placed.length, 1);
    equal(document.getText(new vscode.Range(document.positionAt(placed[0]?.start ?? 0), document.positionAt(placed[0]?.end ?? 0))), quote);
  });
});
