// Restricted Mode in a real VS Code: the second integration pass (scripts/test-integration.mjs) opens
// test/fixtures-untrusted with workspace trust ON and the folder not trusted. There the extension runs
// with limited support (package.json capabilities.untrustedWorkspaces): bundled knowledge only, the
// restricted setting `shotlist.knowledge.files` ignored, everything else as usual.
// The folder holds restricted.unifeed, a `.shotlist/entities.yaml` with a fictional entity (FLMC) and
// an override of the bundled MINUSMA, and `.vscode/settings.json` listing knowledge/listed.yaml (FDRT).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cardAt, EXTENSION_ID, markdownOf, waitFor } from '../helpers';

const malianName = 'United Nations Multidimensional Integrated Stabilization Mission in Mali';
// Long enough for the knowledge's reload after activation (a few small reads) to have landed if the
// trust check were missing, short enough to keep the pass quick.
const holdMs = 1500;

function folder(): vscode.Uri {
  const workspace = vscode.workspace.workspaceFolders?.[0];
  assert.ok(workspace, 'the untrusted pass must open test/fixtures-untrusted as the workspace folder');
  return workspace.uri;
}

function positionOf(document: vscode.TextDocument, line: number, word: string): vscode.Position {
  const at = document.lineAt(line).text.indexOf(word);
  assert.ok(at >= 0, `"${word}" on line ${line + 1}`);
  return new vscode.Position(line, at + 1);
}

/** True when `condition` held at every check for `ms` (polled): absence that lasts, not a lucky moment. */
async function holdsFor(condition: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  do {
    if (!(await condition())) {
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  } while (Date.now() < deadline);
  return true;
}

suite('untrusted workspace (Restricted Mode)', () => {
  let document: vscode.TextDocument;

  suiteSetup(async () => {
    // Without this every test below could pass for the wrong reason (or fail confusingly): say so first.
    assert.equal(vscode.workspace.isTrusted, false, 'the host trusted the folder: this pass needs workspace trust on and the folder untrusted (SHOTLIST_WORKSPACE_TRUST=1)');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'restricted.unifeed'));
    await vscode.window.showTextDocument(document);
    assert.ok(await waitFor(() => extension.isActive, 10_000), 'the extension activates in Restricted Mode (limited support)');
    assert.ok(await waitFor(() => document.languageId === 'unifeed', 5000));
  });

  test('the folder is not trusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  test('a bundled entity gets its card', async () => {
    const hover = await cardAt(document.uri, positionOf(document, 11, 'MINUSMA'));
    assert.ok(hover, 'a card on MINUSMA');
    assert.ok(markdownOf(hover).includes(malianName), markdownOf(hover));
  });

  test('.shotlist/entities.yaml is not read: its own entity has no card, its override of MINUSMA is not used', async () => {
    const flmc = positionOf(document, 12, 'FLMC');
    const minusma = positionOf(document, 11, 'MINUSMA');
    const bundledOnly = async (): Promise<boolean> => {
      const own = await cardAt(document.uri, flmc);
      const overridden = await cardAt(document.uri, minusma);
      const text = overridden ? markdownOf(overridden) : '';
      return own === undefined && text.includes(malianName) && !text.includes('Fictional Untrusted Override');
    };
    assert.ok(await holdsFor(bundledOnly, holdMs), `FLMC: ${markdownOf((await cardAt(document.uri, flmc)) ?? new vscode.Hover([]))}; MINUSMA: ${markdownOf((await cardAt(document.uri, minusma)) ?? new vscode.Hover([]))}`);
    const entities = vscode.Uri.joinPath(folder(), '.shotlist', 'entities.yaml');
    await vscode.workspace.fs.stat(entities); // The file is there: its absence would prove nothing.
  });

  test('shotlist.knowledge.files (a restricted setting) is ignored: the file it lists is neither used nor checked', async () => {
    // The folder does set it: .vscode/settings.json lists knowledge/listed.yaml.
    const settings = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder(), '.vscode', 'settings.json')));
    assert.ok(settings.includes('knowledge/listed.yaml'), settings);
    // VS Code drops the folder's value of a setting the extension declares restricted.
    assert.deepEqual(vscode.workspace.getConfiguration('shotlist', folder()).get('knowledge.files'), []);
    const fdrt = positionOf(document, 12, 'FDRT');
    const listed = vscode.Uri.joinPath(folder(), 'knowledge', 'listed.yaml');
    // listed.yaml has an unknown field: read, it would report a problem as well as add FDRT's card.
    const unused = async (): Promise<boolean> => (await cardAt(document.uri, fdrt)) === undefined && vscode.languages.getDiagnostics(listed).length === 0;
    assert.ok(await holdsFor(unused, holdMs), `FDRT card or problems of listed.yaml: ${JSON.stringify(vscode.languages.getDiagnostics(listed).map((d) => d.code))}`);
  });

  test('features that need no trust still work: outline and diagnostics', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.ok(Array.isArray(symbols), 'document symbols');
    assert.deepEqual(symbols.map((symbol) => `${symbol.name} | ${vscode.SymbolKind[symbol.kind]}`), ['UN / FICTIONAL LAKESHORE RADIO DRILL | Module']);
    assert.equal(symbols[0]?.children[0]?.name, 'Header');

    assert.ok(await waitFor(() => vscode.languages.getDiagnostics(document.uri).some((d) => d.source === 'shotlist'), 5000), 'parser findings');
    const found = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'shotlist');
    assert.deepEqual(found.map((d) => `${d.range.start.line + 1}:${String(d.code)}`).sort(), ['10:shot-number-duplicate']);
  });
});
