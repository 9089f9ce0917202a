// From the command line's arguments to transcript texts: files, directories walked, `-` for standard
// input. Only regular files are read, each within a size limit; whatever is refused or fails gets one
// line on stderr and the rest goes on. The file-system calls go through CliFileSystem, so tests can
// make any of them fail.
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { cliMessages } from './messages';
import { formatMessage } from '../core/messages/format';
import { appendAll } from '../core/util/arrays';

const transcriptExtensions = new Set(['.txt', '.unifeed', '.shotlist', '.md']);

/** Bytes in one megabyte of --max-size: 1,048,576, as the extension counts its limits. */
export const bytesPerMegabyte = 1024 * 1024;
/** Files larger than this (in megabytes) are refused unless --max-size says otherwise. */
export const defaultMaxSizeMB = 16;
/** The largest --max-size: beyond this, a file's text could not be held in one JavaScript string. */
export const largestMaxSizeMB = 256;
/** The name standard input goes by, in messages and in the output (JSON included). */
export const stdinName = '<stdin>';

export type FileType = 'fifo' | 'socket' | 'characterDevice' | 'blockDevice' | 'other';

/** A regular file's bytes, or why it was not read. */
export type FileRead =
  | { readonly kind: 'read'; readonly bytes: Uint8Array }
  | { readonly kind: 'not-regular'; readonly type: FileType }
  | { readonly kind: 'too-large'; readonly size: number };

/** The file-system calls the CLI makes (Node's by default; tests pass ones that fail or record). */
export interface CliFileSystem {
  /** Follows symbolic links. */
  stat(path: string): Stats;
  /** Does not follow them: tells a dangling link from a missing file. */
  lstat(path: string): Stats;
  realpath(path: string): string;
  readdir(path: string): Dirent[];
  /**
   * Opens the path without blocking, checks on the open descriptor that it is a regular file of at
   * most `maxBytes` (it may have changed since it was listed), and only then reads it; never more than
   * `maxBytes + 1` bytes, however the file grows meanwhile.
   */
  readRegularFile(path: string, maxBytes: number): FileRead;
}

export const nodeFileSystem: CliFileSystem = {
  stat: (path) => statSync(path),
  lstat: (path) => lstatSync(path),
  realpath: (path) => realpathSync(path),
  readdir: (path) => readdirSync(path, { withFileTypes: true }),
  readRegularFile: readRegularNodeFile,
};

// O_NONBLOCK: opening a FIFO that no one writes to would otherwise wait forever (it is refused right
// after, by fstat). O_NOCTTY: a terminal device must not become the process's controlling terminal.
const openForReading = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

function readRegularNodeFile(path: string, maxBytes: number): FileRead {
  const descriptor = openSync(path, openForReading);
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) {
      return { kind: 'not-regular', type: fileTypeOf(stats) };
    }
    if (stats.size > maxBytes) {
      return { kind: 'too-large', size: stats.size };
    }
    const bytes = readAtMost(descriptor, maxBytes, stats.size);
    return bytes.length > maxBytes ? { kind: 'too-large', size: bytes.length } : { kind: 'read', bytes };
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Reads a descriptor to its end, but never more than `maxBytes + 1` bytes (enough to tell that it is
 * over the limit). `expected` is only a first guess at the size: a file may grow while it is read, and
 * files in /proc say 0 bytes but hold text.
 */
function readAtMost(descriptor: number, maxBytes: number, expected: number): Uint8Array {
  let buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(expected + 1, 64 * 1024)));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) {
        return buffer;
      }
      const larger = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 2));
      buffer.copy(larger, 0, 0, length);
      buffer = larger;
    }
    const count = readWhenReady(descriptor, buffer, length);
    if (count === 0) {
      return buffer.subarray(0, length);
    }
    length += count;
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** readSync, waiting 10 ms and trying again while a non-blocking descriptor has nothing yet (EAGAIN). */
function readWhenReady(descriptor: number, buffer: Buffer, offset: number): number {
  for (;;) {
    try {
      return readSync(descriptor, buffer, offset, buffer.length - offset, null);
    } catch (error) {
      if (errorCode(error) !== 'EAGAIN') {
        throw error;
      }
      Atomics.wait(pause, 0, 0, 10);
    }
  }
}

/**
 * All of standard input, but never more than `maxBytes + 1` bytes: the caller refuses input over the
 * limit, and `cat /dev/zero | shotlist parse -` must not fill the memory. For main.ts.
 */
export function readNodeStandardInput(maxBytes: number): Uint8Array {
  return readAtMost(0, maxBytes, 0);
}

