// Mentions of a long document in steps: findMentionsSteps reads windows of the text, never the whole,
// and must always give what matching the whole text in one call gives (next mention, the list of
// mentions and Find All References rely on it in a 50 MB archive).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadKnowledgeBase } from '../../src/core/kb/load';
import { createMatcher, createMatcherSteps, type Mention } from '../../src/core/kb/match';
import { findMentionsSteps, locateMentions, locateMentionsSteps } from '../../src/core/kb/mentions';
import { LineTable } from '../../src/core/text/lineTable';
import { ChunkedText, type TextSource } from '../../src/core/text/chunkedText';
import { runToEnd } from '../../src/core/util/steps';
import { readSeed, repositoryRoot, stepThrough } from './helpers';

const bundled = loadKnowledgeBase(readFileSync(join(repositoryRoot, 'src', 'core', 'kb', 'bundled.yaml'), 'utf8'), 'bundled');
const matcher = createMatcher(bundled.entries);

/** The mentions in steps, and how many steps and characters read it took. */
function inSteps(text: TextSource, stepChars: number): { mentions: Mention[]; steps: number; read: number } {
  let read = 0;
  const counted: TextSource = {
    length: text.length,
    slice(start: number, end: number): string {
      const slice = text.slice(start, end);
      read += slice.length;
      return slice;
    },
  };
  const { value, steps } = stepThrough(findMentionsSteps(matcher, counted, stepChars));
  return { mentions: value, steps, read };
}

