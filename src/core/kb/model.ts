// The knowledge base's plain data: entries as the YAML files give them, and the problems a file has.

export const kbEntryTypes = ['peacekeeping-operation', 'political-mission', 'department', 'initiative', 'official', 'resolution'] as const;
export type KbEntryType = (typeof kbEntryTypes)[number];

/** A year, or 'active' for an operation still deployed or an official still in post. */
export type KbYear = number | 'active';

export interface KbEntry {
  readonly id: string;
  readonly type: KbEntryType;
  /** Canonical names (the first is the one a card shows); matched in any case. */
  readonly names: readonly string[];
  /** Matched in capitals only (MINUSMA, FINUL, S/RES/2719 (2023)). */
  readonly acronyms: readonly string[];
  /** Other forms in English and French (`la MONUSCO`); matched in any case except words written in capitals. */
  readonly aliases: readonly string[];
  readonly country?: string;
  readonly region?: string;
  readonly start?: KbYear;
  readonly end?: KbYear;
  /** The exact closing date of a closed operation, ISO `YYYY-MM-DD` (MINUSMA: `2023-12-31`). */
  readonly endDate?: string;
  readonly mandate?: string;
  readonly headquarters?: string;
  readonly description?: string;
  readonly title?: string;
  readonly organisation?: string;
  readonly since?: KbYear;
  readonly until?: KbYear;
  readonly sources: readonly string[];
  /** Where the entry comes from (`bundled` or a workspace file); not a YAML field. */
  readonly origin: string;
}

export type KbProblemCode =
  | 'yaml-syntax'
  | 'root-not-mapping'
  | 'entries-not-sequence'
  | 'entry-not-mapping'
  | 'unknown-field'
  | 'wrong-type'
  | 'missing-field'
  | 'unknown-entry-type'
  | 'duplicate-id'
  | 'too-large'
  | 'too-deep'
  | 'more-problems';

export type KbProblemSeverity = 'error' | 'warning';

export interface KbProblem {
  readonly code: KbProblemCode;
  readonly severity: KbProblemSeverity;
  /** Text from messages/knowledge.ts in the locale active where the file was read (the worker's is English); `kbMessage(code, data)` words it again. */
  readonly message: string;
  readonly data: Readonly<Record<string, string | number>>;
  readonly origin: string;
  /** 0-based offsets into the file's text (end exclusive). */
  readonly start: number;
  readonly end: number;
  /** 1-based line and column of `start`. */
  readonly line: number;
  readonly column: number;
}

export interface KnowledgeBase {
  readonly entries: readonly KbEntry[];
  readonly problems: readonly KbProblem[];
}
