// The quotes one parse found, kept as columns, and the records that read them.
import { IntColumn } from './columns';
import type { ParseContext } from '../context';
import type { Quote, TextRange } from '../../model';
import { quoteWordsAcross } from '../quoteMarks';
import { rows } from './columns';
import { ownCoordinates } from '../../text/lineTable';

/** The words of a quote: its range's text, continuation marks at paragraph starts removed, white space collapsed. */
export function quoteWords(context: ParseContext, range: TextRange): string {
  // The parse's own lines: the document's may have moved since (see Placement).
  const { startLine, startCharacter, endLine, endCharacter } = ownCoordinates(range);
  return quoteWordsAcross(startLine, endLine, (line) => context.line(line), startCharacter, endCharacter);
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
    return rows(Math.max(0, to - from), (position) => this.quote(from + position));
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
