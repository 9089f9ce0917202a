// Quote extraction: the exact words and their attribution, on the real seeds and on synthetic snippets.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { TextRange, TranscriptDocument } from '../../src/core/model';
import { parseTranscript } from '../../src/core/parse';
import { ChunkedText } from '../../src/core/text/chunkedText';
import { baseDocuments, fuzzCases, testSizes } from '../fuzz/generators';
import { allQuotes, expandSpeaker, quoteAt, type QuoteItem } from '../../src/core/quotes/extract';
import { lines, readSeed } from './helpers';

const lacroixTitle = 'Under-Secretary-General for Peace Operations, United Nations';

function at(text: string, start: number, end = start, file = 'story.txt'): QuoteItem | null {
  return quoteAt(parseTranscript(text), text, { start, end }, file);
}

/** Offset of `needle` in `text`, failing loudly when it is absent. */
function offsetOf(text: string, needle: string, from = 0): number {
  const index = text.indexOf(needle, from);
  assert.notEqual(index, -1, `"${needle}" not found`);
  return index;
}

// A fictional story: a French soundbite, restrictions, a quote inside the quote, and a next shot right below.
const riverStory = lines(
  'STORY: FICTIONLAND / RIVER DAMS',
  'TRT: 02:10',
  'SOURCE: UNIFEED / FICTIONAL MISSION',
  'RESTRICTIONS: NO ACCESS FICTIONLAND',
  'LANGUAGES: FRENCH / NATS',
  'DATELINE: 03 MARCH 2031, PORT EXAMPLE',
  '03 MARCH 2031, PORT EXAMPLE',
  '1. Wide shot, river in flood',
  '2. SOUNDBITE (French) Hélène Marchetti, Minister of Rivers, Fictionland:',
  '“The water came at night, very fast. We told them “leave now” and they left',
  'at once. Nobody was hurt.”',
  '3. Wide shot, dam at dawn',
);

suite('quote extraction: seeds', () => {
  const seed000 = readSeed('000_e751e5e04960dd4f.txt');
  const seed001 = readSeed('001_14562a544e8f9c57.txt');

  test('seed 000: the cursor on the SOUNDBITE line gives the whole soundbite with its attribution', () => {
    const item = at(seed000, offsetOf(seed000, '2. SOUNDBITE'), undefined, '000.txt');
    assert.ok(item);
    assert.ok(item.text.startsWith("We're on the way to completing this drawdown"));
    assert.ok(item.text.endsWith('we should stay and do more.'));
    assert.deepEqual({ ...item, text: '' }, {
      text: '', speaker: 'Jean-Pierre Lacroix', title: lacroixTitle, language: 'English', translatedFrom: null, shot: 2,
      date: '08 DECEMBER 2023', place: 'NEW YORK CITY', source: 'UNIFEED / MINUSMA', story: 'UN / PEACEKEEPING LACROIX INTERVIEW',
      restrictions: null, file: '000.txt', line: 15, kind: 'soundbite',
    });
  });

  test('seed 000: the cursor inside the quote gives the same soundbite', () => {
    const inside = at(seed000, offsetOf(seed000, 'essentially to thank'));
    assert.equal(inside?.shot, 2);
    assert.equal(inside?.text, at(seed000, offsetOf(seed000, '2. SOUNDBITE'))?.text);
  });

  test('seed 000: a selection mid-sentence gets ellipses and keeps the attribution', () => {
    const start = offsetOf(seed000, 'the way to completing');
    const item = at(seed000, start, start + 'the way to completing this drawdown'.length);
    assert.equal(item?.text, '…the way to completing this drawdown…');
    assert.equal(item?.speaker, 'Jean-Pierre Lacroix');
    assert.equal(item?.line, 15);
  });

  test('seed 000: a selection past the closing mark does not drag in the next line', () => {
    const start = offsetOf(seed000, 'it was that we should stay');
    const item = at(seed000, start, offsetOf(seed000, 'MINUSMA troops leaving Mali'));
    assert.equal(item?.text, '…it was that we should stay and do more.');
  });

  test('seed 000: every soundbite is on the quote sheet, in order', () => {
    const items = allQuotes(parseTranscript(seed000), seed000, '000.txt');
    assert.equal(items.length, 8);
    assert.deepEqual(items.map((item) => item.shot), [2, 4, 6, 8, 10, 12, 14, 2]);
    assert.ok(items.every((item) => item.kind === 'soundbite' && item.speaker === 'Jean-Pierre Lacroix' && item.restrictions === null));
  });

  test('seed 000: a quote of the story prose has the header attribution and no speaker', () => {
    const item = at(seed000, offsetOf(seed000, 'cannot operate if we don\'t have the support of the host government,”'));
    assert.deepEqual([item?.kind, item?.text, item?.speaker, item?.shot, item?.date, item?.place, item?.story, item?.line], [
      'story-quote', 'cannot operate if we don\'t have the support of the host government,', null, null,
      '08 DECEMBER 2023', 'NEW YORK CITY', 'UN / PEACEKEEPING LACROIX INTERVIEW', 53,
    ]);
  });

  test('seed 001: Lacroix answers get the full name the introduction gives; questions are not quotes', () => {
    const items = allQuotes(parseTranscript(seed001), seed001, '001.txt');
    assert.equal(items.length, 5);
    assert.ok(items.every((item) => item.kind === 'turn' && item.speaker === 'Jean-Pierre Lacroix'));
    assert.ok(items[0]?.text.startsWith('Yes, we face challenges in our operations.'));
    assert.equal(items[0]?.line, 18);
  });

  test('seed 001: the cursor in an answer paragraph gives the whole turn', () => {
    const item = at(seed001, offsetOf(seed001, 'It’s a question of posture'));
    assert.equal(item?.kind, 'turn');
    assert.ok(item?.text.startsWith('Yes, we face challenges'));
    assert.ok(item?.text.includes('populations we are serving.'));
  });
});

