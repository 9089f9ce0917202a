// The command line on hostile input (issue #17, "never freeze, never crash"): unreadable folders and
// files, FIFOs and devices, links that loop, very deep trees, standard input, files over the size limit,
// a file whose processing throws, and control characters in transcripts and file names. One line on
// stderr for each refusal, the rest still processed, exit code 2; never a stack trace, never a hang.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, symlinkSync, writeFileSync, type Dirent, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { runCli, stdinName, type CliEnvironment, type CliFileSystem, type FileRead } from '../../src/cli/cli';
import { nodeFileSystem } from '../../src/cli/inputs';
import { escapeJsonControls, terminalLine, terminalText } from '../../src/cli/terminal';
import { parseTranscript } from '../../src/core/parse';
import { repositoryRoot } from './helpers';

function run(argv: readonly string[], environment: CliEnvironment = {}): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, { out: (text) => out.push(text), err: (text) => err.push(text) }, environment);
  return { code, out, err };
}

const shotlist = [
  'STORY: UN / TEST', 'TRT: 1:00', 'SOURCE: UNIFEED', 'RESTRICTIONS: NONE', 'LANGUAGES: ENGLISH', 'DATELINE: 1 MAY 2024, GOMA', '',
  '1. Wide shot, road', '2. SOUNDBITE (English) Jane Doe, Spokesperson:', '"We are here to stay."', '3. Wide shot, river', '',
].join('\n');
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const fileOf = (line: string | undefined): string => (JSON.parse(line ?? '') as { file: string }).file;
// Any character a terminal may act on; the escaped output must hold none (tab and line feed aside).
// eslint-disable-next-line no-control-regex
const rawControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;
const isRoot = process.getuid?.() === 0;

function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'shotlist-cli-'));
  chmodSync(directory, 0o755); // readable by the unprivileged user of the permission test
  return directory;
}

type MemoryNode = string | null | { readonly link: string } | { readonly special: 'fifo' | 'characterDevice' };

/**
 * A file system in memory, keyed by path ('root/a.txt'): text is a file, null a directory, `link` a
 * symbolic link to another key, `special` a FIFO or device. `failing` maps `operation:path` (stat,
 * lstat, realpath, readdir, read) to the error code that call throws. `reads` records every file read.
 */
function memoryFileSystem(tree: Readonly<Record<string, MemoryNode>>, failing: Readonly<Record<string, string>> = {}): CliFileSystem & { reads: string[] } {
  const fail = (operation: string, path: string): void => {
    const code = failing[`${operation}:${path}`];
    if (code !== undefined) {
      // Worded as Node words them: `CODE: description, call 'path'`.
      throw Object.assign(new Error(`${code}: injected failure, ${operation} '${path}'`), { code });
    }
  };
  const error = (code: string, path: string): Error => Object.assign(new Error(`${code}: ${path}`), { code });
  /** The key a path leads to, links followed (the last one too when `followLast`). */
  const resolve = (path: string, followLast: boolean): string => {
    const queue = path.split('/');
    let resolved = '';
    let hops = 0;
    while (queue.length > 0) {
      const part = queue.shift() as string;
      const candidate = resolved === '' ? part : `${resolved}/${part}`;
      const node = tree[candidate];
      if (node === undefined) {
        throw error('ENOENT', path);
      }
      if (node !== null && typeof node === 'object' && 'link' in node && (queue.length > 0 || followLast)) {
        if (++hops > 40) {
          throw error('ELOOP', path);
        }
        queue.unshift(...node.link.split('/'));
        resolved = '';
        continue;
      }
      resolved = candidate;
    }
    return resolved;
  };
  const statsOf = (key: string): Stats & Dirent => {
    const node = tree[key];
    const special = node !== null && typeof node === 'object' && 'special' in node ? node.special : null;
    return {
      name: key.slice(key.lastIndexOf('/') + 1),
      size: typeof node === 'string' ? encode(node).length : 0,
      isFile: () => typeof node === 'string',
      isDirectory: () => node === null,
      isSymbolicLink: () => node !== null && typeof node === 'object' && 'link' in node,
      isFIFO: () => special === 'fifo',
      isCharacterDevice: () => special === 'characterDevice',
      isSocket: () => false,
      isBlockDevice: () => false,
    } as unknown as Stats & Dirent;
  };
  const children = new Map<string, string[]>();
  for (const key of Object.keys(tree)) {
    const slash = key.lastIndexOf('/');
    if (slash > 0) {
      const parent = key.slice(0, slash);
      children.set(parent, [...(children.get(parent) ?? []), key]);
    }
  }
  const reads: string[] = [];
  return {
    reads,
    stat: (path) => (fail('stat', path), statsOf(resolve(path, true))),
    lstat: (path) => (fail('lstat', path), statsOf(resolve(path, false))),
    realpath: (path) => (fail('realpath', path), resolve(path, true)),
    readdir: (path) => {
      fail('readdir', path);
      const key = resolve(path, true);
      if (tree[key] !== null) {
        throw error('ENOTDIR', path);
      }
      return (children.get(key) ?? []).map(statsOf);
    },
    readRegularFile: (path, maxBytes): FileRead => {
      fail('read', path);
      reads.push(path);
      const stats = statsOf(resolve(path, true));
      if (!stats.isFile()) {
        return { kind: 'not-regular', type: stats.isFIFO() ? 'fifo' : 'characterDevice' };
      }
      return stats.size > maxBytes ? { kind: 'too-large', size: stats.size } : { kind: 'read', bytes: encode(tree[resolve(path, true)] as string) };
    },
  };
}

