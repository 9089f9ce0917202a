// Binary searches over lists in document order (line starts, segments, soundbites, mentions,
// navigation targets). Two forms: over a list of ascending numbers, and over any list by a test that
// holds for a prefix of it.

/** Index of the last number at or before `value` in an ascending list, -1 when none. */
export function lastAtOrBefore(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] ?? 0) <= value) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/**
 * The first index in 0..count-1 whose `holds` is true, `count` when none, for a test that is false on
 * a prefix of the list and true on the rest (e.g. "starts after the cursor").
 */
export function firstWhere(count: number, holds: (index: number) => boolean): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (holds(middle)) {
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  return low;
}
