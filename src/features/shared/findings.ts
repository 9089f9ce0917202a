// Every finding of a transcript as the user wants it shown: the parser's and the checks', with the
// severities of `shotlist.diagnostics.severity` (a code may be raised, lowered or turned off). The
// Problems panel and the quick fixes read the same list, computed once per document version and setting.
import * as vscode from 'vscode';
import { allFindings } from '../../core/checks';
import type { TranscriptDiagnostic, TranscriptDocument } from '../../core/model';
import type { TranscriptCache } from './documentCache';

export const severitySetting = 'shotlist.diagnostics.severity';

/** The user's severity per code for this document (unknown values are ignored by the core). */
export function severityChoices(document: vscode.TextDocument): Readonly<Record<string, unknown>> {
  const value = vscode.workspace.getConfiguration('shotlist', document.uri).get<unknown>('diagnostics.severity');
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

const computed = new WeakMap<TranscriptDocument, { readonly key: string; readonly findings: readonly TranscriptDiagnostic[] }>();

/** The findings of this version of the document, with the user's severities. */
export function findingsOf(cache: TranscriptCache, document: vscode.TextDocument): readonly TranscriptDiagnostic[] {
  const model = cache.get(document);
  const choices = severityChoices(document);
  const key = JSON.stringify(choices);
  const known = computed.get(model);
  if (known && known.key === key) {
    return known.findings;
  }
  const findings = allFindings(model, document.getText(), choices);
  computed.set(model, { key, findings });
  return findings;
}