/** Node's file system, but reading a forbidden path throws instead of opening it: "opened" shows in the report. */
function forbiddingReads(forbidden: readonly string[]): CliFileSystem & { reads: string[] } {
  const reads: string[] = [];
  return {
    ...nodeFileSystem,
    reads,
    readRegularFile: (path, maxBytes) => {
      reads.push(path);
      if (forbidden.includes(path)) {
        throw new Error(`opened ${path}`);
      }
      return nodeFileSystem.readRegularFile(path, maxBytes);
    },
  };
}

/** dist/cli.js built from the sources as scripts/build.mjs builds it, once, into a folder anyone may read. */
let builtCli: Promise<string> | undefined;
function buildCli(): Promise<string> {
  builtCli ??= (async () => {
    const outfile = join(temporaryDirectory(), 'cli.js');
    await esbuild.build({
      entryPoints: [join(repositoryRoot, 'src', 'cli', 'main.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
      loader: { '.yaml': 'text' }, banner: { js: '#!/usr/bin/env node' }, logLevel: 'error',
    });
    return outfile;
  })();
  return builtCli;
}

/** Runs the built CLI; a hang is killed after 30 s and fails the test instead of stalling the run. */
function runBuilt(cli: string, argv: readonly string[], options: { input?: string | Buffer; uid?: number; cwd?: string } = {}): SpawnSyncReturns<string> {
  const result = spawnSync(process.execPath, [cli, ...argv], {
    encoding: 'utf8', timeout: 30_000, input: options.input ?? '', cwd: options.cwd,
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  });
  assert.equal(result.error, undefined, `the CLI did not finish: ${String(result.error)}`);
  assert.ok(!/^\s+at /mu.test(result.stderr), `a stack trace reached stderr:\n${result.stderr}`);
  return result;
}

const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');

suite('cli on hostile input: what is refused', () => {
  test('a FIFO, /dev/zero and /dev/null are refused from their stat, never opened; the other files are read', () => {
    const directory = temporaryDirectory();
    const fifo = join(directory, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    execFileSync('mkfifo', [join(directory, 'other-pipe')]);
    const good = join(directory, 'good.txt');
    writeFileSync(good, shotlist);
    const fileSystem = forbiddingReads([fifo, '/dev/zero', '/dev/null']);
    const named = run(['parse', fifo, '/dev/zero', '/dev/null', good, '--json'], { fileSystem });
    assert.deepEqual(named.err, [
      `shotlist: ${fifo}: a FIFO (named pipe), not a regular file; skipped`,
      'shotlist: /dev/zero: a character device, not a regular file; skipped',
      'shotlist: /dev/null: a character device, not a regular file; skipped',
    ]);
    assert.deepEqual([named.code, named.out.map(fileOf), fileSystem.reads], [2, [good], [good]]);
    // In a folder: a FIFO named as a transcript is refused the same way; one with another name is not ours.
    const walked = run(['parse', directory, '--json'], { fileSystem });
    assert.deepEqual([walked.code, walked.err, walked.out.map(fileOf)], [2, [`shotlist: ${fifo}: a FIFO (named pipe), not a regular file; skipped`], [good]]);
  });

  test('reading checks the open descriptor: a FIFO or a device that took a file\'s place is refused without blocking', () => {
    const directory = temporaryDirectory();
    const fifo = join(directory, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    // In a child process, so that a blocking open would be killed and fail the test rather than hang the run.
    const script = `const { nodeFileSystem } = require(${JSON.stringify(join(repositoryRoot, 'src', 'cli', 'inputs.ts'))});
      console.log(JSON.stringify([${JSON.stringify(fifo)}, '/dev/zero'].map((path) => nodeFileSystem.readRegularFile(path, 1024))));`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 30_000, cwd: repositoryRoot });
    assert.equal(child.error, undefined, 'reading a FIFO blocked');
    assert.deepEqual(JSON.parse(child.stdout), [{ kind: 'not-regular', type: 'fifo' }, { kind: 'not-regular', type: 'characterDevice' }], child.stderr);
  });

  test('links: a loop or a dangling link named is one line; in a folder, a link back up the tree is read once, not forever', () => {
    const directory = temporaryDirectory();
    symlinkSync(join(directory, 'b.txt'), join(directory, 'a.txt'));
    symlinkSync(join(directory, 'a.txt'), join(directory, 'b.txt'));
    symlinkSync(join(directory, 'gone.txt'), join(directory, 'dangling.txt'));
    symlinkSync(join(directory, 'gone.png'), join(directory, 'picture.png'));
    mkdirSync(join(directory, 'stories'));
    writeFileSync(join(directory, 'stories', 'one.txt'), shotlist);
    symlinkSync(directory, join(directory, 'stories', 'up'));
    symlinkSync(join(directory, 'stories', 'one.txt'), join(directory, 'alias.txt'));
    const named = run(['parse', join(directory, 'a.txt'), join(directory, 'dangling.txt')]);
    assert.deepEqual([named.code, named.err], [2, [
      `shotlist: ${join(directory, 'a.txt')}: cannot read (symbolic links that loop); skipped`,
      `shotlist: ${join(directory, 'dangling.txt')}: a symbolic link to something that does not exist; skipped`,
    ]]);
    const walked = run(['parse', directory, '--json']);
    assert.deepEqual(walked.err, [
      `shotlist: ${join(directory, 'a.txt')}: cannot read (symbolic links that loop); skipped`,
      `shotlist: ${join(directory, 'b.txt')}: cannot read (symbolic links that loop); skipped`,
      `shotlist: ${join(directory, 'dangling.txt')}: a symbolic link to something that does not exist; skipped`,
    ]);
    // The link to a file is read; the folder behind `up` was already being read, so the walk ends.
    assert.deepEqual([walked.code, walked.out.map(fileOf)], [2, [join(directory, 'alias.txt'), join(directory, 'stories', 'one.txt')]]);
  });

  test('a folder reached through two links is read once', () => {
    const fileSystem = memoryFileSystem({
      root: null, 'root/a': null, 'root/a/story.txt': shotlist, 'root/b': null, 'root/b/to-a': { link: 'root/a' }, 'root/c': { link: 'root/a' },
    });
    const { code, out, err } = run(['parse', 'root', '--json'], { fileSystem });
    assert.deepEqual([code, err, out.map(fileOf)], [0, [], ['root/a/story.txt']]);
  });

  test('an unreadable folder and an unreadable file on the real file system: one line each, the rest is read', async () => {
    const directory = temporaryDirectory();
    mkdirSync(join(directory, 'locked'));
    writeFileSync(join(directory, 'locked', 'inside.txt'), shotlist);
    mkdirSync(join(directory, 'open'));
    writeFileSync(join(directory, 'open', 'story.txt'), shotlist);
    writeFileSync(join(directory, 'secret.txt'), shotlist);
    chmodSync(join(directory, 'locked'), 0o000);
    chmodSync(join(directory, 'secret.txt'), 0o000);
    let result: { code: number | null; out: string[]; err: string[] };
    if (isRoot) {
      // Root reads through chmod 000: run the built CLI as the unprivileged user instead.
      const child = runBuilt(await buildCli(), ['parse', directory, '--json'], { uid: 65534 });
      result = { code: child.status, out: lines(child.stdout), err: lines(child.stderr) };
    } else {
      result = run(['parse', directory, '--json']);
    }
    chmodSync(join(directory, 'locked'), 0o755);
    assert.deepEqual(result.err, [
      `shotlist: ${join(directory, 'locked')}: cannot read this directory (permission denied); skipped`,
      `shotlist: ${join(directory, 'secret.txt')}: cannot read (permission denied); skipped`,
    ]);
    assert.deepEqual([result.code, result.out.map(fileOf)], [2, [join(directory, 'open', 'story.txt')]]);
  });

  test('every file-system call that fails is one line in plain words (failures injected)', () => {
    const fileSystem = memoryFileSystem(
      { root: null, 'root/locked': null, 'root/locked/x.txt': shotlist, 'root/open': null, 'root/open/a.txt': shotlist, 'root/open/b.txt': shotlist, 'c.txt': shotlist },
      { 'readdir:root/locked': 'EACCES', 'read:root/open/b.txt': 'EIO', 'stat:c.txt': 'EPERM' },
    );
    const { code, out, err } = run(['parse', 'root', 'c.txt', '--json'], { fileSystem });
    assert.deepEqual(err, [
      'shotlist: root/locked: cannot read this directory (permission denied); skipped',
      'shotlist: c.txt: cannot read (operation not permitted); skipped',
      'shotlist: root/open/b.txt: cannot read (input/output error); skipped',
    ]);
    assert.deepEqual([code, out.map(fileOf)], [2, ['root/open/a.txt']]);
    const unknown = memoryFileSystem({ 'd.txt': shotlist }, { 'read:d.txt': 'EROFS' });
    assert.deepEqual(run(['parse', 'd.txt'], { fileSystem: unknown }).err, ['shotlist: d.txt: cannot read (injected failure); skipped']);
  });

  test('a tree 10,000 folders deep is walked without running out of stack', () => {
    const depth = 10_000;
    const reads: string[] = [];
    const folder = (name: string): Dirent => ({ name, isDirectory: () => true, isFile: () => false, isSymbolicLink: () => false }) as unknown as Dirent;
    const file = (name: string): Dirent => ({ name, isDirectory: () => false, isFile: () => true, isSymbolicLink: () => false }) as unknown as Dirent;
    const levelOf = (path: string): number => (path.length - 'deep'.length) / 2; // deep/d/d/…
    const fileSystem: CliFileSystem = {
      stat: () => ({ isDirectory: () => true, isFile: () => false }) as Stats,
      lstat: () => ({ isSymbolicLink: () => false }) as Stats,
      realpath: (path) => `level ${levelOf(path)}`,
      readdir: (path) => (levelOf(path) < depth ? [folder('d')] : [file('story.txt')]),
      readRegularFile: (path) => (reads.push(path), { kind: 'read', bytes: encode(shotlist) }),
    };
    const { code, out, err } = run(['parse', 'deep', '--json'], { fileSystem });
    assert.deepEqual([code, err, out.length], [0, [], 1]);
    assert.deepEqual(reads, [`deep${'/d'.repeat(depth)}/story.txt`]);
  });

  test('a file over the size limit is refused from its size, before it is read; --max-size changes the limit', () => {
    const directory = temporaryDirectory();
    const huge = join(directory, 'huge.txt');
    // 1 GB that takes no disk: read, it would take seconds and a gigabyte; refused, it is never read.
    const descriptor = openSync(huge, 'w');
    ftruncateSync(descriptor, 1024 ** 3);
    closeSync(descriptor);
    const small = join(directory, 'small.txt');
    writeFileSync(small, shotlist);
    const refused = run(['parse', huge, small, '--json']);
    assert.deepEqual(refused.err, [`shotlist: ${huge}: 1024.00 MB, over the 16 MB limit (--max-size); skipped`]);
    assert.deepEqual([refused.code, refused.out.map(fileOf)], [2, [small]]);
    const tight = run(['parse', small, '--max-size', String(100 / 1024 / 1024)]);
    assert.deepEqual([tight.code, tight.err], [2, [`shotlist: ${small}: 0.01 MB, over the ${100 / 1024 / 1024} MB limit (--max-size); skipped`]]);
    assert.equal(run(['parse', small, `--max-size=${(shotlist.length + 1) / 1024 / 1024}`]).code, 0);
    for (const bad of ['lots', '0', '-1', '257', 'Infinity']) {
      const usage = run(['parse', small, '--max-size', bad]);
      assert.deepEqual([usage.code, usage.err], [1, [`shotlist: --max-size needs a number of megabytes above 0 and at most 256, not "${bad}".`]]);
    }
  });

  test('a file whose processing throws is one line naming it and the error; the others are still processed', () => {
    const fileSystem = memoryFileSystem({ 'a.txt': shotlist, 'b.txt': shotlist, 'c.txt': shotlist });
    const parse: CliEnvironment['parse'] = (text, file) => {
      if (file === 'a.txt') {
        throw new RangeError('Maximum call stack size exceeded');
      }
      if (file === 'b.txt') {
        throw new TypeError(`bad\nthing ${'x'.repeat(500)}`);
      }
      return parseTranscript(text);
    };
    const { code, out, err } = run(['parse', 'a.txt', 'b.txt', 'c.txt', '--json'], { fileSystem, parse });
    assert.deepEqual(err, [
      'shotlist: a.txt: could not be processed (RangeError: Maximum call stack size exceeded); skipped',
      `shotlist: b.txt: could not be processed (TypeError: bad thing ${'x'.repeat(199 - 'TypeError: bad thing '.length)}…); skipped`,
    ]);
    assert.deepEqual([code, out.map(fileOf)], [2, ['c.txt']]);
    // Quotes and entities go through the same guard.
    const quotes = run(['quotes', 'a.txt', 'c.txt', '--format', 'json'], { fileSystem, parse });
    assert.deepEqual([quotes.code, quotes.err.length, (JSON.parse(quotes.out.join('\n')) as { file: string }[]).map((item) => item.file)], [2, 1, ['c.txt']]);
  });

  test('the interview that overflowed the parser\'s stack (140,000 exchanges) never escapes as a stack trace', () => {
    const directory = temporaryDirectory();
    const big = join(directory, 'interview.txt');
    writeFileSync(big, 'Q: a?\nA: “b”\n'.repeat(140_000));
    let result: { code: number; out: string[]; err: string[] } | undefined;
    assert.doesNotThrow(() => {
      result = run(['parse', big, '--json']);
    });
    // Today's parser reads it; should it throw again, the file is one line and the exit code 2.
    if (result?.code === 0) {
      assert.deepEqual([result.err, (JSON.parse(result.out[0] ?? '') as { turns: unknown[] }).turns.length], [[], 280_000]);
    } else {
      assert.equal(result?.code, 2);
      assert.deepEqual([result.err.length, result.out], [1, []]);
      assert.match(result.err[0] ?? '', /interview\.txt: could not be processed \(/u);
    }
  });

  test('an error outside any one file is one line and exit code 2, not a stack trace', () => {
    const fileSystem: CliFileSystem = { ...memoryFileSystem({ root: null }), readdir: () => null as unknown as Dirent[] };
    const { code, out, err } = run(['parse', 'root'], { fileSystem });
    assert.deepEqual([code, out.length, err.length], [2, 0, 1]);
    assert.match(err[0] ?? '', /^shotlist: unexpected error \(TypeError: /u);
  });
});

suite('cli on hostile input: standard input', () => {
  test('`-` reads standard input once, named <stdin> in text and in JSON; a byte order mark is dropped', () => {
    const limits: number[] = [];
    const readStdin = (maxBytes: number): Uint8Array => (limits.push(maxBytes), encode(`\ufeff${shotlist}`));
    const { code, out, err } = run(['parse', '-', '--json'], { readStdin });
    assert.deepEqual([code, err], [0, []]);
    const json = JSON.parse(out[0] ?? '') as { file: string; format: string; header: { field: string; line: number }[] };
    assert.deepEqual([json.file, json.format, json.header[0]], [stdinName, 'shotlist', { field: 'STORY', value: 'UN / TEST', line: 1 }]);
    const text = run(['parse', '-', '-'], { readStdin });
    assert.equal(text.out[0]?.split('\n')[0], '<stdin>: shotlist');
    assert.deepEqual(limits, [16 * 1024 * 1024, 16 * 1024 * 1024]);
  });

  test('standard input over the limit, binary, failing or missing is one line, and the other inputs are read', () => {
    const fileSystem = memoryFileSystem({ 'a.txt': shotlist });
    const tooMuch = run(['parse', '-', 'a.txt', '--max-size', '1', '--json'], { fileSystem, readStdin: (maxBytes) => new Uint8Array(maxBytes + 1).fill(65) });
    assert.deepEqual([tooMuch.code, tooMuch.err, tooMuch.out.map(fileOf)], [2, ['shotlist: <stdin>: more than the 1 MB limit (--max-size); skipped'], ['a.txt']]);
    const binary = run(['parse', '-'], { readStdin: () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00]) });
    assert.deepEqual([binary.code, binary.err], [2, ['shotlist: <stdin>: looks like a binary file, not a transcript; skipped']]);
    const failing = run(['parse', '-'], { readStdin: () => { throw Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR' }); } });
    assert.deepEqual([failing.code, failing.err], [2, ['shotlist: <stdin>: cannot read (it is a directory); skipped']]);
    const missing = run(['parse', '-']);
    assert.deepEqual([missing.code, missing.err], [2, ['shotlist: <stdin>: cannot read (standard input is not available); skipped']]);
  });

  test('after `--` every argument is an input, even one that looks like an option', () => {
    const fileSystem = memoryFileSystem({ '--json': shotlist });
    const { code, out } = run(['parse', '--', '--json'], { fileSystem });
    assert.deepEqual([code, out[0]?.split('\n')[0]], [0, '--json: shotlist']);
  });
});

suite('cli on hostile input: control characters', () => {
  const clear = '\u001b[2J';
  const title = '\u001b]0;owned\u0007';
  const clipboard = '\u001b]52;c;ZWNobyBoaQ==\u0007';
  const csi = '\u009b31m';
  const evilText = shotlist
    .replace('UN / TEST', `UN / TEST ${title}`)
    .replace('here to stay', `here ${clear}to stay ${clipboard}\u007f${csi} for\rgood`);

  function evilFile(): { directory: string; file: string } {
    const directory = temporaryDirectory();
    const file = join(directory, `clear${clear}${csi}\nname.txt`);
    writeFileSync(file, evilText);
    return { directory, file };
  }

  test('the sanitisers: readable escapes; tab, line feed and CRLF kept in text; one line stays one line', () => {
    assert.equal(terminalText('a\tb\nc\r\nd\re\u0000\u0007\u001b\u007f\u0080\u009b\u00a0é'), 'a\tb\nc\r\nd\\x0de\\x00\\x07\\x1b\\x7f\\x80\\x9b\u00a0é');
    assert.equal(terminalLine('a\tb\nc\r\nd'), 'a\tb\\x0ac\\x0d\\x0ad');
    assert.equal(escapeJsonControls(JSON.stringify({ s: `${clear}\u007f\u009b` })), '{"s":"\\u001b[2J\\u007f\\u009b"}');
  });

  test('text output (summary, quote sheets as text, Markdown and CSV, entity lists, stderr) shows them escaped', () => {
    const { directory, file } = evilFile();
    const shown = terminalLine(file);
    assert.ok(shown.endsWith('clear\\x1b[2J\\x9b31m\\x0aname.txt'), shown);
    const bundledKnowledge = readFileSync(join(repositoryRoot, 'src', 'core', 'kb', 'bundled.yaml'), 'utf8');
    const outputs = {
      parse: run(['parse', file]),
      text: run(['quotes', file]),
      md: run(['quotes', file, '--format', 'md']),
      csv: run(['quotes', file, '--format', 'csv']),
      entities: run(['entities', file], { bundledKnowledge }),
      missing: run(['parse', join(directory, `gone${title}\n.txt`)]),
    };
    for (const [name, result] of Object.entries(outputs)) {
      for (const line of [...result.out, ...result.err]) {
        assert.ok(!rawControl.test(line.replace(/\r\n/gu, '\n')), `${name}: ${JSON.stringify(line)}`);
      }
    }
    assert.equal(outputs.parse.out[0]?.split('\n')[0], `${shown}: shotlist`);
    assert.match(outputs.parse.out[0] ?? '', /STORY UN \/ TEST \\x1b\]0;owned\\x07/u);
    const escapedQuote = 'We are here \\x1b[2Jto stay \\x1b]52;c;ZWNobyBoaQ==\\x07\\x7f\\x9b31m for good';
    assert.ok(outputs.text.out[0]?.includes(escapedQuote), outputs.text.out[0]);
    assert.ok(outputs.md.out[0]?.includes(escapedQuote) && outputs.md.out[0].includes(shown), outputs.md.out[0]);
    // CSV keeps its CRLF row ends (RFC 4180); only the controls inside fields are escaped.
    const csv = outputs.csv.out[0] ?? '';
    assert.ok(csv.startsWith('quote,speaker,title,') && csv.includes('formatted\r\nWe are here') && csv.includes(escapedQuote) && csv.includes(shown), JSON.stringify(csv));
    assert.equal(outputs.entities.out[0], `${shown}: 0 mentions`);
    assert.deepEqual(outputs.missing.err, [`shotlist: ${join(directory, 'gone\\x1b]0;owned\\x07\\x0a.txt')}: no such file or directory`]);
  });

  test('JSON output keeps every character: the same strings decode, C1 and DEL written as \\u escapes', () => {
    const { file } = evilFile();
    const parsed = run(['parse', file, '--json']);
    assert.ok(!/[\u007f-\u009f]/u.test(parsed.out[0] ?? ''), 'raw DEL or C1 in the JSON text');
    const json = JSON.parse(parsed.out[0] ?? '') as { file: string; header: { value: string }[]; soundbites: { quote: string }[] };
    assert.deepEqual([json.file, json.header[0]?.value, json.soundbites[0]?.quote],
      [file, `UN / TEST ${title}`, `We are here ${clear}to stay ${clipboard}\u007f${csi} for good.`]);
    // Byte for byte what JSON.stringify writes, but for the C1 and DEL escapes.
    assert.equal(parsed.out[0], escapeJsonControls(JSON.stringify(JSON.parse(parsed.out[0] ?? ''), null, 2)));
    const quotes = run(['quotes', file, '--format', 'json']);
    const items = JSON.parse(quotes.out.join('\n')) as { text: string; file: string }[];
    assert.deepEqual([items[0]?.text, items[0]?.file], [`We are here ${clear}to stay ${clipboard}\u007f${csi} for good.`, file]);
  });
});

suite('cli on hostile input: the built dist/cli.js', () => {
  test('wires standard input, refusals and exit codes; never hangs, never prints a stack trace', async () => {
    const cli = await buildCli();
    const directory = temporaryDirectory();
    writeFileSync(join(directory, 'good.txt'), shotlist);
    execFileSync('mkfifo', [join(directory, 'pipe.txt')]);
    const descriptor = openSync(join(directory, 'huge.txt'), 'w');
    ftruncateSync(descriptor, 20 * 1024 * 1024);
    closeSync(descriptor);
    const mixed = runBuilt(cli, ['parse', '.', '-', '/dev/zero', '--json'], { input: `\ufeff${shotlist}`, cwd: directory });
    // Refused while listing (the FIFO, the device), then while reading (the size).
    assert.deepEqual(lines(mixed.stderr), [
      'shotlist: pipe.txt: a FIFO (named pipe), not a regular file; skipped',
      'shotlist: /dev/zero: a character device, not a regular file; skipped',
      'shotlist: huge.txt: 20.00 MB, over the 16 MB limit (--max-size); skipped',
    ]);
    // Standard input is bounded too: an endless stream (`yes`) with a 1 MB limit is refused, not read forever.
    const flood = spawnSync('sh', ['-c', 'yes | "$0" "$1" parse - --max-size 1', process.execPath, cli], { encoding: 'utf8', timeout: 30_000 });
    assert.deepEqual([flood.error, flood.status, lines(flood.stderr)], [undefined, 2, ['shotlist: <stdin>: more than the 1 MB limit (--max-size); skipped']]);
    const clean = runBuilt(cli, ['parse', join(directory, 'good.txt')]);
    assert.deepEqual([clean.status, clean.stderr], [0, '']);
    assert.equal(runBuilt(cli, ['parse']).status, 1);
  });
});
