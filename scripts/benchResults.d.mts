// Types of scripts/benchResults.mjs for the TypeScript benchmarks.
export interface BenchTarget {
  readonly bench: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly op: '<' | '<=' | '>=';
  readonly limit: number | null;
  readonly baseline?: string;
  readonly baselineValue?: number;
}
export function recordTarget(target: BenchTarget): void;
