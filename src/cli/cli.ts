// `shotlist` command line: the same core as the extension, for batch work on archives and scripts.
// Node-only concerns (files, directories, exit codes) live here; src/core only sees strings.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { cliMessages } from './messages';
import { toContractJson } from './contractJson';
import { loadKnowledgeBase } from '../core/kb/load';
import { createMatcher, type EntityMatcher } from '../core/kb/match';
import { formatMessage } from '../core/messages/format';
import type { TranscriptDocument } from '../core/model';
import { parseTranscriptFile } from '../core/parse';
import { exportQuotes, type QuoteExportFormat } from '../core/quotes/export';
import { allQuotes, type QuoteItem } from '../core/quotes/extract';
import { validateStyle, type QuoteStyle } from '../core/quotes/styles';
import { LineTable } from '../core/text/lineTable';
import { appendAll } from '../core/util/arrays';

const transcriptExtensions = new Set(['.txt', '.unifeed', '.shotlist', '.md']);

interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** What the CLI needs from its host: the bundled knowledge base as YAML text (cliMain.ts embeds it). */
export interface CliEnvironment {
  readonly bundledKnowledge?: string;
}

/** Runs the CLI and returns its exit code: 0 success, 1 usage error, 2 some input could not be read. */
export function runCli(argv: readonly string[], output: Output, environment: CliEnvironment = {}): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    output.out(cliMessages.usage);
    return command === undefined ? 1 : 0;
  }
  if (command === 'parse') {
    return runParse(rest, output);
  }
  if (command === 'quotes') {
    return runQuotes(rest, output);
  }
  if (command === 'entities') {
    return runEntities(rest, output, environment);
  }
  output.err(formatMessage(cliMessages.unknownCommand, { command }));
  return 1;
}

function runParse(rest: readonly string[], output: Output): number {
  const options = readArguments(rest, output, { '--json': false });
  if (options === null) {
    return 1;
  }
  const json = options.flags.has('--json');
  return forEachTranscript(options.inputs, output, (file, text, several) => {
    const document = parseTranscriptFile(text, file);
    if (json) {
      output.out(JSON.stringify(toContractJson(document, file), null, several ? undefined : 2));
    } else {
      output.out(summarise(document, file));
    }
  });
}

/** `entities`: every mention of the bundled knowledge base's entries, with 1-based line and column. */
function runEntities(rest: readonly string[], output: Output, environment: CliEnvironment): number {
  const options = readArguments(rest, output, { '--json': false });
  if (options === null) {
    return 1;
  }
  const matcher = bundledMatcher(environment, output);
  if (matcher === null) {
    return 1;
  }
  const json = options.flags.has('--json');
  return forEachTranscript(options.inputs, output, (file, text, several) => {
    const table = new LineTable(text);
    const mentions = matcher.find(text).map((mention) => {
      const position = table.positionAt(mention.start);
      return { id: mention.id, type: mention.type, line: position.line + 1, column: position.character + 1, text: mention.text };
    });
    if (json) {
      output.out(JSON.stringify({ file, mentions }, null, several ? undefined : 2));
      return;
    }
    output.out(formatMessage(cliMessages.entitiesTitle, { file, count: mentions.length }));
    for (const mention of mentions) {
      output.out(formatMessage(cliMessages.entitiesMention, { ...mention, text: mention.text.replace(/\s+/g, ' ') }));
    }
  });
}

function bundledMatcher(environment: CliEnvironment, output: Output): EntityMatcher | null {
  if (environment.bundledKnowledge === undefined) {
    output.err(cliMessages.noKnowledge);
    return null;
  }
  const knowledge = loadKnowledgeBase(environment.bundledKnowledge, 'bundled');
  for (const problem of knowledge.problems) {
    output.err(formatMessage(cliMessages.knowledgeProblem, { origin: problem.origin, line: problem.line, column: problem.column, message: problem.message }));
  }
  return createMatcher(knowledge.entries);
}

const quoteFormats: Readonly<Record<string, QuoteExportFormat>> = { text: 'text', md: 'markdown', markdown: 'markdown', csv: 'csv', json: 'json' };

