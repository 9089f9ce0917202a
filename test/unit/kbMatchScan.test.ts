// The matcher's scan passes over most of a text without walking the trie: inside words, at ASCII
// characters and pairs that no form starts with (tables built from the trie). These tests pin what
// those shortcuts must never change: every form is still found wherever a whole word may start.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadKnowledgeBase } from '../../src/core/kb/load';
import { createMatcher, type Mention } from '../../src/core/kb/match';
import type { KbEntry } from '../../src/core/kb/model';
import { repositoryRoot } from './helpers';

const bundled = loadKnowledgeBase(readFileSync(join(repositoryRoot, 'src', 'core', 'kb', 'bundled.yaml'), 'utf8'), 'bundled').entries;
const matcher = createMatcher(bundled);

function entry(id: string, fields: Partial<KbEntry>): KbEntry {
  return { id, type: 'initiative', names: [], acronyms: [], aliases: [], sources: [], origin: 'test', ...fields };
}

const spans = (mentions: readonly Mention[]): [string, number, number][] => mentions.map((m) => [m.id, m.start, m.end]);

suite('knowledge base: matching, the scan', () => {
  test('every form of every bundled entry is found alone, after a space, after punctuation and after a non-ASCII word', () => {
    for (const e of bundled) {
      for (const form of [...e.names, ...e.aliases, ...e.acronyms]) {
        for (const before of ['', 'x ', '(', '—', 'été ', '“']) {
          const found = matcher.find(`${before}${form}.`);
          assert.ok(found.some((m) => m.start === before.length && m.end === before.length + form.length), `${e.id}: ${JSON.stringify(before + form)}`);
        }
      }
    }
  });

  test('no mention starts inside a word, whether the word before is ASCII, accented or just matched', () => {
    assert.deepEqual(matcher.find('xUNIFIL éUNIFIL étéUNIFIL ŒUNIFIL 2UNIFIL'), []);
    assert.deepEqual(spans(matcher.find('UNIFIL UNIFILUNIFIL UNIFIL')), [['unifil', 0, 6], ['unifil', 20, 26]]);
    // After a mention ending in a non-word character, the next word may start at once.
    const e = [entry('c', { acronyms: ['C++'] }), entry('u', { acronyms: ['UNX'] })];
    assert.deepEqual(spans(createMatcher(e).find('C++UNX C++ UNX')), [['c', 0, 3], ['u', 3, 6], ['c', 7, 10], ['u', 11, 14]]);
  });

  test('one-character forms, forms at the very end, and forms whose second character is not ASCII', () => {
    const m = createMatcher([entry('x', { acronyms: ['X'] }), entry('o', { names: ['Œuvre'] }), entry('l', { aliases: ['l’ONUX'] }), entry('u', { acronyms: ['UN'] })]);
    assert.deepEqual(spans(m.find('X marks, Xa, X. (X) X')), [['x', 0, 1], ['x', 13, 14], ['x', 17, 18], ['x', 20, 21]]);
    assert.deepEqual(spans(m.find('une œuvre, l’ONUX, l\'ONUX, UN')), [['o', 4, 9], ['l', 11, 17], ['l', 19, 25], ['u', 27, 29]]);
    assert.deepEqual(spans(m.find('U')), []);
  });

  test('generated texts: the mentions are exactly those found by trying every position where a word may start', () => {
    const forms = bundled.slice(0, 40).flatMap((e) => [...e.names, ...e.acronyms]);
    const piece = fc.oneof(fc.constantFrom(...forms), fc.constantFrom(' ', '  ', '\n', ', ', '(', 'é', 'the', 'x', 'Un', 'l’', '“', '2'), fc.string({ maxLength: 3 }));
    const isWord = (char: string | undefined): boolean => char !== undefined && /[\p{L}\p{N}\p{M}]/u.test(char);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        // The slow way: at each position not inside a word, ask for a mention starting exactly there.
        const expected: [string, number, number][] = [];
        let i = 0;
        while (i < text.length) {
          const inside = i > 0 && isWord(text[i - 1]) && isWord(text[i]);
          const first = inside ? undefined : matcher.find(text.slice(i)).find((m) => m.start === 0);
          if (first) {
            expected.push([first.id, i, i + first.end]);
            i += first.end;
          } else {
            i++;
          }
        }
        assert.deepEqual(spans(matcher.find(text)), expected, JSON.stringify(text));
      }),
      { numRuns: 800 },
    );
  });
});
