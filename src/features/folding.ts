// Folding for header blocks, sections, soundbites (speaker line + quote), story texts and interview turns;
// in long archives, whole stories (see foldingRanges for how it stays under the editor's limit).
import * as vscode from 'vscode';
import { defaultMaxFoldingRanges, foldingRangeSteps } from '../core/outline/folding';
import { runSteps, TimeSlicer } from '../core/workspace/timeSlicer';
import type { TranscriptCache } from './shared/documentCache';
import { transcriptSelector } from './shared/editor';

export function registerFolding(cache: TranscriptCache): vscode.Disposable {
  const provider: vscode.FoldingRangeProvider = {
    async provideFoldingRanges(document, _context, token) {
      const limit = vscode.workspace.getConfiguration('editor', document).get<number>('foldingMaximumRegions', defaultMaxFoldingRanges);
      const model = await cache.model(document, token);
      // In steps: a long archive's ranges take tens of milliseconds to work out.
      const folds = model && await runSteps(foldingRangeSteps(model, limit), new TimeSlicer(), () => token.isCancellationRequested);
      return (folds ?? []).map((fold) => new vscode.FoldingRange(fold.start, fold.end));
    },
  };
  return vscode.languages.registerFoldingRangeProvider(transcriptSelector, provider);
}
