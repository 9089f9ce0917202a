// Every finding of a transcript as the user wants it shown: the parser's and the checks', with the
// severities of `shotlist.diagnostics.severity` (a code may be raised, lowered or turned off). The
// checks of a long archive run one story at a time between other work (ChecksJob), so the extension
// host is never held for long; until they finish, the Problems panel shows the parser's findings, and
// the quick fixes check the story under the cursor on their own.
import * as vscode from 'vscode';
import { checkUnit, ChecksJob, finishedChecks, withChoices, type PreviousChecks } from '../../core/checks';
import { codesOff, type CodesOff } from '../../core/checks/registry';
import { listFindingsSteps, type ListedFindings } from '../../core/checks/shown';
import { checkUnitCount, unitAtLine } from '../../core/checks/quoteFidelity';
import type { TranscriptDiagnostic, TranscriptDocument } from '../../core/model';
import type { TextSource } from '../../core/text/chunkedText';
import { appendAll } from '../../core/util/arrays';
import type { Steps } from '../../core/util/steps';
import type { TranscriptCache } from './documentCache';

export const severitySetting = 'shotlist.diagnostics.severity';

/** Documents up to this many characters are checked at once (a few milliseconds); longer ones in slices. */
const checkAtOnceLength = 200_000;
/**
 * How long one slice of a background check may run before it gives the event loop back: short, as a
 * slice also takes the last story it started and any garbage collection that falls in it.
 */
const sliceMs = 6;