suite('quote extraction: rules', () => {
  test('attribution from the header and the dateline; translated and restricted', () => {
    const item = at(riverStory, offsetOf(riverStory, 'SOUNDBITE'));
    assert.deepEqual(item, {
      text: 'The water came at night, very fast. We told them “leave now” and they left at once. Nobody was hurt.',
      speaker: 'Hélène Marchetti', title: 'Minister of Rivers, Fictionland', language: 'French', translatedFrom: 'French', shot: 2,
      date: '03 MARCH 2031', place: 'PORT EXAMPLE', source: 'UNIFEED / FICTIONAL MISSION', story: 'FICTIONLAND / RIVER DAMS',
      restrictions: 'NO ACCESS FICTIONLAND', file: 'story.txt', line: 10, kind: 'soundbite',
    });
  });

  test('ellipsis on both sides for a selection inside a sentence; line breaks collapsed', () => {
    const start = offsetOf(riverStory, 'they left');
    const item = at(riverStory, start, offsetOf(riverStory, 'once.') + 'once'.length);
    assert.equal(item?.text, '…they left at once…');
    assert.equal(item?.line, 10);
  });

  test('no ellipsis on a side that starts or ends a sentence', () => {
    const start = offsetOf(riverStory, 'We told');
    assert.equal(at(riverStory, start, offsetOf(riverStory, 'once.') + 'once.'.length)?.text,
      'We told them “leave now” and they left at once.');
  });

  test('a selection including the opening mark is trimmed of it; partly selected words are taken whole', () => {
    const start = offsetOf(riverStory, '“The water');
    assert.equal(at(riverStory, start, offsetOf(riverStory, 'night,') + 3)?.text, 'The water came at night…');
  });

  test('a selection running past the closing mark stops at the mark, not on the next shot line', () => {
    const start = offsetOf(riverStory, 'Nobody');
    assert.equal(at(riverStory, start, riverStory.length)?.text, 'Nobody was hurt.');
  });

  test('a selection on the speaker line only gives the whole soundbite; outside any quote gives null', () => {
    const start = offsetOf(riverStory, 'Hélène');
    assert.ok(at(riverStory, start, start + 6)?.text.startsWith('The water came'));
    assert.equal(at(riverStory, offsetOf(riverStory, 'Wide shot, river')), null);
  });

  test('English and natural sound are not translations; RESTRICTIONS: NONE is no restriction', () => {
    const text = riverStory.replace('(French)', '(ENGLISH)').replace('NO ACCESS FICTIONLAND', 'NONE');
    const item = at(text, offsetOf(text, 'SOUNDBITE'));
    assert.equal(item?.language, 'ENGLISH');
    assert.equal(item?.translatedFrom, null);
    assert.equal(item?.restrictions, null);
  });

  test('interview labels expand to the full name and title the introduction gives', () => {
    const text = lines(
      'Rural radio talks to Amara Okonkwo-Bell, Regional Coordinator for Water Affairs, about the floods.',
      '',
      'Radio Sahel: What happened?',
      '',
      'Okonkwo-Bell: The river rose. We moved everyone.',
      '',
      'Radio Sahel: And now?',
      '',
      'Okonkwo-Bell: Now we rebuild.',
    );
    const items = allQuotes(parseTranscript(text), text, 'radio.txt');
    assert.deepEqual(items.map((item) => [item.speaker, item.title, item.text, item.line]), [
      ['Amara Okonkwo-Bell', 'Regional Coordinator for Water Affairs', 'The river rose. We moved everyone.', 5],
      ['Amara Okonkwo-Bell', 'Regional Coordinator for Water Affairs', 'Now we rebuild.', 9],
    ]);
  });

  test('the name heuristic drops titles and sentence words before the name, and stops a title at a verb', () => {
    assert.deepEqual(expandSpeaker('Peacekeeping Chief Tomas Verhoeven visited the camp.', 'Verhoeven'), { speaker: 'Tomas Verhoeven', title: null });
    assert.deepEqual(expandSpeaker('In Kivu, Tomas Verhoeven, Head of Office, said it was over.', 'Verhoeven'),
      { speaker: 'Tomas Verhoeven', title: 'Head of Office' });
    assert.deepEqual(expandSpeaker('Tomas Verhoeven, Head of Office, told reporters', 'Verhoeven'), { speaker: 'Tomas Verhoeven', title: 'Head of Office' });
    assert.deepEqual(expandSpeaker('Nobody is named here.', 'Verhoeven'), { speaker: 'Verhoeven', title: null });
    assert.deepEqual(expandSpeaker('anything', 'A'), { speaker: null, title: null });
  });

  test('unlabelled answers have no speaker', () => {
    const text = lines('Q: Why did you stay?', 'A: Because the village needed us.', 'Q: And tomorrow?', 'A: We stay.');
    const items = allQuotes(parseTranscript(text), text, 'qa.txt');
    assert.ok(items.length > 0);
    assert.ok(items.every((item) => item.speaker === null && item.kind === 'turn'));
  });

  test('nested double quotes: one quote, inner marks kept in the words; a selection holding one of a pair drops it', () => {
    const text = lines('STORY: UN / TEST', 'TRT: 1:00', 'SOURCE: UNIFEED', 'RESTRICTIONS: NONE', 'LANGUAGES: ENGLISH', 'DATELINE: 1 MAY 2024, GOMA', '',
      '1. SOUNDBITE (English) Jane Roe, Spokesperson:', '“They told us “leave now” and we stayed.”', '2. SOUNDBITE (English) Jane Roe, Spokesperson:',
      '"They said "no" twice, and "yes" once."', '3. Wide shot, road', '', 'She said “they told us “leave now” and we stayed” on Monday.');
    const document = parseTranscript(text);
    assert.deepEqual(document.soundbites.map((soundbite) => soundbite.quote?.text), ['They told us “leave now” and we stayed.', 'They said "no" twice, and "yes" once.']);
    assert.deepEqual(document.story?.quotes.map((quote) => quote.text), ['they told us “leave now” and we stayed']);
    assert.deepEqual(document.diagnostics, []);
    const start = offsetOf(text, '“leave now');
    const end = offsetOf(text, 'now”') + 'now'.length;
    assert.equal(at(text, start, end)?.text, '…leave now…');
  });

  test('prose: every quoted passage, without attribution fields it does not have', () => {
    const text = lines(
      'The mayor of Port Example spoke at dawn.',
      '',
      'She said: “We will rebuild the bridge.” Then she left.',
    );
    const items = allQuotes(parseTranscript(text), text, 'prose.txt');
    assert.deepEqual(items.map((item) => [item.kind, item.text, item.line, item.speaker]), [['quote', 'We will rebuild the bridge.', 3, null]]);
  });
});

