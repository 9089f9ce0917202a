// The parser's entry point: text in, TranscriptDocument out, for every format. Never throws, never
// drops a line. parseTranscriptFile picks the reader by file type (Markdown through remark, the rest
// line by line); reparseTranscript re-reads only the stories an edit touched. Everything outside
// src/core/parse reaches the parser through this module alone (an ESLint rule keeps it so).
import type { TranscriptDocument } from '../model';
import type { TextEdit } from '../text/edits';
import { detachedCopy } from '../text/copies';
import { LineClass } from './classify';
import { ParseContext } from './context';
import { isMarkdownPath, parseMarkdownTranscript } from './markdown';
import type { MarkdownNotice } from './markdownGuard';
import { detectShotlist, parseTranscript } from './lines';
import { buildShotlist } from './shotlist';
import {
  numberSegments, placeSegments, segmentAt, segmentEnd, segmentFirstLine, segmentLastLine, segmentationOf, segmentStart,
  shotlistFromSegments, type PlacedSegment,
} from './store/segments';

export { parseTranscript, type ParseOptions } from './lines';
export { maxBracketsPerParagraph, maxContainerDepth, maxDelimitersPerParagraph, maxSetextHeadings, markdownBudgetMs, type MarkdownNotice, type MarkdownNoticeCode } from './markdownGuard';

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
    if (context.table.isCut) {
      // The edit made a flattened shot list: its lines are cut finer than the document's.
      return parseTranscript(text);
    }
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
    context.sortDiagnostics();
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
 * Parses `text` as the transcript in file `name` (a path or a URI path); `languageId` wins when given.
 * Markdown goes through remark-parse, guarded (see markdownGuard.ts: what it changed or refused goes
 * into `notices`, when given); everything else line by line.
 */
export function parseTranscriptFile(text: string, name: string, languageId?: string, notices?: MarkdownNotice[]): TranscriptDocument {
  return isMarkdownFile(name, languageId) ? parseMarkdownTranscript(text, notices) : parseTranscript(text);
}

/**
 * The document after an edit of the text `previous` was parsed from. The line-oriented parser then
 * re-reads only the stories the edit touched (see reparseTranscript); `previous` must not be used
 * afterwards. Markdown is parsed afresh.
 */
export function reparseTranscriptFile(previous: TranscriptDocument, text: string, edit: TextEdit, name: string, languageId?: string,
  notices?: MarkdownNotice[]): TranscriptDocument {
  return isMarkdownFile(name, languageId) ? parseMarkdownTranscript(text, notices) : reparseTranscript(previous, text, edit);
}

export function isMarkdownFile(name: string, languageId: string | undefined): boolean {
  return languageId === 'markdown' || isMarkdownPath(name);
}
