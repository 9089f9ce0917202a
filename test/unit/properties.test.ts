// Properties that must hold for any input: the parser never throws, every range lies inside the
// document, and every line belongs to exactly one block.
import fc from 'fast-check';
import { parseTranscript } from '../../src/core/parse';
import { checkInvariants } from '../fuzz/invariants';
import { readFixture, readSeed } from './helpers';

const fragments = [
  'STORY: UN / TEST', 'TRT: 1:00', 'TRT: ', 'SOURCE: UNIFEED', 'RESTRICTIONS: NONE', 'LANGUAGES: ENGLISH / NATS',
  'DATELINE: 1 MAY 2025, BOR / FILE', 'DATELINE: ', 'SHOTLIST', 'STORYLINE', 'FILE - UNMISS - BOR', 'RECENT - ', '1 MAY 2025, BOR',
  '1. Wide shot, river', '2 Med shot', '3.', '99999. Wide', 'SOUNDBITE (English) A, B:', '4. SOUNDBITE (', '5. SOUNDBITE (x) :“',
  '“', '”', '"', '«', '»', '“quote', 'quote”', '— answer', 'Q: why?', 'A: because', 'UN News: ok?', '00:12 caption', '*  *  *',
  'Download', 'Credit: X', '', ' ', '\t', '\u00a0', '\ufeff', 'é', '😀', ':', '(', ')', '[', ']', ' / ', ' - ', ',:',
];

const transcriptLike = fc
  .array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 20 })), { maxLength: 40 })
  .chain((parts) => fc.tuple(fc.constant(parts), fc.array(fc.constantFrom('\n', '\r\n', '\r', ' ', ''), { minLength: parts.length, maxLength: parts.length })))
  .map(([parts, joins]) => parts.map((part, index) => part + (joins[index] ?? '')).join(''));

suite('parser properties', () => {
  test('random transcript-like text: never throws, ranges inside, every line covered', () => {
    fc.assert(fc.property(transcriptLike, (text) => checkInvariants(text, parseTranscript(text))), { numRuns: 600 });
  });

  test('arbitrary strings, also read as each forced format', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom(undefined, 'shotlist', 'interview', 'prose'), (text, format) => {
      checkInvariants(text, parseTranscript(text, format ? { format } : {}));
    }), { numRuns: 400 });
  });

  test('mutated real documents: deleted, duplicated and swapped lines', () => {
    const sources = ['000_e751e5e04960dd4f.txt', '001_14562a544e8f9c57.txt', '003_18c4663f6ef51ebb.txt', '004_b749ba6905aa5d11.txt']
      .map((name) => readSeed(name).split('\n'))
      .concat([readFixture('shotlists/soundbite_variants.txt').split('\n'), readFixture('shotlists/numbering_errors.txt').split('\n')]);
    const mutation = fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.constantFrom('delete', 'duplicate', 'swap', 'truncate', 'strip-marks'));
    fc.assert(fc.property(fc.nat(sources.length - 1), fc.array(mutation, { maxLength: 8 }), (which, mutations) => {
      const docLines = [...(sources[which] ?? [])];
      for (const [a, b, c, kind] of mutations) {
        const i = a % docLines.length;
        const j = b % docLines.length;
        const line = docLines[i] ?? '';
        if (kind === 'delete') {
          docLines.splice(i, 1);
        } else if (kind === 'duplicate') {
          docLines.splice(j, 0, line);
        } else if (kind === 'swap') {
          docLines[i] = docLines[j] ?? '';
          docLines[j] = line;
        } else if (kind === 'truncate') {
          docLines[i] = line.slice(0, c % (line.length + 1));
        } else {
          docLines[i] = line.replace(/[“”"]/gu, '');
        }
        if (docLines.length === 0) {
          docLines.push('');
        }
      }
      const text = docLines.join('\n');
      checkInvariants(text, parseTranscript(text));
    }), { numRuns: 300 });
  });

  test('the real seeds and every fixture satisfy the invariants', () => {
    for (const name of ['000_e751e5e04960dd4f.txt', '001_14562a544e8f9c57.txt', '002_7dd2ed208037229b.txt', '003_18c4663f6ef51ebb.txt', '004_b749ba6905aa5d11.txt']) {
      const text = readSeed(name);
      checkInvariants(text, parseTranscript(text));
    }
  });
});
