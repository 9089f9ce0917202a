// The command line: output shapes (summary, one JSON object, JSON Lines) and error handling.
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/cli';
import { repositoryRoot, seedsDirectory } from './helpers';

function run(...argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out, err };
}

suite('cli parse', () => {
  test('one file with --json prints one JSON object in the public shape', () => {
    const file = join(seedsDirectory(), '000_e751e5e04960dd4f.txt');
    const { code, out, err } = run('parse', file, '--json');
    assert.equal(code, 0);
    assert.deepEqual(err, []);
    assert.equal(out.length, 1);
    const json = JSON.parse(out[0] ?? '') as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), ['file', 'format', 'title', 'header', 'trtSeconds', 'sections', 'shots', 'soundbites', 'turns', 'story', 'quotes', 'diagnostics']);
    assert.equal(json['format'], 'shotlist');
    assert.equal(json['trtSeconds'], 457);
    assert.deepEqual(json['story'], { line: 53 });
    const soundbites = json['soundbites'] as { number: number; line: number; quoteLines: number[] }[];
    assert.deepEqual([soundbites[0]?.number, soundbites[0]?.line, soundbites[0]?.quoteLines], [2, 14, [15, 15]]);
  });

  test('a directory gives JSON Lines, one object per transcript, recursively', () => {
    const directory = mkdtempSync(join(tmpdir(), 'shotlist-cli-'));
    mkdirSync(join(directory, 'nested'));
    writeFileSync(join(directory, 'a.txt'), 'Q: Why?\nA: Because.\nQ: Really?\nA: Yes.\n');
    writeFileSync(join(directory, 'nested', 'b.unifeed'), 'STORY: X\nTRT: 0:10\n1. Wide shot, river\n');
    writeFileSync(join(directory, 'ignored.png'), 'not a transcript');
    const { code, out } = run('parse', directory, '--json');
    assert.equal(code, 0);
    assert.equal(out.length, 2);
    const formats = out.map((line) => (JSON.parse(line) as { format: string }).format);
    assert.deepEqual(formats, ['interview', 'shotlist']);
    assert.ok(out.every((line) => !line.includes('\n')));
  });

  test('a missing file gets one clear line on stderr, exit 2, and the other files are still read', () => {
    const file = join(seedsDirectory(), '004_b749ba6905aa5d11.txt');
    const { code, out, err } = run('parse', '/no/such/transcript.txt', file, '--json');
    assert.equal(code, 2);
    assert.deepEqual(err, ['shotlist: /no/such/transcript.txt: no such file or directory']);
    assert.equal(out.length, 1);
    assert.equal((JSON.parse(out[0] ?? '') as { format: string }).format, 'prose');
  });

  test('a binary file is refused, not parsed', () => {
    const directory = mkdtempSync(join(tmpdir(), 'shotlist-cli-'));
    const binary = join(directory, 'clip.txt');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff]));
    const { code, out, err } = run('parse', binary);
    assert.equal(code, 2);
    assert.deepEqual(out, []);
    assert.match(err[0] ?? '', /clip\.txt: looks like a binary file/u);
  });

  test('the readable summary names the structure and the problems', () => {
    const { code, out } = run('parse', join(seedsDirectory(), '000_e751e5e04960dd4f.txt'));
    assert.equal(code, 0);
    const text = out.join('\n');
    assert.match(text, /17 sections, 17 shots, 8 soundbites, story from line 53/u);
    assert.match(text, /49:1 warning shot-number-duplicate: Shot number 2 is already used on line 14, and out of sequence: expected 16\./u);
    assert.match(text, /61:\d+ warning unclosed-quote/u);
  });

  test('usage errors exit 1', () => {
    assert.equal(run('parse').code, 1);
    assert.equal(run('frobnicate').code, 1);
    assert.equal(run('parse', 'x.txt', '--yaml').code, 1);
    assert.equal(run('--help').code, 0);
  });
});

