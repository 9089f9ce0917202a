// Every finding Shotlist reports, by stable code, with its default severity: the one list a new
// diagnostic is added to. Its English wording goes in messages/diagnostics.ts (the compiler asks for
// it), it is reported with ParseContext.report() by the parser or returned by a check, and it gets
// a line in the README's table of findings (a unit test asks for it).

export type DiagnosticSeverity = 'error' | 'warning' | 'information' | 'hint';

export const diagnosticSeverities = {
  'shot-number-duplicate': 'warning',
  'shot-number-out-of-sequence': 'warning',
  'shot-number-missing': 'information',
  'unclosed-quote': 'warning',
  'mismatched-quote-marks': 'warning',
  'soundbite-missing-colon': 'information',
  'soundbite-missing-quote': 'warning',
  'unknown-language': 'warning',
  'header-missing-field': 'warning',
  'header-duplicate-field': 'information',
  'dateline-format': 'warning',
  'trt-format': 'warning',
  'speaker-unsure': 'information',
} as const satisfies Record<string, DiagnosticSeverity>;

/** Stable identifiers of findings; features and users may rely on them. */
export type DiagnosticCode = keyof typeof diagnosticSeverities;

export function severityOf(code: DiagnosticCode): DiagnosticSeverity {
  return diagnosticSeverities[code];
}
