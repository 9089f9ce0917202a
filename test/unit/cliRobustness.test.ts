// The command line on hostile input: unreadable folders, FIFOs and devices, links that loop, very deep
// trees, standard input, files over the size limit, a file whose reading fails, and control characters
// in transcripts and file names. One line on stderr for each refusal; the rest is still processed.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync, type Dirent, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { escapeControlCharacters, runCli, stdinName, type CliEnvironment, type CliFileSystem } from '../../src/cli/cli';
import { repositoryRoot } from './helpers';

function run(argv: string[], environment: CliEnvironment = {}): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, { out: (text) => out.push(text), err: (text) => err.push(text) }, environment);
  return { code, out, err };
}

const shotlist = 'STORY: UN / TEST\nTRT: 1:00\nSOURCE: UNIFEED\nRESTRICTIONS: NONE\nLANGUAGES: ENGLISH\nDATELINE: 1 MAY 2024, GOMA\n1. Wide shot, road\n';
// eslint-disable-next-line no-control-regex
const rawControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

/** A file system held in memory: folders map names to children, files hold text; `failing` paths throw. */
function memoryFileSystem(tree: Record<string, string | null>, failing: Record<string, string> = {}): CliFileSystem {
  const fail = (path: string): void => {
    const code = failing[path];
    if (code) {
      throw Object.assign(new Error(`${code}: ${path}`), { code });
    }
  };
  const kind = (path: string): 'file' | 'directory' | null => {
    if (path in tree) {
      return tree[path] === null ? 'directory' : 'file';
    }
    return null;
  };
  const stats = (path: string): Stats => {
    fail(path);
    const found = kind(path);
    if (found === null) {
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    }
    return { isDirectory: () => found === 'directory', isFile: () => found === 'file', size: (tree[path] ?? '').length } as Stats;
  };
  const children = new Map<string, string[]>();
  for (const key of Object.keys(tree)) {
    const slash = key.lastIndexOf('/');
    if (slash > 0) {
      const parent = key.slice(0, slash);
      children.set(parent, [...(children.get(parent) ?? []), key.slice(slash + 1)]);
    }
  }
  return {
    stat: stats,
    readdir: (path) => {
      fail(`readdir:${path}`);
      return (children.get(path) ?? []).map((name) => {
        const child = kind(`${path}/${name}`) ?? 'directory';
        return { name, isDirectory: () => child === 'directory', isFile: () => child === 'file', isSymbolicLink: () => false } as Dirent;
      });
    },
    readFile: (path) => {
      fail(`read:${path}`);
      return new TextEncoder().encode(tree[path] ?? '');
    },
  };
}

