// `shotlist check`: every finding (the parser's and the checks') with 1-based line and column, JSON
// Lines for several files, the user's severities, and exit code 1 when any finding is an error.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/cli';
import { seedsDirectory } from './helpers';

function run(...argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out, err };
}

const misquoted = [
  'STORY: SOUTH SUDAN / MALAKAL CLINIC', 'TRT: 02:10', 'SOURCE: UNMISS', 'RESTRICTIONS: NONE', 'LANGUAGES: ENGLISH / NATS',
  'DATELINE: 12 FEBRUARY 2026, MALAKAL, SOUTH SUDAN',
  '1. SOUNDBITE (English) Grace Achol-Lindgren, Nurse:',
  '“The mothers walk for three hours to reach us.”',
  'She said “the mothers walk for four hours to reach us.”',
].join('\n');

function misquotedFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'shotlist-check-')), 'malakal.unifeed');
  writeFileSync(file, misquoted);
  return file;
}

suite('cli check', () => {
  test('prints every finding with line, column, severity, code and message, then a count', () => {
    const file = join(seedsDirectory(), '000_e751e5e04960dd4f.txt');
    const { code, out, err } = run('check', file);
    assert.equal(code, 0);
    assert.deepEqual(err, []);
    assert.deepEqual(out, [
      `${file}:49:1: warning shot-number-duplicate: Shot number 2 is already used on line 14, and out of sequence: expected 16.`,
      `${file}:52:1: warning shot-number-duplicate: Shot number 15 is already used on line 47, and out of sequence: expected 16.`,
      `${file}:61:177: warning unclosed-quote: This quote opens with “ but is never closed.`,
      '0 errors, 3 warnings, 0 information, 0 hints in 1 files',
    ]);
  });

  test('a check finding, in JSON, with its end and the soundbite it relates to', () => {
    const { code, out } = run('check', misquotedFile(), '--json');
    assert.equal(code, 0);
    const json = JSON.parse(out[0] ?? '') as { findings: Record<string, unknown>[] };
    assert.deepEqual(json.findings, [{
      code: 'quote-differs', severity: 'warning', line: 9, column: 10, endLine: 9, endColumn: 56,
      message: 'This quote does not match soundbite 1 (Grace Achol-Lindgren, line 7): …for [three → four] hours…',
      related: { line: 7, column: 1 },
    }]);
  });

  test('--severity raises a code to error, and any error makes the exit code 1', () => {
    const file = misquotedFile();
    const raised = run('check', file, '--severity', 'quote-differs=error');
    assert.equal(raised.code, 1);
    assert.match(raised.out[0] ?? '', /:9:10: error quote-differs: /u);
    const off = run('check', file, '--severity=quote-differs=off');
    assert.equal(off.code, 0);
    assert.deepEqual(off.out, ['0 errors, 0 warnings, 0 information, 0 hints in 1 files']);
  });

  test('a bad --severity is a usage error naming what was wrong', () => {
    assert.deepEqual(run('check', misquotedFile(), '--severity', 'quote-differs=loud').err,
      ['shotlist: --severity needs CODE=LEVEL pairs separated by commas (levels: error, warning, information, hint, off), not "quote-differs=loud".']);
    const unknown = run('check', misquotedFile(), '--severity', 'no-such-code=error');
    assert.equal(unknown.code, 1);
    assert.deepEqual(unknown.err, ['shotlist: --severity: unknown code "no-such-code".']);
  });

  test('an unreadable input still gives exit code 2, after the others are checked', () => {
    const { code, out, err } = run('check', '/no/such/file.txt', misquotedFile(), '--severity', 'quote-differs=error');
    assert.equal(code, 2);
    assert.equal(err.length, 1);
    assert.equal(out.length, 2);
  });
});
