// Quote marks: which characters open and close quotes, how deep a passage is nested, and how a
// quote's words are normalised. Used for soundbites, story text and interview or prose paragraphs.
import { collapseWhitespace, firstVisible } from './text';

const OPENERS = '“„«‹';
const CLOSERS = '”»›';
const STRAIGHT = '"';

/** Characters that can start or end a quotation (single curly marks are apostrophes too often to count). */
export const quoteMarkPattern = /[“”„«»‹›"]/gu;

export function isOpeningMark(character: string): boolean {
  return OPENERS.includes(character);
}

export function isClosingMark(character: string): boolean {
  return CLOSERS.includes(character);
}

export function isQuoteMark(character: string): boolean {
  return OPENERS.includes(character) || CLOSERS.includes(character) || character === STRAIGHT;
}

/** The closing mark that matches an opening mark. */
export function closingFor(open: string): string {
  switch (open) {
    case '«':
      return '»';
    case '‹':
      return '›';
    case '"':
      return '"';
    default:
      return '”';
  }
}

/** A straight quote opens when nothing visible precedes it (or an opening bracket or dash does). */
export function straightQuoteOpens(text: string, index: number, depth: number): boolean {
  const before = index > 0 ? text.charAt(index - 1) : ' ';
  const after = text.charAt(index + 1);
  const spaceBefore = /[\s([{\u2014\u2013/-]/u.test(before) || index === 0;
  const spaceAfter = after === '' || /\s/u.test(after);
  if (spaceBefore && !spaceAfter) {
    return true;
  }
  if (!spaceBefore && spaceAfter) {
    return false;
  }
  return depth === 0;
}

/** One mark found while scanning, with what it did to the nesting depth. */
export interface MarkEvent {
  readonly index: number;
  readonly mark: string;
  readonly opens: boolean;
  /** Depth after the mark. */
  readonly depth: number;
}

/**
 * Scans marks in `text` from `depth`. At the start of a paragraph that continues an open quote, a
 * repeated opening mark is the typographic continuation mark, not a nested quote: pass
 * `continuation` so it leaves the depth unchanged.
 */
export function scanMarks(text: string, depth: number, continuation: boolean, onMark?: (event: MarkEvent) => void): number {
  quoteMarkPattern.lastIndex = 0;
  let current = depth;
  let first = true;
  const paragraphStart = firstVisible(text);
  for (let match = quoteMarkPattern.exec(text); match; match = quoteMarkPattern.exec(text)) {
    const mark = match[0];
    const index = match.index;
    let opens: boolean;
    if (mark === STRAIGHT) {
      opens = straightQuoteOpens(text, index, current);
    } else {
      opens = OPENERS.includes(mark);
    }
    const atParagraphStart = first && index === paragraphStart;
    first = false;
    if (opens && continuation && atParagraphStart && current > 0) {
      onMark?.({ index, mark, opens, depth: current });
      continue;
    }
    current = opens ? current + 1 : Math.max(0, current - 1);
    onMark?.({ index, mark, opens, depth: current });
  }
  return current;
}

/** Normalises a quote's words: no enclosing marks, white space collapsed, everything else as written. */
export function normaliseQuoteText(inner: string): string {
  return collapseWhitespace(inner);
}

/** True when the marks disagree in kind: a straight opening with a curly closing, or the reverse. */
export function marksMismatch(open: string | null, close: string | null): boolean {
  if (open === null || close === null) {
    return false;
  }
  return (open === STRAIGHT) !== (close === STRAIGHT);
}