suite('knowledge mentions in steps', () => {
  test('the knowledge compiles in steps, and two compilations taken in turns give the matcher of one call', () => {
    const forms = bundled.entries.reduce((sum, e) => sum + e.names.length + e.aliases.length + e.acronyms.length, 0);
    const first = createMatcherSteps(bundled.entries);
    const second = createMatcherSteps([...bundled.entries].reverse());
    let steps = 0;
    let a = first.next();
    let b = second.next();
    while (!a.done || !b.done) {
      steps++;
      a = a.done ? a : first.next();
      b = b.done ? b : second.next();
    }
    assert.ok(steps >= Math.floor(forms / 32), `${forms} forms in ${steps} steps`);
    assert.ok(a.done && b.done);
    const text = readSeed('000_e751e5e04960dd4f.txt');
    const expected = matcher.find(text).map((m) => [m.id, m.start, m.end]);
    assert.ok(expected.length > 5);
    assert.deepEqual(a.value.find(text).map((m) => [m.id, m.start, m.end]), expected);
    // The reversed order only changes which of two entries sharing a form comes first.
    assert.deepEqual(b.value.find(text).map((m) => [m.start, m.end]), expected.map(([, start, end]) => [start, end]));
  });

  test('the real seeds in steps of every size give the mentions of one pass', () => {
    for (const name of ['000_e751e5e04960dd4f.txt', '001_14562a544e8f9c57.txt', '003_18c4663f6ef51ebb.txt']) {
      const text = readSeed(name);
      const whole = matcher.find(text);
      assert.ok(whole.length > 0, `${name} has mentions`);
      for (const stepChars of [1, 7, 80, 500, 4096, 1e9]) {
        assert.deepEqual(inSteps(text, stepChars).mentions, whole, `${name} in steps of ${stepChars}`);
      }
    }
  });

  test('a name across a line break, and across a long run of white space, is found whole', () => {
    const across = `Briefing.\nJean-Pierre\nLacroix said so.\n${'x '.repeat(50)}\nJean-Pierre${' '.repeat(20_000)}\n${' '.repeat(9000)}Lacroix spoke.\n`;
    const whole = matcher.find(across);
    assert.equal(whole.filter((mention) => mention.text.startsWith('Jean-Pierre') && mention.text.endsWith('Lacroix')).length, 2);
    for (const stepChars of [1, 10, 64, 1000]) {
      assert.deepEqual(inSteps(across, stepChars).mentions, whole, `steps of ${stepChars}`);
    }
  });

  test('a window that would end inside a name reaches further: white space, then a few letters of the name, at every length', () => {
    // With steps of one line, a step ends after `Jean-Pierre` and its window 4,096 characters later.
    for (let spaces = 4070; spaces <= 4100; spaces++) {
      const text = `Jean-Pierre\n${' '.repeat(spaces)}Lacroix said.\nMONUSCO\n`;
      const whole = matcher.find(text);
      assert.equal(whole[0]?.end, 12 + spaces + 'Lacroix'.length, 'the whole name is one mention');
      assert.deepEqual(inSteps(text, 1).mentions, whole, `${spaces} spaces`);
    }
  });

  test('a name across every line break is read once: each step goes on from the end of the last mention', () => {
    const text = 'Lacroix and Jean-Pierre\n'.repeat(4000);
    const whole = matcher.find(text);
    assert.ok(whole.filter((mention) => mention.text.includes('\n')).length > 3000, 'names across line breaks');
    const stepped = inSteps(text, 4096);
    assert.deepEqual(stepped.mentions, whole);
    assert.ok(stepped.steps > 10, `${stepped.steps} steps`);
    assert.ok(stepped.read < text.length * 4, `read ${stepped.read} characters of ${text.length}`);
  });

  test('a long text is read a window at a time, about once, whatever it holds', () => {
    const stepChars = 16_384;
    const archive = Array.from({ length: 4000 }, (_, index) => `STORY: UN / STORY ${index}\nSOURCE: UNIFEED / UNMISS\nThe Secretary-General António Guterres met MONUSCO officials.\n`).join('');
    const prose = inSteps(archive, stepChars);
    assert.deepEqual(prose.mentions, matcher.find(archive));
    assert.ok(prose.steps >= archive.length / stepChars, `${prose.steps} steps for ${archive.length} characters`);
    // Each step reads its own text, as much again past its end at most, and a few KB to find its last line break.
    assert.ok(prose.read < archive.length * 2, `read ${prose.read} characters of ${archive.length}`);
    // White space only (hostile): the steps take the runs in, and the reading stays linear.
    const blank = ' '.repeat(2_000_000);
    const spaces = inSteps(blank, stepChars);
    assert.deepEqual(spaces.mentions, []);
    assert.ok(spaces.read < blank.length * 4, `read ${spaces.read} characters of ${blank.length}`);
    // Text with no ASCII at all: each character still counts towards the end of a walk.
    const cjk = '联合国维和行动\n'.repeat(100_000);
    const wide = inSteps(cjk, stepChars);
    assert.deepEqual(wide.mentions, matcher.find(cjk));
    assert.ok(wide.read < cjk.length * 3, `read ${wide.read} characters of ${cjk.length}`);
  });

  test('property: texts of knowledge names, white space, accents and line breaks, as strings or in pieces', () => {
    const names = bundled.entries.flatMap((entry) => [...entry.names, ...entry.acronyms, ...entry.aliases]).slice(0, 400);
    const fillers = ['  ', '\t', '\u00a0', '\n', '\r\n', '\r', ', ', 'la ', 'de ', 'resolution ', '2719', 'S/RES/', '-', 'x', 'é', 'e\u0301', '\u0301', '“', '”', '中'];
    const pieces = fc.oneof(fc.constantFrom(...names), fc.constantFrom(...fillers), fc.constantFrom(' '.repeat(300), '\n'.repeat(40)));
    fc.assert(fc.property(fc.array(pieces, { maxLength: 120 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 300 }),
      (words, stepChars, pieceChars) => {
        const text = words.map((word, index) => (index % 3 === 2 ? `${word}\n` : `${word} `)).join('');
        const whole = matcher.find(text);
        assert.deepEqual(inSteps(text, stepChars).mentions, whole, `steps of ${stepChars}`);
        const inPieces: string[] = [];
        for (let at = 0; at < text.length; at += pieceChars) {
          inPieces.push(text.slice(at, at + pieceChars));
        }
        assert.deepEqual(inSteps(ChunkedText.fromPieces(inPieces), stepChars).mentions, whole, `pieces of ${pieceChars}, steps of ${stepChars}`);
      }), { numRuns: 300 });
  });

  test('property: mentions are placed on the lines and characters a line table gives, CR, LF and CRLF alike', () => {
    const pieces = fc.constantFrom('a', 'bc', ' ', '\n', '\r', '\r\n', '\r\n\r\n', 'é');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 80 }), fc.array(fc.nat(), { maxLength: 12 }), (parts, cuts) => {
      const text = parts.join('');
      const offsets = cuts.map((cut) => cut % (text.length + 1)).sort((a, b) => a - b);
      const mentions: Mention[] = [];
      for (let index = 0; index + 1 < offsets.length; index += 2) {
        mentions.push({ id: 'x', type: 'official', start: offsets[index] ?? 0, end: offsets[index + 1] ?? 0, text: 'x' });
      }
      const table = new LineTable(text);
      assert.deepEqual(locateMentions(text, mentions), mentions.map((mention) => {
        const from = table.positionAt(mention.start);
        const to = table.positionAt(mention.end);
        return { id: 'x', start: mention.start, end: mention.end, startLine: from.line, startCharacter: from.character, endLine: to.line, endCharacter: to.character };
      }));
    }), { numRuns: 500 });
  });

  test('a long text is placed in steps', () => {
    const text = 'MONUSCO\n'.repeat(40_000);
    const mentions = matcher.find(text);
    const { value, steps } = stepThrough(locateMentionsSteps(text, mentions));
    assert.ok(steps > 3, `${steps} steps`);
    assert.deepEqual(value.at(-1), { id: mentions.at(-1)?.id, start: text.length - 8, end: text.length - 1, startLine: 39_999, startCharacter: 0, endLine: 39_999, endCharacter: 7 });
  });

  test('runToEnd gives the same list', () => {
    const text = readSeed('000_e751e5e04960dd4f.txt');
    assert.deepEqual(runToEnd(findMentionsSteps(matcher, text, 100)), matcher.find(text));
  });
});
