// Entry point of the core: text in, TranscriptDocument out. Never throws, never drops a line.
import { LineClass } from './classify';
import {
  numberSegments, placeSegments, segmentAt, segmentEnd, segmentFirstLine, segmentLastLine, segmentationOf, segmentStart,
  shotlistFromSegments, type PlacedSegment,
} from './archive';
import { ParseContext } from './context';
import { headerBlockEnd } from './header';
import { buildTurns, readParagraph, weighInterviewEvidence, type Paragraph } from './interview';
import type { Block, Quote, TextRange, TranscriptDocument, TranscriptFormat } from './model';
import { findQuotes } from './passages';
import { buildShotlist } from './shotlist';
import { detachedCopy, firstVisible, lastVisibleEnd } from './text';

export interface ParseOptions {
  /** Skip format detection and read the text as this format. */
  readonly format?: TranscriptFormat;
}

/** Parses any transcript. Problems become diagnostics; the function itself never throws. */
export function parseTranscript(text: string, options: ParseOptions = {}): TranscriptDocument {
  const context = new ParseContext(text);
  const format = options.format ?? detectShotlist(context) ?? detectSpokenFormat(context);
  if (format === 'shotlist') {
    return shotlistDocument(context);
  }
  const document = spokenDocument(context, format);
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

function shotlistDocument(context: ParseContext): TranscriptDocument {
  const parts = buildShotlist(context);
  sortDiagnostics(context);
  const segments = placeSegments(context, parts, 0, 0);
  numberSegments(segments);
  return shotlistFromSegments(segments, context.lineCount, context.table.text.length);
}

/**
 * What changed between two versions of a text, in offsets: the text before `start` and the text after
 * `oldEnd` (old version) = after `newEnd` (new version) are the same in both.
 */
export interface TextEdit {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** One replacement as editors report it: `rangeLength` characters at `rangeOffset` became `text`. */
export interface TextReplacement {
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

/** The edit covering `first` and then `second` (whose offsets are in the text after `first`). */
export function composeEdits(first: TextEdit, second: TextEdit): TextEdit {
  const firstDelta = first.newEnd - first.oldEnd;
  // Where an offset of the text after `first` was before it (inside the replaced text: its end).
  const before = (offset: number): number => (offset <= first.start ? offset : offset >= first.newEnd ? offset - firstDelta : first.oldEnd);
  const start = Math.min(first.start, second.start);
  const oldEnd = Math.max(first.oldEnd, before(second.oldEnd));
  return { start, oldEnd, newEnd: oldEnd + firstDelta + (second.newEnd - second.oldEnd) };
}

/** The edit made by replacements applied one after the other (each in the text the ones before left). */
export function editOf(replacements: readonly TextReplacement[], previous?: TextEdit): TextEdit | undefined {
  let edit = previous;
  for (const { rangeOffset, rangeLength, text } of replacements) {
    const next = { start: rangeOffset, oldEnd: rangeOffset + rangeLength, newEnd: rangeOffset + text.length };
    edit = edit ? composeEdits(edit, next) : next;
  }
  return edit;
}

/**
 * The document of `text`, which is `previous`'s text with `edit` applied. For an archive of shot
 * lists only the stories the edit touched are parsed again; the result equals parseTranscript(text).
 * The stories kept are moved, not copied, so `previous` must not be used afterwards (an editor keeps
 * one document per version and drops the old one). Anything else is parsed afresh.
 */
export function reparseTranscript(previous: TranscriptDocument, text: string, edit: TextEdit): TranscriptDocument {
  try {
    return reparseSegments(previous, text, edit);
  } catch {
    // Parsing never throws; should re-parsing ever fail, the text is read afresh rather than lost.
    const state = segmentationOf(previous);
    if (state) {
      state.consumed = true;
    }
    return parseTranscript(text);
  }
}

function reparseSegments(previous: TranscriptDocument, text: string, edit: TextEdit): TranscriptDocument {
  const state = segmentationOf(previous);
  const delta = edit.newEnd - edit.oldEnd;
  if (!state || state.consumed || previous.length + delta !== text.length || edit.start < 0 || edit.start > edit.oldEnd ||
    edit.oldEnd > previous.length) {
    return parseTranscript(text);
  }
  const segments = state.segments;
  const last = segments.length - 1;
  let first = segmentAt(segments, edit.start);
  let final = segmentAt(segments, edit.oldEnd);
  for (;;) {
    if (first === 0 && final === last) {
      return parseTranscript(text);
    }
    const firstSegment = segments[first] as PlacedSegment;
    const start = segmentStart(firstSegment);
    const end = (final === last ? previous.length : segmentEnd(segments[final] as PlacedSegment)) + delta;
    // A copy, not a slice: the kept stories of later versions would otherwise keep this version's whole text.
    const context = new ParseContext(detachedCopy(text.slice(start, end)));
    const parts = buildShotlist(context, { continuing: first > 0 });
    // The edit may have undone the header block the region starts with: the text then continues
    // the story before, so take that story in too.
    if (first > 0 && !parts.startsWithStory) {
      first--;
      continue;
    }
    // A header block at the end of the region would run on into the next story's header.
    if (final < last && endsInField(context)) {
      final++;
      continue;
    }
    // Every kept segment after the first starts with a header block, which makes the text a shot
    // list; with only the first kept, the region must show it again.
    if (first <= 1 && final === last && detectShotlist(context) === null) {
      return parseTranscript(text);
    }
    sortDiagnostics(context);
    const firstLine = segmentFirstLine(firstSegment);
    const lineShift = context.lineCount - (segmentLastLine(segments[final] as PlacedSegment) - firstLine + 1);
    const rebuilt = placeSegments(context, parts, firstLine, start);
    const after = segments.slice(final + 1);
    for (const { placement } of after) {
      placement.lineDelta += lineShift;
      placement.offsetDelta += delta;
    }
    const placed = [...segments.slice(0, first), ...rebuilt, ...after];
    numberSegments(placed);
    state.consumed = true;
    return shotlistFromSegments(placed, previous.lineCount + lineShift, text.length);
  }
}

/** True when the last line that is not blank is a `NAME: value` line. */
function endsInField(context: ParseContext): boolean {
  for (let line = context.lineCount - 1; line >= 0; line--) {
    const lineClass = context.classes[line];
    if (lineClass !== LineClass.Blank) {
      return lineClass === LineClass.Field;
    }
  }
  return false;
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
      quotes.push(...quotesOf(context, run));
      run = [];
    }
    run.push(paragraph.line);
    previous = paragraph.line;
  }
  if (run.length > 0) {
    quotes.push(...quotesOf(context, run));
  }
  return quotes;
}

/** The quotes of one run of paragraphs, as records. */
function quotesOf(context: ParseContext, run: readonly number[]): Quote[] {
  const { from, to } = findQuotes(context, run);
  return context.quotes.quotes(from, to);
}

function sortDiagnostics(context: ParseContext): ParseContext['diagnostics'] {
  return context.diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

export type { TextRange };
