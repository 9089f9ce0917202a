// Entry point of the core: text in, TranscriptDocument out. Never throws, never drops a line.
import { LineClass } from './classify';
import { ParseContext } from './context';
import { headerBlockEnd } from './header';
import { buildTurns, readParagraph, weighInterviewEvidence, type Paragraph } from './interview';
import type { Block, Quote, TextRange, TranscriptDocument, TranscriptFormat } from './model';
import { findQuotes } from './passages';
import { buildShotlist } from './shotlist';
import { firstVisible, lastVisibleEnd } from './text';

export interface ParseOptions {
  /** Skip format detection and read the text as this format. */
  readonly format?: TranscriptFormat;
}

/** Parses any transcript. Problems become diagnostics; the function itself never throws. */
export function parseTranscript(text: string, options: ParseOptions = {}): TranscriptDocument {
  const context = new ParseContext(text);
  const format = options.format ?? detectShotlist(context) ?? detectSpokenFormat(context);
  const document = format === 'shotlist' ? shotlistDocument(context) : spokenDocument(context, format);
  let blocks: Block[] | undefined;
  return Object.defineProperty(document, 'blocks', {
    enumerable: true,
    get: (): Block[] => {
      blocks ??= context.blockList();
      return blocks;
    },
  }) as TranscriptDocument;
}

/** `shotlist` when the text has a header block, a soundbite, or numbered shots under a section line. */
function detectShotlist(context: ParseContext): 'shotlist' | null {
  let shots = 0;
  let sections = 0;
  for (let line = 0; line < context.lineCount; line++) {
    const lineClass = context.classes[line];
    if (lineClass === LineClass.Soundbite) {
      return 'shotlist';
    }
    if (lineClass === LineClass.Field && (line === 0 || context.classes[line - 1] !== LineClass.Field) &&
      headerBlockEnd(context, line, true) >= 0) {
      return 'shotlist';
    }
    if (lineClass === LineClass.Shot) {
      shots++;
    } else if (lineClass === LineClass.FileSection || lineClass === LineClass.RecentSection) {
      sections++;
    }
  }
  return shots >= 2 && sections >= 1 ? 'shotlist' : null;
}

function detectSpokenFormat(context: ParseContext): TranscriptFormat {
  const { paragraphs } = collectParagraphs(context, false);
  return weighInterviewEvidence(paragraphs).style === null ? 'prose' : 'interview';
}

type DocumentWithoutBlocks = Omit<TranscriptDocument, 'blocks'>;

function shotlistDocument(context: ParseContext): DocumentWithoutBlocks {
  const parts = buildShotlist(context);
  return {
    format: 'shotlist',
    lineCount: context.lineCount,
    length: context.table.text.length,
    title: parts.title,
    header: parts.headers[0] ?? null,
    headers: parts.headers,
    headings: parts.headings,
    sections: parts.sections,
    shots: parts.shots,
    soundbites: parts.soundbites,
    story: parts.stories[0] ?? null,
    stories: parts.stories,
    turns: [],
    quotes: [],
    chrome: context.chrome,
    diagnostics: sortDiagnostics(context),
  };
}

/**
 * Paragraphs of an interview or prose text: every visible line except the title, chrome and
 * separators. With `record`, the skipped lines are recorded as blocks.
 */
function collectParagraphs(context: ParseContext, record: boolean): { paragraphs: Paragraph[]; title: TranscriptDocument['title'] } {
  const paragraphs: Paragraph[] = [];
  let title: TranscriptDocument['title'] = null;
  let afterCredit = false;
  for (let line = 0; line < context.lineCount; line++) {
    const lineClass = context.classes[line];
    const text = context.line(line);
    if (lineClass === LineClass.Blank) {
      if (record) {
        context.block('blank', line, line);
      }
      continue;
    }
    if (lineClass === LineClass.Separator) {
      if (record) {
        context.block('separator', line, line);
      }
      afterCredit = false;
      continue;
    }
    // A photo caption follows a credit line in web copies: `Name (centre), Title, visits …`.
    const caption = afterCredit && /\((?:centre|center|left|right|second|third|foreground|background|C|L|R)\b[^)]*\)/u.test(text);
    if (lineClass === LineClass.Chrome || caption) {
      afterCredit = /^[\s\u00a0]*(?:credit|photo)/iu.test(text);
      if (record) {
        context.chromeLine(line);
      }
      continue;
    }
    afterCredit = false;
    if (title === null && paragraphs.length === 0 && looksLikeTitle(text)) {
      title = { text: text.trim(), range: context.table.range(line, firstVisible(text), lastVisibleEnd(text)) };
      if (record) {
        context.block('title', line, line);
      }
      continue;
    }
    paragraphs.push(readParagraph(context, line));
  }
  return { paragraphs, title };
}

/** A first line short enough, and not ending like a sentence, reads as the page's title. */
function looksLikeTitle(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length <= 160 && !/[.?!,;:]["”»’)]?$/u.test(trimmed) && !/^[“"«—–]/u.test(trimmed);
}

function spokenDocument(context: ParseContext, format: TranscriptFormat): DocumentWithoutBlocks {
  const { paragraphs, title } = collectParagraphs(context, true);
  const evidence = format === 'interview' ? weighInterviewEvidence(paragraphs) : { style: null, labels: new Set<string>() };
  let turns: TranscriptDocument['turns'] = [];
  if (format === 'interview' && evidence.style !== null) {
    const built = buildTurns(context, paragraphs, evidence);
    turns = built.turns;
    built.turns.forEach((turn, index) => context.block('turn', turn.range.start.line, turn.range.end.line, index));
    for (const line of built.loose) {
      context.block('paragraph', line, line);
    }
  } else {
    for (const paragraph of paragraphs) {
      context.block('paragraph', paragraph.line, paragraph.line);
    }
  }
  return {
    format,
    lineCount: context.lineCount,
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
    quotes: quotesByRun(context, paragraphs),
    chrome: context.chrome,
    diagnostics: sortDiagnostics(context),
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
      quotes.push(...findQuotes(context, run));
      run = [];
    }
    run.push(paragraph.line);
    previous = paragraph.line;
  }
  if (run.length > 0) {
    quotes.push(...findQuotes(context, run));
  }
  return quotes;
}

function sortDiagnostics(context: ParseContext): ParseContext['diagnostics'] {
  return context.diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

export type { TextRange };
