// Which findings an editor's problem list gets. VS Code lists at most 1,000 problems per file and drops
// the rest after sorting by severity; an archive of tens of thousands of stories can have tens of
// thousands of findings. Building and sending all of them (objects VS Code copies and then throws
// away) was the largest allocation of every refresh, so the same choice is made here, before any is
// built, with one place kept for a line saying how many were left out.
import type { DiagnosticSeverity, TranscriptDiagnostic } from '../model';
import { severityChooser, withChoicesSteps, withSeverity } from './index';
import { runToEnd, StepBudget, type Steps } from '../util/steps';

/** How many problems VS Code lists for one file (its extension host drops the ones after these). */
export const maxListedPerFile = 1000;

const severityOrder: readonly DiagnosticSeverity[] = ['error', 'warning', 'information', 'hint'];

export interface ListedFindings {
  /** The findings to list, in document order: all of them when they fit, else the most severe first. */
  readonly listed: readonly TranscriptDiagnostic[];
  /** How many were left out (0 when all fit); the caller adds one line saying so. */
  readonly notListed: number;
}

/**
 * The findings of the lists (each in document order) to list within `limit` entries, with the user's
 * severities (`choices`, as withChoices takes them): all of them when they fit; otherwise `limit - 1`,
 * errors first, then warnings, information and hints, each in document order, leaving one entry for
 * the line that counts the rest. The whole list is never built: the findings are counted by severity,
 * then the lists are walked side by side and only the listed ones taken (copied where the user changed
 * their severity).
 */
export function listFindings(lists: readonly (readonly TranscriptDiagnostic[])[], choices: Readonly<Record<string, unknown>>, limit = maxListedPerFile): ListedFindings {
  return runToEnd(listFindingsSteps(lists, choices, limit));
}

/** Findings looked at per step of listFindingsSteps: a few milliseconds. */
export const findingsPerStep = 5000;

/**
 * listFindings in steps of `findingsPerStep` findings: a large archive can have thousands, tens of
 * thousands when the user turns on a rule that is off by default.
 */
export function* listFindingsSteps(lists: readonly (readonly TranscriptDiagnostic[])[], choices: Readonly<Record<string, unknown>>, limit = maxListedPerFile): Steps<ListedFindings> {
  const budget = new StepBudget(findingsPerStep);
  const severityOf = severityChooser(choices);
  const counts = new Map<DiagnosticSeverity, number>();
  let total = 0;
  for (const list of lists) {
    for (const item of list) {
      const severity = severityOf(item.code);
      if (severity !== 'off') {
        counts.set(severity, (counts.get(severity) ?? 0) + 1);
        total++;
      }
      if (budget.spend()) {
        yield;
      }
    }
  }
  if (total <= limit) {
    return { listed: yield* withChoicesSteps(lists, choices, budget), notListed: 0 };
  }
  // How many of each severity fit, most severe first, one place kept for the count of the rest.
  let room = Math.max(0, limit - 1);
  const quota = new Map<DiagnosticSeverity, number>();
  for (const severity of severityOrder) {
    const taken = Math.min(room, counts.get(severity) ?? 0);
    quota.set(severity, taken);
    room -= taken;
  }
  const listed: TranscriptDiagnostic[] = [];
  const next = lists.map(() => 0);
  for (;;) {
    // The list whose next finding comes first in the document.
    let from = -1;
    for (let index = 0; index < lists.length; index++) {
      const candidate = (lists[index] as readonly TranscriptDiagnostic[])[next[index] as number];
      if (candidate && (from < 0 || candidate.range.start.offset < ((lists[from] as readonly TranscriptDiagnostic[])[next[from] as number] as TranscriptDiagnostic).range.start.offset)) {
        from = index;
      }
    }
    if (from < 0) {
      break;
    }
    const item = (lists[from] as readonly TranscriptDiagnostic[])[next[from] as number] as TranscriptDiagnostic;
    next[from] = (next[from] as number) + 1;
    if (budget.spend()) {
      yield;
    }
    const severity = severityOf(item.code);
    const left = severity === 'off' ? 0 : quota.get(severity) ?? 0;
    if (severity !== 'off' && left > 0) {
      quota.set(severity, left - 1);
      listed.push(withSeverity(item, severity));
    }
  }
  listed.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { listed, notListed: total - listed.length };
}
