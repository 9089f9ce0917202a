// Shows what the parser could not read (numbering errors, open quotes, header gaps) and what the checks
// found (story quotes against their soundbites, LANGUAGES, DATELINE, TRT) in the Problems panel, with
// the user's severities (shared/findings.ts).
import * as vscode from 'vscode';
import { maxListedPerFile } from '../core/checks/shown';
import type { DiagnosticSeverity, TranscriptDiagnostic } from '../core/model';
import type { TranscriptCache } from './shared/documentCache';
import { languageId, toRange } from './shared/editor';
import { listedFindingsOf, severitySetting, stopChecking } from './shared/findings';

const severityMap: Readonly<Record<DiagnosticSeverity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Edits arrive keystroke by keystroke; parse again once typing pauses. */
const debounceMs = 300;

function toDiagnostic(document: vscode.TextDocument, finding: TranscriptDiagnostic): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, severityMap[finding.severity]);
  diagnostic.source = 'shotlist';
  diagnostic.code = finding.code;
  if (finding.related) {
    const where = finding.code === 'quote-differs' ? vscode.l10n.t('The soundbite (or answer) this quote was compared with') : finding.message;
    diagnostic.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, toRange(finding.related)), where)];
  }
  return diagnostic;
}

/** The line at the top of the file that says how many problems VS Code's list leaves out. */
function notListedLine(count: number): vscode.Diagnostic {
  const number = new Intl.NumberFormat(vscode.env.language);
  const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), vscode.l10n.t(
    '{0} more problems in this file are not listed: VS Code lists {1} per file, errors and warnings first. Quick fixes still work on the others; the command-line check lists them all.',
    number.format(count), number.format(maxListedPerFile)), vscode.DiagnosticSeverity.Information);
  diagnostic.source = 'shotlist';
  diagnostic.code = 'not-listed';
  return diagnostic;
}

export function registerDiagnostics(cache: TranscriptCache): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('shotlist');
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const refresh = (document: vscode.TextDocument): void => {
    if (document.languageId !== languageId) {
      collection.delete(document.uri);
      return;
    }
    // A long archive is checked in the background: refresh again once its checks are done.
    const found = listedFindingsOf(cache, document, () => {
      if (!document.isClosed) {
        schedule(document);
      }
    });
    if (found === undefined) {
      return; // a large document still being read: cache.onDidParse brings it back
    }
    // VS Code lists 1,000 problems per file: the rest are not built at all (see core/checks/shown.ts).
    const { listed, notListed } = found;
    const diagnostics = listed.map((finding) => toDiagnostic(document, finding));
    if (notListed > 0) {
      diagnostics.push(notListedLine(notListed));
    }
    collection.set(document.uri, diagnostics);
  };

  const schedule = (document: vscode.TextDocument): void => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      refresh(document);
    }, debounceMs));
  };

  // Documents already open are read after activation (debounced like an edit): activate() never parses.
  vscode.workspace.textDocuments.forEach(schedule);
  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument(refresh),
    cache.onDidParse(refresh),
    vscode.workspace.onDidChangeTextDocument((event) => schedule(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      collection.delete(document.uri);
      stopChecking(document);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(severitySetting)) {
        vscode.workspace.textDocuments.forEach(refresh);
      }
    }),
    {
      dispose: () => {
        timers.forEach((timer) => clearTimeout(timer));
        vscode.workspace.textDocuments.forEach(stopChecking);
      },
    },
  );
}
