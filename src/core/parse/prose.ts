// Interviews and prose read line by line: paragraphs, the page title and chrome, turns when the
// paragraphs show an interview style, and the quoted passages of each run of paragraphs.
import type { Block, Quote, TranscriptDocument, TranscriptFormat } from '../model';
import { firstVisible, lastVisibleEnd } from '../text/whitespace';
import { isAsciiWordCode } from '../text/words';
import { appendAll } from '../util/arrays';
import { LineClass } from './classify';
import type { ParseContext } from './context';
import { buildTurns, readParagraph, weighInterviewEvidence, type Paragraph } from './interview';
import { findInterviewee } from './interviewee';
import { findQuotes } from './passages';

/**
 * The document of an interview or prose text; its blocks are listed when first read. Without a
 * format, it is an interview when the paragraphs show an interview style (labels, dashes,
 * timecodes, questions answered), else prose.
 */
export function spokenDocument(context: ParseContext, format?: 'interview' | 'prose'): TranscriptDocument {
  const document = spokenParts(context, format);
  let blocks: Block[] | undefined;
  return Object.defineProperty(document, 'blocks', {
    enumerable: true,
    get: (): Block[] => {
      blocks ??= context.blockList();
      return blocks;
    },
  }) as TranscriptDocument;
}

/**
 * Paragraphs of an interview or prose text: every visible line except the title, chrome and
 * separators, which are recorded as blocks.
 */
function collectParagraphs(context: ParseContext): { paragraphs: Paragraph[]; title: TranscriptDocument['title'] } {
  const paragraphs: Paragraph[] = [];
  let title: TranscriptDocument['title'] = null;
  let afterCredit = false;
  for (let line = 0; line < context.lineCount; line++) {
    const lineClass = context.classes[line];
    const text = context.line(line);
    if (lineClass === LineClass.Blank) {
      context.block('blank', line, line);
      continue;
    }
    if (lineClass === LineClass.Separator) {
      context.block('separator', line, line);
      afterCredit = false;
      continue;
    }
    // A photo caption follows a credit line in web copies: `Name (centre), Title, visits …`.
    const caption = afterCredit && hasPositionInBrackets(text);
    if (lineClass === LineClass.Chrome || caption) {
      afterCredit = /^[\s\u00a0]*(?:credit|photo)/iu.test(text);
      context.chromeLine(line);
      continue;
    }
    afterCredit = false;
    if (title === null && paragraphs.length === 0 && looksLikeTitle(text)) {
      title = { text: text.trim(), range: context.table.range(line, firstVisible(text), lastVisibleEnd(text)) };
      context.block('title', line, line);
      continue;
    }
    paragraphs.push(readParagraph(context, line));
  }
  return { paragraphs, title };
}

/** Words that say where a person stands in a photo: `(centre)`, `(left, with …)`, `(C)`. */
const photoPositions = ['centre', 'center', 'left', 'right', 'second', 'third', 'foreground', 'background', 'C', 'L', 'R'];

/**
 * True when a bracket opens on a photo position (the word then a word boundary) and a closing
 * bracket follows somewhere after it: a caption. One pass; a regular expression with `[^)]*` after
 * each opening bracket read the rest of the line again for every bracket.
 */
export function hasPositionInBrackets(text: string): boolean {
  const lastClose = text.lastIndexOf(')');
  for (let open = text.indexOf('('); open >= 0 && open < lastClose; open = text.indexOf('(', open + 1)) {
    for (const word of photoPositions) {
      const end = open + 1 + word.length;
      if (text.startsWith(word, open + 1) && end <= lastClose && !isAsciiWordCode(text.charCodeAt(end))) {
        return true;
      }
    }
  }
  return false;
}

/** A first line short enough, and not ending like a sentence, reads as the page's title. */
function looksLikeTitle(text: string): boolean {
  const trimmed = text.trim();
  // A caption's timecode starts a transcript, not a title.
  return trimmed.length <= 160 && !/[.?!,;:]["”»’)]?$/u.test(trimmed) && !/^[“"«—–]/u.test(trimmed) && !/^\[?\d{1,2}:\d{2}/u.test(trimmed);
}

function spokenParts(context: ParseContext, forcedFormat: 'interview' | 'prose' | undefined): Omit<TranscriptDocument, 'blocks'> {
  const { paragraphs, title } = collectParagraphs(context);
  // Read once: the same evidence decides the format and builds the turns.
  const evidence = forcedFormat === 'prose' ? { style: null, labels: new Set<string>() } : weighInterviewEvidence(paragraphs);
  const format: TranscriptFormat = forcedFormat ?? (evidence.style === null ? 'prose' : 'interview');
  let turns: TranscriptDocument['turns'] = [];
  let interviewee: TranscriptDocument['interviewee'] = null;
  if (format === 'interview' && evidence.style !== null) {
    const built = buildTurns(context, paragraphs, evidence);
    turns = built.turns;
    built.turns.forEach((turn, index) => context.block('turn', turn.range.start.line, turn.range.end.line, index));
    for (const line of built.loose) {
      context.block('paragraph', line, line);
    }
    const firstTurnLine = built.turns[0]?.range.start.line ?? context.lineCount;
    const lead = paragraphs.filter((paragraph) => paragraph.line < firstTurnLine).map((paragraph) => context.line(paragraph.line));
    interviewee = findInterviewee(title?.text ?? null, lead, built.turns);
  } else {
    for (const paragraph of paragraphs) {
      context.block('paragraph', paragraph.line, paragraph.line);
    }
  }
  return {
    format,
    lineCount: context.documentLineCount,
    length: context.table.text.length,
    title,
    header: null,
    headers: [],
    headings: [],
    sections: [],
    shots: [],
    soundbites: [],
    story: null,
    stories: [],
    turns,
    interviewee,
    quotes: quotesByRun(context, paragraphs),
    chrome: context.chrome,
    diagnostics: context.sortDiagnostics(),
  };
}

/** Quotes never run across a separator: each run of paragraphs between separators is scanned alone. */
function quotesByRun(context: ParseContext, paragraphs: readonly Paragraph[]): Quote[] {
  const quotes: Quote[] = [];
  let run: number[] = [];
  let previous = -1;
  for (const paragraph of paragraphs) {
    let separated = false;
    for (let line = previous + 1; previous >= 0 && line < paragraph.line; line++) {
      if (context.classes[line] === LineClass.Separator) {
        separated = true;
        break;
      }
    }
    if (separated && run.length > 0) {
      appendAll(quotes, quotesOf(context, run));
      run = [];
    }
    run.push(paragraph.line);
    previous = paragraph.line;
  }
  if (run.length > 0) {
    appendAll(quotes, quotesOf(context, run));
  }
  return quotes;
}

/** The quotes of one run of paragraphs, as records. */
function quotesOf(context: ParseContext, run: readonly number[]): Quote[] {
  const { from, to } = findQuotes(context, run);
  return context.quotes.quotes(from, to);
}

