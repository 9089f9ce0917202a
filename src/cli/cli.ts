// `shotlist` command line: the same core as the extension, for batch work on archives and scripts.
// Node-only concerns live in src/cli: arguments and exit codes here, files in inputs.ts, what reaches
// the terminal in terminal.ts; src/core only sees strings.
import { cliMessages } from './messages';
import { toContractJson } from './contractJson';
import {
  bytesPerMegabyte, defaultMaxSizeMB, describeError, largestMaxSizeMB, listInputs, nodeFileSystem, readInput, stdinName, type CliFileSystem,
} from './inputs';
import { printerFor, terminalLine, type Output, type Printer } from './terminal';
import { allFindings } from '../core/checks';
import { isDiagnosticCode, isSeverityChoice, type SeverityChoice } from '../core/checks/registry';
import { loadKnowledgeBase } from '../core/kb/load';
import { createMatcher, type EntityMatcher } from '../core/kb/match';
import { formatMessage } from '../core/messages/format';
import type { DiagnosticSeverity, TranscriptDiagnostic, TranscriptDocument } from '../core/model';
import { parseTranscriptFile } from '../core/parse';
import { formatMarkdownNotice } from '../core/messages/notices';
import type { MarkdownNotice } from '../core/parse';
import { exportQuotes, type QuoteExportFormat } from '../core/quotes/export';
import { allQuotes, type QuoteItem } from '../core/quotes/extract';
import { validateStyle, type QuoteStyle } from '../core/quotes/styles';
import { LineTable } from '../core/text/lineTable';
import { appendAll } from '../core/util/arrays';
import { collapseWhitespace } from '../core/text/whitespace';
import { parseDuration } from '../core/annotations/fields';
import { reportNotes, selectsOf } from '../core/annotations/report';
import { exportSheet, type SheetFormat } from '../core/annotations/selects';
import { maxSidecarLength, readSidecar, sidecarSuffix, type SidecarRead } from '../core/annotations/sidecar';
import { sidecarMessage } from '../core/messages/annotations';

export { defaultMaxSizeMB, stdinName, type CliFileSystem, type FileRead } from './inputs';
export type { Output } from './terminal';

/** What the CLI needs from its host (main.ts gives Node's; tests give fakes that fail or record). */
export interface CliEnvironment {
  /** The bundled knowledge base as YAML text (main.ts embeds it). */
  readonly bundledKnowledge?: string;
  /** Standard input for the input `-`: all of it, but at most `maxBytes + 1` bytes (more is refused). */
  readonly readStdin?: (maxBytes: number) => Uint8Array;
  readonly fileSystem?: CliFileSystem;
  /** Reads a transcript (the parser by default); tests pass one that fails. */
  readonly parse?: (text: string, file: string, notices: MarkdownNotice[]) => TranscriptDocument;
}

/**
 * Runs the CLI and returns its exit code: 0 success, 1 usage error, 2 some input could not be read or
 * processed. Never throws: an error no input explains is one line on stderr and exit code 2.
 */
export function runCli(argv: readonly string[], output: Output, environment: CliEnvironment = {}): number {
  const printer = printerFor(output);
  try {
    return runCommand(argv, printer, environment);
  } catch (error) {
    // Each input has its own guard (forEachText); this one catches what happens outside them.
    printer.error(formatMessage(cliMessages.unexpected, { reason: describeError(error) }));
    return 2;
  }
}

function runCommand(argv: readonly string[], printer: Printer, environment: CliEnvironment): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    printer.text(cliMessages.usage);
    return command === undefined ? 1 : 0;
  }
  if (command === 'parse') {
    return runParse(rest, printer, environment);
  }
  if (command === 'quotes') {
    return runQuotes(rest, printer, environment);
  }
  if (command === 'entities') {
    return runEntities(rest, printer, environment);
  }
  if (command === 'check') {
    return runCheck(rest, printer, environment);
  }
  if (command === 'notes') {
    return runNotes(rest, printer, environment);
  }
  if (command === 'selects') {
    return runSelects(rest, printer, environment);
  }
  printer.error(formatMessage(cliMessages.unknownCommand, { command }));
  return 1;
}

function runParse(rest: readonly string[], printer: Printer, environment: CliEnvironment): number {
  const options = readArguments(rest, printer, { '--json': false, '--max-size': true });
  if (options === null) {
    return 1;
  }
  const json = options.flags.has('--json');
  return forEachTranscript(options, printer, environment, json, (file, document, several) => {
    if (json) {
      printer.json(JSON.stringify(toContractJson(document, file), null, several ? undefined : 2));
    } else {
      printer.text(summarise(document, file));
    }
  });
}

