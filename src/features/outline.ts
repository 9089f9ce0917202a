// Outline, breadcrumbs, sticky scroll and Go to Symbol in Editor: the story's structure as document symbols.
import * as vscode from 'vscode';
import type { TranscriptDocument } from '../core/model';
import { buildOutline, type OutlineKind, type OutlineSymbol } from '../core/outline/symbols';
import type { TranscriptCache } from './shared/documentCache';
import { lineSource, outlineLabels, toRange, transcriptSelector } from './shared/editor';

const symbolKinds: Readonly<Record<OutlineKind, vscode.SymbolKind>> = {
  story: vscode.SymbolKind.Module,
  title: vscode.SymbolKind.File,
  header: vscode.SymbolKind.Struct,
  field: vscode.SymbolKind.Property,
  section: vscode.SymbolKind.Namespace,
  shot: vscode.SymbolKind.Field,
  soundbite: vscode.SymbolKind.Event,
  storyText: vscode.SymbolKind.Object,
  quote: vscode.SymbolKind.String,
  question: vscode.SymbolKind.Interface,
  answer: vscode.SymbolKind.Event,
  statement: vscode.SymbolKind.Field,
};

function toDocumentSymbol(symbol: OutlineSymbol): vscode.DocumentSymbol {
  const range = toRange(symbol.range);
  let selection = toRange(symbol.selectionRange);
  if (!range.contains(selection)) {
    // DocumentSymbol throws on a selection outside its range; the core never builds one, but never fail the outline.
    selection = new vscode.Range(range.start, range.start);
  }
  const result = new vscode.DocumentSymbol(symbol.name.trim() || '…', symbol.detail, symbolKinds[symbol.kind], range, selection);
  result.children = symbol.children.map(toDocumentSymbol);
  return result;
}

export function registerOutline(cache: TranscriptCache): vscode.Disposable {
  // Outline, breadcrumbs and sticky scroll may each ask for the same version: convert once per model.
  const converted = new WeakMap<TranscriptDocument, vscode.DocumentSymbol[]>();
  const provider: vscode.DocumentSymbolProvider = {
    async provideDocumentSymbols(document, token) {
      const model = await cache.model(document, token);
      if (model === undefined) {
        return [];
      }
      let symbols = converted.get(model);
      if (!symbols) {
        symbols = buildOutline(model, { labels: outlineLabels(), lines: lineSource(document) }).map(toDocumentSymbol);
        converted.set(model, symbols);
      }
      return symbols;
    },
  };
  return vscode.languages.registerDocumentSymbolProvider(transcriptSelector, provider, { label: vscode.l10n.t('Transcript') });
}
