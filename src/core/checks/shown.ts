// Which findings an editor's problem list gets. VS Code lists at most 1,000 problems per file and drops
// the rest after sorting by severity; an archive of tens of thousands of stories can have tens of
// thousands of findings. Building and sending all of them (objects VS Code copies and then throws
// away) was the largest allocation of every refresh, so the same choice is made here, before any is
// built, with one place kept for a line saying how many were left out.
import type { DiagnosticSeverity, TranscriptDiagnostic } from '../model';

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
 * The findings (in document order) to list within `limit` entries: all when they fit; otherwise
 * `limit - 1` of them, errors first, then warnings, information and hints, each in document order,
 * leaving one entry for the line that counts the rest. Four passes over the list at most.
 */
export function findingsToList(findings: readonly TranscriptDiagnostic[], limit = maxListedPerFile): ListedFindings {
  if (findings.length <= limit) {
    return { listed: findings, notListed: 0 };
  }
  const room = Math.max(0, limit - 1);
  const listed: TranscriptDiagnostic[] = [];
  for (const severity of severityOrder) {
    for (const finding of findings) {
      if (listed.length === room) {
        break;
      }
      if (finding.severity === severity) {
        listed.push(finding);
      }
    }
  }
  listed.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { listed, notListed: findings.length - listed.length };
}
