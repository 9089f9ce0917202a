// Following annotations through the edits the editor reports. An edit outside an annotation's words
// moves it exactly; an edit inside changes its words but keeps it on them; an edit that swallows the
// words (a paste over the paragraph, a reload from disk) loses the trail, and the annotation is found
// again by its content (resolveAnchor) once the typing stops.

/** One replacement, in offsets of the text before it. */
export interface TextChange {
  readonly offset: number;
  readonly removed: number;
  readonly inserted: number;
}

/**
 * kept: the words are untouched (maybe moved). edited: some of the words changed, the range covers
 * what is left of them. lost: the words went with the edit; re-anchor by content.
 */
export type TrackOutcome = 'kept' | 'edited' | 'lost';

export interface TrackedRange {
  readonly start: number;
  readonly end: number;
  readonly outcome: TrackOutcome;
}

/** Where a range is after one change. Insertions at either edge stay outside the words. */
export function trackThroughChange(start: number, end: number, change: TextChange): TrackedRange {
  const changeEnd = change.offset + change.removed;
  const delta = change.inserted - change.removed;
  if (changeEnd <= start) {
    return { start: start + delta, end: end + delta, outcome: 'kept' };
  }
  if (change.offset >= end) {
    return { start, end, outcome: 'kept' };
  }
  if (change.offset <= start && changeEnd >= end) {
    // The whole range went; keep a place where the words were, for the content search's hint.
    return { start: change.offset, end: change.offset, outcome: 'lost' };
  }
  // Part of the words changed: keep what remains of them, with any text typed between them.
  const newStart = change.offset < start ? change.offset + change.inserted : start;
  const newEnd = changeEnd > end ? change.offset : end + delta;
  return newEnd > newStart ? { start: newStart, end: newEnd, outcome: 'edited' } : { start: newStart, end: newStart, outcome: 'lost' };
}

/**
 * Applies the changes of one editor event (offsets of the text before the event, not overlapping)
 * to a range: from the last change to the first, so that each change's offsets still hold.
 */
export function trackThroughChanges(start: number, end: number, changes: readonly TextChange[]): TrackedRange {
  let range: TrackedRange = { start, end, outcome: 'kept' };
  const ordered = changes.length > 1 ? changes.slice().sort((a, b) => b.offset - a.offset) : changes;
  for (const change of ordered) {
    const next = trackThroughChange(range.start, range.end, change);
    range = { start: next.start, end: next.end, outcome: worse(range.outcome, next.outcome) };
    if (range.outcome === 'lost') {
      break;
    }
  }
  return range;
}

function worse(a: TrackOutcome, b: TrackOutcome): TrackOutcome {
  return a === 'lost' || b === 'lost' ? 'lost' : a === 'edited' || b === 'edited' ? 'edited' : 'kept';
}
