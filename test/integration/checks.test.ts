// Checks and quick fixes in a real VS Code: story quotes against their soundbites in the Problems
// panel (with the soundbite as related information), the user's severities, every quick fix applied
// through vscode.executeCodeActionProvider and undone in one step, the quote's source in a hover and
// through Go to Definition, and the timing in the status bar.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ShotlistApi } from '../../src/extension';
import { EXTENSION_ID, markdownOf, waitFor } from './helpers';

const header = [
  'STORY: SOUTH SUDAN / MALAKAL CLINIC',
  'TRT: 02:10',
  'SOURCE: UNMISS',
  'RESTRICTIONS: NONE',
  'LANGUAGES: ENGLISH / NATS',
  'DATELINE: 12 FEBRUARY 2026, MALAKAL, SOUTH SUDAN',
];
const shots = [
  '1. Wide shot, clinic at night',
  '2. SOUNDBITE (English) Grace Achol-Lindgren, Nurse, Malakal Clinic:',
  '“When the generator fails, we work by torchlight. The mothers walk for three hours to reach us.”',
  '3. Med shot, nurse with a torch',
];

async function open(...lines: string[]): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'unifeed', content: lines.join('\n') });
  return vscode.window.showTextDocument(document);
}

async function problems(uri: vscode.Uri, accept: (found: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 10_000): Promise<vscode.Diagnostic[]> {
  let found: vscode.Diagnostic[] = [];
  const ok = await waitFor(() => {
    found = vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'shotlist');
    return accept(found);
  }, timeoutMs);
  assert.ok(ok, `timed out waiting for ${what}; found ${found.map((diagnostic) => String(diagnostic.code)).join(', ')}`);
  return found;
}

