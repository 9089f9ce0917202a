// Shows what the parser could not read (numbering errors, open quotes, header gaps) and what the checks
// found (story quotes against their soundbites, LANGUAGES, DATELINE, TRT) in the Problems panel, with
// the user's severities (shared/findings.ts).
import * as vscode from 'vscode';
import { maxListedPerFile } from '../core/checks/shown';
import type { DiagnosticSeverity, TranscriptDiagnostic } from '../core/model';
import type { TranscriptCache } from './shared/documentCache';
import { languageId, toRange } from './shared/editor';
import { listedFindingsOf, severitySetting, stopChecking } from './shared/findings';
import { runSteps, TimeSlicer } from '../core/workspace/timeSlicer';

const severityMap: Readonly<Record<DiagnosticSeverity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Milliseconds of listing between two turns of the event loop. */
const sliceMs = 6;

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
  /** How many refreshes each document has had: only the latest one's listing is shown. */
  const generations = new Map<string, number>();

  const refresh = (document: vscode.TextDocument): void => {
    if (document.isClosed) {
      // A timer set before it closed: its URI may be an untitled one already given to a new document.
      return;
    }
    const key = document.uri.toString();
    // A later refresh of the same document supersedes a listing still under way.
    const generation = (generations.get(key) ?? 0) + 1;
    generations.set(key, generation);
    if (document.languageId !== languageId) {
      collection.delete(document.uri);
      return;
    }
    // A long archive is checked in the background: refresh again once its checks are done.
    const steps = listedFindingsOf(cache, document, () => {
      if (!document.isClosed) {
        schedule(document);
      }
    });
    if (steps === undefined) {
      return; // a large document still being read: cache.onDidParse brings it back
    }
    // The findings are listed in short slices: an archive has tens of thousands.
    const superseded = (): boolean => document.isClosed || generations.get(key) !== generation;
    void runSteps(steps, new TimeSlicer({ budgetMs: sliceMs }), superseded).then((found) => {
      if (found === undefined || superseded()) {
        return;
      }
      // VS Code lists 1,000 problems per file: the rest are not built at all (see core/checks/shown.ts).
      const diagnostics = found.listed.map((finding) => toDiagnostic(document, finding));
      if (found.notListed > 0) {
        diagnostics.push(notListedLine(found.notListed));
      }
      collection.set(document.uri, diagnostics);
    });
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
      const key = document.uri.toString();
      collection.delete(document.uri);
      generations.delete(key);
      clearTimeout(timers.get(key));
      timers.delete(key);
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
