// Every finding of a transcript as the user wants it shown: the parser's and the checks', with the
// severities of `shotlist.diagnostics.severity` (a code may be raised, lowered or turned off). The
// checks of a long archive run one story at a time between other work (ChecksJob), so the extension
// host is never held for long; until they finish, the Problems panel shows the parser's findings, and
// the quick fixes check the story under the cursor on their own.
import * as vscode from 'vscode';
import { checkUnit, ChecksJob, finishedChecks, withChoices } from '../../core/checks';
import { checkUnitCount, unitAtLine } from '../../core/checks/quoteFidelity';
import type { TranscriptDiagnostic, TranscriptDocument } from '../../core/model';
import { appendAll } from '../../core/util/arrays';
import type { TranscriptCache } from './documentCache';

export const severitySetting = 'shotlist.diagnostics.severity';

/** Documents up to this many characters are checked at once (a few milliseconds); longer ones in slices. */
const checkAtOnceLength = 200_000;
/** How long one slice of a background check may run before it gives the event loop back. */
const sliceMs = 12;

/** The user's severity per code for this document (unknown values are ignored by the core). */
export function severityChoices(document: vscode.TextDocument): Readonly<Record<string, unknown>> {
  const value = vscode.workspace.getConfiguration('shotlist', document.uri).get<unknown>('diagnostics.severity');
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** Background checks under way, by document version, with who wants to hear when they finish. */
const running = new WeakMap<TranscriptDocument, { readonly listeners: Set<() => void> }>();

function checkInBackground(model: TranscriptDocument, text: string, whenDone: () => void): void {
  const known = running.get(model);
  if (known) {
    known.listeners.add(whenDone);
    return;
  }
  const state = { listeners: new Set([whenDone]) };
  running.set(model, state);
  const job = new ChecksJob(model, text);
  const slice = (): void => {
    const started = performance.now();
    if (job.step(() => performance.now() - started > sliceMs)) {
      running.delete(model);
      state.listeners.forEach((listener) => listener());
      return;
    }
    setTimeout(slice, 0);
  };
  setTimeout(slice, 0);
}

/**
 * The findings of this version of the document, with the user's severities. A long document's checks
 * are started in the background when not finished: `whenChecked` is called once they are, and until
 * then only the parser's findings are returned.
 */
export function findingsOf(cache: TranscriptCache, document: vscode.TextDocument, whenChecked?: () => void): TranscriptDiagnostic[] {
  const model = cache.get(document);
  let checks = finishedChecks(model);
  if (checks === undefined) {
    const text = document.getText();
    if (text.length <= checkAtOnceLength) {
      const job = new ChecksJob(model, text);
      job.step(() => false);
      checks = job.result();
    } else if (whenChecked) {
      checkInBackground(model, text, whenChecked);
    }
  }
  return withChoices([model.diagnostics, checks ?? []], severityChoices(document));
}

/**
 * The findings that touch lines first..last, with the user's severities: the parser's, and the checks
 * of the stories there (all of them once the whole document is checked), without waiting for the rest.
 */
export function findingsAround(cache: TranscriptCache, document: vscode.TextDocument, first: number, last: number): TranscriptDiagnostic[] {
  const model = cache.get(document);
  const touches = (item: TranscriptDiagnostic): boolean => item.range.start.line <= last && item.range.end.line >= first;
  const finished = finishedChecks(model);
  let checks: TranscriptDiagnostic[] = [];
  if (finished) {
    checks = finished.filter(touches);
  } else if (checkUnitCount(model) > 0) {
    const text = document.getText();
    const from = unitAtLine(model, first);
    const to = unitAtLine(model, last);
    for (let unit = from; unit <= to; unit++) {
      appendAll(checks, checkUnit(model, text, unit).filter(touches));
    }
  }
  return withChoices([model.diagnostics.filter(touches), checks], severityChoices(document));
}
