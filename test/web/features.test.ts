// The editor features of the web build, through the same commands the workbench uses: Outline symbols,
// a knowledge card on a mission acronym, Copy Quote, and the findings in the Problems panel. The
// expectations are those of the desktop tests (test/integration), on the same fixtures.
import * as vscode from 'vscode';
import { api, deepEqual, equal, fixture, ok, markdownOf, show, waitFor } from './helpers';

function at(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

suite('web: editor features', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Outline: one story per header block of a shot list archive, with its sections and soundbites', async () => {
    const editor = await show('outline', 'archive.unifeed');
    const symbols = await waitFor(
      () => vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', editor.document.uri),
      (found) => Array.isArray(found) && found.length > 0, 5000, 'document symbols');
    ok(symbols);
    deepEqual(symbols.map((symbol) => `${symbol.name} | ${symbol.detail} | ${vscode.SymbolKind[symbol.kind]} | ${at(symbol.range)}`), [
      'UN / FICTIONAL LAKE FERRY | 2:05 | Module | 0:0-20:46',
      'UN / FICTIONAL SCHOOL ROOFS | 1:10 | Module | 22:0-32:86',
      'UN / FICTIONAL CLINIC GENERATOR | 0:45 | Module | 34:0-43:30',
    ]);
    const dateline = symbols[0]?.children[2];
    ok(dateline, 'the first story has a dateline section');
    deepEqual(dateline.children.map((child) => `${vscode.SymbolKind[child.kind]} ${child.name} | ${at(child.range)}`), [
      'Event 3. Imani Batchelor-Ngoy | 11:0-12:141',
      'Field 4. Close up, life jackets stacked on the deck | 13:0-13:45',
      'Event 5. Colonel Aurélien Mbaye-Dupont | 14:0-16:48',
    ]);
  });

  test('a Markdown interview is parsed by the Web Worker, its model read back in the host', async () => {
    const shotlist = await api();
    const before = shotlist.cache.counts.parsedInWorker;
    const document = await vscode.workspace.openTextDocument(fixture('markdown', 'bold_labels.md'));
    await vscode.window.showTextDocument(document);
    const model = await shotlist.cache.model(document);
    ok(model, 'the interview was read');
    equal(model.format, 'interview');
    deepEqual(model.turns.slice(0, 2).map((turn) => `${turn.role} ${turn.speaker ?? ''}`), ['question UN News', 'answer Okonkwo-Baird']);
    equal(shotlist.cache.counts.parsedInWorker, before + 1, 'the worker parsed it');
  });

  test('hover: the bundled card of MINUSMA, with its exact range and the count in the file', async () => {
    const editor = await show('integration', 'hover.unifeed');
    const line = 8;
    const start = editor.document.lineAt(line).text.indexOf('MINUSMA');
    ok(start >= 0, 'MINUSMA on line 9');
    const hovers = await waitFor(
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, start + 3)),
      (found) => (found ?? []).some((hover) => markdownOf(hover).includes('Mentioned ')), 5000, 'the MINUSMA card');
    const card = hovers.find((hover) => markdownOf(hover).includes('Mentioned '));
    ok(card);
    const text = markdownOf(card);
    for (const expected of ['United Nations Multidimensional Integrated Stabilization Mission in Mali', 'Peacekeeping operation', 'Mentioned 2 times in this file']) {
      ok(text.includes(expected), `the card mentions "${expected}": ${text}`);
    }
    ok(card.range, 'the card has a range');
    equal(at(card.range), `${line}:${start}-${line}:${start + 'MINUSMA'.length}`);
  });

  test('Copy Quote puts the soundbite under the cursor on the clipboard, in the wire style, with its restrictions', async () => {
    await vscode.env.clipboard.writeText('clipboard untouched');
    const editor = await show('integration', 'quotes.unifeed');
    editor.selection = new vscode.Selection(8, 20, 8, 20);
    await vscode.commands.executeCommand('shotlist.copyQuote');
    equal(await vscode.env.clipboard.readText(),
      '“We open at six. By seven the queue reaches the harbour wall, and nobody leaves without being seen,” ' +
      'said Odile Marchetti-Brann, Chief Nurse, Port Vellane Clinic.\nRESTRICTIONS: NO ACCESS CANADA');
  });

  test('diagnostics: numbering errors and an unclosed quote reach the Problems panel at their lines', async () => {
    const editor = await show('integration', 'numbering.unifeed');
    const uri = editor.document.uri;
    const ours = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'shotlist');
    const found = await waitFor(ours, (list) => list.length >= 3, 5000, 'three findings');
    deepEqual(found.map((diagnostic) => `${diagnostic.range.start.line + 1}:${String(diagnostic.code)}`).sort(),
      ['11:shot-number-out-of-sequence', '12:shot-number-duplicate', '13:unclosed-quote']);
  });
});
