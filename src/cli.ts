// Command-line entry point (placeholder until the parser lands).
process.exitCode = 0;
