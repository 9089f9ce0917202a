// Entry point of dist/cli.js: embeds the bundled knowledge base (esbuild's text loader) and runs the
// CLI with Node's standard streams. Kept apart from cli.ts so that the unit tests, which run TypeScript
// directly, can import runCli and hand it the knowledge base and standard input they make themselves.
import bundledKnowledge from '../core/kb/bundled.yaml';
import { runCli } from './cli';
import { describeError, readNodeStandardInput } from './inputs';
import { cliMessages } from './messages';
import { terminalLine } from './terminal';
import { formatMessage } from '../core/messages/format';

/** The one line for an error no input explains (runCli catches its own); no stack trace reaches the user. */
function fail(template: string, error: unknown): never {
  process.stderr.write(`${terminalLine(formatMessage(template, { reason: describeError(error) }))}\n`);
  process.exit(2);
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `shotlist parse … | head` closes the pipe early: that is the reader's choice, not an error.
  if (error.code === 'EPIPE') {
    process.exit(process.exitCode ?? 0);
  }
  fail(cliMessages.outputFailed, error);
});
process.on('uncaughtException', (error) => fail(cliMessages.unexpected, error));

process.exitCode = runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}, { bundledKnowledge, readStdin: readNodeStandardInput });
