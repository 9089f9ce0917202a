// Editing a long archive in a real VS Code: the cache re-parses only the stories an edit touched
// (src/core/parse/index.ts reparseTranscript, fed by the editor's change events). Whatever the edits, the
// outline, folding and problems of the edited document must equal those of the same text opened
// fresh. Multi-cursor edits check how this VS Code orders the changes of one event.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ShotlistApi } from '../../src/extension';
import { EXTENSION_ID, waitFor } from './helpers';

/** A fictional story of the archive; every story differs by its number. */
function story(index: number): string {
  return [
    `STORY: UN / FICTIONAL ISLAND POST ${index}`,
    'TRT: 1:05',
    'SOURCE: UNIFEED',
    'RESTRICTIONS: NONE',
    'LANGUAGES: ENGLISH / NATS',
    `DATELINE: ${(index % 27) + 1} APRIL 2026, KESTREL BAY, VALDORIA`,
    'SHOTLIST',
    'FILE - KESTREL BAY, VALDORIA',
    '1. Wide shot, the post office at the pier.',
    `2. SOUNDBITE (English) Tomas Reyne, Postmaster ${index}:`,
    `“Letters arrive twice a week now, and parcel ${index} came on time.”`,
    '3. Close up, stamps on a counter.',
    'STORYLINE',
    `Mail returned to Kestrel Bay in week ${index}. The postmaster said, “We are sorting again.”`,
    '',
  ].join('\n');
}

function describeSymbols(symbols: readonly vscode.DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((symbol) => [
    `${'  '.repeat(depth)}${symbol.name} | ${symbol.detail} | ${symbol.range.start.line}:${symbol.range.start.character}-${symbol.range.end.line}:${symbol.range.end.character}`,
    ...describeSymbols(symbol.children, depth + 1),
  ]);
}

/** What the editor shows of a document's structure: outline, folding ranges and problems. */
async function structureOf(uri: vscode.Uri): Promise<{ symbols: string[]; folds: string[] }> {
  const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
  const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
  return { symbols: describeSymbols(symbols ?? []), folds: (folds ?? []).map((fold) => `${fold.start}-${fold.end}`) };
}

function problemsOf(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri).map((problem) => `${problem.range.start.line}:${problem.range.start.character} ${problem.message}`);
}

suite('re-parse after edits: the same structure as a fresh parse', () => {
  let directory = '';

  suiteSetup(() => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'shotlist-reparse-'));
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(directory, { recursive: true, force: true });
  });

  let fresh = 0;
  /** Opens the text as a new file and returns its structure and problems once the problems settle. */
  async function freshStructure(text: string, expectProblems: boolean): Promise<{ symbols: string[]; folds: string[]; problems: string[] }> {
    const file = path.join(directory, `fresh-${fresh++}.unifeed`);
    writeFileSync(file, text);
    const uri = vscode.Uri.file(file);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.languageId, 'unifeed');
    const structure = await structureOf(uri);
    if (expectProblems) {
      assert.ok(await waitFor(() => problemsOf(uri).length > 0, 10000), 'the fresh copy never got its problems');
    }
    return { ...structure, problems: problemsOf(uri) };
  }

  test('edits inside stories, across a header and with several cursors', async () => {
    const file = path.join(directory, 'archive.unifeed');
    const original = Array.from({ length: 30 }, (_, index) => story(index)).join('\n');
    writeFileSync(file, original);
    const uri = vscode.Uri.file(file);
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const ext = vscode.extensions.getExtension<ShotlistApi>(EXTENSION_ID);
    assert.ok(ext && (await waitFor(() => ext.isActive, 5000)), `${EXTENSION_ID} is not active`);
    const opened = await structureOf(uri);
    const counts = ext.exports.cache.counts;
    assert.equal(opened.symbols.filter((line) => !line.startsWith(' ')).length, 30, 'one outline entry per story');

    const lineOf = (needle: string): number => document.getText().split('\n').findIndex((line) => line.includes(needle));
    const steps: { name: string; edit: (builder: vscode.TextEditorEdit) => void; problems: boolean }[] = [
      {
        name: 'a new shot inside story 12',
        edit: (builder) => builder.insert(new vscode.Position(lineOf('Postmaster 12:') + 2, 0), '7. Pan left, a ferry unloading.\n'),
        problems: true, // shot 7 after 2 is out of sequence
      },
      {
        name: 'two cursors, in stories 3 and 20, one event',
        edit: (builder) => {
          builder.insert(new vscode.Position(lineOf('parcel 3 came'), 1), 'Indeed, ');
          builder.insert(new vscode.Position(lineOf('Postmaster 20:') + 1, 0), '“');
        },
        problems: true,
      },
      {
        name: 'the header lines of story 7 deleted: it joins story 6',
        edit: (builder) => {
          const first = lineOf('ISLAND POST 7');
          builder.delete(new vscode.Range(first, 0, first + 5, 0));
        },
        problems: true,
      },
      {
        name: 'a header typed into the story text of story 15: it splits',
        edit: (builder) => {
          const at = lineOf('in week 15.');
          builder.insert(new vscode.Position(at, 0), 'STORY: UN / FICTIONAL SPLIT\nTRT: 0:30\nSOURCE: UNIFEED\n');
        },
        problems: true,
      },
    ];
    for (const step of steps) {
      const reparsed = counts.reparsed;
      assert.ok(await editor.edit(step.edit), `${step.name}: the edit was refused`);
      const edited = await structureOf(uri);
      assert.equal(counts.reparsed, reparsed + 1, `${step.name}: the edited version was not re-parsed from the edit`);
      const expected = await freshStructure(document.getText(), step.problems);
      assert.deepEqual(edited.symbols, expected.symbols, `${step.name}: outline`);
      assert.deepEqual(edited.folds, expected.folds, `${step.name}: folding`);
      assert.ok(await waitFor(() => JSON.stringify(problemsOf(uri)) === JSON.stringify(expected.problems), 10000),
        `${step.name}: problems ${JSON.stringify(problemsOf(uri))} instead of ${JSON.stringify(expected.problems)}`);
    }
    // Undo everything: back to the structure of the original text.
    for (let undo = 0; undo < steps.length; undo++) {
      await vscode.commands.executeCommand('undo');
    }
    assert.ok(await waitFor(() => document.getText() === original, 5000), 'undo did not restore the text');
    assert.deepEqual(await structureOf(uri), opened, 'after undo');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
