// How a check states a finding: the registry's code and severity, the English message from its
// template, the data it was built from (for other locales and for quick fixes), and where else to look.
import type { MessageData } from '../messages/format';
import { diagnosticMessage } from '../messages/diagnostics';
import type { TextPosition, TextRange, TranscriptDiagnostic } from '../model';
import { severityOf, type DiagnosticCode } from './registry';

export function finding(code: DiagnosticCode, range: TextRange, data: MessageData, related?: TextRange): TranscriptDiagnostic {
  return { code, severity: severityOf(code), range: fixed(range), message: diagnosticMessage(code, data), data, ...(related ? { related: fixed(related) } : {}) };
}

/**
 * A plain copy of a range. The model's ranges read their story's current place (a re-parse moves the
 * stories it kept), while a finding states where something was in the version it was found in: the
 * checks after an edit move the findings themselves (ChecksJob), and must not find them moved already.
 */
function fixed(range: TextRange): TextRange {
  const { start, end } = range;
  return { start: { line: start.line, character: start.character, offset: start.offset }, end: { line: end.line, character: end.character, offset: end.offset } };
}

/** The range of `length` characters from `start` on the same line. */
export function rangeOnLine(start: TextPosition, from: number, length: number): TextRange {
  return {
    start: { line: start.line, character: start.character + from, offset: start.offset + from },
    end: { line: start.line, character: start.character + from + length, offset: start.offset + from + length },
  };
}
