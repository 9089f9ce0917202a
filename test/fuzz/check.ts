// One fuzz case through the parser: read (as plain text or Markdown), the invariants, then one edit
// re-parsed from the previous model and compared with a fresh parse of the edited text.
import { parseTranscriptFile, reparseTranscriptFile } from '../../src/core/parse';
import type { FuzzCase } from './generators';
import { checkInvariants } from './invariants';

export interface CaseResult {
  /** The first parse, in milliseconds: what "slow" means in the report. */
  readonly parseMs: number;
  /** The whole check (two parses, a re-parse, the comparisons). */
  readonly totalMs: number;
  /** What went wrong: a throw (with its name), a broken invariant, a re-parse that differs. */
  readonly problem?: string;
}

export function checkCase(fuzzCase: FuzzCase): CaseResult {
  const name = fuzzCase.markdown ? 'case.md' : 'case.txt';
  const started = performance.now();
  let parseMs = 0;
  try {
    const document = parseTranscriptFile(fuzzCase.text, name);
    parseMs = performance.now() - started;
    checkInvariants(fuzzCase.text, document);
    const { start, end, insert } = fuzzCase.edit;
    const edited = fuzzCase.text.slice(0, start) + insert + fuzzCase.text.slice(end);
    const again = reparseTranscriptFile(document, edited, { start, oldEnd: end, newEnd: start + insert.length }, name);
    const fresh = parseTranscriptFile(edited, name);
    checkInvariants(edited, fresh);
    if (JSON.stringify(again) !== JSON.stringify(fresh)) {
      return { parseMs, totalMs: performance.now() - started, problem: 're-parse after the edit differs from a fresh parse' };
    }
  } catch (error) {
    const problem = error instanceof Error
      ? error.message.startsWith('invariant broken') ? error.message : `throws ${error.name}: ${error.message}`
      : `throws ${String(error)}`;
    return { parseMs: parseMs || performance.now() - started, totalMs: performance.now() - started, problem };
  }
  return { parseMs, totalMs: performance.now() - started };
}