/**
 * `check`: every finding of each file, the parser's and the checks', with the chosen severities. Exit
 * code 2 when an input could not be read, else 1 when any finding is an error.
 */
function runCheck(rest: readonly string[], printer: Printer, environment: CliEnvironment): number {
  const options = readArguments(rest, printer, { '--json': false, '--max-size': true, '--severity': true });
  if (options === null) {
    return 1;
  }
  const choices = readSeverityChoices(options.values.get('--severity'), printer);
  if (choices === null) {
    return 1;
  }
  const json = options.flags.has('--json');
  const counts: Record<DiagnosticSeverity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  let files = 0;
  const exitCode = forEachTranscript(options, printer, environment, json, (file, document, several, text) => {
    files++;
    const found = allFindings(document, text, choices);
    for (const item of found) {
      counts[item.severity]++;
    }
    if (json) {
      printer.json(JSON.stringify({ file, findings: found.map(checkJson) }, null, several ? undefined : 2));
      return;
    }
    for (const item of found) {
      printer.text(formatMessage(cliMessages.checkFinding, {
        file, line: item.range.start.line + 1, column: item.range.start.character + 1, severity: item.severity, code: item.code, message: item.message,
      }));
    }
  });
  if (!json) {
    printer.text(formatMessage(cliMessages.checkSummary, { errors: counts.error, warnings: counts.warning, information: counts.information, hints: counts.hint, files }));
  }
  return exitCode !== 0 ? exitCode : counts.error > 0 ? 1 : 0;
}

/** One finding in `check --json`: 1-based lines and columns, the end too, and where the related element is. */
function checkJson(item: TranscriptDiagnostic): Record<string, unknown> {
  return {
    code: item.code,
    severity: item.severity,
    line: item.range.start.line + 1,
    column: item.range.start.character + 1,
    endLine: item.range.end.line + 1,
    endColumn: item.range.end.character + 1,
    message: item.message,
    ...(item.related ? { related: { line: item.related.start.line + 1, column: item.related.start.character + 1 } } : {}),
  };
}

/** `--severity quote-differs=error,trt-exceeded=off` as choices by code; null after a usage error. */
function readSeverityChoices(written: string | undefined, printer: Printer): Record<string, SeverityChoice> | null {
  const choices: Record<string, SeverityChoice> = {};
  if (written === undefined) {
    return choices;
  }
  for (const pair of written.split(',')) {
    const [code, level, extra] = pair.split('=').map((part) => part.trim());
    if (code === undefined || level === undefined || extra !== undefined || !isSeverityChoice(level)) {
      printer.error(formatMessage(cliMessages.badSeverity, { value: pair }));
      return null;
    }
    if (!isDiagnosticCode(code)) {
      printer.error(formatMessage(cliMessages.unknownCode, { code }));
      return null;
    }
    choices[code] = level;
  }
  return choices;
}

/** `entities`: every mention of the bundled knowledge base's entries, with 1-based line and column. */
function runEntities(rest: readonly string[], printer: Printer, environment: CliEnvironment): number {
  const options = readArguments(rest, printer, { '--json': false, '--max-size': true });
  if (options === null) {
    return 1;
  }
  const matcher = bundledMatcher(environment, printer);
  if (matcher === null) {
    return 1;
  }
  const json = options.flags.has('--json');
  return forEachText(options, printer, environment, json, (file, text, several) => {
    const table = new LineTable(text);
    const mentions = matcher.find(text).map((mention) => {
      const position = table.positionAt(mention.start);
      return { id: mention.id, type: mention.type, line: position.line + 1, column: position.character + 1, text: mention.text };
    });
    if (json) {
      printer.json(JSON.stringify({ file, mentions }, null, several ? undefined : 2));
      return;
    }
    printer.text(formatMessage(cliMessages.entitiesTitle, { file, count: mentions.length }));
    for (const mention of mentions) {
      printer.text(formatMessage(cliMessages.entitiesMention, { ...mention, text: mention.text.replace(/\s+/g, ' ') }));
    }
  });
}

function bundledMatcher(environment: CliEnvironment, printer: Printer): EntityMatcher | null {
  if (environment.bundledKnowledge === undefined) {
    printer.error(cliMessages.noKnowledge);
    return null;
  }
  const knowledge = loadKnowledgeBase(environment.bundledKnowledge, 'bundled');
  for (const problem of knowledge.problems) {
    printer.error(formatMessage(cliMessages.knowledgeProblem, { origin: problem.origin, line: problem.line, column: problem.column, message: problem.message }));
  }
  return createMatcher(knowledge.entries);
}

