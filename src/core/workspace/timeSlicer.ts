// Long jobs in short slices: work runs synchronously until the slice's budget is spent, then the job
// yields to the event loop (a macrotask, so the host handles its messages) and goes on. The workspace
// index uses it so the extension host never stays busy for long; the benchmark reads the longest slice.
// Pure: only the timer and clock globals that Node, browsers and web workers all have.

import type { Steps } from '../util/steps';

export interface TimeSlicerOptions {
  /** Milliseconds of work before yielding (default 6). */
  readonly budgetMs?: number;
  readonly now?: () => number;
  /** Resolves on a later turn of the event loop (default setTimeout 0). */
  readonly yieldToEventLoop?: () => Promise<void>;
}

/**
 * Short: a slice also takes whatever garbage collection its allocations set off, and on a 50 MB archive
 * the extension host's young-generation collections take 20-40 ms; a slice and one of them must stay
 * under 50 ms. Yielding more often costs about a millisecond a slice in Node (the timer's turn); in a
 * web worker, where nested timers wait at least 4 ms, long jobs take noticeably longer in all.
 */
export const defaultSliceBudgetMs = 6;

const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class TimeSlicer {
  readonly #budgetMs: number;
  readonly #now: () => number;
  readonly #yield: () => Promise<void>;
  #sliceStart: number;
  #longestMs = 0;
  #slices = 1;

  constructor(options: TimeSlicerOptions = {}) {
    this.#budgetMs = options.budgetMs ?? defaultSliceBudgetMs;
    this.#now = options.now ?? (() => performance.now());
    this.#yield = options.yieldToEventLoop ?? nextTurn;
    this.#sliceStart = this.#now();
  }

  /**
   * Call between units of work: yields when the current slice has used its budget, or when the next
   * unit (`upcomingMs`, an estimate) would overrun it and the slice has already done some work.
   */
  async checkpoint(upcomingMs = 0): Promise<void> {
    const elapsed = this.#now() - this.#sliceStart;
    if (elapsed < this.#budgetMs && (elapsed < 1 || elapsed + upcomingMs <= this.#budgetMs)) {
      return;
    }
    this.#longestMs = Math.max(this.#longestMs, elapsed);
    await this.#yield();
    this.#slices++;
    this.#sliceStart = this.#now();
  }

  /**
   * Awaits `pending`. When it is already settled this costs a microtask and the slice goes on; when it
   * is not (a file still being read), the event loop runs meanwhile, so the slice ends here and a new
   * one starts when the value arrives.
   */
  async wait<T>(pending: Promise<T>): Promise<T> {
    const notYet: unique symbol = Symbol('not yet');
    const first = await Promise.race([pending, Promise.resolve(notYet)]);
    if (first !== notYet) {
      return first as T;
    }
    this.#longestMs = Math.max(this.#longestMs, this.#now() - this.#sliceStart);
    const value = await pending;
    this.#slices++;
    this.#sliceStart = this.#now();
    return value;
  }

  /** Ends the job: the last slice counts too. */
  finish(): void {
    this.#longestMs = Math.max(this.#longestMs, this.#now() - this.#sliceStart);
  }

  /** The longest stretch of synchronous work between two yields, in milliseconds. */
  get longestSliceMs(): number {
    return this.#longestMs;
  }

  get slices(): number {
    return this.#slices;
  }
}

/** What runSteps() needs of a TimeSlicer: a chance to yield, told how long the next step may take. */
export interface Checkpoint {
  checkpoint(upcomingMs?: number): Promise<void>;
}

/**
 * Drives a computation in steps (src/core/util/steps.ts) with `slicer.checkpoint()` before each
 * step, so that the event loop runs whenever the slice's budget is spent, and returns its result.
 * `isCancelled` is asked before every step (and so after every pause): once it says yes, the
 * computation is closed (its `finally` blocks run) and runSteps returns undefined. The computations
 * of the core never return undefined themselves.
 */
export async function runSteps<T>(steps: Steps<T>, slicer: Checkpoint, isCancelled: () => boolean = () => false): Promise<T | undefined> {
  for (;;) {
    await slicer.checkpoint();
    if (isCancelled()) {
      // return() wants a value of the result's type; a generator closed before its end never hands it on.
      steps.return(undefined as never);
      return undefined;
    }
    const step = steps.next();
    if (step.done) {
      return step.value;
    }
  }
}