suite('cli quotes', () => {
  const seed000 = (): string => join(seedsDirectory(), '000_e751e5e04960dd4f.txt');

  test('prints every soundbite in the wire style by default', () => {
    const { code, out, err } = run('quotes', seed000());
    assert.equal(code, 0);
    assert.deepEqual(err, []);
    const quotes = (out[0] ?? '').split('\n\n');
    assert.equal(quotes.length, 8);
    assert.ok(quotes[0]?.startsWith('“We\'re on the way to completing this drawdown'));
    assert.ok(quotes[0]?.endsWith('do more,” said Jean-Pierre Lacroix, Under-Secretary-General for Peace Operations, United Nations.'));
  });

  test('--format json gives one array for all the files; --format csv one header row', () => {
    const files = [seed000(), join(seedsDirectory(), '001_14562a544e8f9c57.txt')];
    const json = run('quotes', ...files, '--format', 'json');
    assert.equal(json.code, 0);
    const items = JSON.parse(json.out.join('\n')) as { kind: string; speaker: string; line: number }[];
    assert.equal(items.length, 13);
    assert.deepEqual([items[0]?.kind, items[0]?.line, items[8]?.kind, items[8]?.speaker], ['soundbite', 15, 'turn', 'Jean-Pierre Lacroix']);
    const csv = run('quotes', ...files, '--format=csv', '--style', 'citation');
    assert.equal(csv.out.join('\n').match(/^quote,speaker,/gmu)?.length, 1);
  });

  test('--template and --straight; a bad template is a usage error naming the field', () => {
    const { code, out } = run('quotes', seed000(), '--template', '{shot}: "{quote}" ({speaker})', '--straight');
    assert.equal(code, 0);
    assert.ok(out[0]?.startsWith('2: "We\'re on the way'));
    const bad = run('quotes', seed000(), '--template', '{quote} {speeker}');
    assert.equal(bad.code, 1);
    assert.deepEqual(bad.out, []);
    assert.match(bad.err[0] ?? '', /Unknown field "\{speeker\}" at position 8/u);
  });

  test('same file rules as parse: a missing file is reported, exit 2, the others still quoted', () => {
    const { code, out, err } = run('quotes', '/no/such/transcript.txt', seed000(), '--format', 'md');
    assert.equal(code, 2);
    assert.deepEqual(err, ['shotlist: /no/such/transcript.txt: no such file or directory']);
    assert.match(out[0] ?? '', /^# Quotes\n\n## UN \/ PEACEKEEPING LACROIX INTERVIEW\n\n> We're on the way/u);
  });

  test('usage errors exit 1', () => {
    assert.equal(run('quotes').code, 1);
    assert.equal(run('quotes', seed000(), '--style', 'tabloid').code, 1);
    assert.equal(run('quotes', seed000(), '--style', 'wire', '--template', '{quote}').code, 1);
    assert.equal(run('quotes', seed000(), '--format', 'xml').code, 1);
    assert.equal(run('quotes', seed000(), '--style').code, 1);
    assert.equal(run('quotes', seed000(), '--json').code, 1);
  });
});

suite('cli reads Markdown transcripts with the Markdown parser', () => {
  test('bold speaker labels in a .md file are turns, as in the editor', () => {
    const out: string[] = [];
    const code = runCli(['parse', join(repositoryRoot, 'test', 'fixtures', 'markdown', 'bold_labels.md'), '--json'], { out: (text) => out.push(text), err: () => undefined });
    assert.equal(code, 0);
    const json = JSON.parse(out[0] ?? '') as { format: string; turns: { speaker: string | null }[] };
    assert.equal(json.format, 'interview');
    assert.ok(json.turns.length >= 2);
    assert.ok(json.turns.every((turn) => turn.speaker === null || !turn.speaker.includes('*')), 'labels carry no Markdown markup');
  });
});

suite('cli entities', () => {
  // dist/cli.js embeds the knowledge base (cliMain.ts); under tsx the test reads it and passes it in.
  const bundledKnowledge = readFileSync(join(repositoryRoot, 'src', 'core', 'kb', 'bundled.yaml'), 'utf8');
  const entities = (...argv: string[]): { code: number; out: string[]; err: string[] } => {
    const out: string[] = [];
    const err: string[] = [];
    const code = runCli(['entities', ...argv], { out: (text) => out.push(text), err: (text) => err.push(text) }, { bundledKnowledge });
    return { code, out, err };
  };

  test('--json lists every mention with id, type, 1-based line and column, and the text', () => {
    const { code, out, err } = entities(join(seedsDirectory(), '003_18c4663f6ef51ebb.txt'), '--json');
    assert.equal(code, 0);
    assert.deepEqual(err, []);
    const json = JSON.parse(out[0] ?? '') as { file: string; mentions: { id: string; type: string; line: number; column: number; text: string }[] };
    assert.deepEqual(Object.keys(json.mentions[0] ?? {}), ['id', 'type', 'line', 'column', 'text']);
    assert.ok(json.mentions.some((m) => m.id === 'monusco' && m.text === 'la MONUSCO' && m.line === 61 && m.column === 92));
  });

  test('the summary prints one line a mention; several files give JSON Lines; a missing file exits 2', () => {
    const directory = mkdtempSync(join(tmpdir(), 'shotlist-entities-'));
    writeFileSync(join(directory, 'a.txt'), 'MINUSMA left Mali.\nNot minusma, nor MINUSMAS.\n');
    writeFileSync(join(directory, 'b.txt'), 'Nothing here.\n');
    const summary = entities(join(directory, 'a.txt'));
    assert.deepEqual(summary.out, [`${join(directory, 'a.txt')}: 1 mentions`, '  1:1  minusma (peacekeeping-operation)  MINUSMA']);
    const lines = entities(directory, '--json');
    assert.equal(lines.out.length, 2);
    assert.deepEqual((JSON.parse(lines.out[1] ?? '') as { mentions: unknown[] }).mentions, []);
    const missing = entities(join(directory, 'nope.txt'), join(directory, 'a.txt'));
    assert.equal(missing.code, 2);
    assert.equal(missing.out.length, 2);
  });

  test('without a bundled knowledge base it is an error, not a crash', () => {
    const err: string[] = [];
    assert.equal(runCli(['entities', 'x.txt'], { out: () => undefined, err: (text) => err.push(text) }), 1);
    assert.match(err[0] ?? '', /no bundled knowledge base/);
  });
});