const quoteFormats: Readonly<Record<string, QuoteExportFormat>> = { text: 'text', md: 'markdown', markdown: 'markdown', csv: 'csv', json: 'json' };

/**
 * `quotes`: every quote of the files with attribution, as one sheet (one CSV header, one JSON array).
 * Text, Markdown and CSV are printed terminal-safe like every text output; JSON keeps every character.
 */
function runQuotes(rest: readonly string[], printer: Printer, environment: CliEnvironment): number {
  const options = readArguments(rest, printer, { '--style': true, '--template': true, '--format': true, '--straight': false, '--max-size': true });
  if (options === null) {
    return 1;
  }
  const styleName = options.values.get('--style');
  const template = options.values.get('--template');
  if (styleName !== undefined && template !== undefined) {
    printer.error(cliMessages.styleAndTemplate);
    return 1;
  }
  const formatName = options.values.get('--format') ?? 'text';
  const format = quoteFormats[formatName];
  if (format === undefined) {
    printer.error(formatMessage(cliMessages.unknownFormat, { format: formatName }));
    return 1;
  }
  const style: QuoteStyle | string = template !== undefined ? { template } : styleName ?? (format === 'markdown' ? 'markdown' : 'wire');
  const valid = validateStyle(style);
  if (!valid.ok) {
    printer.error(formatMessage(cliMessages.badStyle, { message: valid.error.message }));
    return 1;
  }
  const items: QuoteItem[] = [];
  const json = format === 'json';
  const exitCode = forEachTranscript(options, printer, environment, json, (file, document, _several, text) => {
    appendAll(items, allQuotes(document, text, file));
  });
  const sheet = exportQuotes(items, format, style, { marks: options.flags.has('--straight') ? 'straight' : 'curly' });
  if (sheet.ok && sheet.text !== '') {
    const text = sheet.text.replace(/\r?\n$/u, '');
    if (json) {
      printer.json(text);
    } else {
      printer.text(text);
    }
  }
  return exitCode;
}

/**
 * The sidecar of a transcript (`<file>.notes.yaml` beside it), read: null when there is none (or the
 * input is standard input). Problems reading it are said on stderr with its line and column.
 */
function readNotes(path: string, printer: Printer, environment: CliEnvironment, shownName: string): SidecarRead | null {
  if (path === stdinName) {
    return null;
  }
  const fileSystem = environment.fileSystem ?? nodeFileSystem;
  const sidecarPath = `${path}${sidecarSuffix}`;
  let read;
  try {
    read = fileSystem.readRegularFile(sidecarPath, maxSidecarLength * 4);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') {
      return null;
    }
    printer.error(formatMessage(cliMessages.unreadable, { file: `${shownName}${sidecarSuffix}`, reason: describeError(error) }));
    return null;
  }
  if (read.kind !== 'read') {
    printer.error(formatMessage(cliMessages.unreadable, { file: `${shownName}${sidecarSuffix}`, reason: read.kind }));
    return null;
  }
  const sidecar = readSidecar(new TextDecoder().decode(read.bytes));
  for (const problem of sidecar.problems) {
    if (problem.severity !== 'info') {
      printer.error(formatMessage(cliMessages.sidecarProblem, {
        file: `${shownName}${sidecarSuffix}`, line: problem.line, column: problem.column, message: sidecarMessage(problem.code, problem.data),
      }));
    }
  }
  return sidecar;
}

/** `notes`: every annotation of each file's sidecar, found again in the file as it is now; nothing is written. */
function runNotes(rest: readonly string[], printer: Printer, environment: CliEnvironment): number {
  const options = readArguments(rest, printer, { '--json': false, '--max-size': true });
  if (options === null) {
    return 1;
  }
  const json = options.flags.has('--json');
  return forEachTranscriptAt(options, printer, environment, json, (file, document, several, text, path) => {
    const sidecar = readNotes(path, printer, environment, file);
    const notes = sidecar === null ? [] : reportNotes(text, document, sidecar.annotations);
    if (json) {
      printer.json(JSON.stringify({ file, annotations: notes }, null, several ? undefined : 2));
      return;
    }
    printer.text(formatMessage(cliMessages.notesTitle, { file, count: notes.length }));
    for (const note of notes) {
      const flag = note.orphaned ? cliMessages.notesOrphaned : note.review ? cliMessages.notesReview : '';
      printer.text(formatMessage(cliMessages.notesLine, {
        line: note.line, id: note.id, status: note.status ?? '-', flag,
        tags: note.tags.map((tag) => `#${tag}`).join(' '), text: oneLine(note.text, 70),
      }));
      if (note.note !== null) {
        printer.text(formatMessage(cliMessages.notesNote, { note: oneLine(note.note, 100) }));
      }
    }
  });
}

