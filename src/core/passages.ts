// Quoted passages in running text (a story, interview answers, an op-ed). A quote may run over
// several paragraphs: each continuing paragraph opens with a mark and only the last one closes.
import type { ParseContext } from './context';
import type { Quote, TextRange } from './model';
import { closingFor, marksMismatch, normaliseQuoteText, scanMarks, type MarkEvent } from './quotes';
import { IntColumn } from './columns';
import { firstVisible, lastVisibleEnd, ownCoordinates } from './text';

/** How many paragraphs an open quote may span while we look for its closing mark. */
const MAX_PARAGRAPHS_IN_QUOTE = 60;

interface OpenQuote {
  readonly line: number;
  readonly character: number;
  readonly mark: string;
  /** Position in `paragraphs` of the paragraph where the quote opened. */
  readonly paragraph: number;
  /** Last paragraph (position in `paragraphs`) that belongs to the quote by the continuation rule. */
  lastContinuation: number;
}

/**
 * Finds the quoted passages in a run of paragraphs (0-based line numbers, one paragraph per line,
 * in order) and adds them to the parse's quote store, in document order; returns the store's index
 * range of the quotes found. An unclosed quote ends with the last paragraph that continued it, and
 * scanning resumes after that paragraph, so one missing mark never swallows the quotes that follow.
 */
export function findQuotes(context: ParseContext, paragraphs: readonly number[]): { from: number; to: number } {
  const from = context.quotes.length;
  let position = 0;
  while (position < paragraphs.length) {
    position = scanFrom(context, paragraphs, position);
  }
  return { from, to: context.quotes.length };
}