/** `quotes`: every quote of the files with attribution, as one sheet (one CSV header, one JSON array). */
function runQuotes(rest: readonly string[], output: Output): number {
  const options = readArguments(rest, output, { '--style': true, '--template': true, '--format': true, '--straight': false });
  if (options === null) {
    return 1;
  }
  const styleName = options.values.get('--style');
  const template = options.values.get('--template');
  if (styleName !== undefined && template !== undefined) {
    output.err(cliMessages.styleAndTemplate);
    return 1;
  }
  const formatName = options.values.get('--format') ?? 'text';
  const format = quoteFormats[formatName];
  if (format === undefined) {
    output.err(formatMessage(cliMessages.unknownFormat, { format: formatName }));
    return 1;
  }
  const style: QuoteStyle | string = template !== undefined ? { template } : styleName ?? (format === 'markdown' ? 'markdown' : 'wire');
  const valid = validateStyle(style);
  if (!valid.ok) {
    output.err(formatMessage(cliMessages.badStyle, { message: valid.error.message }));
    return 1;
  }
  const items: QuoteItem[] = [];
  const exitCode = forEachTranscript(options.inputs, output, (file, text) => {
    appendAll(items, allQuotes(parseTranscriptFile(text, file), text, file));
  });
  const sheet = exportQuotes(items, format, style, { marks: options.flags.has('--straight') ? 'straight' : 'curly' });
  if (sheet.ok && sheet.text !== '') {
    output.out(sheet.text.replace(/\r?\n$/u, ''));
  }
  return exitCode;
}

/**
 * Splits arguments into inputs, flags and options with a value (`--style wire` or `--style=wire`).
 * `known` maps each option to whether it takes a value. Reports usage errors and returns null.
 */
function readArguments(rest: readonly string[], output: Output, known: Readonly<Record<string, boolean>>):
  { inputs: string[]; flags: Set<string>; values: Map<string, string> } | null {
  const inputs: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (let index = 0; index < rest.length; index++) {
    const argument = rest[index] as string;
    if (!argument.startsWith('--')) {
      inputs.push(argument);
      continue;
    }
    const equals = argument.indexOf('=');
    const name = equals === -1 ? argument : argument.slice(0, equals);
    const takesValue = known[name];
    if (takesValue === undefined || (!takesValue && equals !== -1)) {
      output.err(formatMessage(cliMessages.unknownOption, { option: argument }));
      return null;
    }
    if (!takesValue) {
      flags.add(name);
      continue;
    }
    const value = equals !== -1 ? argument.slice(equals + 1) : rest[++index];
    if (value === undefined) {
      output.err(formatMessage(cliMessages.missingValue, { option: name }));
      return null;
    }
    values.set(name, value);
  }
  if (inputs.length === 0) {
    output.err(cliMessages.noInput);
    return null;
  }
  return { inputs, flags, values };
}

/**
 * Expands the inputs (directories recursively), reads each transcript and hands it on; missing, unreadable
 * and binary files get one line on stderr and make the exit code 2, the others are still processed.
 */
function forEachTranscript(inputs: readonly string[], output: Output, each: (file: string, text: string, several: boolean) => void): number {
  const { files, failed } = expandInputs(inputs, output);
  const several = files.length > 1 || inputs.length > 1 || inputs.some((input) => isDirectory(input));
  let exitCode = failed ? 2 : 0;
  for (const file of files) {
    const text = readTranscript(file, output);
    if (text === null) {
      exitCode = 2;
      continue;
    }
    each(file, text, several);
  }
  return exitCode;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Files named directly are kept whatever their extension; directories contribute transcripts only. */
function expandInputs(inputs: readonly string[], output: Output): { files: string[]; failed: boolean } {
  const files: string[] = [];
  let failed = false;
  for (const input of inputs) {
    let stats;
    try {
      stats = statSync(input);
    } catch {
      output.err(formatMessage(cliMessages.missing, { file: input }));
      failed = true;
      continue;
    }
    if (!stats.isDirectory()) {
      files.push(input);
      continue;
    }
    const found = walk(input).sort();
    if (found.length === 0) {
      output.err(formatMessage(cliMessages.noTranscripts, { file: input }));
    }
    appendAll(files, found.map((file) => (input === '.' ? relative('.', file) : file)));
  }
  return { files, failed };
}

/** The transcripts under a directory, walked with an explicit stack (a deep tree must not overflow the call stack). */
function walk(directory: string): string[] {
  const found: string[] = [];
  const pending = [directory];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') {
        continue;
      }
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        pending.push(path);
      } else if (entry.isFile() && transcriptExtensions.has(extname(entry.name).toLowerCase())) {
        found.push(path);
      }
    }
  }
  return found;
}

