// SOUNDBITE speaker lines as real scripts write them: the title before the name, no separator,
// a rank first, a quote without marks after the colon, a line hard-wrapped onto the next. Where
// the reading is a guess the soundbite says so (attribution 'unsure', a speaker-unsure finding).
import * as assert from 'node:assert/strict';
import { parseTranscript } from '../../src/core/parse';
import { allQuotes } from '../../src/core/quotes/extract';
import type { Soundbite, TranscriptDocument } from '../../src/core/model';
import { lines } from './helpers';

const header = lines('STORY: UN / TEST', 'TRT: 2:00', 'SOURCE: UNIFEED', 'RESTRICTIONS: NONE', 'LANGUAGES: ENGLISH/NATS', 'DATELINE: 12 MAY 2024, GOMA', '');

function only(document: TranscriptDocument): Soundbite {
  assert.equal(document.soundbites.length, 1, 'one soundbite');
  return document.soundbites[0] as Soundbite;
}

function read(...body: string[]): { soundbite: Soundbite; document: TranscriptDocument } {
  const document = parseTranscript(lines(header, ...body));
  return { soundbite: only(document), document };
}

const codes = (document: TranscriptDocument): string[] => document.diagnostics.map((diagnostic) => `${diagnostic.range.start.line + 1}:${diagnostic.code}`);

