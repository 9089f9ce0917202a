// The parse keeps what it found in columns and builds records when a list is first read (for the
// parser's speed target). These tests pin what that must not change: reading gives the same records every
// time, header problems are reported without the headers being read, and the check made during the
// parse agrees with the header read later.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { IntColumn } from '../../src/core/parse/store/columns';
import { parseTranscript } from '../../src/core/parse';
import { lines } from './helpers';

const story = lines(
  'STORY: UN / FICTIONAL HARBOUR',
  'TRT: 1:20',
  'SOURCE: UNIFEED',
  'RESTRICTIONS: NONE',
  'LANGUAGES: ENGLISH / NATS',
  'DATELINE: 3 MARCH 2026, PORT ALDER, VALDORIA',
  'SHOTLIST',
  'FILE - UNVAL - PORT ALDER, VALDORIA',
  '1. Wide shot, harbour at dawn.',
  '2. SOUNDBITE (English) Ines Marlow, Harbour Master:',
  '“The ferries run again.”',
  '3. Close up, a ferry ticket.',
  'STORYLINE',
  'Ferries returned to Port Alder. The harbour master said, “We are open.”',
);

suite('parser store: columns, and records built when read', () => {
  test('a column keeps every value past its first capacity', () => {
    const column = new IntColumn(2);
    for (let value = 0; value < 1000; value++) {
      assert.equal(column.push(value * 3 - 7), value);
    }
    column.set(500, 42);
    assert.equal(column.length, 1000);
    assert.equal(column.get(0), -7);
    assert.equal(column.get(500), 42);
    assert.equal(column.get(999), 999 * 3 - 7);
  });

  test('every list is built once: reading it again gives the same records', () => {
    const document = parseTranscript(story);
    for (const list of ['headers', 'headings', 'sections', 'shots', 'soundbites', 'stories', 'diagnostics', 'chrome'] as const) {
      assert.equal(document[list], document[list], list);
    }
    assert.equal(document.header, document.headers[0]);
    assert.equal(document.story, document.stories[0]);
    const soundbite = document.soundbites[0];
    assert.ok(soundbite?.quote);
    assert.equal(soundbite.quote, soundbite.quote);
    assert.equal(soundbite.quote.text, 'The ferries run again.');
    assert.equal(document.stories[0]?.quotes, document.stories[0]?.quotes);
    assert.deepEqual(document.sections[0]?.shotIndexes, [0, 1, 2]);
    assert.deepEqual(document.shots.map((shot) => shot.sectionIndex), [0, 0, 0]);
  });

  test('header problems are found during the parse, before anyone reads the headers', () => {
    const broken = story.replace('TRT: 1:20', 'TRT: about a minute').replace('DATELINE: 3 MARCH 2026, ', 'DATELINE: ').replace('SOURCE: UNIFEED\n', '');
    const document = parseTranscript(broken);
    assert.deepEqual(document.diagnostics.map((diagnostic) => diagnostic.code), ['header-missing-field', 'trt-format', 'dateline-format']);
    assert.equal(document.header?.trtSeconds, null);
    assert.equal(document.header?.dateline?.places[0]?.date, null);
  });

  test('property: the check made during the parse agrees with the header read later', () => {
    const fieldLine = fc.oneof(
      fc.constantFrom('STORY: A', 'TRT: 2:10', 'TRT: 90 seconds', 'TRT: soon', 'TRT:', 'SOURCE: UN', 'RESTRICTIONS: NONE',
        'RESTRICTION: NONE', 'LANGUAGE: ENGLISH', 'LANGUAGES: FRENCH', 'DATELINE: 1 MAY 2025, GENEVA', 'DATELINE: GENEVA',
        'DATELINE: 2 JUNE 2024, BOR / FILE', 'DATELINE:', 'CAMERA: X'),
      fc.string({ maxLength: 12 }).map((value) => `TRT: ${value}`),
      fc.string({ maxLength: 20 }).map((value) => `DATELINE: ${value}`),
    );
    fc.assert(fc.property(fc.array(fieldLine, { minLength: 2, maxLength: 9 }), (fields) => {
      const document = parseTranscript(lines(...fields.map((field) => field.replace(/[\r\n\u2028\u2029]/gu, ' ')), '', '1. Wide shot, a road.'));
      const header = document.header;
      if (header === null) {
        return;
      }
      const codes = document.diagnostics.map((diagnostic) => diagnostic.code);
      const firstOf = (name: string): string | undefined =>
        header.fields.find((field) => field.name === name || (name === 'LANGUAGES' && field.name === 'LANGUAGE') ||
          (name === 'RESTRICTIONS' && field.name === 'RESTRICTION'))?.value;
      const trt = firstOf('TRT');
      assert.equal(codes.includes('trt-format'), trt !== undefined && trt.length > 0 && header.trtSeconds === null, `trt ${trt}`);
      const dateline = firstOf('DATELINE');
      const dated = header.dateline?.places.some((place) => place.date !== null) ?? false;
      assert.equal(codes.includes('dateline-format'), dateline !== undefined && dateline.length > 0 && !dated, `dateline ${dateline}`);
      const missing = ['STORY', 'TRT', 'SOURCE', 'RESTRICTIONS', 'LANGUAGES', 'DATELINE'].filter((name) => firstOf(name) === undefined);
      assert.equal(codes.filter((code) => code === 'header-missing-field').length, missing.length);
    }), { numRuns: 300 });
  });
});
