// `shotlist` command line: the same core as the extension, for batch work on archives and scripts.
// Node-only concerns (files, directories, exit codes) live here; src/core only sees strings.
import { readdirSync, readFileSync, statSync, type Dirent, type Stats } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { cliMessages } from './messages';
import { toContractJson } from './contractJson';
import { loadKnowledgeBase } from '../core/kb/load';
import { createMatcher, type EntityMatcher } from '../core/kb/match';
import { formatMessage } from '../core/messages/format';
import type { TranscriptDocument } from '../core/model';
import { parseTranscriptFile } from '../core/parse';
import { formatMarkdownNotice } from '../core/messages/notices';
import type { MarkdownNotice } from '../core/parse';
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

/** The file-system calls the CLI makes (Node's by default; tests pass failing ones). */
export interface CliFileSystem {
  stat(path: string): Stats;
  readdir(path: string): Dirent[];
  readFile(path: string): Uint8Array;
}

const nodeFileSystem: CliFileSystem = {
  stat: (path) => statSync(path),
  readdir: (path) => readdirSync(path, { withFileTypes: true }),
  readFile: (path) => readFileSync(path),
};

/** What the CLI needs from its host: the bundled knowledge base as YAML text (main.ts embeds it), standard input. */
export interface CliEnvironment {
  readonly bundledKnowledge?: string;
  /** All of standard input as text, for the input `-`. */
  readonly readStdin?: () => string;
  readonly fileSystem?: CliFileSystem;
  /** Reads a transcript (the parser by default); tests pass one that fails. */
  readonly parse?: (text: string, file: string, notices: MarkdownNotice[]) => TranscriptDocument;
}

/** Files larger than this (in megabytes) are refused unless --max-size says otherwise. */
export const defaultMaxSizeMB = 16;
/** The name standard input goes by in messages and output. */
export const stdinName = '<stdin>';

/**
 * Text bound for a terminal with the characters that could drive it escaped: C0 controls but tab and
 * line feed, DEL and C1 controls become `\x1b`-style escapes. A transcript or a file name could
 * otherwise clear the screen, retitle the window or write the clipboard (OSC 52).
 */
