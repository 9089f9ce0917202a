// Array helpers that hold for any length. `target.push(...source)` passes every element as an
// argument, on the stack, and throws RangeError past roughly a hundred thousand elements.

/** Appends every element of `source` to `target`, in order; returns `target`. */
export function appendAll<T>(target: T[], source: Iterable<T>): T[] {
  for (const element of source) {
    target.push(element);
  }
  return target;
}
