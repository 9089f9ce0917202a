// The five real documents: what an editor sees in each must come out of the parser exactly.
import * as assert from 'node:assert/strict';
import { toContractJson } from '../../src/cli/contractJson';
import { parseTranscript } from '../../src/core/parse';
import { readSeed } from './helpers';

const lacroix = 'Jean-Pierre Lacroix';
const lacroixTitle = 'Under-Secretary-General for Peace Operations, United Nations';

suite('seed 000: complete UNifeed shot list', () => {
  const text = readSeed('000_e751e5e04960dd4f.txt');
  const document = parseTranscript(text);
  const json = toContractJson(document, 'seed.txt');

  test('is a shot list with its title line and every header field', () => {
    assert.equal(document.format, 'shotlist');
    assert.equal(document.title?.text, 'UN / PEACEKEEPING LACROIX INTERVIEW');
    assert.deepEqual(json.header.map((field) => [field.field, field.value, field.line]), [
      ['STORY', 'UN / PEACEKEEPING LACROIX INTERVIEW', 5],
      ['TRT', '07:37', 6],
      ['SOURCE', 'UNIFEED / MINUSMA', 7],
      ['RESTRICTIONS', 'NONE', 8],
      ['LANGUAGES', 'ENGLISH / NATS', 9],
      ['DATELINE', '08 DECEMBER 2023, NEW YORK CITY / FILE', 10],
    ]);
    assert.equal(json.trtSeconds, 457);
    assert.deepEqual(document.header?.languages, ['ENGLISH', 'NATS']);
  });

  test('splits the header dateline into its dated place and FILE marker', () => {
    const dateline = document.header?.dateline;
    assert.ok(dateline);
    assert.equal(dateline.marker, 'file');
    assert.equal(dateline.places.length, 1);
    assert.deepEqual(dateline.places[0]?.date, { day: 8, month: 12, year: 2023, text: '08 DECEMBER 2023' });
    assert.equal(dateline.places[0]?.place, 'NEW YORK CITY');
    const marker = dateline.markerRange;
    assert.ok(marker);
    assert.equal(text.slice(marker.start.offset, marker.end.offset), 'FILE');
  });

  test('has 17 numbered lines, 8 soundbites, alternating FILE and dateline sections', () => {
    assert.equal(document.shots.length, 17);
    assert.equal(document.soundbites.length, 8);
    assert.deepEqual(document.shots.map((shot) => shot.number), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 2, 15]);
    assert.equal(document.sections.length, 17);
    assert.deepEqual(document.sections.slice(0, 2).map((section) => [section.kind, section.mission]), [['file', 'MINUSMA'], ['dateline', null]]);
    assert.equal(document.sections[0]?.places[0]?.place, 'BAMAKO, MALI');
    assert.equal(document.shots[0]?.shotType, 'Various shots');
  });

  test('reads every soundbite speaker, title, language and quote', () => {
    for (const soundbite of json.soundbites) {
      assert.equal(soundbite.speaker, lacroix);
      assert.equal(soundbite.title, lacroixTitle);
      assert.equal(soundbite.language, 'English');
      assert.equal(soundbite.quoteLines?.[0], soundbite.line + 1);
      assert.equal(soundbite.quoteLines?.[1], soundbite.line + 1);
    }
    const first = json.soundbites[0];
    assert.equal(first?.line, 14);
    assert.ok(first?.quote?.startsWith("We're on the way to completing this drawdown by the 31st of December as planned."));
    assert.ok(first?.quote?.endsWith('it was that we should stay and do more.'));
    assert.ok(!first?.quote?.includes('“') && !first?.quote?.includes('”'));
  });

  test('reports the numbering errors at lines 49 and 52 and nothing else about numbering', () => {
    const numbering = json.diagnostics.filter((diagnostic) => diagnostic.code.startsWith('shot-number'));
    assert.deepEqual([...new Set(numbering.map((diagnostic) => diagnostic.line))], [49, 52]);
    // Line 49 repeats shot 2 out of sequence: one finding names both.
    assert.ok(numbering.some((diagnostic) => diagnostic.line === 49 && diagnostic.code === 'shot-number-duplicate' && /out of sequence/u.test(diagnostic.message)));
    assert.equal(numbering.filter((diagnostic) => diagnostic.line === 49).length, 1);
    assert.ok(numbering.some((diagnostic) => diagnostic.line === 52 && diagnostic.code === 'shot-number-duplicate'));
  });

  test('finds the story from line 53 and the quote left open on line 61', () => {
    assert.deepEqual(json.story, { line: 53 });
    assert.equal(document.story?.range.end.line, 63);
    const open = document.story?.quotes.filter((quote) => !quote.closed) ?? [];
    assert.equal(open.length, 1);
    assert.equal(open[0]?.range.start.line, 60);
    assert.equal(open[0]?.range.end.line, 60, 'the open quote stops at its own paragraph');
    assert.ok(json.diagnostics.some((diagnostic) => diagnostic.line === 61 && diagnostic.code === 'unclosed-quote'));
    assert.equal(document.story?.quotes.length, 13);
  });

  test('recognises the page chrome instead of reading it as content', () => {
    assert.deepEqual(document.chrome.map((range) => range.start.line + 1), [2, 3, 4]);
    assert.equal(json.diagnostics.filter((diagnostic) => diagnostic.code.startsWith('header')).length, 0);
  });
});

