// How a shot-list archive is parsed again after an edit: only the segments (stories) the edit touched
// are read, the others are moved (store/segments.ts). reparseTranscript (index.ts) and the stepped
// first parse (steps.ts) both build on rebuildSegments; it answers null whenever the text must be
// parsed afresh instead, and then leaves the previous document as it was.
import type { TranscriptDocument } from '../model';
import type { TextSource } from '../text/chunkedText';
import type { TextEdit } from '../text/edits';
import { detachedCopy } from '../text/copies';
import { LineClass } from './classify';
import { ParseContext } from './context';
import { detectShotlist } from './lines';
import { buildShotlist } from './shotlist';
import {
  numberSegments, placeSegments, segmentAt, segmentEnd, segmentFirstLine, segmentLastLine, segmentationOf, segmentStart,
  shotlistFromSegments, type PlacedSegment,
} from './store/segments';

export interface RebuildOptions {
  /**
   * Copy the re-read region out of `text` (the default). An editor's versions are different strings,
   * and a slice would keep each version alive through the stories kept from it. The stepped first
   * parse passes false: its prefixes are all slices of the one final text, which the document keeps anyway.
   */
  readonly detach?: boolean;
}

/**
 * The document of `text` (`previous`'s text with `edit` applied) built from `previous`'s segments,
 * re-reading only those the edit touched; equal to parseTranscript(text). Null when that cannot be
 * done (not a segmented shot list, a consumed document, an edit that does not fit, a region that
 * would be the whole text or has become flattened): `previous` is then untouched. On success the
 * kept segments are moved into the new document and `previous` must not be used again.
 */
export function rebuildSegments(previous: TranscriptDocument, text: TextSource, edit: TextEdit, options: RebuildOptions = {}): TranscriptDocument | null {
  const state = segmentationOf(previous);
  const delta = edit.newEnd - edit.oldEnd;
  if (!state || state.consumed || previous.length + delta !== text.length || edit.start < 0 || edit.start > edit.oldEnd ||
    edit.oldEnd > previous.length) {
    return null;
  }
  const segments = state.segments;
  const last = segments.length - 1;
  let first = segmentAt(segments, edit.start);
  let final = segmentAt(segments, edit.oldEnd);
  for (;;) {
    if (first === 0 && final === last) {
      return null;
    }
    const firstSegment = segments[first] as PlacedSegment;
    const start = segmentStart(firstSegment);
    const end = (final === last ? previous.length : segmentEnd(segments[final] as PlacedSegment)) + delta;
    const region = text.slice(start, end);
    const context = new ParseContext(options.detach === false ? region : detachedCopy(region));
    if (context.table.isCut) {
      // The edit made a flattened shot list: its lines are cut finer than the document's.
      return null;
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
      return null;
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
