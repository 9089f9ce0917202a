// Shot lists flattened onto one line (src/core/parse/flattened.ts): read as the lines they had, every
// position still in the document's own line; ordinary long lines are never cut.
import * as assert from 'node:assert/strict';
import { parseTranscript, reparseTranscript } from '../../src/core/parse';
import type { TranscriptDocument } from '../../src/core/model';
import { lines, readFixture } from './helpers';

const flat = readFixture('shotlists/flattened_pdf.txt');
const json = (document: TranscriptDocument): unknown => JSON.parse(JSON.stringify(document));

suite('flattened shot lists', () => {
  test('positions are the document\'s: line 1, at the characters where each element sits in it', () => {
    const document = parseTranscript(flat);
    const line = flat.split('\n')[1] ?? '';
    const third = document.shots[2];
    assert.deepEqual([third?.lineRange.start.line, third?.lineRange.start.character], [1, line.indexOf('3. SOUNDBITE')]);
    for (const soundbite of document.soundbites) {
      const quote = soundbite.quote;
      assert.ok(quote);
      assert.equal(flat.slice(quote.innerRange.start.offset, quote.innerRange.end.offset), quote.text);
      assert.equal(quote.innerRange.start.character, quote.innerRange.start.offset - flat.indexOf('\n') - 1);
    }
    assert.equal(document.lineCount, 3);
    assert.deepEqual(document.blocks.map((block) => [block.kind, block.firstLine, block.lastLine]), [['title', 0, 0], ['header', 1, 1], ['blank', 2, 2]]);
  });

  test('an edit inside the flattened line gives what a fresh parse gives', () => {
    const previous = parseTranscript(flat);
    const at = flat.indexOf('ferry captain');
    const text = `${flat.slice(0, at)}senior ${flat.slice(at)}`;
    const reparsed = reparseTranscript(previous, text, { start: at, oldEnd: at, newEnd: at + 7 });
    assert.deepEqual(json(reparsed), json(parseTranscript(text)));
    assert.equal(reparsed.soundbites[0]?.title, 'senior ferry captain');
  });

  test('long lines that only look a little like a shot list stay whole', () => {
    const header = lines('STORY: UN / TEST', 'TRT: 2:00', 'SOURCE: UNIFEED', 'RESTRICTIONS: NONE', 'LANGUAGES: ENGLISH/NATS', 'DATELINE: 12 MAY 2024, GOMA', '');
    const longShot = '1. Wide shot of the market, where 2. Traders set out their goods at dawn and the first buyers arrive from the hills before the heat of the day';
    const longSoundbite = '2. SOUNDBITE (English) Jane Roe, Spokesperson: “We counted 3. Three hundred families arrived, and 4. Four hundred more are on the road, so we need more tents.”';
    const document = parseTranscript(lines(header, longShot, longSoundbite, '3. Wide shot, road'));
    assert.deepEqual(document.shots.map((shot) => shot.number), [1, 2, 3]);
    assert.equal(document.soundbites[0]?.quote?.text.startsWith('We counted 3. Three hundred families'), true);
    const note = parseTranscript('NOTE: the TRT will change once the edit is done; 1. Cut the intro 2. Trim the end, and the STORY: slug stays as the desk wrote it this morning\n');
    assert.deepEqual([note.lineCount, note.shots.length, note.blocks.length], [2, 0, 2]);
  });
});
