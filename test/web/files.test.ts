// The workspace.fs helpers every feature that keeps its own files uses (src/features/shared/files.ts),
// in the web worker extension host on the remote workspace: read with a size limit, write through a
// temporary file, refuse to overwrite a file changed since it was read.
import * as vscode from 'vscode';
import { readTextFile, uriBaseName, writeTextFile } from '../../src/features/shared/files';
import { deepEqual, equal, fixture, ok } from './helpers';

suite('web: files through workspace.fs', () => {
  const folder = (): vscode.Uri => fixture('integration', 'web-files-by-test.tmp');

  teardown(async () => {
    try {
      await vscode.workspace.fs.delete(folder(), { recursive: true, useTrash: false });
    } catch {
      // Not created.
    }
  });

  test('write, read back, refuse a stale write, leave no temporary file behind', async () => {
    await vscode.workspace.fs.createDirectory(folder());
    const file = vscode.Uri.joinPath(folder(), 'notes.json');
    equal(uriBaseName(file), 'notes.json');
    deepEqual(await readTextFile(file), { kind: 'missing' });

    const created = await writeTextFile(file, '\uFEFF{"note": "première"}\n', { unchangedSince: null });
    ok(created.kind === 'written', JSON.stringify(created));
    const read = await readTextFile(file);
    ok(read.kind === 'text', JSON.stringify(read));
    equal(read.text, '{"note": "première"}\n', 'the byte order mark dropped, the accent kept');
    equal(read.modified, created.modified);

    deepEqual(await readTextFile(file, { maxBytes: 4 }), { kind: 'too-large', size: new TextEncoder().encode('\uFEFF{"note": "première"}\n').length });
    deepEqual(await writeTextFile(file, 'must not land', { unchangedSince: null }), { kind: 'changed' }, 'a file that exists is not created over');

    // Someone else changes the file after our read: a write based on that read must not overwrite it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('changed elsewhere'));
    deepEqual(await writeTextFile(file, 'stale', { unchangedSince: read.modified }), { kind: 'changed' });
    const after = await readTextFile(file);
    ok(after.kind === 'text' && after.text === 'changed elsewhere', JSON.stringify(after));

    const updated = await writeTextFile(file, 'merged', { unchangedSince: after.modified });
    equal(updated.kind, 'written');
    const names = (await vscode.workspace.fs.readDirectory(folder())).map(([name]) => name);
    deepEqual(names, ['notes.json'], 'no temporary file left');
    deepEqual(await readTextFile(folder()), { kind: 'missing' }, 'a folder is not a text file');
  });
});
