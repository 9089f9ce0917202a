// Quick fixes in the light bulb: for each finding under the cursor, the repair the core computes
// (src/core/checks/fixes.ts) as one WorkspaceEdit, so one Undo takes the whole fix back (renumbering
// every shot included; its edits are made only when it is chosen, in slices).
import * as vscode from 'vscode';
import { isNumberingFinding, quickFixesFor, renumberFix, renumberShotsSteps, type FixId, type QuickFix } from '../core/checks/fixes';
import { runSteps, TimeSlicer } from '../core/workspace/timeSlicer';
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

/** Lines of a selection looked at whole for fixes; past it, its first and last lines only. */
const maxFixLines = 200;

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
    // The text as the model read it, in pieces for a large document: a fix reads a few spans of it.
    const text = this.cache.source(document);
    const actions: vscode.CodeAction[] = [];
    const offered = new Set<string>();
    // A selection over many lines gets the fixes at its two ends: the light bulb asks again at every
    // change of a selection, and Ctrl+A in an archive whose checks are still running would check every
    // story in one call (about 12 s for 14,600 stories).
    const spans = range.end.line - range.start.line > maxFixLines
      ? [[range.start.line, range.start.line], [range.end.line, range.end.line]] as const
      : [[range.start.line, range.end.line]] as const;
    const found = spans.flatMap(([first, last]) => findingsAround(this.cache, document, first, last));
    for (const finding of found) {
      const findingRange = toRange(finding.range);
      if (!findingRange.intersection(range)) {
        continue;
      }
      if (isNumberingFinding(finding.code)) {
        // Renumbering is one fix for every numbering finding: offered once, its edits made when chosen.
        if (!offered.has('renumber-shots')) {
          offered.add('renumber-shots');
          const action = new RenumberAction(title(renumberFix([])), document, document.version);
          action.diagnostics = this.#shown(finding, findingRange, context);
          actions.push(action);
        }
        continue;
      }
      for (const fix of quickFixesFor(model, text, finding)) {
        const key = `${fix.id}@${finding.range.start.offset}`;
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
    action.diagnostics = this.#shown(finding, findingRange, context);
    return action;
  }

  /** The editor's diagnostics the action fixes, when they are shown. */
  #shown(finding: TranscriptDiagnostic, findingRange: vscode.Range, context: vscode.CodeActionContext): vscode.Diagnostic[] | undefined {
    const shown = context.diagnostics.filter((diagnostic) => diagnostic.code === finding.code && diagnostic.range.isEqual(findingRange));
    return shown.length > 0 ? shown : undefined;
  }

  /** The renumbering's edits, in slices: an archive has 175,000 shots. Left without edits when the document changed. */
  async resolveCodeAction(action: vscode.CodeAction, token: vscode.CancellationToken): Promise<vscode.CodeAction> {
    if (!(action instanceof RenumberAction)) {
      return action;
    }
    const { document, version } = action;
    const model = document.version === version ? await this.cache.model(document, token) : undefined;
    const stale = (): boolean => token.isCancellationRequested || document.isClosed || document.version !== version;
    const edits = model && !stale() ? await runSteps(renumberShotsSteps(model), new TimeSlicer(), stale) : undefined;
    if (edits) {
      const edit = new vscode.WorkspaceEdit();
      for (const replacement of edits) {
        edit.replace(document.uri, new vscode.Range(document.positionAt(replacement.start), document.positionAt(replacement.end)), replacement.newText);
      }
      action.edit = edit;
    } else if (!token.isCancellationRequested && !document.isClosed) {
      // Chosen on a version the file no longer has: nothing is changed, and the editor is told why.
      vscode.window.setStatusBarMessage(vscode.l10n.t('The file changed before its shots were renumbered. Choose the fix again.'), renumberStaleMs);
    }
    return action;
  }
}

const renumberStaleMs = 5000;

/** Renumber all shots: its edits are made in resolveCodeAction, only when the fix is chosen. */
class RenumberAction extends vscode.CodeAction {
  constructor(title: string, readonly document: vscode.TextDocument, readonly version: number) {
    super(title, vscode.CodeActionKind.QuickFix);
  }
}

export function registerCodeActions(cache: TranscriptCache): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(transcriptSelector, new TranscriptQuickFixes(cache), {
    providedCodeActionKinds: TranscriptQuickFixes.kinds,
  });
}
