// Positions and ranges as the editor speaks them (line and character, no offsets), and the few
// comparisons every outline feature makes. Lines and characters are 0-based.
import type { TextRange } from '../model';
import { firstWhere } from '../text/search';

/** A point without an offset: what every editor API speaks. TextPosition satisfies it. */
export interface OutlinePosition {
  readonly line: number;
  readonly character: number;
}

/** A span without offsets; TextRange satisfies it. */
export interface OutlineRange {
  readonly start: OutlinePosition;
  readonly end: OutlinePosition;
}

export function comparePositions(a: OutlinePosition, b: OutlinePosition): number {
  return a.line === b.line ? a.character - b.character : a.line - b.line;
}

/** Inclusive at both ends, as a cursor sits: at the end of a quote is still in it. */
export function rangeContainsPosition(range: OutlineRange, position: OutlinePosition): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

export function rangeContainsRange(outer: OutlineRange, inner: OutlineRange): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

export function rangesEqual(a: OutlineRange, b: OutlineRange): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

export function span(start: OutlinePosition, end: OutlinePosition): OutlineRange {
  return { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } };
}

/** Reads a model range's positions once (model ranges build their positions on every read). */
export function plain(range: TextRange): OutlineRange {
  const { start, end } = range;
  return { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } };
}

/** The selection range when it lies inside the range, else the range's start (an editor API throws otherwise). */
export function within(range: OutlineRange, selection: OutlineRange | null): OutlineRange {
  return selection && rangeContainsRange(range, selection) ? selection : span(range.start, range.start);
}

/**
 * Index of the last element whose start is at or before `position` (a line, or an offset, as `startOf`
 * gives it), -1 when none: a binary search, the elements being in document order.
 */
export function lastStartingAtOrBefore<T>(items: readonly T[], position: number, startOf: (item: T) => number): number {
  return firstWhere(items.length, (index) => startOf(items[index] as T) > position) - 1;
}