suite('cli on hostile input', () => {
  test('`-` reads standard input once, named <stdin>; its BOM is dropped', () => {
    const { code, out, err } = run(['parse', '-', '--json'], { readStdin: () => `\ufeff${shotlist}` });
    assert.deepEqual([code, err], [0, []]);
    const json = JSON.parse(out[0] ?? '') as { file: string; format: string; header: unknown[] };
    assert.deepEqual([json.file, json.format, json.header.length], [stdinName, 'shotlist', 6]);
    const twice = run(['parse', '-', '-', '--json'], { readStdin: () => shotlist });
    assert.equal(twice.out.length, 1);
    const missing = run(['parse', '-']);
    assert.deepEqual([missing.code, missing.err], [2, ['shotlist: <stdin>: cannot read (standard input is not available)']]);
  });

  test('control characters from a transcript or a file name reach the terminal escaped; JSON keeps them exactly', () => {
    const directory = mkdtempSync(join(tmpdir(), 'shotlist-cli-'));
    const name = join(directory, 'clear\u001b[2J\u009b1;31m.txt');
    const evil = shotlist.replace('UN / TEST', 'UN \u001b]0;owned\u0007/ \u001b]52;c;ZWNobyBoaQ==\u0007TEST');
    writeFileSync(name, evil);
    const text = run(['parse', name]);
    assert.equal(text.code, 0);
    for (const line of text.out) {
      assert.ok(!rawControl.test(line), JSON.stringify(line));
    }
    assert.ok(text.out.join('\n').includes('clear\\x1b[2J\\x9b1;31m.txt') && text.out.join('\n').includes('\\x1b]52;c;'));
    const json = run(['parse', name, '--json']);
    const parsed = JSON.parse(json.out[0] ?? '') as { file: string; header: { value: string }[] };
    assert.deepEqual([parsed.file, parsed.header[0]?.value], [name, 'UN \u001b]0;owned\u0007/ \u001b]52;c;ZWNobyBoaQ==\u0007TEST']);
    const quotes = run(['quotes', name, '--format', 'csv']);
    assert.ok(quotes.out.every((line) => !rawControl.test(line.replace(/\r/gu, ''))));
    const missing = run(['parse', join(directory, 'gone\u001b[2J.txt')]);
    assert.ok(!rawControl.test(missing.err.join('')) && missing.err[0]?.includes('gone\\x1b[2J.txt'));
    assert.equal(escapeControlCharacters('tab\tand\nline stay; \u0007\u007f\u0085 do not'), 'tab\tand\nline stay; \\x07\\x7f\\x85 do not');
  });

  test('a FIFO and device files are refused without being opened; the other files are read', () => {
    const directory = mkdtempSync(join(tmpdir(), 'shotlist-cli-'));
    const fifo = join(directory, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    const good = join(directory, 'good.txt');
    writeFileSync(good, shotlist);
    const { code, out, err } = run(['parse', fifo, '/dev/zero', '/dev/null', good, '--json']);
    assert.equal(code, 2);
    assert.deepEqual(err, [
      `shotlist: ${fifo}: not a regular file (a FIFO, socket or device); skipped`,
      'shotlist: /dev/zero: not a regular file (a FIFO, socket or device); skipped',
      'shotlist: /dev/null: not a regular file (a FIFO, socket or device); skipped',
    ]);
    assert.equal(out.length, 1);
  });

  test('a link that loops is one line', () => {
    const directory = mkdtempSync(join(tmpdir(), 'shotlist-cli-'));
    symlinkSync(join(directory, 'b.txt'), join(directory, 'a.txt'));
    symlinkSync(join(directory, 'a.txt'), join(directory, 'b.txt'));
    const { code, err } = run(['parse', join(directory, 'a.txt')]);
    assert.deepEqual([code, err], [2, [`shotlist: ${join(directory, 'a.txt')}: cannot read (too many levels of symbolic links)`]]);
  });

  test('a folder that cannot be read is one line; the rest of the tree is still read', () => {
    const fileSystem = memoryFileSystem({ root: null, 'root/locked': null, 'root/locked/x.txt': shotlist, 'root/open': null, 'root/open/a.txt': shotlist },
      { 'readdir:root/locked': 'EACCES' });
    const { code, out, err } = run(['parse', 'root', '--json'], { fileSystem });
    assert.equal(code, 2);
    assert.deepEqual(err, ['shotlist: root/locked: cannot read this directory (permission denied); skipped']);
    assert.deepEqual(out.map((line) => (JSON.parse(line) as { file: string }).file), ['root/open/a.txt']);
  });

  test('a tree 6,000 folders deep is walked without running out of stack', () => {
    const tree: Record<string, string | null> = {};
    let path = 'deep';
    for (let depth = 0; depth < 6_000; depth++) {
      tree[path] = null;
      path = `${path}/d`;
    }
    tree[path] = null;
    tree[`${path}/story.txt`] = shotlist;
    const { code, out } = run(['parse', 'deep', '--json'], { fileSystem: memoryFileSystem(tree) });
    assert.equal(code, 0);
    assert.equal((JSON.parse(out[0] ?? '') as { format: string }).format, 'shotlist');
  });

  test('a file over the size limit is refused before it is read', () => {
    const fileSystem = memoryFileSystem({ 'big.txt': 'x'.repeat(3000), 'small.txt': shotlist }, { 'read:big.txt': 'EIO' });
    const { code, out, err } = run(['parse', 'big.txt', 'small.txt', '--max-size', '0.002', '--json'], { fileSystem });
    assert.equal(code, 2);
    assert.deepEqual(err, ['shotlist: big.txt: 0.0 MB is over the 0 MB limit (--max-size); skipped']);
    assert.equal(out.length, 1);
    assert.equal(run(['parse', 'small.txt', '--max-size', 'lots'], { fileSystem }).code, 1);
  });

  test('a file whose reading fails is one line naming the file and the error; the others are still read', () => {
    const fileSystem = memoryFileSystem({ 'a.txt': shotlist, 'b.txt': shotlist });
    const parse: CliEnvironment['parse'] = (text, file) => {
      if (file === 'a.txt') {
        throw new RangeError('Maximum call stack size exceeded');
      }
      return runParseForTest(text);
    };
    const { code, out, err } = run(['parse', 'a.txt', 'b.txt', '--json'], { fileSystem, parse });
    assert.equal(code, 2);
    assert.deepEqual(err, ['shotlist: a.txt: could not be processed (RangeError: Maximum call stack size exceeded); skipped']);
    assert.equal(out.length, 1);
  });

  test('the built dist/cli.js reads standard input and sets its exit code', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'shotlist-cli-build-'));
    const outfile = join(directory, 'cli.js');
    await esbuild.build({ entryPoints: [join(repositoryRoot, 'src', 'cli', 'main.ts')], outfile, bundle: true, platform: 'node', format: 'cjs',
      target: 'node20', loader: { '.yaml': 'text' }, logLevel: 'error' });
    const piped = spawnSync(process.execPath, [outfile, 'parse', '-', '--json'], { input: shotlist, encoding: 'utf8' });
    assert.equal(piped.status, 0, piped.stderr);
    assert.equal((JSON.parse(piped.stdout) as { file: string }).file, stdinName);
    const refused = spawnSync(process.execPath, [outfile, 'parse', '/dev/zero'], { encoding: 'utf8' });
    assert.deepEqual([refused.status, refused.stderr.trim()], [2, 'shotlist: /dev/zero: not a regular file (a FIFO, socket or device); skipped']);
  });
});

import { parseTranscript } from '../../src/core/parse';

function runParseForTest(text: string): ReturnType<typeof parseTranscript> {
  return parseTranscript(text);
}
