// Quick fixes in the light bulb: for each finding under the cursor, the repair the core computes
// (src/core/checks/fixes.ts) as one WorkspaceEdit, so one Undo takes the whole fix back (renumbering
// every shot included).
import * as vscode from 'vscode';
import { quickFixesFor, type FixId, type QuickFix } from '../core/checks/fixes';
import type { TranscriptDiagnostic } from '../core/model';
import type { TranscriptCache } from './shared/documentCache';
import { toRange, transcriptSelector } from './shared/editor';
import { findingsAround } from './shared/findings';

function title(fix: QuickFix): string {
  const data = (name: string): string => String(fix.data[name] ?? '');
  const titles: Readonly<Record<FixId, () => string>> = {
    'renumber-shots': () => vscode.l10n.t('Renumber all shots in order'),
    'close-quote': () => vscode.l10n.t('Close the quote with {0}', data('mark')),
    'match-quote-marks': () => vscode.l10n.t('Use {0} to match the other quotation mark', data('mark')),
    'use-soundbite-words': () => vscode.l10n.t('Use the soundbite’s exact words'),
    'correct-language': () => vscode.l10n.t('Change to {0}', data('language')),
    'add-language': () => vscode.l10n.t('Add {0} to LANGUAGES', data('language')),
    'add-header-field': () => vscode.l10n.t('Add a {0} field', data('field')),
    'fix-dateline-date': () => vscode.l10n.t('Write the date as {0}', data('date')),
    'add-dateline-marker': () => vscode.l10n.t('Add / {0} to the DATELINE', data('marker')),
  };
  return titles[fix.id]();
}

class TranscriptQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly cache: TranscriptCache) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext,
    token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(context.only)) {
      return [];
    }
    const model = await this.cache.model(document, token);
    if (model === undefined) {
      return [];
    }
    // The whole text only when a finding is here to fix: a large document's is costly to build.
    let text: string | undefined;
    const actions: vscode.CodeAction[] = [];
    const offered = new Set<string>();
    for (const finding of findingsAround(this.cache, document, range.start.line, range.end.line)) {
      const findingRange = toRange(finding.range);
      if (!findingRange.intersection(range)) {
        continue;
      }
      text ??= this.cache.text(document);
      for (const fix of quickFixesFor(model, text, finding)) {
        // Renumbering is one fix for every numbering finding: offer it once.
        const key = fix.id === 'renumber-shots' ? fix.id : `${fix.id}@${finding.range.start.offset}`;
        if (offered.has(key)) {
          continue;
        }
        offered.add(key);
        actions.push(this.#action(document, fix, finding, findingRange, context));
      }
    }
    return actions;
  }

  #action(document: vscode.TextDocument, fix: QuickFix, finding: TranscriptDiagnostic, findingRange: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction {
    const action = new vscode.CodeAction(title(fix), vscode.CodeActionKind.QuickFix);
    const edit = new vscode.WorkspaceEdit();
    for (const replacement of fix.edits) {
      edit.replace(document.uri, new vscode.Range(document.positionAt(replacement.start), document.positionAt(replacement.end)), replacement.newText);
    }
    action.edit = edit;
    action.isPreferred = fix.preferred;
    const shown = context.diagnostics.filter((diagnostic) => diagnostic.code === finding.code && diagnostic.range.isEqual(findingRange));
    if (shown.length > 0) {
      action.diagnostics = shown;
    }
    return action;
  }
}

export function registerCodeActions(cache: TranscriptCache): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(transcriptSelector, new TranscriptQuickFixes(cache), {
    providedCodeActionKinds: TranscriptQuickFixes.kinds,
  });
}
