// Benchmark entry point (placeholder until the parser lands).
export {};