/** The user's severity per code for this document (unknown values are ignored by the core). */
export function severityChoices(document: vscode.TextDocument): Readonly<Record<string, unknown>> {
  const value = vscode.workspace.getConfiguration('shotlist', document.uri).get<unknown>('diagnostics.severity');
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** The background check under way for each document (one at a time: a newer version's replaces it). */
const running = new Map<string, { readonly model: TranscriptDocument; readonly off: CodesOff; readonly listeners: Set<() => void>; stopped: boolean }>();

function checkInBackground(key: string, model: TranscriptDocument, text: TextSource, off: CodesOff, previous: PreviousChecks | undefined,
  whenDone: () => void): void {
  const known = running.get(key);
  if (known && known.model === model && known.off.key === off.key) {
    known.listeners.add(whenDone);
    return;
  }
  if (known) {
    // An older version of the document, or other choices: its findings would be stale when they arrive.
    known.stopped = true;
  }
  const state = { model, off, listeners: new Set([whenDone]), stopped: false };
  running.set(key, state);
  const job = new ChecksJob(model, text, { previous, off });
  const slice = (): void => {
    if (state.stopped) {
      return;
    }
    const started = performance.now();
    if (job.step(() => performance.now() - started > sliceMs)) {
      running.delete(key);
      state.listeners.forEach((listener) => listener());
      return;
    }
    setTimeout(slice, 0);
  };
  setTimeout(slice, 0);
}

/**
 * The finished checks of the version this model was re-parsed from, with where the edit fell: a long
 * archive then checks again only the stories the edit touched. Undefined when there are none.
 */
function previousChecks(cache: TranscriptCache, document: vscode.TextDocument, model: TranscriptDocument): PreviousChecks | undefined {
  const lineage = cache.lineageOf(model);
  const lines = cache.editLinesOf(document, model);
  const checked = lineage?.previousChecks;
  return checked && lines ? { findings: checked.findings, codesOff: checked.off, edit: lineage.edit, ...lines } : undefined;
}

/** Stops the background check of a document (closed, or the extension going away). */
export function stopChecking(document: vscode.TextDocument): void {
  const key = document.uri.toString();
  const known = running.get(key);
  if (known) {
    known.stopped = true;
    running.delete(key);
  }
}

/**
 * The findings of this version of the document that VS Code's problem list can show (see
 * core/checks/shown.ts), with the user's severities, as steps for the caller to run between turns of
 * the event loop (an archive has tens of thousands). A long document's checks are started in the
 * background when not finished: `whenChecked` is called once they are, and until then only the
 * parser's findings are listed.
 */
export function listedFindingsOf(cache: TranscriptCache, document: vscode.TextDocument, whenChecked?: () => void): Steps<ListedFindings> | undefined {
  const model = cache.peek(document);
  if (model === undefined) {
    return undefined; // a large document still being read: asked again when it is (cache.onDidParse)
  }
  const choices = severityChoices(document);
  const choicesKey = JSON.stringify(choices);
  const off = codesOffFor(choices, choicesKey);
  let checks = finishedChecks(model, off);
  if (checks === undefined) {
    const text = cache.source(document);
    if (text.length <= checkAtOnceLength) {
      const job = new ChecksJob(model, text, { off });
      job.step(() => false);
      checks = job.result();
    } else if (whenChecked) {
      checkInBackground(document.uri.toString(), model, text, off, previousChecks(cache, document, model), whenChecked);
    }
  }
  // The panel is refreshed several times per version (the edit, the reading's end, the checks' end):
  // the same lists with the same choices are listed once.
  const parserFindings = model.diagnostics;
  const known = listedCache.get(model);
  if (known && known.checks === checks && known.parserFindings === parserFindings && known.choicesKey === choicesKey) {
    return finished(known.listed);
  }
  return listingSteps([parserFindings, checks ?? []], choices, (listed) => listedCache.set(model, { checks, parserFindings, choicesKey, listed }));
}

// eslint-disable-next-line require-yield -- a listing already made, handed out as steps like a new one
function* finished(listed: ListedFindings): Steps<ListedFindings> {
  return listed;
}

function* listingSteps(lists: readonly (readonly TranscriptDiagnostic[])[], choices: Readonly<Record<string, unknown>>,
  keep: (listed: ListedFindings) => void): Steps<ListedFindings> {
  const listed = yield* listFindingsSteps(lists, choices);
  keep(listed);
  return listed;
}

/** The last listing of each model version, by what it was made from. */
const listedCache = new WeakMap<TranscriptDocument, {
  readonly checks: readonly TranscriptDiagnostic[] | undefined;
  readonly parserFindings: readonly TranscriptDiagnostic[];
  readonly choicesKey: string;
  readonly listed: ListedFindings;
}>();

/**
 * The findings that touch lines first..last, with the user's severities: the parser's, and the checks
 * of the stories there (all of them once the whole document is checked), without waiting for the rest.
 */
export function findingsAround(cache: TranscriptCache, document: vscode.TextDocument, first: number, last: number): TranscriptDiagnostic[] {
  const model = cache.peek(document);
  if (model === undefined) {
    return [];
  }
  const touches = (item: TranscriptDiagnostic): boolean => item.range.start.line <= last && item.range.end.line >= first;
  const choices = severityChoices(document);
  const off = codesOffFor(choices, JSON.stringify(choices));
  const finished = finishedChecks(model, off);
  let checks: TranscriptDiagnostic[] = [];
  if (finished) {
    checks = finished.filter(touches);
  } else if (checkUnitCount(model) > 0) {
    const text = cache.source(document);
    const from = unitAtLine(model, first);
    const to = unitAtLine(model, last);
    for (let unit = from; unit <= to; unit++) {
      appendAll(checks, checkUnit(model, text, unit, off).filter(touches));
    }
  }
  return withChoices([model.diagnostics.filter(touches), checks], choices);
}

/** The last choices' codes turned off, kept: asked on every refresh and every quick-fix lookup. */
let lastCodesOff: { readonly choicesKey: string; readonly off: CodesOff } | undefined;

function codesOffFor(choices: Readonly<Record<string, unknown>>, choicesKey: string): CodesOff {
  if (lastCodesOff?.choicesKey !== choicesKey) {
    lastCodesOff = { choicesKey, off: codesOff(choices) };
  }
  return lastCodesOff.off;
}
