// Knowledge-base hover cards in a real VS Code: bundled entries on a synthetic fixture
// (test/fixtures/integration/hover.unifeed), a workspace override written during the test, and a broken
// workspace knowledge file whose problems reach the Problems panel while the bundled cards keep working.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cardAt, EXTENSION_ID, fixtureIn, markdownOf, pollCard, waitFor } from './helpers';

const fixture = (): vscode.Uri => fixtureIn('integration', 'hover.unifeed');
const malianName = 'United Nations Multidimensional Integrated Stabilization Mission in Mali';

/** The position of `word` (its first character plus `into`) on line `line` of the document. */
function positionOf(document: vscode.TextDocument, line: number, word: string, into = 0): vscode.Position {
  const at = document.lineAt(line).text.indexOf(word);
  assert.ok(at >= 0, `"${word}" on line ${line + 1}`);
  return new vscode.Position(line, at + into);
}

suite('knowledge hover', () => {
  let document: vscode.TextDocument;

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
    document = await vscode.workspace.openTextDocument(fixture());
    await vscode.window.showTextDocument(document);
    assert.ok(await waitFor(() => document.languageId === 'unifeed', 5000));
  });

  test('an acronym shows the bundled card with its exact range and the count in the file', async () => {
    const position = positionOf(document, 8, 'MINUSMA', 3);
    const hover = await cardAt(document.uri, position);
    assert.ok(hover, 'a card on MINUSMA');
    const text = markdownOf(hover);
    assert.ok(text.includes(malianName), text);
    assert.ok(text.includes('Peacekeeping operation'), text);
    assert.ok(text.includes('closed 31 December 2023'), text);
    assert.ok(text.includes('Mentioned 2 times in this file'), text);
    const start = positionOf(document, 8, 'MINUSMA');
    assert.deepEqual([hover.range?.start.line, hover.range?.start.character, hover.range?.end.line, hover.range?.end.character], [8, start.character, 8, start.character + 'MINUSMA'.length]);
  });

  test('other acronyms and French forms: UNMISS and la MONUSCO', async () => {
    const unmiss = await cardAt(document.uri, positionOf(document, 9, 'UNMISS', 1));
    assert.ok(unmiss && markdownOf(unmiss).includes('United Nations Mission in South Sudan'));
    const monusco = await cardAt(document.uri, positionOf(document, 9, 'la MONUSCO', 0));
    assert.ok(monusco, 'a card on "la MONUSCO"');
    const start = positionOf(document, 9, 'la MONUSCO');
    assert.equal(monusco.range?.start.character, start.character);
    assert.equal(monusco.range?.end.character, start.character + 'la MONUSCO'.length);
  });

  test('no card on a near miss or on ordinary words', async () => {
    assert.equal(await cardAt(document.uri, positionOf(document, 10, 'MINUSMAS', 2)), undefined);
    assert.equal(await cardAt(document.uri, positionOf(document, 10, 'call sign', 1)), undefined);
  });

  suite('workspace knowledge', () => {
    const folder = (): vscode.Uri => {
      const workspace = vscode.workspace.workspaceFolders?.[0];
      assert.ok(workspace);
      return vscode.Uri.joinPath(workspace.uri, '.shotlist');
    };
    const file = (): vscode.Uri => vscode.Uri.joinPath(folder(), 'entities.yaml');
    const write = (text: string): Thenable<void> => vscode.workspace.fs.writeFile(file(), new TextEncoder().encode(text));

    teardown(async () => {
      try {
        await vscode.workspace.fs.delete(folder(), { recursive: true, useTrash: false });
      } catch {
        // Already gone.
      }
      await pollCard(document.uri, positionOf(document, 8, 'MINUSMA'), (text) => text.includes(malianName), 'the bundled card after deleting the workspace file');
    });

    test('an override replaces the bundled entry, as plain text; a broken file reports problems while bundled cards work', async () => {
      const position = positionOf(document, 8, 'MINUSMA', 1);
      await vscode.workspace.fs.createDirectory(folder());
      await write([
        'version: 1',
        'entries:',
        '  - id: minusma',
        '    type: peacekeeping-operation',
        '    names:',
        '      - Fictional Override Mission',
        '    acronyms:',
        '      - MINUSMA',
        '    description: "[click](command:workbench.action.quit) <b>bold</b> https://example.invalid"',
        '',
      ].join('\n'));
      const text = await pollCard(document.uri, position, (card) => card.includes('Fictional Override Mission'), 'the override card');
      assert.ok(!text.includes(malianName), 'the override replaces the whole entry');
      assert.ok(!text.includes('](command:workbench'), `no link from the file survives: ${text}`);
      assert.ok(!text.includes('<b>'), `no HTML survives: ${text}`);
      assert.ok(!text.includes('https://'), `no autolink survives: ${text}`);
      const hover = await cardAt(document.uri, position);
      const markdown = hover?.contents[0] as vscode.MarkdownString;
      assert.ok(!markdown.supportHtml);
      // The card's own mention links are the only commands it may run.
      const trusted = markdown.isTrusted;
      assert.ok(!trusted || (typeof trusted === 'object' && trusted.enabledCommands.every((id) => ['shotlist.kb.nextMention', 'shotlist.kb.listMentions'].includes(id))), JSON.stringify(trusted));
      assert.deepEqual([...text.matchAll(/\]\((command:[^?)]*)/g)].map((m) => m[1]), ['command:shotlist.kb.nextMention', 'command:shotlist.kb.listMentions'], 'no command link but the card\'s own');

      await write(['version: 1', 'entries:', '  - id: minusma', '    type: not-a-type', ''].join('\n'));
      assert.ok(
        await waitFor(() => vscode.languages.getDiagnostics(file()).length > 0, 15_000),
        'problems of the broken knowledge file',
      );
      const problems = vscode.languages.getDiagnostics(file());
      const problem = problems.find((diagnostic) => diagnostic.code === 'unknown-entry-type');
      assert.ok(problem, JSON.stringify(problems.map((d) => d.code)));
      assert.deepEqual([problem.range.start.line, problem.range.start.character], [3, 10]);
      assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);
      await pollCard(document.uri, position, (card) => card.includes(malianName), 'the bundled card beside the broken file');
      const unmiss = await cardAt(document.uri, positionOf(document, 9, 'UNMISS'));
      assert.ok(unmiss && markdownOf(unmiss).includes('United Nations Mission in South Sudan'));
    });
  });
});