export function fileTypeOf(stats: Stats | Dirent): FileType {
  if (stats.isFIFO()) {
    return 'fifo';
  }
  if (stats.isSocket()) {
    return 'socket';
  }
  if (stats.isCharacterDevice()) {
    return 'characterDevice';
  }
  if (stats.isBlockDevice()) {
    return 'blockDevice';
  }
  return 'other';
}

/** One input to read: a file, or standard input (`path` null). */
export interface Input {
  readonly path: string | null;
  /** The name it goes by in messages and output: the path as given or found, `<stdin>` for standard input. */
  readonly name: string;
}

/** Prints one line on standard error (the CLI's Printer makes it safe for the terminal). */
export type Report = (line: string) => void;

/**
 * The inputs named on the command line, in order: files whatever their extension, `-` as standard input
 * (once, however often it is named), directories as the transcripts they hold. Only regular files are
 * kept: FIFOs, sockets and devices are refused here, before anything opens them.
 */
export function listInputs(names: readonly string[], fileSystem: CliFileSystem, report: Report): { inputs: Input[]; failed: boolean; directories: boolean } {
  const inputs: Input[] = [];
  let failed = false;
  let directories = false;
  let stdinListed = false;
  for (const name of names) {
    if (name === '-') {
      if (!stdinListed) {
        inputs.push({ path: null, name: stdinName });
        stdinListed = true;
      }
      continue;
    }
    let stats: Stats;
    try {
      stats = fileSystem.stat(name);
    } catch (error) {
      report(describeStatFailure(name, error, fileSystem));
      failed = true;
      continue;
    }
    if (stats.isDirectory()) {
      directories = true;
      const walked = walkDirectory(name, fileSystem, report);
      failed ||= walked.failed;
      if (walked.files.length === 0 && !walked.failed) {
        report(formatMessage(cliMessages.noTranscripts, { file: name }));
      }
      appendAll(inputs, walked.files.map((path) => ({ path, name: name === '.' ? relative('.', path) : path })));
    } else if (stats.isFile()) {
      inputs.push({ path: name, name });
    } else {
      report(notRegular(name, fileTypeOf(stats)));
      failed = true;
    }
  }
  return { inputs, failed, directories };
}

/** Why stat failed, in one line: a missing file, a link that leads nowhere, or the error in plain words. */
function describeStatFailure(name: string, error: unknown, fileSystem: CliFileSystem): string {
  if (errorCode(error) === 'ENOENT') {
    return isSymbolicLink(name, fileSystem) ? formatMessage(cliMessages.brokenLink, { file: name }) : formatMessage(cliMessages.missing, { file: name });
  }
  return formatMessage(cliMessages.unreadable, { file: name, reason: reasonOf(error) });
}

