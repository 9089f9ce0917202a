// Expand Selection (smart select): word → quote text → quote with marks → soundbite → section → story;
// in interviews word → sentence or quote → turn → document.
import * as vscode from 'vscode';
import { selectionChain } from '../core/outline/selection';
import type { TranscriptCache } from './shared/documentCache';
import { lineSource, toRange, transcriptSelector } from './shared/editor';

export function registerSelectionRanges(cache: TranscriptCache): vscode.Disposable {
  const provider: vscode.SelectionRangeProvider = {
    async provideSelectionRanges(document, positions, token) {
      const model = await cache.model(document, token);
      if (model === undefined) {
        return [];
      }
      const lines = lineSource(document);
      return positions.map((position) => {
        // Outermost first: each SelectionRange is built around its parent.
        const chain = selectionChain(model, position, lines).map(toRange);
        const word = document.getWordRangeAtPosition(position);
        if (word && (chain.length === 0 || (chain[0]?.contains(word) && !chain[0].isEqual(word)))) {
          chain.unshift(word);
        }
        if (chain.length === 0) {
          return new vscode.SelectionRange(new vscode.Range(position, position));
        }
        let parent: vscode.SelectionRange | undefined;
        for (let index = chain.length - 1; index >= 0; index--) {
          parent = new vscode.SelectionRange(chain[index] as vscode.Range, parent);
        }
        return parent as vscode.SelectionRange;
      });
    },
  };
  return vscode.languages.registerSelectionRangeProvider(transcriptSelector, provider);
}
