// Synthetic fixtures against expectations written by hand from the format rules (test/fixtures/expected),
// independently of the parser: a disagreement here is a real finding, not a snapshot to refresh.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toContractJson, type ContractJson } from '../../src/cli/contractJson';
import { parseTranscript } from '../../src/core/parse';
import { readFixture, repositoryRoot } from './helpers';

interface Expected {
  format: string;
  header?: { field: string; value: string; line: number }[];
  trtSeconds?: number | null;
  sections?: { kind: string; text: string; line: number }[];
  shots?: { number: number | null; line: number; soundbite: boolean }[];
  soundbites?: Partial<ContractJson['soundbites'][number]>[];
  turns?: { speaker: string | null; role: string; line: number }[];
  story?: { line: number } | null;
  quotes?: { line: number; lastLine: number; closed: boolean }[];
  diagnostics?: { line: number; code: string }[];
  diagnosticsComplete?: boolean;
}

const expectedDirectory = join(repositoryRoot, 'test', 'fixtures', 'expected');
const expectations = readdirSync(expectedDirectory).filter((name) => name.endsWith('.json')).sort();

/** Keeps only the keys the expectation names, so hand-written expectations may be partial. */
function pick<T extends object>(actual: T, expected: object): Partial<T> {
  const picked: Partial<T> = {};
  for (const key of Object.keys(expected) as (keyof T)[]) {
    picked[key] = actual[key];
  }
  return picked;
}

suite('synthetic fixtures match their hand-written expectations', () => {
  test('there are fixtures to check', () => {
    assert.ok(expectations.length >= 15, `only ${expectations.length} expectation files`);
  });

  for (const name of expectations) {
    const fixture = name.replace(/\.json$/u, '').replace(/__/gu, '/');
    const expected = JSON.parse(readFileSync(join(expectedDirectory, name), 'utf8')) as Expected;
    test(fixture, () => {
      const actual = toContractJson(parseTranscript(readFixture(fixture)), fixture);
      assert.equal(actual.format, expected.format, 'format');
      if (expected.header) {
        assert.deepEqual(actual.header, expected.header, 'header');
      }
      if (expected.trtSeconds !== undefined) {
        assert.equal(actual.trtSeconds, expected.trtSeconds, 'trtSeconds');
      }
      if (expected.sections) {
        assert.deepEqual(actual.sections, expected.sections, 'sections');
      }
      if (expected.shots) {
        assert.deepEqual(actual.shots.map((shot, index) => pick(shot, expected.shots?.[index] ?? shot)), expected.shots, 'shots');
      }
      if (expected.soundbites) {
        assert.deepEqual(actual.soundbites.map((soundbite, index) => pick(soundbite, expected.soundbites?.[index] ?? soundbite)), expected.soundbites, 'soundbites');
      }
      if (expected.turns) {
        assert.deepEqual(actual.turns.map((turn, index) => pick(turn, expected.turns?.[index] ?? turn)), expected.turns, 'turns');
      }
      if (expected.story !== undefined) {
        assert.deepEqual(actual.story, expected.story, 'story');
      }
      if (expected.quotes) {
        assert.deepEqual(actual.quotes.map((quote, index) => pick(quote, expected.quotes?.[index] ?? quote)), expected.quotes, 'quotes');
      }
      if (expected.diagnostics) {
        const found = actual.diagnostics.map((diagnostic) => `${diagnostic.line}:${diagnostic.code}`);
        const wanted = expected.diagnostics.map((diagnostic) => `${diagnostic.line}:${diagnostic.code}`);
        if (expected.diagnosticsComplete) {
          assert.deepEqual([...found].sort(), [...wanted].sort(), 'diagnostics');
        } else {
          for (const item of wanted) {
            assert.ok(found.includes(item), `missing diagnostic ${item}; found ${found.join(', ')}`);
          }
        }
      }
    });
  }
});
