// Quote marks: which characters open and close quotes, how deep a passage is nested, and how a
// quote's words are normalised. Used for soundbites, story text and interview or prose paragraphs.
import { collapseWhitespace, firstVisible, isRegExpSpaceCode, isSpaceCode } from '../text/whitespace';

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

/**
 * One mark found while scanning, with what it did to the nesting depth. scanMarks reuses one event
 * object for every mark: read it inside onMark, do not keep it.
 */
export interface MarkEvent {
  readonly index: number;
  readonly mark: string;
  readonly opens: boolean;
  /** Depth after the mark. */
  readonly depth: number;
}

/**
 * Told of every mark scanMarks finds. An object with a method rather than a callback: a closure made
 * for each scan would be a new function every time, which V8 cannot keep inlined in scanMarks.
 */
export interface MarkListener {
  onMark(event: MarkEvent): void;
}

const reusedEvent: { index: number; mark: string; opens: boolean; depth: number } = { index: 0, mark: '', opens: false, depth: 0 };

/** The mark's one-character string, shared (slicing a two-byte character would allocate every time). */
function markString(code: number): string {
  switch (code) {
    case 0x201c:
      return '“';
    case 0x201d:
      return '”';
    case 0x201e:
      return '„';
    case 0xab:
      return '«';
    case 0xbb:
      return '»';
    case 0x2039:
      return '‹';
    case 0x203a:
      return '›';
    default:
      return STRAIGHT;
  }
}

/**
 * Scans marks in `text` from `depth`. At the start of a paragraph that continues an open quote, a
 * repeated opening mark is the typographic continuation mark, not a nested quote: pass
 * `continuation` so it leaves the depth unchanged.
 */
export function scanMarks(text: string, depth: number, continuation: boolean, listener?: MarkListener, from = 0): number {
  let current = depth;
  let first = true;
  // test() on a global expression finds the next mark in native code without building a match
  // array: the mark is the one character before lastIndex.
  const pattern = quoteMarkPattern;
  pattern.lastIndex = from;
  while (pattern.test(text)) {
    const index = pattern.lastIndex - 1;
    const code = text.charCodeAt(index);
    const opens = code === 0x22 ? straightQuoteOpens(text, index, current) : code === 0x201c || code === 0x201e || code === 0xab || code === 0x2039;
    const atParagraphStart = first && index === firstVisibleFrom(text, from);
    first = false;
    if (!(opens && continuation && atParagraphStart && current > 0)) {
      current = opens ? current + 1 : Math.max(0, current - 1);
    }
    if (listener) {
      reusedEvent.index = index;
      reusedEvent.mark = markString(code);
      reusedEvent.opens = opens;
      reusedEvent.depth = current;
      listener.onMark(reusedEvent);
    }
  }
  return current;
}

function firstVisibleFrom(text: string, from: number): number {
  let index = from;
  while (index < text.length && isSpaceCode(text.charCodeAt(index))) {
    index++;
  }
  return index;
}

/** Normalises a quote's words: no enclosing marks, white space collapsed, everything else as written. */
export function normaliseQuoteText(inner: string): string {
  return collapseWhitespace(inner);
}

/**
 * Marks that continue an open quote when they open a later paragraph of it (the typographic
 * convention: each paragraph of a long quotation opens with a mark, only the last one closes).
 */
function isContinuationMarkCode(code: number): boolean {
  return code === 0x201c || code === 0x201e || code === 0xab || code === 0x22;
}

/** True when the first visible character of `text` at or after `from` is a continuation mark (“ „ « "). */
export function startsWithContinuationMark(text: string, from = 0): boolean {
  let index = from;
  while (index < text.length && isRegExpSpaceCode(text.charCodeAt(index))) {
    index++;
  }
  return isContinuationMarkCode(text.charCodeAt(index));
}

/**
 * The words of a quote over lines (or paragraphs) first..last: from `fromIndex` of the first to
 * `toIndex` of the last, each later one from its first visible character without its continuation
 * mark, white space collapsed. The line parser and the Markdown reader both read quote words so.
 */
export function quoteWordsAcross(first: number, last: number, textOf: (index: number) => string, fromIndex: number, toIndex: number): string {
  if (first === last) {
    return normaliseQuoteText(textOf(first).slice(fromIndex, toIndex));
  }
  const pieces: string[] = [];
  for (let index = first; index <= last; index++) {
    const text = textOf(index);
    let from = index === first ? fromIndex : firstVisible(text);
    if (index !== first && isContinuationMarkCode(text.charCodeAt(from))) {
      from++;
    }
    pieces.push(text.slice(from, index === last ? toIndex : text.length));
  }
  return normaliseQuoteText(pieces.join(' '));
}

/** True when the marks disagree in kind: a straight opening with a curly closing, or the reverse. */
export function marksMismatch(open: string | null, close: string | null): boolean {
  if (open === null || close === null) {
    return false;
  }
  return (open === STRAIGHT) !== (close === STRAIGHT);
}
