// Every benchmark states its targets through recordTarget(): it prints nothing, it appends one JSON line to
// the file named by SHOTLIST_BENCH_RESULTS (set by scripts/bench-all.mjs, which prints them all in one
// table with each figure's ratio to its baseline). Run alone, a benchmark records nothing.
import { appendFileSync } from 'node:fs';

/**
 * @param {object} target
 * @param {string} target.bench       which benchmark (its npm script)
 * @param {string} target.name        what is measured
 * @param {number} target.value       the figure
 * @param {string} target.unit        its unit ('ms', 'MB/s', 'x', 'KB'...)
 * @param {'<' | '<=' | '>='} target.op      how the figure must compare with the limit
 * @param {number | null} target.limit the target (null: measured without a target)
 * @param {string} [target.baseline]  what the figure is compared with, if anything
 * @param {number} [target.baselineValue] the baseline's figure, in the same unit
 */
export function recordTarget(target) {
  const file = process.env.SHOTLIST_BENCH_RESULTS;
  if (!file) { return; }
  const met = target.limit === null ? null
    : target.op === '<' ? target.value < target.limit
      : target.op === '<=' ? target.value <= target.limit
        : target.value >= target.limit;
  appendFileSync(file, `${JSON.stringify({ ...target, met })}\n`);
}