suite('quote extraction: the element under an offset', () => {
  /** Every element quoteAt can take, as a scan of all of them orders them: by start, the wider first, then by kind. */
  function everyElement(model: TranscriptDocument): { label: string; start: number; end: number }[] {
    const elements: { label: string; start: number; end: number }[] = [];
    const add = (kind: string, range: TextRange, words: string, wordsRange: TextRange): void => {
      if (words !== '') {
        elements.push({ label: `${kind} ${wordsRange.start.line + 1} ${words}`, start: range.start.offset, end: range.end.offset });
      }
    };
    for (const soundbite of model.soundbites) {
      if (soundbite.quote) {
        add('soundbite', soundbite.range, soundbite.quote.text, soundbite.quote.innerRange);
      }
    }
    model.turns.forEach((turn) => add('turn', turn.range, turn.text, turn.textRange));
    model.quotes.forEach((quote) => add('quote', quote.range, quote.text, quote.innerRange));
    model.stories.forEach((story) => story.quotes.forEach((quote) => add('story-quote', quote.range, quote.text, quote.innerRange)));
    return elements.sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
  }

  test('on the seeds, every fixture and hostile variants, at every element boundary and every few characters, as a scan of every element finds it', () => {
    const check = (name: string, text: string): void => {
      const model = parseTranscript(text);
      const elements = everyElement(model);
      const offsets = new Set<number>();
      for (const element of elements) {
        for (const offset of [element.start - 1, element.start, element.start + 1, element.end - 1, element.end, element.end + 1]) {
          offsets.add(offset);
        }
      }
      for (let offset = 0; offset <= text.length; offset += 37) {
        offsets.add(offset);
      }
      for (const offset of offsets) {
        if (offset < 0 || offset > text.length) {
          continue;
        }
        const expected = elements.find((element) => element.start <= offset && offset <= element.end)?.label ?? null;
        const item = quoteAt(model, text, { start: offset, end: offset }, name);
        assert.equal(item === null ? null : `${item.kind} ${item.line} ${item.text}`, expected, `${name} at ${offset}`);
      }
    };
    const bases = baseDocuments();
    for (const { name, text } of bases) {
      check(name, text);
    }
    fc.assert(fc.property(fuzzCases(bases, testSizes), (hostile) => check(`${hostile.base} ${hostile.mutations.join(', ')}`, hostile.text)), { numRuns: 40 });
  });

  test('where one quoted passage ends as the next begins, the offset between them is the first one\'s', () => {
    const text = 'An op-ed by a fictional envoy.\n\nShe wrote “the river is rising fast”“and the dykes are weak” before dawn.\n';
    const between = offsetOf(text, '”“') + 1;
    assert.equal(at(text, between)?.text, 'the river is rising fast');
    assert.equal(at(text, between + 1)?.text, 'and the dykes are weak');
  });

  test('a text kept in pieces gives the same quotes and excerpts as the string', () => {
    const text = readSeed('000_e751e5e04960dd4f.txt');
    const model = parseTranscript(text);
    const pieces: string[] = [];
    for (let at = 0; at < text.length; at += 97) {
      pieces.push(text.slice(at, at + 97));
    }
    const chunked = ChunkedText.fromPieces(pieces);
    assert.deepEqual(allQuotes(model, chunked, 'a'), allQuotes(model, text, 'a'));
    for (const soundbite of model.soundbites) {
      const inner = soundbite.quote?.innerRange;
      if (inner) {
        const selection = { start: inner.start.offset + 3, end: inner.end.offset - 5 };
        assert.deepEqual(quoteAt(model, chunked, selection, 'a'), quoteAt(model, text, selection, 'a'));
      }
    }
  });
});