export function escapeControlCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu, (character) => `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** An output whose every line is escaped for the terminal. */
function escaping(output: Output): Output {
  return { out: (text) => output.out(escapeControlCharacters(text)), err: (text) => output.err(escapeControlCharacters(text)) };
}

/** Runs the CLI and returns its exit code: 0 success, 1 usage error, 2 some input could not be read. */
export function runCli(argv: readonly string[], rawOutput: Output, environment: CliEnvironment = {}): number {
  // Messages on standard error name files and quote what was read: always escaped.
  const output: Output = { out: rawOutput.out, err: escaping(rawOutput).err };
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    output.out(cliMessages.usage);
    return command === undefined ? 1 : 0;
  }
  if (command === 'parse') {
    return runParse(rest, output, environment);
  }
  if (command === 'quotes') {
    return runQuotes(rest, output, environment);
  }
  if (command === 'entities') {
    return runEntities(rest, output, environment);
  }
  output.err(formatMessage(cliMessages.unknownCommand, { command }));
  return 1;
}

function runParse(rest: readonly string[], output: Output, environment: CliEnvironment): number {
  const options = readArguments(rest, output, { '--json': false, '--max-size': true });
  if (options === null) {
    return 1;
  }
  const json = options.flags.has('--json');
  const shown = json ? output : escaping(output);
  return forEachTranscript(options, output, environment, (file, document, several) => {
    if (json) {
      shown.out(JSON.stringify(toContractJson(document, file), null, several ? undefined : 2));
    } else {
      shown.out(summarise(document, file));
    }
  });
}

/** `entities`: every mention of the bundled knowledge base's entries, with 1-based line and column. */
function runEntities(rest: readonly string[], output: Output, environment: CliEnvironment): number {
  const options = readArguments(rest, output, { '--json': false, '--max-size': true });
  if (options === null) {
    return 1;
  }
  const matcher = bundledMatcher(environment, output);
  if (matcher === null) {
    return 1;
  }
  const json = options.flags.has('--json');
  const shown = json ? output : escaping(output);
  return forEachText(options, output, environment, (file, text, several) => {
    const table = new LineTable(text);
    const mentions = matcher.find(text).map((mention) => {
      const position = table.positionAt(mention.start);
      return { id: mention.id, type: mention.type, line: position.line + 1, column: position.character + 1, text: mention.text };
    });
    if (json) {
      shown.out(JSON.stringify({ file, mentions }, null, several ? undefined : 2));
      return;
    }
    shown.out(formatMessage(cliMessages.entitiesTitle, { file, count: mentions.length }));
    for (const mention of mentions) {
      shown.out(formatMessage(cliMessages.entitiesMention, { ...mention, text: mention.text.replace(/\s+/g, ' ') }));
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
function runQuotes(rest: readonly string[], output: Output, environment: CliEnvironment): number {
  const options = readArguments(rest, output, { '--style': true, '--template': true, '--format': true, '--straight': false, '--max-size': true });
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
  const exitCode = forEachTranscript(options, output, environment, (file, document, _several, text) => {
    appendAll(items, allQuotes(document, text, file));
  });
  const sheet = exportQuotes(items, format, style, { marks: options.flags.has('--straight') ? 'straight' : 'curly' });
  if (sheet.ok && sheet.text !== '') {
    (format === 'json' ? output : escaping(output)).out(sheet.text.replace(/\r?\n$/u, ''));
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

interface Arguments {
  readonly inputs: readonly string[];
  readonly flags: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
}

/**
 * Reads each input (directories recursively, `-` for standard input), parses it and hands the document
 * on. What cannot be read or parsed gets one line on stderr and makes the exit code 2; the other inputs
 * are still processed. What the Markdown guard changed or refused is said on stderr too.
 */
function forEachTranscript(options: Arguments, output: Output, environment: CliEnvironment,
  each: (file: string, document: TranscriptDocument, several: boolean, text: string) => void): number {
  const parse = environment.parse ?? ((text: string, file: string, notices: MarkdownNotice[]) => parseTranscriptFile(text, file, undefined, notices));
  return forEachText(options, output, environment, (file, text, several) => {
    const notices: MarkdownNotice[] = [];
    const document = parse(text, file, notices);
    for (const notice of notices) {
      output.err(`shotlist: ${formatMarkdownNotice(notice, file)}`);
    }
    each(file, document, several, text);
  });
}

/** The inputs' texts, handed on one by one; see forEachTranscript. */
function forEachText(options: Arguments, output: Output, environment: CliEnvironment, each: (file: string, text: string, several: boolean) => void): number {
  const maxSize = readMaxSize(options, output);
  if (maxSize === null) {
    return 1;
  }
  const fileSystem = environment.fileSystem ?? nodeFileSystem;
  const { files, failed, directories } = expandInputs(options.inputs, output, fileSystem);
  const several = files.length > 1 || options.inputs.length > 1 || directories;
  let exitCode = failed ? 2 : 0;
  let stdinRead = false;
  for (const file of files) {
    let text: string | null;
    if (file === stdinName) {
      if (stdinRead) {
        continue;
      }
      stdinRead = true;
      text = readStandardInput(environment, output);
    } else {
      text = readTranscript(file, output, fileSystem, maxSize);
    }
    if (text === null) {
      exitCode = 2;
      continue;
    }
    try {
      each(file, text, several);
    } catch (error) {
      // Parsing never throws by design; should anything still fail, the other files go on.
      output.err(formatMessage(cliMessages.failed, { file, reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }));
      exitCode = 2;
    }
  }
  return exitCode;
}

function readMaxSize(options: Arguments, output: Output): number | null {
  const written = options.values.get('--max-size');
  if (written === undefined) {
    return defaultMaxSizeMB * 1024 * 1024;
  }
  const megabytes = Number(written);
  if (!Number.isFinite(megabytes) || megabytes <= 0) {
    output.err(formatMessage(cliMessages.badMaxSize, { value: written }));
    return null;
  }
  return megabytes * 1024 * 1024;
}

function readStandardInput(environment: CliEnvironment, output: Output): string | null {
  if (!environment.readStdin) {
    output.err(formatMessage(cliMessages.unreadable, { file: stdinName, reason: cliMessages.reasons.noStdin }));
    return null;
  }
  try {
    return environment.readStdin().replace(/^\ufeff/u, '');
  } catch (error) {
    output.err(formatMessage(cliMessages.unreadable, { file: stdinName, reason: reasonOf(error) }));
    return null;
  }
}

/** A file-system error in plain words (`permission denied`), else its code or message. */
function reasonOf(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : '';
  const known = (cliMessages.reasons as Readonly<Record<string, string>>)[code];
  return known ?? (code !== '' ? code : error instanceof Error ? error.message : String(error));
}

/**
 * Files named directly are kept whatever their extension (`-` stands for standard input); directories
 * contribute their transcripts. Only regular files are read: FIFOs, sockets and devices are refused, a
 * link is followed to the file it names.
 */
function expandInputs(inputs: readonly string[], output: Output, fileSystem: CliFileSystem): { files: string[]; failed: boolean; directories: boolean } {
  const files: string[] = [];
  let failed = false;
  let directories = false;
  for (const input of inputs) {
    if (input === '-') {
      files.push(stdinName);
      continue;
    }
    let stats: Stats;
    try {
      stats = fileSystem.stat(input);
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? (error as NodeJS.ErrnoException).code : '';
      output.err(code === 'ENOENT' ? formatMessage(cliMessages.missing, { file: input }) : formatMessage(cliMessages.unreadable, { file: input, reason: reasonOf(error) }));
      failed = true;
      continue;
    }
    if (stats.isDirectory()) {
      directories = true;
      const walked = walk(input, output, fileSystem);
      failed ||= walked.failed;
      const found = walked.found.sort();
      if (found.length === 0 && !walked.failed) {
        output.err(formatMessage(cliMessages.noTranscripts, { file: input }));
      }
      appendAll(files, found.map((file) => (input === '.' ? relative('.', file) : file)));
    } else if (stats.isFile()) {
      files.push(input);
    } else {
      output.err(formatMessage(cliMessages.notRegular, { file: input }));
      failed = true;
    }
  }
  return { files, failed, directories };
}

/**
 * The transcripts under a directory, walked with an explicit stack (a deep tree must not overflow the
 * call stack). Hidden entries and node_modules are skipped; links to files are followed, links to
 * directories are not (they could lead back up the tree); a directory that cannot be read gets one line.
 */
function walk(directory: string, output: Output, fileSystem: CliFileSystem): { found: string[]; failed: boolean } {
  const found: string[] = [];
  let failed = false;
  const pending = [directory];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    let entries: Dirent[];
    try {
      entries = fileSystem.readdir(current);
    } catch (error) {
      output.err(formatMessage(cliMessages.unreadableDirectory, { file: current, reason: reasonOf(error) }));
      failed = true;
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') {
        continue;
      }
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        pending.push(path);
      } else if (transcriptExtensions.has(extname(entry.name).toLowerCase()) && (entry.isFile() || (entry.isSymbolicLink() && isLinkToFile(path, fileSystem)))) {
        found.push(path);
      }
    }
  }
  return { found, failed };
}

function isLinkToFile(path: string, fileSystem: CliFileSystem): boolean {
  try {
    return fileSystem.stat(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Reads a file as UTF-8 text: a regular file (checked again, it may have changed since it was listed),
 * within the size limit, and not binary. Each refusal is one line on stderr.
 */
function readTranscript(file: string, output: Output, fileSystem: CliFileSystem, maxSize: number): string | null {
  let bytes: Uint8Array;
  try {
    const stats = fileSystem.stat(file);
    if (!stats.isFile()) {
      output.err(formatMessage(cliMessages.notRegular, { file }));
      return null;
    }
    if (stats.size > maxSize) {
      output.err(formatMessage(cliMessages.tooLarge, { file, size: (stats.size / 1024 / 1024).toFixed(1), limit: (maxSize / 1024 / 1024).toFixed(0) }));
      return null;
    }
    bytes = fileSystem.readFile(file);
  } catch (error) {
    output.err(formatMessage(cliMessages.unreadable, { file, reason: reasonOf(error) }));
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