/** Scans from one paragraph until all quotes are closed; returns where to resume. */
function scanFrom(context: ParseContext, paragraphs: readonly number[], from: number): number {
  const scan = new PassageScan(context);
  let depth = 0;
  for (let position = from; position < paragraphs.length; position++) {
    const line = paragraphs[position] ?? 0;
    const text = context.line(line);
    const continuing = scan.open !== null;
    if (scan.open && /^[\s\u00a0]*[“„«"]/u.test(text)) {
      scan.open.lastContinuation = position;
    }
    scan.line = line;
    scan.position = position;
    depth = scanMarks(text, depth, continuing, scan.onMark);
    if (scan.open !== null && position - scan.open.paragraph >= MAX_PARAGRAPHS_IN_QUOTE) {
      break;
    }
  }
  if (scan.open === null) {
    return paragraphs.length;
  }
  // Never closed: the quote covers the paragraphs that followed the continuation convention.
  const unclosed: OpenQuote = scan.open;
  const lastLine = paragraphs[unclosed.lastContinuation] ?? unclosed.line;
  const lastText = context.line(lastLine);
  const endCharacter = lastVisibleEnd(lastText);
  context.quotes.add(unclosed.line, lastLine, unclosed.character, unclosed.character + 1, endCharacter, endCharacter,
    unclosed.mark, null, false);
  context.report('unclosed-quote', context.table.range(unclosed.line, unclosed.character, unclosed.character + 1), {
    mark: unclosed.mark,
    expected: closingFor(unclosed.mark),
  });
  return unclosed.lastContinuation + 1;
}

/** What one scan knows between marks: one handler for every line, not a new closure per line. */
class PassageScan {
  open: OpenQuote | null = null;
  line = 0;
  position = 0;

  constructor(private readonly context: ParseContext) {}

  readonly onMark = (event: MarkEvent): void => {
    if (event.opens && event.depth === 1 && this.open === null) {
      this.open = { line: this.line, character: event.index, mark: event.mark, paragraph: this.position, lastContinuation: this.position };
    } else if (!event.opens && event.depth === 0 && this.open !== null) {
      addClosedQuote(this.context, this.open, this.line, event.index, event.mark);
      this.open = null;
    }
  };
}

function addClosedQuote(context: ParseContext, open: OpenQuote, closeLine: number, closeCharacter: number, closeMark: string): void {
  if (marksMismatch(open.mark, closeMark)) {
    context.report('mismatched-quote-marks', context.table.span(open.line, open.character, closeLine, closeCharacter + 1), { open: open.mark, close: closeMark });
  }
  context.quotes.add(open.line, closeLine, open.character, open.character + 1, closeCharacter, closeCharacter + 1, open.mark, closeMark, true);
}

/**
 * The words of a quote: text of the range with continuation marks at paragraph starts removed and
 * white space collapsed.
 */
export function quoteWords(context: ParseContext, range: TextRange): string {
  // The parse's own lines: the document's may have moved since (see Placement).
  const { startLine, startCharacter, endLine, endCharacter } = ownCoordinates(range);
  if (startLine === endLine) {
    return normaliseQuoteText(context.line(startLine).slice(startCharacter, endCharacter));
  }
  const pieces: string[] = [];
  for (let line = startLine; line <= endLine; line++) {
    const text = context.line(line);
    let from = line === startLine ? startCharacter : firstVisible(text);
    const to = line === endLine ? endCharacter : text.length;
    if (line !== startLine && /[“„«"]/u.test(text.charAt(from))) {
      from++;
    }
    pieces.push(text.slice(from, to));
  }
  return normaliseQuoteText(pieces.join(' '));
}

/**
 * The quotes of one parse as columns (soundbite quotes and quotes in running text alike): a long
 * archive has tens of thousands, and the outline and the diagnostics need where they are, not
 * objects for each. A quote keeps six numbers: its first and last line, where it opens, where its
 * words start and end, and where it closes; its marks as character codes (0 for none).
 */
export class QuoteStore {
  readonly #startLine = new IntColumn();
  readonly #endLine = new IntColumn();
  readonly #start = new IntColumn();
  readonly #innerStart = new IntColumn();
  readonly #innerEnd = new IntColumn();
  readonly #end = new IntColumn();
  /** The opening and closing marks as character codes (0 for none), and 1 when the quote closed. */
  readonly #marks = new IntColumn();
  readonly #closeMarks = new IntColumn();
  readonly #closed = new IntColumn();

  constructor(private readonly context: ParseContext) {}

  get length(): number {
    return this.#startLine.length;
  }

  /** Adds a quote on lines startLine..endLine: opening at `start`, words from `innerStart` to `innerEnd`, closing before `end`. */
  add(startLine: number, endLine: number, start: number, innerStart: number, innerEnd: number, end: number,
    openMark: string | null, closeMark: string | null, closed: boolean): number {
    this.#startLine.push(startLine);
    this.#endLine.push(endLine);
    this.#start.push(start);
    this.#innerStart.push(innerStart);
    this.#innerEnd.push(innerEnd);
    this.#end.push(end);
    this.#marks.push(openMark === null ? 0 : openMark.charCodeAt(0));
    this.#closeMarks.push(closeMark === null ? 0 : closeMark.charCodeAt(0));
    return this.#closed.push(closed ? 1 : 0);
  }

  /** The quote at `index`, as a new record (callers keep it when they need the same object again). */
  quote(index: number): Quote {
    return new QuoteRecord(this.context, this.#startLine.get(index), this.#endLine.get(index), this.#start.get(index),
      this.#innerStart.get(index), this.#innerEnd.get(index), this.#end.get(index), markOf(this.#marks.get(index)),
      markOf(this.#closeMarks.get(index)), this.#closed.get(index) === 1);
  }

  /** Quotes from..to (exclusive) as records. */
  quotes(from: number, to: number): Quote[] {
    const quotes = new Array<Quote>(Math.max(0, to - from));
    for (let index = from; index < to; index++) {
      quotes[index - from] = this.quote(index);
    }
    return quotes;
  }
}

function markOf(code: number): string | null {
  return code === 0 ? null : String.fromCharCode(code);
}

/** A quote whose ranges and words are built from the text when read. */
class QuoteRecord implements Quote {
  readonly #context: ParseContext;
  #text: string | undefined;
  readonly #startLine: number;
  readonly #endLine: number;
  readonly #start: number;
  readonly #innerStart: number;
  readonly #innerEnd: number;
  readonly #end: number;

  constructor(context: ParseContext, startLine: number, endLine: number, start: number, innerStart: number, innerEnd: number, end: number,
    readonly openMark: string | null, readonly closeMark: string | null, readonly closed: boolean) {
    this.#context = context;
    this.#startLine = startLine;
    this.#endLine = endLine;
    this.#start = start;
    this.#innerStart = innerStart;
    this.#innerEnd = innerEnd;
    this.#end = end;
  }

  get range(): TextRange {
    return this.#context.table.span(this.#startLine, this.#start, this.#endLine, this.#end);
  }

  get innerRange(): TextRange {
    return this.#context.table.span(this.#startLine, this.#innerStart, this.#endLine, this.#innerEnd);
  }

  get text(): string {
    this.#text ??= quoteWords(this.#context, this.innerRange);
    return this.#text;
  }

  toJSON(): Quote {
    return { text: this.text, range: this.range, innerRange: this.innerRange, openMark: this.openMark, closeMark: this.closeMark, closed: this.closed };
  }
}