suite('speaker lines', () => {
  test('a title hard-wrapped onto the next line: speaker, title and quote whole, no missing-colon finding', () => {
    for (const quote of ['“We will stay with the people of this country.”', 'We will stay with the people of this country.']) {
      const { soundbite, document } = read('1. SOUNDBITE (English) Jane Roe, Special Representative of the Secretary-General for',
        'the Central African Republic and Head of MINUSCA:', quote, '2. Wide shot, road');
      assert.equal(soundbite.speaker, 'Jane Roe');
      assert.equal(soundbite.title, 'Special Representative of the Secretary-General for the Central African Republic and Head of MINUSCA');
      assert.equal(soundbite.quote?.text, 'We will stay with the people of this country.');
      assert.equal(soundbite.attribution, 'sure');
      assert.deepEqual(codes(document), []);
      // The title's range runs from the first line onto the second.
      assert.deepEqual([soundbite.titleRange?.start.line, soundbite.titleRange?.end.line, soundbite.titleRange?.end.character], [7, 8, 48]);
      assert.deepEqual([soundbite.quote?.range.start.line, soundbite.range.end.line], [9, 9]);
    }
  });

  test('a wrap with the quote on the same line after the colon', () => {
    const { soundbite } = read('1. SOUNDBITE (French) Jean Dupont, Head of the Mission and Special Envoy for',
      'the Great Lakes Region: “We are here for the long term.”', '2. Wide shot, road');
    assert.equal(soundbite.title, 'Head of the Mission and Special Envoy for the Great Lakes Region');
    assert.equal(soundbite.quote?.text, 'We are here for the long term.');
    assert.equal(soundbite.quote?.range.start.line, 8);
    assert.equal(soundbite.attribution, 'sure');
  });

  test('a second line that only holds the colon, with no sign the first was unfinished, is joined but marked unsure', () => {
    const { soundbite, document } = read('1. SOUNDBITE (English) Jane Roe, Head of Mission', 'UNMISS:', '“We stay.”');
    assert.equal(soundbite.title, 'Head of Mission UNMISS');
    assert.equal(soundbite.quote?.text, 'We stay.');
    assert.equal(soundbite.attribution, 'unsure');
    assert.deepEqual(codes(document), ['8:speaker-unsure']);
    assert.match(document.diagnostics[0]?.message ?? '', /run onto the next line/u);
  });

  test('a speaker line that only lacks its colon keeps its quote: the next line is not swallowed as title', () => {
    for (const quote of ['We will stay here: that is final.', 'Note the date: we leave on Monday.', '“We stay,” she said: “always.”']) {
      const { soundbite, document } = read('1. SOUNDBITE (English) Jane Roe, Spokesperson', quote, '2. Wide shot, road');
      assert.equal(soundbite.title, 'Spokesperson', quote);
      assert.ok(soundbite.quote !== null && quote.includes(soundbite.quote.text.slice(0, 10)), quote);
      assert.deepEqual(codes(document), ['8:soundbite-missing-colon'], quote);
    }
  });

  test('a quote copied from a soundbite whose attribution is a guess says so; a sure one says nothing', () => {
    const text = lines(header, '1. SOUNDBITE (English) Jane Roe, Head of Mission', 'UNMISS:', '“We stay.”',
      '2. SOUNDBITE (English) Jane Roe, Spokesperson:', '“We go.”');
    const items = allQuotes(parseTranscript(text), text, 'test.unifeed');
    assert.deepEqual(items.map((item) => [item.text, item.attributionUnsure]), [['We stay.', true], ['We go.', undefined]]);
  });

  test('the title before the name, after one or more separators', () => {
    const { soundbite } = read('1. SOUNDBITE (English) Head of the UN Mission in South Sudan, Jane Roe:', '“We stay.”');
    assert.deepEqual([soundbite.speaker, soundbite.title, soundbite.attribution], ['Jane Roe', 'Head of the UN Mission in South Sudan', 'sure']);
    assert.equal(soundbite.speakerRange?.start.character, 62);
    const two = only(parseTranscript(lines(header, '1. SOUNDBITE (French) Special Representative, MONUSCO, Bintou Keita-Ndiaye:', '“Oui.”')));
    assert.deepEqual([two.speaker, two.title, two.attribution], ['Bintou Keita-Ndiaye', 'Special Representative, MONUSCO', 'sure']);
  });

  test('a title first whose first word is not a known title word is read so, but marked unsure', () => {
    const { soundbite } = read('1. SOUNDBITE (English) UNMISS Relief Coordinator, Jane Roe:', '“We stay.”');
    assert.deepEqual([soundbite.speaker, soundbite.title, soundbite.attribution], ['Jane Roe', 'UNMISS Relief Coordinator', 'unsure']);
  });

  test('no separator between the name and the title', () => {
    const { soundbite } = read('1. SOUNDBITE (English) Jane Roe Under-Secretary-General for Peace Operations:', '“We stay.”');
    assert.deepEqual([soundbite.speaker, soundbite.title, soundbite.attribution], ['Jane Roe', 'Under-Secretary-General for Peace Operations', 'sure']);
    const single = only(parseTranscript(lines(header, '1. SOUNDBITE (English) Roe Spokesperson for the Mission:', '“We stay.”')));
    assert.deepEqual([single.speaker, single.title, single.attribution], ['Roe', 'Spokesperson for the Mission', 'unsure']);
  });

  test('a rank or honorific before the name stays with the name', () => {
    const body = ['1. SOUNDBITE (English) Lieut. Gen. Jane Roe, Force Commander, MONUSCO:', '“We stay.”',
      '2. SOUNDBITE (French) Maj. John Doe – Military Spokesperson:', '“Oui.”',
      '3. SOUNDBITE (English) Hon. Grace Achieng Force Commander of the Regional Force:', '“Yes.”'];
    const document = parseTranscript(lines(header, ...body));
    assert.deepEqual(document.soundbites.map((soundbite) => [soundbite.speaker, soundbite.title, soundbite.attribution]), [
      ['Lieut. Gen. Jane Roe', 'Force Commander, MONUSCO', 'sure'],
      ['Maj. John Doe', 'Military Spokesperson', 'sure'],
      ['Hon. Grace Achieng', 'Force Commander of the Regional Force', 'sure'],
    ]);
  });

  test('a described speaker without a name is the speaker as written, and sure', () => {
    const { soundbite, document } = read('1. SOUNDBITE (Sango) Resident of Bangui, displaced by the fighting:', '“We left at night.”');
    assert.deepEqual([soundbite.speaker, soundbite.title, soundbite.attribution], ['Resident of Bangui', 'displaced by the fighting', 'sure']);
    assert.deepEqual(codes(document), []);
  });

  test('a quote without marks after the colon on the speaker line itself', () => {
    const { soundbite, document } = read('1. SOUNDBITE (English) Jane Roe, Spokesperson: We will stay with the people.', '2. Wide shot, road');
    assert.deepEqual([soundbite.speaker, soundbite.title, soundbite.quote?.text, soundbite.oneLine], ['Jane Roe', 'Spokesperson', 'We will stay with the people.', true]);
    assert.deepEqual(codes(document), []);
    // A short value after a colon is part of the title, not a quote.
    const titled = only(parseTranscript(lines(header, '1. SOUNDBITE (English) Jane Roe, Head: MINUSCA', '“We stay.”')));
    assert.equal(titled.quote?.text, 'We stay.');
  });

  test('the speaker line seeds and fixtures read as before: Lacroix, named then titled, sure', () => {
    const soundbite = only(parseTranscript(lines(header, '2. SOUNDBITE (English) Jean-Pierre Lacroix, Under-Secretary-General for Peace Operations, United Nations:', '“We are on the way.”')));
    assert.deepEqual([soundbite.speaker, soundbite.title, soundbite.attribution],
      ['Jean-Pierre Lacroix', 'Under-Secretary-General for Peace Operations, United Nations', 'sure']);
  });
});
