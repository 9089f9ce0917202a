// The outline, folding and smart select of a transcript in a real VS Code, through the same commands
// the Outline view, breadcrumbs, the folding gutter and Expand Selection use.
// Fixtures: test/fixtures/outline/archive.unifeed (three stories) and interview.unifeed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, fixtureIn, waitFor } from './helpers';


const fixture = (name: string): vscode.Uri => fixtureIn('outline', name);

async function open(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fixture(name));
  await vscode.window.showTextDocument(document);
  assert.equal(document.languageId, 'unifeed');
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext && (await waitFor(() => ext.isActive, 5000)), `${EXTENSION_ID} is not active`);
  return document;
}

function at(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

async function symbolsOf(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
  assert.ok(Array.isArray(symbols) && symbols.length > 0, 'no document symbols');
  return symbols;
}

suite('outline, folding and smart select', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('document symbols: one story per header block, with header, sections, soundbites and story text', async () => {
    const document = await open('archive.unifeed');
    const symbols = await symbolsOf(document.uri);
    assert.deepEqual(symbols.map((symbol) => `${symbol.name} | ${symbol.detail} | ${vscode.SymbolKind[symbol.kind]} | ${at(symbol.range)}`), [
      'UN / FICTIONAL LAKE FERRY | 2:05 | Module | 0:0-20:46',
      'UN / FICTIONAL SCHOOL ROOFS | 1:10 | Module | 22:0-32:86',
      'UN / FICTIONAL CLINIC GENERATOR | 0:45 | Module | 34:0-43:30',
    ]);
    const ferry = symbols[0] as vscode.DocumentSymbol;
    assert.deepEqual(ferry.children.map((child) => `${vscode.SymbolKind[child.kind]} ${child.name}`), [
      'Struct Header',
      'Namespace FILE - MONUSCO - BUKAVU, DEMOCRATIC REPUBLIC OF THE CONGO',
      'Namespace 9 FEBRUARY 2026, BUKAVU, DEMOCRATIC REPUBLIC OF THE CONGO',
      'Object Storyline',
    ]);
    assert.deepEqual(ferry.children[0]?.children.map((field) => `${field.name}=${field.detail}`).slice(0, 2), ['STORY=UN / FICTIONAL LAKE FERRY', 'TRT=02:05']);
    const dateline = ferry.children[2] as vscode.DocumentSymbol;
    assert.equal(dateline.detail, 'shots 3–5');
    assert.deepEqual(dateline.children.map((child) => `${vscode.SymbolKind[child.kind]} ${child.name} | ${child.detail} | ${at(child.range)}`), [
      'Event 3. Imani Batchelor-Ngoy | Every crossing that leaves on time… · 9 s | 11:0-12:141',
      'Field 4. Close up, life jackets stacked on the deck |  | 13:0-13:45',
      'Event 5. Colonel Aurélien Mbaye-Dupont | Nous escortons les bateaux jusqu’au milieu… · 5 s | 14:0-16:48',
    ]);
    const soundbite = dateline.children[0] as vscode.DocumentSymbol;
    assert.equal(document.getText(soundbite.selectionRange), 'Imani Batchelor-Ngoy');
    const storyline = ferry.children[3] as vscode.DocumentSymbol;
    assert.deepEqual(storyline.children.map((quote) => `${vscode.SymbolKind[quote.kind]} ${quote.name} | ${at(quote.range)}`), [
      'String “every crossing that leaves on time… | 19:41-19:109',
    ]);
    // Shots of a story without sections sit directly under it.
    assert.deepEqual(symbols[1]?.children.map((child) => child.name).slice(1), [
      '1. Wide shot, school with a new tin roof', '2. Noor Haddad-Kessler', '3. Pan right, pupils entering the classroom', '4. Samuel Oyelaran-Field',
    ]);
  });

  test('document symbols of an interview: one per turn, named by the label, question or answer', async () => {
    const document = await open('interview.unifeed');
    const symbols = await symbolsOf(document.uri);
    assert.deepEqual(symbols.map((symbol) => `${vscode.SymbolKind[symbol.kind]} ${symbol.name} | ${symbol.detail} | ${at(symbol.range)}`), [
      'Interface UN News | You spent the winter in Naqoura. What changed… | 0:0-0:72',
      'Event Solberg-Achebe | The patrols are longer and the nights are… | 2:0-4:71',
      'Interface UN News | Will the mission stay after the mandate review? | 6:0-6:56',
      'Event Solberg-Achebe | That is for the Council to decide. What… | 8:0-8:100',
    ]);
    assert.equal(symbols[1]?.children[0]?.name, '“the olives are back,”');
  });

  test('the outline follows an edit: a new soundbite appears in the next version', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'unifeed', content: [
      'STORY: UN / FICTIONAL EDIT', 'TRT: 0:30', 'SOURCE: UNIFEED', 'RESTRICTIONS: NONE', 'LANGUAGES: ENGLISH', 'DATELINE: 1 MAY 2026, JUBA, SOUTH SUDAN',
      '1. Wide shot, the river',
    ].join('\n') });
    const editor = await vscode.window.showTextDocument(document);
    const before = await symbolsOf(document.uri);
    assert.equal(before[0]?.children.length, 2);
    await editor.edit((edit) => edit.insert(new vscode.Position(6, 23), '\n2. SOUNDBITE (English) Ana Ruiz, Nurse:\n“We are ready.”'));
    const after = await symbolsOf(document.uri);
    assert.deepEqual(after[0]?.children.map((child) => `${child.name} | ${child.detail}`).slice(1), ['1. Wide shot, the river | ', '2. Ana Ruiz | We are ready. · 1 s']);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('folding ranges: headers, sections, soundbites, the story text', async () => {
    const document = await open('archive.unifeed');
    const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
    assert.deepEqual(ranges.map((range) => `${range.start}-${range.end}`), [
      '0-5', '7-9', '10-16', '11-12', '14-16', '17-20', '22-27', '31-32', '34-39', '40-43', '42-43',
    ]);
    const interview = await open('interview.unifeed');
    const turns = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', interview.uri);
    assert.deepEqual(turns.map((range) => `${range.start}-${range.end}`), ['2-4']);
  });

  test('smart select grows from a word to the quote text, the quote, the soundbite, the section and the story', async () => {
    const document = await open('archive.unifeed');
    const position = new vscode.Position(12, 8); // in "crossing"
    const [selection] = await vscode.commands.executeCommand<vscode.SelectionRange[]>('vscode.executeSelectionRangeProvider', document.uri, [position]);
    assert.ok(selection);
    const chain: string[] = [];
    for (let range: vscode.SelectionRange | undefined = selection; range; range = range.parent) {
      chain.push(at(range.range));
    }
    // The editor adds its own steps (whole lines); ours must all be there, in this order.
    const expected = ['12:7-12:15', '12:1-12:140', '12:0-12:141', '11:0-12:141', '10:0-16:48', '0:0-20:46'];
    let from = 0;
    for (const range of expected) {
      const index = chain.indexOf(range, from);
      assert.ok(index >= 0, `${range} missing or out of order in ${chain.join(' → ')}`);
      from = index + 1;
    }
    assert.equal(document.getText(new vscode.Range(12, 7, 12, 15)), 'crossing');
  });

  test('smart select in an interview: word, sentence, turn', async () => {
    const document = await open('interview.unifeed');
    const [selection] = await vscode.commands.executeCommand<vscode.SelectionRange[]>('vscode.executeSelectionRangeProvider', document.uri, [new vscode.Position(2, 20)]);
    const chain: string[] = [];
    for (let range: vscode.SelectionRange | undefined = selection; range; range = range.parent) {
      chain.push(document.getText(range.range).split('\n')[0] ?? '');
    }
    assert.equal(chain[0], 'patrols');
    assert.ok(chain.includes('The patrols are longer and the nights are quieter.'), chain.join(' → '));
    assert.ok(chain.indexOf('Solberg-Achebe: The patrols are longer and the nights are quieter. Farmers tell us “the olives are back,” and that matters more than any report.') >
      chain.indexOf('The patrols are longer and the nights are quieter.'));
  });
});
