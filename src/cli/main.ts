// Entry point of dist/cli.js: embeds the bundled knowledge base (esbuild's text loader) and runs the
// CLI. Kept apart from cli.ts so that the unit tests, which run TypeScript directly, can import runCli
// and hand it the knowledge base they read themselves.
import { readFileSync } from 'node:fs';
import bundledKnowledge from '../core/kb/bundled.yaml';
import { runCli } from './cli';

// `shotlist parse … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') {
    process.exit(process.exitCode ?? 0);
  }
  throw error;
});

process.exitCode = runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}, { bundledKnowledge, readStdin: () => readFileSync(0, 'utf8') });
