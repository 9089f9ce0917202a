// Annotations in a real VS Code: mark by command and by CodeLens, a note through the comment command,
// edits in the editor, a change on disk, an unreadable sidecar, a fresh session reading the sidecar,
// and the selects export. The transcript is a copy of test/fixtures/integration/annotations/ferry.unifeed
// (`*-by-test.*` files are ignored by git), so the fixture itself never changes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ShotlistApi } from '../../src/extension';
import { AnnotationStore, type TranscriptNotes } from '../../src/features/annotations/store';
import { EXTENSION_ID, fixtureIn } from './helpers';

const words = {
  coordinator: 'For the first time in two years, the morning ferry left on time and every seat was taken.',
  pilot: 'We check the channel every dawn. If the buoys drift, nobody sails.',
};

async function api(): Promise<ShotlistApi> {
  const ext = vscode.extensions.getExtension<ShotlistApi>(EXTENSION_ID);
  assert.ok(ext, 'extension present');
  return ext.isActive ? ext.exports : ext.activate();
}

async function readText(uri: vscode.Uri): Promise<string | null> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return null;
  }
}

async function until<T>(probe: () => Promise<T> | T, accept: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!accept(value)) {
    if (Date.now() > deadline) {
      assert.fail(`timed out waiting for ${what}; last: ${JSON.stringify(value)?.slice(0, 600)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}

/** The words each placed annotation covers now, by status. */
function placedWords(notes: TranscriptNotes | undefined, document: vscode.TextDocument): string[] {
  return (notes?.live ?? []).filter((item) => item.state === 'placed').map((item) =>
    `${item.annotation.status ?? 'none'}: ${document.getText(new vscode.Range(document.positionAt(item.start), document.positionAt(item.end)))}`);
}

suite('annotations', function () {
  this.timeout(120_000);
  const transcript = fixtureIn('integration/annotations', 'ferry-by-test.unifeed');
  const sidecar = AnnotationStore.sidecarFor(transcript);
  let original = '';

  suiteSetup(async () => {
    original = (await readText(fixtureIn('integration/annotations', 'ferry.unifeed'))) ?? '';
    assert.ok(original.includes(words.pilot), 'the fixture is readable');
    await vscode.workspace.fs.writeFile(transcript, new TextEncoder().encode(original));
    try {
      await vscode.workspace.fs.delete(sidecar);
    } catch {
      // No sidecar from an earlier run.
    }
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of [transcript, sidecar]) {
      try {
        await vscode.workspace.fs.delete(uri);
      } catch {
        // Already gone.
      }
    }
  });

  test('the keybindings avoid Ctrl+Alt+letter, which AltGr keyboards need', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { keybindings: { command: string; key: string }[] } };
    const offending = manifest.contributes.keybindings.filter((binding) => /^ctrl\+alt\+[a-z0-9]$/u.test(binding.key));
    assert.deepEqual(offending, []);
    const annotation = manifest.contributes.keybindings.filter((binding) => binding.command.startsWith('shotlist.annotations.')).map((binding) => binding.key);
    assert.ok(annotation.includes('alt+shift+s') && annotation.includes('alt+shift+n'), annotation.join(', '));
  });

  test('mark by command, by CodeLens, note through the comment command, then export', async () => {
    const shotlist = await api();
    const document = await vscode.workspace.openTextDocument(transcript);
    const editor = await vscode.window.showTextDocument(document);
    // Cursor inside the coordinator's soundbite: the command marks its quote.
    const inside = document.positionAt(original.indexOf('morning ferry left'));
    editor.selection = new vscode.Selection(inside, inside);
    await vscode.commands.executeCommand('shotlist.annotations.markSelected');
    const written = await until(() => readText(sidecar), (text) => text !== null && text.includes('status: selected'), 'the sidecar with the selected soundbite');
    assert.ok(written?.includes(words.coordinator), written ?? '');
    assert.deepEqual(placedWords(shotlist.annotations.store.known(transcript), document), [`selected: ${words.coordinator}`]);

    // The CodeLens above the pilot's SOUNDBITE line marks it "maybe".
    const lenses = await until(
      async () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', transcript, 100),
      (found) => (found ?? []).filter((lens) => lens.command?.command === 'shotlist.annotations.markMaybe').length === 2, 'two Maybe lenses');
    const pilotLine = document.positionAt(original.indexOf('4. SOUNDBITE')).line;
    const maybe = lenses.find((lens) => lens.range.start.line === pilotLine && lens.command?.command === 'shotlist.annotations.markMaybe');
    assert.ok(maybe?.command, 'a Maybe lens on the pilot\'s SOUNDBITE line');
    const selectedLens = lenses.find((lens) => lens.command?.command === 'shotlist.annotations.markSelected' && lens.range.start.line !== pilotLine);
    assert.equal(selectedLens?.command?.title.startsWith('●'), true, 'the lens shows the current status');
    await vscode.commands.executeCommand(maybe.command.command, ...(maybe.command.arguments ?? []));
    await until(() => readText(sidecar), (text) => text !== null && text.includes('status: maybe'), 'the maybe soundbite in the sidecar');

    // A note, as the comment thread's Save button sends it: the reply's thread sits on the pilot's line.
    const pilotQuote = document.positionAt(original.indexOf(words.pilot));
    await vscode.commands.executeCommand('shotlist.annotations.createNote', {
      thread: { uri: transcript, range: new vscode.Range(pilotQuote, pilotQuote), dispose: () => undefined },
      text: 'Use **after** the wide shot.',
    });
    const withNote = await until(() => readText(sidecar), (text) => text !== null && text.includes('note:'), 'the note in the sidecar');
    assert.match(withNote ?? '', /note: Use \*\*after\*\* the wide shot\./u);
    assert.equal((withNote?.match(/- id:/gu) ?? []).length, 2, 'the note joined the pilot\'s annotation');
    const notes = shotlist.annotations.store.known(transcript);
    assert.equal(notes?.live.find((item) => item.annotation.status === 'maybe')?.annotation.note, 'Use **after** the wide shot.');

    // The Annotations view: the package of the active transcript first, then the file group.
    const roots = shotlist.annotations.view.roots();
    const pack = roots[0];
    assert.ok(pack && pack.kind === 'group' && pack.id.startsWith('package:'), 'the package group comes first');
    assert.equal(pack.children.length, 1);

    // The Soundbites view (active file) shows each soundbite's status.
    await vscode.commands.executeCommand('shotlist.soundbites.showActiveFile');
    const provider = shotlist.soundbites.provider;
    const soundbiteRows = await until(() => provider.getChildren().flatMap((group) => provider.getChildren(group)).map((node) => String(provider.getTreeItem(node).description ?? '')),
      (found) => found.some((row) => row.startsWith('Selected · Mireille')) && found.some((row) => row.startsWith('Maybe · Tomas')), 'the statuses in the Soundbites view');
    assert.equal(soundbiteRows.length, 2);

    const csv = await vscode.commands.executeCommand<string>('shotlist.annotations.exportSelects', { uri: transcript }, 'csv');
    const rows = csv.trim().split('\r\n');
    assert.equal(rows.length, 2, csv);
    assert.ok(rows[1]?.startsWith(`1,6,0:06,"${words.coordinator}",Mireille Okonkwo-Laar,`), rows[1]);
    assert.ok(rows[1]?.includes('UNIFEED / UNMIF'), 'the source is in the sheet');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('edits move annotations exactly; saving refreshes the stored line', async () => {
    const shotlist = await api();
    const document = await vscode.workspace.openTextDocument(transcript);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(6, 0), '1a. Aerial shot, the channel at dawn\n1b. Pan, the pier\n'));
    // Typing inside the quote changes its words; the annotation stays on them.
    const at = document.getText().indexOf('every dawn');
    await editor.edit((edit) => edit.insert(document.positionAt(at), 'very '));
    const words = await until(() => placedWords(shotlist.annotations.store.known(transcript), document), (found) => found.length === 2, 'two placed annotations');
    assert.deepEqual(words.sort(), [
      'maybe: We check the channel very every dawn. If the buoys drift, nobody sails.',
      'selected: For the first time in two years, the morning ferry left on time and every seat was taken.',
    ]);
    await document.save();
    const saved = await until(() => readText(sidecar), (text) => text !== null && text.includes('very every dawn'), 'the stored words after saving');
    assert.match(saved ?? '', /line: 11\b/u, 'the coordinator\'s quote is on line 11 now');
    assert.equal(await readText(transcript), document.getText(), 'annotating never changes the transcript beyond the editor\'s own save');
  });

  test('a change on disk re-anchors by content; words that went are detached, never dropped', async () => {
    const shotlist = await api();
    const document = await vscode.workspace.openTextDocument(transcript);
    // Another program straightens the quote marks and moves the story up a line.
    const changed = document.getText().replace(/[“”]/gu, '"').replace('STORY: UN', 'SLUG: FERRY\nSTORY: UN');
    await vscode.workspace.fs.writeFile(transcript, new TextEncoder().encode(changed));
    await until(() => document.getText(), (text) => text === changed, 'the editor to reload the file');
    const words = await until(() => placedWords(shotlist.annotations.store.known(transcript), document),
      (found) => found.length === 2 && found.every((each) => !each.includes('SLUG') && !each.endsWith(': ')), 'both annotations placed again');
    assert.ok(words.some((each) => each.startsWith('selected: For the first time in two years')), words.join('\n'));
    // The pilot's soundbite is cut from the story.
    const cut = changed.replace(/4\. SOUNDBITE[^\n]*\n[^\n]*\n/u, '');
    await vscode.workspace.fs.writeFile(transcript, new TextEncoder().encode(cut));
    const notes = await until(() => shotlist.annotations.store.known(transcript),
      (found) => found?.live.some((item) => item.state === 'detached') === true, 'the pilot\'s annotation detached');
    const detached = notes?.live.find((item) => item.state === 'detached');
    assert.equal(detached?.annotation.note, 'Use **after** the wide shot.', 'a detached annotation keeps its note');
    assert.ok(shotlist.annotations.view.roots().some((node) => node.kind === 'group' && node.id === 'detached'), 'a Detached group in the view');
    assert.match((await readText(sidecar)) ?? '', /status: maybe/u, 'the sidecar still has it');
  });

  test('an unreadable sidecar is never overwritten; the change waits and is saved once it is fixed', async () => {
    const shotlist = await api();
    const good = (await readText(sidecar)) ?? '';
    const broken = `${good}<<<<<<< HEAD\n  - id: [\n`;
    await vscode.workspace.fs.writeFile(sidecar, new TextEncoder().encode(broken));
    await until(() => vscode.languages.getDiagnostics(sidecar), (found) => found.some((d) => d.source === 'shotlist-notes'), 'a problem on the sidecar');
    const document = await vscode.workspace.openTextDocument(transcript);
    const editor = await vscode.window.showTextDocument(document);
    const text = document.getText();
    const from = text.indexOf('The ferry between');
    editor.selection = new vscode.Selection(document.positionAt(from), document.positionAt(from + 'The ferry between Salt Harbour'.length));
    await vscode.commands.executeCommand('shotlist.annotations.markRejected');
    assert.equal(await readText(sidecar), broken, 'the broken sidecar is left as it was');
    assert.equal(shotlist.annotations.store.known(transcript)?.unsaved.length, 1, 'the change waits in memory');
    const problem = vscode.languages.getDiagnostics(sidecar).find((d) => d.source === 'shotlist-notes' && d.severity === vscode.DiagnosticSeverity.Error);
    assert.ok(problem && problem.range.start.line >= good.split('\n').length - 1, `the problem is at the conflict line: ${problem?.range.start.line}`);
    await vscode.workspace.fs.writeFile(sidecar, new TextEncoder().encode(good));
    const fixed = await until(() => readText(sidecar), (value) => value !== null && value.includes('status: rejected'), 'the waiting change saved');
    assert.match(fixed ?? '', /status: maybe/u, 'the other annotations are still there');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a fresh session reads the same annotations from the sidecar', async () => {
    const shotlist = await api();
    const fresh = new AnnotationStore(shotlist.cache, shotlist.log);
    try {
      const notes = await fresh.notes(transcript);
      const statuses = notes.live.map((item) => `${item.annotation.status}:${item.state}${item.checked ? '' : ':unchecked'}`).sort();
      assert.deepEqual(statuses, ['maybe:detached', 'rejected:placed', 'selected:placed'], JSON.stringify(notes.live.map((item) => ({ ...item, annotation: item.annotation.anchor }))));
    } finally {
      fresh.dispose();
    }
  });
});