/** `selects`: the selected passages of each file in package order, as a selects sheet. */
function runSelects(rest: readonly string[], printer: Printer, environment: CliEnvironment): number {
  const options = readArguments(rest, printer, { '--format': true, '--style': true, '--straight': false, '--target': true, '--max-size': true });
  if (options === null) {
    return 1;
  }
  const formatName = options.values.get('--format') ?? 'text';
  const format = sheetFormatNames[formatName];
  if (format === undefined) {
    printer.error(formatMessage(cliMessages.unknownFormat, { format: formatName }));
    return 1;
  }
  const style = options.values.get('--style') ?? (format === 'markdown' ? 'markdown' : 'wire');
  const valid = validateStyle(style);
  if (!valid.ok) {
    printer.error(formatMessage(cliMessages.badStyle, { message: valid.error.message }));
    return 1;
  }
  const targetText = options.values.get('--target');
  const target = targetText === undefined ? null : parseDuration(targetText);
  if (targetText !== undefined && target === null) {
    printer.error(formatMessage(cliMessages.badTarget, { value: targetText }));
    return 1;
  }
  const json = format === 'json';
  return forEachTranscriptAt(options, printer, environment, json, (file, document, _several, text, path) => {
    const sidecar = readNotes(path, printer, environment, file);
    const { package: pack, entries } = selectsOf(text, document, sidecar?.annotations ?? [], file, target);
    const sheet = exportSheet(entries, format, style, { marks: options.flags.has('--straight') ? 'straight' : 'curly' }, pack.targetSeconds);
    if (!sheet.ok) {
      return;
    }
    if (json) {
      printer.json(sheet.text.replace(/\r?\n$/u, ''));
    } else {
      printer.text(sheet.text.replace(/\r?\n$/u, ''));
    }
  });
}

const sheetFormatNames: Readonly<Record<string, SheetFormat>> = { text: 'text', md: 'markdown', markdown: 'markdown', csv: 'csv', json: 'json' };

