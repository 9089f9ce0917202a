// Quoted passages in running text (a story, interview answers, an op-ed). A quote may run over
// several paragraphs: each continuing paragraph opens with a mark and only the last one closes.
import { ParseContext } from './context';
import { closingFor, marksMismatch, scanMarks, startsWithContinuationMark, type MarkEvent, type MarkListener } from './quoteMarks';
import { keepShape } from './store/shapes';
import { lastVisibleEnd } from '../text/whitespace';

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
    if (scan.open && startsWithContinuationMark(text)) {
      scan.open.lastContinuation = position;
    }
    scan.line = line;
    scan.position = position;
    depth = scanMarks(text, depth, continuing, scan);
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

/** What one scan knows between marks: the listener of every line's marks. */
class PassageScan implements MarkListener {
  open: OpenQuote | null = null;
  line = 0;
  position = 0;

  constructor(private readonly context: ParseContext) {}

  onMark(event: MarkEvent): void {
    if (event.opens && event.depth === 1 && this.open === null) {
      this.open = { line: this.line, character: event.index, mark: event.mark, paragraph: this.position, lastContinuation: this.position };
    } else if (!event.opens && event.depth === 0 && this.open !== null) {
      addClosedQuote(this.context, this.open, this.line, event.index, event.mark);
      this.open = null;
    }
  }
}

keepShape(new PassageScan(new ParseContext('')));

function addClosedQuote(context: ParseContext, open: OpenQuote, closeLine: number, closeCharacter: number, closeMark: string): void {
  if (marksMismatch(open.mark, closeMark)) {
    context.report('mismatched-quote-marks', context.table.span(open.line, open.character, closeLine, closeCharacter + 1), { open: open.mark, close: closeMark });
  }
  context.quotes.add(open.line, closeLine, open.character, open.character + 1, closeCharacter, closeCharacter + 1, open.mark, closeMark, true);
}