/** Reads a file as UTF-8 text; refuses binary content rather than parsing garbage. */
function readTranscript(file: string, output: Output): string | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : String(error);
    output.err(formatMessage(cliMessages.unreadable, { file, reason }));
    return null;
  }
  if (looksBinary(bytes)) {
    output.err(formatMessage(cliMessages.binary, { file }));
    return null;
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** A NUL byte, or invalid UTF-8 in the first 8 KB, means this is not a text transcript. */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) {
    return true;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.length < bytes.length ? trimPartialCharacter(sample) : sample);
    return false;
  } catch {
    return true;
  }
}

/** Drops a UTF-8 sequence cut off by the sampling window, so it is not mistaken for invalid text. */
function trimPartialCharacter(sample: Uint8Array): Uint8Array {
  let end = sample.length;
  let back = 0;
  while (end > 0 && back < 4 && ((sample[end - 1] ?? 0) & 0xc0) === 0x80) {
    end--;
    back++;
  }
  if (end > 0 && ((sample[end - 1] ?? 0) & 0xc0) === 0xc0) {
    end--;
  }
  return sample.subarray(0, end);
}

function summarise(document: TranscriptDocument, file: string): string {
  const lines: string[] = [];
  lines.push(formatMessage(cliMessages.summaryTitle, { file, format: document.format, title: document.title ? ` — ${document.title.text}` : '' }));
  if (document.format === 'shotlist') {
    const header = document.header;
    if (header) {
      lines.push(formatMessage(cliMessages.summaryHeader, {
        count: document.headers.reduce((total, block) => total + block.fields.length, 0),
        story: header.story ? `, STORY ${header.story}` : '',
        trt: header.trtSeconds !== null ? `, TRT ${header.trtSeconds} s` : '',
      }));
    }
    lines.push(formatMessage(cliMessages.summaryStructure, {
      sections: document.sections.length,
      shots: document.shots.length,
      soundbites: document.soundbites.length,
      story: document.story ? `, story from line ${document.story.range.start.line + 1}` : '',
    }));
    for (const soundbite of document.soundbites) {
      const quote = soundbite.quote?.text ?? '';
      lines.push(formatMessage(cliMessages.summarySoundbite, {
        number: soundbite.number ?? '?',
        speaker: soundbite.speaker ?? '?',
        title: soundbite.title ? `, ${soundbite.title}` : '',
        language: soundbite.language ?? '?',
        line: soundbite.lineRange.start.line + 1,
        quote: quote.length > 70 ? `${quote.slice(0, 69)}…` : quote,
      }));
    }
  } else {
    const count = (role: string): number => document.turns.filter((turn) => turn.role === role).length;
    if (document.turns.length > 0) {
      lines.push(formatMessage(cliMessages.summaryTurns, {
        turns: document.turns.length, questions: count('question'), answers: count('answer'), statements: count('statement'),
      }));
    }
    lines.push(formatMessage(cliMessages.summaryQuotes, { quotes: document.quotes.length }));
  }
  for (const diagnostic of document.diagnostics) {
    lines.push(formatMessage(cliMessages.summaryDiagnostic, {
      line: diagnostic.range.start.line + 1,
      column: diagnostic.range.start.character + 1,
      severity: diagnostic.severity,
      code: diagnostic.code,
      message: diagnostic.message,
    }));
  }
  if (document.diagnostics.length === 0) {
    lines.push(cliMessages.summaryClean);
  }
  return lines.join('\n');
}
