// The French pass: scripts/test-integration.mjs starts VS Code with the French display language
// (SHOTLIST_DISPLAY_LANGUAGE=fr, see useDisplayLanguage in test/vscode-host/run-tests.mjs) on
// test/fixtures, and this checks that a user sees Shotlist in French: the command titles and settings
// VS Code reads from package.nls.fr.json, the Problems panel worded by the core's French catalog, the
// hover card and the outline worded through l10n/bundle.l10n.fr.json.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ShotlistApi } from '../../../src/extension';
import { EXTENSION_ID, fixtureIn, markdownOf, waitFor } from '../helpers';

/** A localized manifest string: VS Code keeps a command title's English beside it (`original`) for the palette's search. */
type Localized = string | { readonly value: string; readonly original: string };

function text(value: Localized | undefined): string | undefined {
  return typeof value === 'object' ? value.value : value;
}

interface Manifest {
  readonly contributes: {
    readonly commands: readonly { readonly command: string; readonly title: Localized }[];
    readonly languages: readonly { readonly id: string; readonly aliases: readonly string[] }[];
    readonly configuration: { readonly properties: Readonly<Record<string, { readonly markdownDescription?: string }>> };
    readonly views: Readonly<Record<string, readonly { readonly id: string; readonly name: string }[]>>;
  };
}

async function shotlistDiagnostics(uri: vscode.Uri, count: number): Promise<vscode.Diagnostic[]> {
  const found = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'shotlist');
  await waitFor(() => found().length >= count, 10_000);
  return found();
}

function symbolTexts(symbols: readonly vscode.DocumentSymbol[]): string[] {
  const texts: string[] = [];
  const stack = [...symbols];
  for (let symbol = stack.pop(); symbol; symbol = stack.pop()) {
    texts.push(symbol.name, symbol.detail);
    stack.push(...symbol.children);
  }
  return texts;
}

suite('French display language', () => {
  let manifest: Manifest;
  let shotlist: ShotlistApi;

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<ShotlistApi>(EXTENSION_ID);
    assert.ok(extension);
    shotlist = await extension.activate();
    manifest = extension.packageJSON as Manifest;
  });

  test('VS Code runs in French', () => {
    assert.equal(vscode.env.language, 'fr', 'the French pass must start VS Code with the French display language');
  });

  test('command titles, the view, the language name and settings come from package.nls.fr.json', () => {
    const title = (command: string): Localized | undefined => manifest.contributes.commands.find((entry) => entry.command === command)?.title;
    // What the command palette lists: the French title, and the English one it also searches.
    assert.deepEqual(title('shotlist.copyQuote'), { value: 'Copier la citation', original: 'Copy Quote' });
    assert.equal(text(title('shotlist.nextSoundbite')), 'Extrait sonore suivant');
    assert.equal(text(title('shotlist.treatAsTranscript')), 'Traiter ce fichier comme une transcription');
    assert.equal(manifest.contributes.views['shotlist']?.find((view) => view.id === 'shotlist.soundbites')?.name, 'Extraits sonores');
    assert.equal(manifest.contributes.languages.find((language) => language.id === 'unifeed')?.aliases[0], 'Transcription UNifeed');
    assert.match(manifest.contributes.configuration.properties['shotlist.quotes.marks']?.markdownDescription ?? '', /^Les guillemets que les styles intégrés/u);
    // No title is left as a %key%: every command the palette lists has its French title.
    assert.deepEqual(manifest.contributes.commands.filter((entry) => /^%.*%$/u.test(text(entry.title) ?? '')).map((entry) => entry.command), []);
  });

  test('the Problems panel shows the findings in French', async () => {
    const uri = fixtureIn('integration', 'numbering.unifeed');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const found = await shotlistDiagnostics(uri, 3);
    const byCode = new Map(found.map((diagnostic) => [String(diagnostic.code), diagnostic.message]));
    assert.equal(byCode.get('unclosed-quote'), 'Cette citation s’ouvre par “ mais n’est jamais fermée.');
    assert.match(byCode.get('shot-number-out-of-sequence') ?? '', /^Le numéro de plan 4 rompt la séquence\u00a0: 3 était attendu\.$/u);
    assert.match(byCode.get('shot-number-duplicate') ?? '', /^Le numéro de plan 2 est déjà utilisé à la ligne 9 et rompt la séquence/u);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('the hover card and the outline are labelled in French', async () => {
    const uri = fixtureIn('integration', 'hover.unifeed');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.ok(await waitFor(() => document.languageId === 'unifeed', 5000));
    const line = 8;
    const position = new vscode.Position(line, document.lineAt(line).text.indexOf('MINUSMA') + 2);
    let card = '';
    const deadline = Date.now() + 10_000;
    while (card === '' && Date.now() < deadline) {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
      card = hovers.map(markdownOf).find((text) => text.includes('MINUSMA') || text.includes('Mali')) ?? '';
      if (card === '') {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    assert.ok(card.includes('*Opération de maintien de la paix*'), card);
    // A no-break space before the colon, as French typography wants.
    assert.match(card, /\*\*Sigles\u00a0:\*\* MINUSMA/u);
    // Values are escaped for Markdown: `\(` for `(`.
    assert.match(card, /achevé \\\(31 décembre 2023\\\)/u);
    assert.match(card, /Mentionné 2\s+fois dans ce fichier/u);
    assert.ok(!/Peacekeeping|Mentioned|Acronyms/u.test(card), card);

    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
    const texts = symbolTexts(symbols);
    assert.ok(texts.some((text) => /^(En-tête|Texte du sujet|plans? \d)/u.test(text)), texts.join(' | '));
    assert.ok(!texts.some((text) => /^(Header|Storyline|shots? \d)/u.test(text)), texts.join(' | '));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('the Soundbites view counts and quotes in French', async () => {
    const uri = fixtureIn('integration', 'soundbites/two-stories.unifeed');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await vscode.commands.executeCommand('shotlist.soundbites.showActiveFile');
    await vscode.commands.executeCommand('shotlist.soundbites.groupByStory');
    const provider = shotlist.soundbites.provider;
    assert.ok(await waitFor(() => provider.document?.uri.toString() === uri.toString() && provider.count === 4, 5000), 'the view follows the transcript');
    const [story] = provider.getChildren();
    assert.ok(story);
    assert.equal(provider.getTreeItem(story).description, '3 extraits sonores');
    const [first] = provider.getChildren(story);
    assert.ok(first);
    const tooltip = provider.getTreeItem(first).tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.match(tooltip.value, /^> «\u00a0The boat brings the vaccines/mu, 'the quote between French guillemets');
    await waitFor(() => shotlist.soundbites.treeView.badge?.value === 4, 2000);
    assert.equal(shotlist.soundbites.treeView.badge?.tooltip, '4 extraits sonores');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