suite('seed 001: labelled Q&A', () => {
  const document = parseTranscript(readSeed('001_14562a544e8f9c57.txt'));

  test('alternates UN News questions and Lacroix answers, continuation paragraphs included', () => {
    assert.equal(document.format, 'interview');
    assert.equal(document.turns.length, 10);
    assert.deepEqual(document.turns.map((turn) => [turn.speaker, turn.role, turn.range.start.line + 1]).slice(0, 4), [
      ['UN News', 'question', 16], ['Lacroix', 'answer', 18], ['UN News', 'question', 24], ['Lacroix', 'answer', 26],
    ]);
    const firstAnswer = document.turns[1];
    assert.equal(firstAnswer?.range.end.line, 21, 'the answer runs over its two unlabelled paragraphs');
    assert.ok(firstAnswer?.text.startsWith('Yes, we face challenges'));
    assert.ok(!firstAnswer?.text.startsWith('Lacroix'));
  });

  test('keeps the introduction as paragraphs and finds its quotes', () => {
    assert.ok(document.blocks.some((block) => block.kind === 'paragraph' && block.firstLine === 3));
    assert.equal(document.quotes[0]?.text, 'our changing world.');
    assert.ok(document.quotes[1]?.text.startsWith('Peace operations are at a crossroads.'));
  });
});

suite('seed 002: unlabelled Q&A', () => {
  const document = parseTranscript(readSeed('002_7dd2ed208037229b.txt'));

  test('pairs ten question paragraphs with their answers', () => {
    assert.equal(document.format, 'interview');
    const questions = document.turns.filter((turn) => turn.role === 'question');
    assert.deepEqual(questions.map((turn) => turn.range.start.line + 1), [7, 15, 21, 25, 31, 35, 39, 43, 57, 61]);
    assert.equal(document.turns.filter((turn) => turn.role === 'answer').length, 10);
    assert.ok(document.turns.every((turn) => turn.speaker === null));
  });

  test('treats the credit and photo caption as chrome, not as part of an answer', () => {
    const chromeLines = document.chrome.map((range) => range.start.line + 1);
    assert.ok(chromeLines.includes(49) && chromeLines.includes(51) && chromeLines.includes(3));
    const cyprusAnswer = document.turns.find((turn) => turn.range.start.line + 1 === 45);
    assert.equal(cyprusAnswer?.range.end.line, 52, 'the answer resumes after the caption');
    assert.ok(!cyprusAnswer?.text.includes('Eskinder'));
  });
});

suite('seed 003: French interview with dash answers', () => {
  const document = parseTranscript(readSeed('003_18c4663f6ef51ebb.txt'));

  test('reads questions and dash answers, and an answer paragraph without a dash', () => {
    assert.equal(document.format, 'interview');
    assert.deepEqual(document.turns.map((turn) => [turn.role, turn.range.start.line + 1, turn.style]).slice(0, 2), [
      ['question', 33, 'paragraph'], ['answer', 35, 'dash'],
    ]);
    const undashed = document.turns.find((turn) => turn.range.start.line + 1 === 51);
    assert.deepEqual([undashed?.role, undashed?.style], ['answer', 'paragraph']);
    assert.equal(document.turns.length, 20);
    assert.ok(document.turns[1]?.text.startsWith('Le mandat des opérations'));
  });

  test('ends the interview at the separator: the speech and articles after it are not turns', () => {
    const lastTurn = document.turns[document.turns.length - 1];
    assert.equal(lastTurn?.range.start.line, 70);
    assert.ok(document.blocks.some((block) => block.kind === 'separator' && block.firstLine + 1 === 77));
  });
});

suite('seed 004: op-ed in one multi-paragraph quote', () => {
  const document = parseTranscript(readSeed('004_b749ba6905aa5d11.txt'));

  test('gives one closed quote from line 6 to line 24', () => {
    assert.equal(document.format, 'prose');
    assert.equal(document.quotes.length, 1);
    const quote = document.quotes[0];
    assert.equal(quote?.range.start.line, 5);
    assert.equal(quote?.range.end.line, 23);
    assert.equal(quote?.closed, true);
    assert.ok(quote?.text.startsWith('Every day, women and men serving under the UN flag'));
    assert.ok(quote?.text.endsWith('It needs all our support.'));
    assert.ok(!/ “/u.test(quote?.text ?? ''), 'the continuation marks are not part of the words');
    assert.equal(document.diagnostics.length, 0);
  });
});
