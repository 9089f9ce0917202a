// Whole-document computations cut into steps. A huge archive holds hundreds of thousands of elements,
// and the editor must never be busy for long: such a computation is a generator that yields after
// a bounded number of elements, so that a caller can pause between steps (workspace/timeSlicer.ts
// runSteps) or run it through at once (runToEnd).

/** A computation in steps: each next() handles a bounded number of elements; the last one returns the result. */
export type Steps<T> = Generator<void, T, void>;

/** Every step at once: the one-call form of a computation in steps. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) {
      return step.value;
    }
  }
}

/**
 * Counts the elements a computation has handled since it last yielded. One budget is shared by every
 * loop of a computation, so that a step never ends after a handful of elements just because a loop
 * ended.
 */
export class StepBudget {
  readonly perStep: number;
  #handled = 0;

  constructor(perStep: number) {
    this.perStep = perStep;
  }

  /** Counts `elements` more; true when the step has had its share (the caller yields, the count restarts). */
  spend(elements = 1): boolean {
    this.#handled += elements;
    if (this.#handled < this.perStep) {
      return false;
    }
    this.#handled = 0;
    return true;
  }
}

/** `items.map(transform)` in steps: one element of the budget per item. */
export function* mapSteps<T, U>(items: readonly T[], budget: StepBudget, transform: (item: T, index: number) => U): Steps<U[]> {
  // Pushed, not preallocated: an array made with a length starts out holey and stays slower to read.
  const mapped: U[] = [];
  for (let index = 0; index < items.length; index++) {
    if (budget.spend()) {
      yield;
    }
    mapped.push(transform(items[index] as T, index));
  }
  return mapped;
}

/** Pushes every element of `source` onto `target` in steps. */
export function* appendSteps<T>(target: T[], source: readonly T[], budget: StepBudget): Steps<void> {
  for (let index = 0; index < source.length; index++) {
    if (budget.spend()) {
      yield;
    }
    target.push(source[index] as T);
  }
}

/**
 * Sorts `items` in place in steps, stably, so the order is exactly that of `items.sort(compare)`
 * (Array.prototype.sort is stable, and two stable sorts by one comparison agree). Bottom-up merge
 * sort: runs of `budget.perStep` elements are sorted by the engine, then merged pairwise, a bounded
 * number of elements per step. O(n log n), one scratch array.
 */
export function* sortSteps<T>(items: T[], compare: (a: T, b: T) => number, budget: StepBudget): Steps<T[]> {
  const length = items.length;
  const run = Math.max(2, budget.perStep);
  if (length <= run) {
    budget.spend(length);
    return items.sort(compare);
  }
  for (let start = 0; start < length; start += run) {
    const end = Math.min(length, start + run);
    const sorted = items.slice(start, end).sort(compare);
    for (let index = start; index < end; index++) {
      items[index] = sorted[index - start] as T;
    }
    if (budget.spend(end - start)) {
      yield;
    }
  }
  let from = items;
  let to = new Array<T>(length);
  for (let width = run; width < length; width *= 2) {
    for (let left = 0; left < length; left += 2 * width) {
      const middle = Math.min(length, left + width);
      const right = Math.min(length, left + 2 * width);
      let a = left;
      let b = middle;
      for (let out = left; out < right; out++) {
        // Ties take the left run first: that keeps the sort stable.
        if (a < middle && (b >= right || compare(from[a] as T, from[b] as T) <= 0)) {
          to[out] = from[a++] as T;
        } else {
          to[out] = from[b++] as T;
        }
        if (budget.spend()) {
          yield;
        }
      }
    }
    [from, to] = [to, from];
  }
  if (from !== items) {
    for (let index = 0; index < length; index++) {
      items[index] = from[index] as T;
      if (budget.spend()) {
        yield;
      }
    }
  }
  return items;
}
