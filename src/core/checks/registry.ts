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
  // The checks (src/core/checks/index.ts): they read the parsed model, after the parse.
  'quote-differs': 'warning',
  'quote-unsourced': 'information',
  'header-language-missing': 'warning',
  'dateline-no-day': 'warning',
  'dateline-month-not-english': 'warning',
  'dateline-day-padding': 'information',
  'dateline-marker-missing': 'warning',
  'header-repeated': 'warning',
  'trt-exceeded': 'warning',
} as const satisfies Record<string, DiagnosticSeverity>;

/** Stable identifiers of findings; features and users may rely on them. */
export type DiagnosticCode = keyof typeof diagnosticSeverities;

/**
 * Rules that report nothing until the user gives them a severity in `shotlist.diagnostics.severity`
 * (the CLI: `--severity CODE=LEVEL`): house-style preferences, and findings that are often intended.
 */
export const offByDefault: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['dateline-day-padding', 'quote-unsourced']);

/** What a user may set a rule to: a severity, or `off`. */
export type SeverityChoice = DiagnosticSeverity | 'off';

export function isSeverityChoice(value: unknown): value is SeverityChoice {
  return value === 'error' || value === 'warning' || value === 'information' || value === 'hint' || value === 'off';
}

/** The severity a finding is shown with: the user's choice for its code, else the default (off for opt-in rules). */
export function effectiveSeverity(code: DiagnosticCode, choices: Readonly<Record<string, unknown>> = {}): SeverityChoice {
  const chosen = Object.prototype.hasOwnProperty.call(choices, code) ? choices[code] : undefined;
  if (isSeverityChoice(chosen)) {
    return chosen;
  }
  return offByDefault.has(code) ? 'off' : diagnosticSeverities[code];
}

/**
 * The codes the user's choices turn off (opt-in rules unless chosen), as one set and a key naming it:
 * the checks do not make findings for them (see ChecksJob), and a list made without them is reused
 * only for the same choices.
 */
export interface CodesOff {
  readonly codes: ReadonlySet<DiagnosticCode>;
  readonly key: string;
}

export const noCodesOff: CodesOff = { codes: new Set(), key: '' };

export function codesOff(choices: Readonly<Record<string, unknown>>): CodesOff {
  const codes = new Set<DiagnosticCode>();
  for (const code of Object.keys(diagnosticSeverities) as DiagnosticCode[]) {
    if (effectiveSeverity(code, choices) === 'off') {
      codes.add(code);
    }
  }
  // The registry's order is fixed, so the key is the same for the same set.
  return { codes, key: Array.from(codes).join(',') };
}

export function isDiagnosticCode(value: string): value is DiagnosticCode {
  return Object.prototype.hasOwnProperty.call(diagnosticSeverities, value);
}

export function severityOf(code: DiagnosticCode): DiagnosticSeverity {
  return diagnosticSeverities[code];
}
