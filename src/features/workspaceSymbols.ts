// Go to Symbol in Workspace (Ctrl+T): stories and soundbites of every transcript in the workspace,
// found by speaker, slug or words of the quote, from the workspace index (no editor is opened).
//
// The Ctrl+T picker passes only the query's first word to providers and then keeps the symbols whose
// name contains that word's letters in order, accents included. So a soundbite found by a word deep in
// its quote is named with the words around that one (`Speaker: …words around it…`), not with the quote's
// first words; and a name found only by ignoring accents (`gael` for `Gaël`) ends with the query's words
// as typed (`Gaël Rousseau-Temba: We have trucks… (gael)`), or the picker would drop it.
import * as vscode from 'vscode';
import { foldForSearch, type SearchHit } from '../core/workspace/search';
import { toRange } from './shared/editor';
import { uriBaseName as fileName } from './shared/files';
import type { WorkspaceIndex } from './shared/workspaceIndex';

/** At most this many symbols per query, the most relevant first. */
export const workspaceSymbolLimit = 500;

/**
 * `name`, followed by the query words (as typed, lower case) that it holds only once accents are
 * ignored, so that the picker keeps it.
 */
export function withUnaccentedWords(name: string, typedWords: readonly string[]): string {
  const lower = name.toLowerCase();
  const folded = foldForSearch(name);
  const missing = typedWords.filter((word) => !lower.includes(word) && folded.includes(foldForSearch(word)));
  return missing.length === 0 ? name : `${name} (${missing.join(' ')})`;
}

/** The query's words as typed, lower case: what the picker matches names against. */
export function typedWords(query: string): string[] {
  return query.toLowerCase().split(/[^\p{L}\p{N}\p{M}]+/u).filter((word) => word.length > 0);
}

export function symbolFor(hit: SearchHit & { readonly uri: vscode.Uri }, queryWords: readonly string[] = []): vscode.SymbolInformation {
  if (hit.kind === 'story') {
    const story = hit.entry;
    const kind = story.format === 'shotlist' ? vscode.SymbolKind.Module : vscode.SymbolKind.File;
    return new vscode.SymbolInformation(withUnaccentedWords(story.name ?? fileName(hit.uri), queryWords), kind, '',
      new vscode.Location(hit.uri, toRange(story.range)));
  }
  const soundbite = hit.entry;
  const speaker = soundbite.speaker ?? vscode.l10n.t('Unknown speaker');
  const words = hit.excerpt ?? (soundbite.quote.length > 0 ? soundbite.firstWords : vscode.l10n.t('(no quote)'));
  return new vscode.SymbolInformation(withUnaccentedWords(vscode.l10n.t('{0}: {1}', speaker, words), queryWords), vscode.SymbolKind.String,
    soundbite.story ?? fileName(hit.uri), new vscode.Location(hit.uri, toRange(soundbite.range)));
}

export function registerWorkspaceSymbols(index: WorkspaceIndex): vscode.Disposable {
  return vscode.languages.registerWorkspaceSymbolProvider({
    async provideWorkspaceSymbols(query, token) {
      // The first build may still run: wait for it (the picker shows progress), unless the query changes.
      await index.whenReady(token);
      if (token.isCancellationRequested) {
        return [];
      }
      const words = typedWords(query);
      const hits = await index.search(query, workspaceSymbolLimit, () => token.isCancellationRequested);
      return (hits ?? []).map((hit) => symbolFor(hit, words));
    },
  });
}
