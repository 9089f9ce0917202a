// Mentions after an edit: updateMentions re-reads only the lines around the edit, and must always
// give what matching the whole new text gives (hovers, counts and Find All References rely on it).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { loadKnowledgeBase } from '../../src/core/kb/load';
import { createMatcher, type EntityMatcher, type Mention } from '../../src/core/kb/match';
import { updateMentions } from '../../src/core/kb/mentions';
import { readSeed, repositoryRoot } from './helpers';

const bundled = loadKnowledgeBase(readFileSync(join(repositoryRoot, 'src', 'core', 'kb', 'bundled.yaml'), 'utf8'), 'bundled');
const matcher = createMatcher(bundled.entries);

/** A matcher that counts how many characters it was asked to scan. */
function counting(inner: EntityMatcher): { matcher: EntityMatcher; scanned: () => number } {
  let scanned = 0;
  return {
    matcher: {
      walksEndWithin: (text: string, offset: number): boolean => inner.walksEndWithin(text, offset),
      find(text: string, from = 0, until = text.length): Mention[] {
        scanned += Math.min(until, text.length) - from;
        return inner.find(text, from, until);
      },
    },
    scanned: () => scanned,
  };
}

function edited(text: string, start: number, oldEnd: number, inserted: string): { text: string; edit: { start: number; oldEnd: number; newEnd: number } } {
  return { text: text.slice(0, start) + inserted + text.slice(oldEnd), edit: { start, oldEnd, newEnd: start + inserted.length } };
}

suite('knowledge mentions after an edit', () => {
  const story = [
    'STORY: UN / MINUSMA WITHDRAWAL',
    'SOURCE: UNIFEED',
    '1. SOUNDBITE (English) Jean-Pierre Lacroix, Under-Secretary-General for Peace Operations:',
    '“MINUSMA leaves Mali after ten years; la MONUSCO and UNMISS continue under resolution 2719.”',
    'The Security Council welcomed the report of the Secretary-General António Guterres.',
    '',
  ].join('\n');
  const archive = Array.from({ length: 200 }, () => story).join('\n');

  test('an edit in the middle re-reads a few lines and moves the rest', () => {
    const previous = matcher.find(archive);
    const at = archive.indexOf('MINUSMA leaves', archive.length / 2);
    const { text, edit } = edited(archive, at, at + 'MINUSMA'.length, 'UNMISS');
    const scan = counting(matcher);
    const updated = updateMentions(scan.matcher, previous, text, edit);
    assert.deepEqual(updated, matcher.find(text));
    assert.equal(updated.length, previous.length);
    assert.equal(updated.filter((mention) => mention.id === 'minusma').length, previous.filter((mention) => mention.id === 'minusma').length - 1);
    // A few lines around the edit, not the archive.
    assert.ok(scan.scanned() < 1000, `scanned ${scan.scanned()} characters of ${text.length}`);
  });

  test('mentions kept across edits do not keep earlier versions of the text alive', () => {
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    // About 4 MB per version; every edit finds one long name again near the edit.
    let text = Array.from({ length: 5000 }, () => story).join('\n');
    let mentions = matcher.find(text);
    collect();
    const before = process.memoryUsage().heapUsed;
    for (let version = 0; version < 25; version++) {
      const at = text.indexOf('Jean-Pierre Lacroix', Math.floor((text.length * (version + 1)) / 27));
      const next = edited(text, at, at + 1, 'J');
      const flat = ` ${next.text}`.slice(1);
      mentions = updateMentions(matcher, mentions, flat, next.edit);
      text = flat;
    }
    collect();
    const grown = (process.memoryUsage().heapUsed - before) / (1024 * 1024);
    assert.ok(mentions.some((mention) => mention.text === 'Jean-Pierre Lacroix'));
    assert.ok(grown < 15, `the heap grew by ${grown.toFixed(0)} MB over 25 edits`);
  });

  test('a name split over two lines by the edit is found whole, as a full match finds it', () => {
    const text = 'Remarks by Jean-Pierre Lacroix today.\nMore text.\n';
    const previous = matcher.find(text);
    const at = text.indexOf(' Lacroix');
    const split = edited(text, at, at + 1, '\n');
    assert.deepEqual(updateMentions(matcher, previous, split.text, split.edit), matcher.find(split.text));
  });

  test('property: random edits of texts made of the seeds and knowledge names', () => {
    const names = bundled.entries.flatMap((entry) => [...entry.names, ...entry.acronyms, ...entry.aliases]).slice(0, 400);
    const seeds = ['000_e751e5e04960dd4f.txt', '001_14562a544e8f9c57.txt', '003_18c4663f6ef51ebb.txt'].map(readSeed);
    const pieces = fc.oneof(fc.constantFrom(...names), fc.constantFrom(' ', '\n', '\r\n', ', ', 'la ', 'resolution ', '2719', 'S/RES/', '-', 'x'));
    const step = fc.record({ at: fc.nat(), length: fc.oneof(fc.nat({ max: 4 }), fc.nat({ max: 300 })), inserted: fc.array(pieces, { maxLength: 4 }) });
    fc.assert(fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(pieces, { maxLength: 60 }), fc.array(step, { minLength: 1, maxLength: 8 }),
      (seed, words, steps) => {
        let text = `${words.join(' ')}\n${seeds[seed] ?? ''}\n${words.reverse().join('\n')}`;
        let mentions = matcher.find(text);
        for (const { at, length, inserted } of steps) {
          const start = at % (text.length + 1);
          const next = edited(text, start, Math.min(text.length, start + length), inserted.join(''));
          mentions = updateMentions(matcher, mentions, next.text, next.edit);
          assert.deepEqual(mentions, matcher.find(next.text), `edit at ${start}`);
          text = next.text;
        }
      }), { numRuns: 200 });
  });
});