function isSymbolicLink(path: string, fileSystem: CliFileSystem): boolean {
  try {
    return fileSystem.lstat(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function isTranscriptName(name: string): boolean {
  return transcriptExtensions.has(extname(name).toLowerCase());
}

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * The transcripts under a directory, sorted by path. Walked with an explicit stack (a tree 10,000
 * folders deep must not overflow the call stack), entries in name order so messages come in a stable
 * order. Hidden entries and node_modules are skipped. Links are followed, but each directory is read
 * once (by its real path; under the first name found, in name order), so a link back up the tree
 * ends the walk instead of looping. A directory that cannot be read, and a link named as a transcript
 * that leads nowhere, get one line each; a FIFO, socket or device named as a transcript is refused
 * like one named on the command line.
 */
function walkDirectory(root: string, fileSystem: CliFileSystem, report: Report): { files: string[]; failed: boolean } {
  const files: string[] = [];
  let failed = false;
  const seen = new Set<string>();
  const pending: string[] = [];
  /** Whether a directory is still to be read: the first path found to it claims it. */
  const claim = (path: string): boolean => {
    let real: string;
    try {
      real = fileSystem.realpath(path);
    } catch (error) {
      report(formatMessage(cliMessages.unreadableDirectory, { file: path, reason: reasonOf(error) }));
      failed = true;
      return false;
    }
    if (seen.has(real)) {
      return false;
    }
    seen.add(real);
    return true;
  };
  if (claim(root)) {
    pending.push(root);
  }
  while (pending.length > 0) {
    const directory = pending.pop() as string;
    let entries: Dirent[];
    try {
      entries = fileSystem.readdir(directory);
    } catch (error) {
      report(formatMessage(cliMessages.unreadableDirectory, { file: directory, reason: reasonOf(error) }));
      failed = true;
      continue;
    }
    const subdirectories: string[] = [];
    for (const entry of entries.sort(byName)) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') {
        continue;
      }
      // Below the root the directory's path is already normal: a join would re-read all of it (a deep tree's paths are long).
      const path = directory === root ? join(directory, entry.name) : `${directory}${sep}${entry.name}`;
      const transcript = isTranscriptName(entry.name);
      let stats: Stats | Dirent = entry;
      if (entry.isSymbolicLink()) {
        try {
          stats = fileSystem.stat(path);
        } catch (error) {
          // A broken link named as a transcript would have been read; any other is not ours to report.
          if (transcript) {
            report(describeStatFailure(path, error, fileSystem));
            failed = true;
          }
          continue;
        }
      }
      if (stats.isDirectory()) {
        subdirectories.push(path);
      } else if (!transcript) {
        continue;
      } else if (stats.isFile()) {
        files.push(path);
      } else {
        report(notRegular(path, fileTypeOf(stats)));
        failed = true;
      }
    }
    // Claimed in name order, pushed last first so that they are also read in name order.
    const claimed = subdirectories.filter(claim);
    for (let index = claimed.length - 1; index >= 0; index--) {
      pending.push(claimed[index] as string);
    }
  }
  return { files: files.sort(), failed };
}

function notRegular(file: string, type: FileType): string {
  return formatMessage(cliMessages.notRegular, { file, type: cliMessages.fileTypes[type] });
}

/** What reading an input needs: where from, how much at most, and how to report a refusal. */
export interface ReadContext {
  readonly fileSystem: CliFileSystem;
  readonly maxBytes: number;
  /** As written on the command line (or the default), for messages. */
  readonly maxSizeMB: string;
  /** All of standard input, but at most `maxBytes + 1` bytes; undefined when there is none to read. */
  readonly readStdin: ((maxBytes: number) => Uint8Array) | undefined;
  readonly report: Report;
}

/**
 * An input's text (UTF-8, a leading byte order mark dropped as the editor drops it), or null after one
 * line saying why not: not a regular file (any more), over the size limit, binary, or unreadable.
 */
export function readInput(input: Input, context: ReadContext): string | null {
  let bytes: Uint8Array;
  try {
    if (input.path === null) {
      if (context.readStdin === undefined) {
        context.report(formatMessage(cliMessages.unreadable, { file: input.name, reason: cliMessages.reasons.noStdin }));
        return null;
      }
      bytes = context.readStdin(context.maxBytes);
      if (bytes.length > context.maxBytes) {
        context.report(formatMessage(cliMessages.tooLargeStream, { file: input.name, limit: context.maxSizeMB }));
        return null;
      }
    } else {
      const read = context.fileSystem.readRegularFile(input.path, context.maxBytes);
      if (read.kind === 'not-regular') {
        context.report(notRegular(input.name, read.type));
        return null;
      }
      if (read.kind === 'too-large') {
        context.report(formatMessage(cliMessages.tooLarge, { file: input.name, size: megabytesAbove(read.size), limit: context.maxSizeMB }));
        return null;
      }
      bytes = read.bytes;
    }
    if (looksBinary(bytes)) {
      context.report(formatMessage(cliMessages.binary, { file: input.name }));
      return null;
    }
    return new TextDecoder('utf-8').decode(bytes);
  } catch (error) {
    context.report(formatMessage(cliMessages.unreadable, { file: input.name, reason: reasonOf(error) }));
    return null;
  }
}

/** A size in megabytes with two decimals, rounded up: a file just over the limit never shows as equal to it. */
function megabytesAbove(bytes: number): string {
  return (Math.ceil((bytes / bytesPerMegabyte) * 100) / 100).toFixed(2);
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

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

/**
 * A file-system error in plain words: ours for the usual codes, else the system's own description
 * (`EROFS: read-only file system, open 'x'` gives `read-only file system`), else the message. One line,
 * at most 200 characters: an error's message can quote its input at any length.
 */
export function reasonOf(error: unknown): string {
  const code = errorCode(error);
  const known = (cliMessages.reasons as Readonly<Record<string, string>>)[code];
  if (known !== undefined) {
    return known;
  }
  const message = error instanceof Error ? error.message : String(error);
  const system = code !== '' && message.startsWith(`${code}: `) ? message.slice(code.length + 2).split(', ')[0] : undefined;
  return oneShortLine(system ?? message);
}

/** An unexpected error (not the file system's) as `Name: message`, on one line of at most 200 characters. */
export function describeError(error: unknown): string {
  return oneShortLine(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}

function oneShortLine(text: string): string {
  const line = text.replace(/\s+/gu, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