function oneLine(text: string, max: number): string {
  const flat = collapseWhitespace(text);
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

interface Arguments {
  readonly inputs: readonly string[];
  readonly flags: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
}

/**
 * Splits arguments into inputs, flags and options with a value (`--style wire` or `--style=wire`);
 * after `--` every argument is an input, so a file may be named `--json`. `known` maps each option to
 * whether it takes a value. Reports usage errors and returns null.
 */
function readArguments(rest: readonly string[], printer: Printer, known: Readonly<Record<string, boolean>>): Arguments | null {
  const inputs: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string>();
  let optionsEnded = false;
  for (let index = 0; index < rest.length; index++) {
    const argument = rest[index] as string;
    if (optionsEnded || !argument.startsWith('--')) {
      inputs.push(argument);
      continue;
    }
    if (argument === '--') {
      optionsEnded = true;
      continue;
    }
    const equals = argument.indexOf('=');
    const name = equals === -1 ? argument : argument.slice(0, equals);
    const takesValue = known[name];
    if (takesValue === undefined || (!takesValue && equals !== -1)) {
      printer.error(formatMessage(cliMessages.unknownOption, { option: argument }));
      return null;
    }
    if (!takesValue) {
      flags.add(name);
      continue;
    }
    const value = equals !== -1 ? argument.slice(equals + 1) : rest[++index];
    if (value === undefined) {
      printer.error(formatMessage(cliMessages.missingValue, { option: name }));
      return null;
    }
    values.set(name, value);
  }
  if (inputs.length === 0) {
    printer.error(cliMessages.noInput);
    return null;
  }
  return { inputs, flags, values };
}

/**
 * Reads and parses each input, and hands the document on; what the Markdown guard changed or refused
 * is said on stderr. See forEachText.
 */
function forEachTranscript(options: Arguments, printer: Printer, environment: CliEnvironment, json: boolean,
  each: (file: string, document: TranscriptDocument, several: boolean, text: string) => void): number {
  return forEachTranscriptAt(options, printer, environment, json, (file, document, several, text) => each(file, document, several, text));
}

/** forEachTranscript, with the input's path (for the files beside it, such as its sidecar). */
function forEachTranscriptAt(options: Arguments, printer: Printer, environment: CliEnvironment, json: boolean,
  each: (file: string, document: TranscriptDocument, several: boolean, text: string, path: string) => void): number {
  const parse = environment.parse ?? ((text: string, file: string, notices: MarkdownNotice[]) => parseTranscriptFile(text, file, undefined, notices));
  return forEachText(options, printer, environment, json, (file, text, several, path) => {
    const notices: MarkdownNotice[] = [];
    // The path, not the shown name, tells the parser a Markdown file by its extension.
    const document = parse(text, path, notices);
    for (const notice of notices) {
      printer.error(formatMessage(cliMessages.markdownNotice, { notice: formatMarkdownNotice(notice, file) }));
    }
    each(file, document, several, text, path);
  });
}

/**
 * Reads each input (directories walked, `-` for standard input) and hands its text on with the name to
 * show: as given in JSON, on one line (controls escaped) in text output. Whatever cannot be read, and
 * any error while an input is processed, is one line on stderr naming it, and makes the exit code 2;
 * the other inputs are still processed.
 */
function forEachText(options: Arguments, printer: Printer, environment: CliEnvironment, json: boolean,
  each: (file: string, text: string, several: boolean, path: string) => void): number {
  const maxSize = readMaxSize(options, printer);
  if (maxSize === null) {
    return 1;
  }
  const fileSystem = environment.fileSystem ?? nodeFileSystem;
  const report = (line: string): void => printer.error(line);
  const { inputs, failed, directories } = listInputs(options.inputs, fileSystem, report);
  const several = inputs.length > 1 || options.inputs.length > 1 || directories;
  const context = { fileSystem, maxBytes: maxSize.bytes, maxSizeMB: maxSize.written, readStdin: environment.readStdin, report };
  let exitCode = failed ? 2 : 0;
  for (const input of inputs) {
    const text = readInput(input, context);
    if (text === null) {
      exitCode = 2;
      continue;
    }
    try {
      each(json ? input.name : terminalLine(input.name), text, several, input.path ?? input.name);
    } catch (error) {
      // The parser is meant never to throw (a stack overflow on a huge input once did): one line, go on.
      printer.error(formatMessage(cliMessages.failed, { file: input.name, reason: describeError(error) }));
      exitCode = 2;
    }
  }
  return exitCode;
}

/** --max-size in bytes, and as the user wrote it (normalised) for messages; null after a usage error. */
function readMaxSize(options: Arguments, printer: Printer): { bytes: number; written: string } | null {
  const written = options.values.get('--max-size');
  const megabytes = written === undefined ? defaultMaxSizeMB : Number(written);
  if (!Number.isFinite(megabytes) || megabytes <= 0 || megabytes > largestMaxSizeMB) {
    printer.error(formatMessage(cliMessages.badMaxSize, { value: written ?? '', largest: largestMaxSizeMB }));
    return null;
  }
  return { bytes: Math.floor(megabytes * bytesPerMegabyte), written: String(megabytes) };
}

function summarise(document: TranscriptDocument, file: string): string {
  const lines: string[] = [];
  lines.push(formatMessage(cliMessages.summaryTitle, { file, format: document.format, title: document.title ? formatMessage(cliMessages.summaryPageTitle, { title: document.title.text }) : '' }));
  if (document.format === 'shotlist') {
    const header = document.header;
    if (header) {
      lines.push(formatMessage(cliMessages.summaryHeader, {
        count: document.headers.reduce((total, block) => total + block.fields.length, 0),
        story: header.story ? formatMessage(cliMessages.summaryStory, { story: header.story }) : '',
        trt: header.trtSeconds !== null ? formatMessage(cliMessages.summaryTrt, { seconds: header.trtSeconds }) : '',
      }));
    }
    lines.push(formatMessage(cliMessages.summaryStructure, {
      sections: document.sections.length,
      shots: document.shots.length,
      soundbites: document.soundbites.length,
      story: document.story ? formatMessage(cliMessages.summaryStoryLine, { line: document.story.range.start.line + 1 }) : '',
    }));
    for (const soundbite of document.soundbites) {
      const quote = soundbite.quote?.text ?? '';
      lines.push(formatMessage(cliMessages.summarySoundbite, {
        number: soundbite.number ?? cliMessages.summaryUnknown,
        speaker: soundbite.speaker ?? cliMessages.summaryUnknown,
        title: soundbite.title ? formatMessage(cliMessages.summarySpeakerTitle, { title: soundbite.title }) : '',
        language: soundbite.language ?? cliMessages.summaryUnknown,
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
