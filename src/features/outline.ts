// Outline, breadcrumbs, sticky scroll and Go to Symbol in Editor: the story's structure as document symbols.
import * as vscode from 'vscode';
import type { TranscriptDocument } from '../core/model';
import { buildOutlineSteps, type OutlineKind, type OutlineSymbol } from '../core/outline/symbols';
import { runSteps, TimeSlicer } from '../core/workspace/timeSlicer';
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

/**
 * The editor's copy of each top-level symbol, made once: the core keeps an untouched story's symbol
 * from one version to the next, so after a keystroke in an archive only the edited story is converted.
 * VS Code reads these objects to send them on and never changes them, so versions may share them.
 */
const documentSymbols = new WeakMap<OutlineSymbol, vscode.DocumentSymbol>();

function toDocumentSymbol(symbol: OutlineSymbol): vscode.DocumentSymbol {
  const range = toRange(symbol.range);
  let selection = toRange(symbol.selectionRange);
  if (!range.contains(selection)) {
    // DocumentSymbol throws on a selection outside its range; the core never builds one, but never fail the outline.
    selection = new vscode.Range(range.start, range.start);
  }
  const result = new vscode.DocumentSymbol(symbol.name.trim() || '…', symbol.detail, symbolKinds[symbol.kind], range, selection);
  if (symbol.children.length > 0) {
    // The constructor gives each symbol an empty list of its own; most of an archive's symbols keep it.
    result.children = symbol.children.map(toDocumentSymbol);
  }
  return result;
}

/** The symbols converted between two chances to yield, for a large archive's outline. */
const symbolsPerStep = 500;

/** Converts the outline a batch of top-level symbols at a time (a large archive has thousands). */
function* documentSymbolSteps(outline: readonly OutlineSymbol[]): Generator<void, vscode.DocumentSymbol[], void> {
  const symbols: vscode.DocumentSymbol[] = [];
  let converted = 0;
  for (const symbol of outline) {
    let documentSymbol = documentSymbols.get(symbol);
    if (!documentSymbol) {
      if (++converted % symbolsPerStep === 0) {
        yield;
      }
      documentSymbol = toDocumentSymbol(symbol);
      documentSymbols.set(symbol, documentSymbol);
    }
    symbols.push(documentSymbol);
  }
  return symbols;
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
        const slicer = new TimeSlicer();
        const options = { labels: outlineLabels(), lines: lineSource(document) };
        const outline = await runSteps(buildOutlineSteps(model, options), slicer, () => token.isCancellationRequested);
        symbols = outline && await runSteps(documentSymbolSteps(outline), slicer, () => token.isCancellationRequested);
        slicer.finish();
        if (!symbols) {
          return [];
        }
        converted.set(model, symbols);
      }
      return symbols;
    },
  };
  return vscode.languages.registerDocumentSymbolProvider(transcriptSelector, provider, { label: vscode.l10n.t('Transcript') });
}