/** Asks VS Code for the quick fixes at a line, applies the one titled `title`, and returns the text after it. */
async function applyFix(editor: vscode.TextEditor, line: number, title: string): Promise<string> {
  const document = editor.document;
  const range = new vscode.Range(line, 0, line, document.lineAt(line).text.length);
  // Resolved, as the light bulb does when one is chosen: renumbering makes its edits then.
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range, vscode.CodeActionKind.QuickFix.value, 20);
  const action = actions.find((candidate) => candidate.title === title);
  assert.ok(action?.edit, `no quick fix "${title}" on line ${line + 1}; offered: ${actions.map((candidate) => candidate.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  return document.getText();
}

async function undoOnce(editor: vscode.TextEditor): Promise<string> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('undo');
  return editor.document.getText();
}

async function close(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

suite('checks and quick fixes', () => {
  let shotlist: ShotlistApi;

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<ShotlistApi>(EXTENSION_ID);
    assert.ok(extension);
    shotlist = await extension.activate();
  });

  teardown(async () => {
    await vscode.workspace.getConfiguration('shotlist').update('diagnostics.severity', undefined, vscode.ConfigurationTarget.Global);
  });

  test('a misquote is a warning linked to its soundbite; the user may make it an error or turn it off', async () => {
    const editor = await open(...header, ...shots, 'She said “the mothers walk for four hours to reach us.”');
    const uri = editor.document.uri;
    const [found] = await problems(uri, (list) => list.some((item) => item.code === 'quote-differs'), 'quote-differs');
    assert.equal(found?.code, 'quote-differs');
    assert.equal(found?.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(found?.message, 'This quote does not match soundbite 2 (Grace Achol-Lindgren, line 8): …for [three → four] hours…');
    assert.equal(found?.range.start.line, 10);
    assert.equal(found?.relatedInformation?.[0]?.location.range.start.line, 7);
    await vscode.workspace.getConfiguration('shotlist').update('diagnostics.severity', { 'quote-differs': 'error' }, vscode.ConfigurationTarget.Global);
    await problems(uri, (list) => list.some((item) => item.code === 'quote-differs' && item.severity === vscode.DiagnosticSeverity.Error), 'an error');
    await vscode.workspace.getConfiguration('shotlist').update('diagnostics.severity', { 'quote-differs': 'off' }, vscode.ConfigurationTarget.Global);
    await problems(uri, (list) => list.length === 0, 'no finding');
    await close();
  });

  test('a selection over hundreds of lines is offered the fixes at its two ends only', async () => {
    // Shots 4 to 303, one number written twice in the middle, and a misspelt language on the last line.
    const many = Array.from({ length: 300 }, (_, index) => `${index === 150 ? 153 : index + 4}. Wide shot, queue ${index}`);
    const editor = await open(...header, ...shots, ...many, '304. SOUNDBITE (Englsh) Grace Achol-Lindgren, Nurse:', '“We stay open.”');
    const document = editor.document;
    const last = document.lineCount - 2;
    await problems(document.uri, (list) => list.some((item) => item.code === 'unknown-language') && list.some((item) => String(item.code).startsWith('shot-number')), 'both findings');
    const titles = async (range: vscode.Range): Promise<string[]> =>
      ((await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [])
        .map((action) => action.title).sort();
    const whole = new vscode.Range(0, 0, last, document.lineAt(last).text.length);
    assert.deepEqual(await titles(whole), ['Change to English'], 'the whole file: the fix on its last line, not the renumbering in the middle');
    const middle = new vscode.Range(150, 0, 170, 0);
    assert.deepEqual(await titles(middle), ['Renumber all shots in order'], 'a short selection: every fix in it');
    await close();
  });

  test('the story quote names its soundbite in a hover, and Go to Definition jumps to it', async () => {
    const editor = await open(...header, ...shots, 'She said “we work by torchlight.” Nothing else.');
    const uri = editor.document.uri;
    const inQuote = new vscode.Position(10, 14);
    let text = '';
    const deadline = Date.now() + 10_000;
    while (!text.includes('From soundbite') && Date.now() < deadline) {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, inQuote)) ?? [];
      text = hovers.map(markdownOf).join('\n');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.match(text, /From soundbite 2 \(Grace Achol\\-Lindgren\), \[line 8\]\(/u);
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, inQuote);
    const target = locations[0];
    assert.ok(target);
    const range = 'targetRange' in target ? target.targetRange : target.range;
    assert.equal(range.start.line, 7);
    const outside = await vscode.commands.executeCommand<unknown[]>('vscode.executeDefinitionProvider', uri, new vscode.Position(10, 40));
    assert.deepEqual(outside, []);
    await close();
  });

  test('quick fix: renumber all shots, in one edit that one undo takes back', async () => {
    const lines = [...header, '1. Wide shot, a', '3. Med shot, b', '3. SOUNDBITE (English) Jane Roe, Nurse:', '“Yes.”', '7. Wide shot, c'];
    const editor = await open(...lines);
    const before = editor.document.getText();
    await problems(editor.document.uri, (list) => list.some((item) => String(item.code).startsWith('shot-number')), 'numbering findings');
    const after = await applyFix(editor, 7, 'Renumber all shots in order');
    assert.equal(after, [...header, '1. Wide shot, a', '2. Med shot, b', '3. SOUNDBITE (English) Jane Roe, Nurse:', '“Yes.”', '4. Wide shot, c'].join('\n'));
    assert.equal(await undoOnce(editor), before);
    await close();
  });

  test('quick fixes: close a quote, correct a straight mark, and use the soundbite\'s exact words', async () => {
    const open1 = await open(...header, ...shots, 'She said “we work by torchlight.');
    assert.equal(await applyFix(open1, 10, 'Close the quote with ”'), [...header, ...shots, 'She said “we work by torchlight.”'].join('\n'));
    await close();
    const straight = await open(...header, '1. SOUNDBITE (English) Jane Roe, Nurse:', '"We work by torchlight.”');
    assert.equal(await applyFix(straight, 7, 'Use “ to match the other quotation mark'), [...header, '1. SOUNDBITE (English) Jane Roe, Nurse:', '“We work by torchlight.”'].join('\n'));
    await close();
    const misquote = await open(...header, ...shots, 'She said “the mothers walk for four long hours to reach us.”');
    assert.equal(await applyFix(misquote, 10, 'Use the soundbite’s exact words'),
      [...header, ...shots, 'She said “the mothers walk for three hours to reach us.”'].join('\n'));
    await problems(misquote.document.uri, (list) => !list.some((item) => item.code === 'quote-differs'), 'the misquote gone');
    await close();
  });

  test('quick fixes: a misspelt language, a language LANGUAGES lacks, a missing header field', async () => {
    const misspelt = await open(...header, '1. SOUNDBITE (Englsh) Jane Roe, Nurse:', '“Yes.”');
    assert.equal(await applyFix(misspelt, 6, 'Change to English'), [...header, '1. SOUNDBITE (English) Jane Roe, Nurse:', '“Yes.”'].join('\n'));
    await close();
    const french = await open(...header, '1. SOUNDBITE (French) Jane Roe, Nurse:', '“Oui.”');
    assert.equal(await applyFix(french, 6, 'Add FRENCH to LANGUAGES'),
      [...header.slice(0, 4), 'LANGUAGES: ENGLISH / FRENCH / NATS', header[5], '1. SOUNDBITE (French) Jane Roe, Nurse:', '“Oui.”'].join('\n'));
    await close();
    const noSource = await open(...header.filter((line) => !line.startsWith('SOURCE')), '1. Wide shot, a');
    assert.equal(await applyFix(noSource, 0, 'Add a SOURCE field'), [...header.slice(0, 2), 'SOURCE: [SOURCE]', ...header.slice(3), '1. Wide shot, a'].join('\n'));
    await close();
  });

  test('quick fixes: the DATELINE in the house form, and its FILE marker', async () => {
    const withDateline = (value: string): string[] => [...header.slice(0, 5), `DATELINE: ${value}`, 'FILE - MALAKAL, SOUTH SUDAN', '1. Wide shot, clinic'];
    const french = await open(...withDateline('12 février 2026, MALAKAL / FILE'));
    assert.equal(await applyFix(french, 5, 'Write the date as 12 FEBRUARY 2026'), withDateline('12 FEBRUARY 2026, MALAKAL / FILE').join('\n'));
    await close();
    const noMarker = await open(...withDateline('12 FEBRUARY 2026, MALAKAL'));
    assert.equal(await applyFix(noMarker, 5, 'Add / FILE to the DATELINE'), withDateline('12 FEBRUARY 2026, MALAKAL / FILE').join('\n'));
    await close();
  });

  test('the status bar shows the soundbites\' read time against the TRT, warning when they are longer', async () => {
    const words = Array.from({ length: 45 }, () => 'word').join(' ');
    const editor = await open(header[0] as string, 'TRT: 0:10', ...header.slice(2), '1. SOUNDBITE (English) Jane Roe, Nurse:', `“${words}”`);
    editor.selection = new vscode.Selection(7, 0, 7, 0);
    assert.ok(await waitFor(() => {
      shotlist.timing.update();
      return shotlist.timing.shown?.text === '$(warning) Soundbites 0:15 / TRT 0:10';
    }, 5000), `shown: ${JSON.stringify(shotlist.timing.shown)}`);
    assert.equal(shotlist.timing.shown?.warning, true);
    await close();
  });

  test('a long archive is checked in the background, story by story, and its findings arrive', async () => {
    const story = (index: number): string[] => [`STORY: STORY ${index}`, ...header.slice(1), ...shots, `She said “the mothers walk for ${index % 2 === 0 ? 'three' : 'four'} hours to reach us.”`, ''];
    const lines = Array.from({ length: 600 }, (_, index) => story(index)).flat();
    const editor = await open(...lines);
    assert.ok(editor.document.getText().length > 200_000);
    const found = await problems(editor.document.uri, (list) => list.filter((item) => item.code === 'quote-differs').length === 300, '300 misquotes');
    assert.equal(found.filter((item) => item.code === 'quote-differs').length, 300);
    // Correct one misquote (story 1, the second): the next background check drops exactly its finding.
    const line = lines.indexOf('She said “the mothers walk for four hours to reach us.”');
    const column = (lines[line] as string).indexOf('four');
    assert.ok(await editor.edit((edit) => edit.replace(new vscode.Range(line, column, line, column + 4), 'three')));
    const after = await problems(editor.document.uri, (list) => list.filter((item) => item.code === 'quote-differs').length === 299, '299 misquotes');
    assert.ok(!after.some((item) => item.range.start.line === line), 'the corrected quote has no finding');
    await close();
  });

  test('more problems than VS Code lists: 999 of them, one line counting the rest, and fixes on every one', async () => {
    const misquote = 'She said “the mothers walk for four hours to reach us.”';
    const story = (index: number): string[] => [`STORY: STORY ${index}`, ...header.slice(1), ...shots, misquote, ''];
    const lines = Array.from({ length: 1200 }, (_, index) => story(index)).flat();
    const editor = await open(...lines);
    // 1,200 stories are checked in the background: a loaded machine may take several seconds.
    const found = await problems(editor.document.uri, (list) => list.some((item) => item.code === 'not-listed'), 'the line counting what is not listed', 30_000);
    // VS Code keeps 1,000 per file: Shotlist sends exactly that many, the count of the rest included.
    assert.equal(found.length, 1000);
    assert.equal(found.filter((item) => item.code === 'quote-differs').length, 999);
    const notListed = found.find((item) => item.code === 'not-listed') as vscode.Diagnostic;
    assert.match(notListed.message, /^201 more problems in this file are not listed: VS Code lists 1,000 per file/u);
    assert.equal(notListed.range.start.line, 0);
    // The last story's misquote is not in the list, and its quick fix is still offered.
    const last = lines.lastIndexOf(misquote);
    assert.ok(!found.some((item) => item.range.start.line === last), 'the last misquote is one of those not listed');
    assert.equal(await applyFix(editor, last, 'Use the soundbite’s exact words'),
      [...lines.slice(0, last), 'She said “the mothers walk for three hours to reach us.”', ...lines.slice(last + 1)].join('\n'));
    await close();
  });
});
