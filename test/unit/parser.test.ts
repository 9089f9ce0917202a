// Rules of the format, one synthetic snippet each (fictional people and stories).
import * as assert from 'node:assert/strict';
import { parseDateline } from '../../src/core/parse/dateline';
import { parseRunningTime } from '../../src/core/parse/header';
import type { TranscriptDocument } from '../../src/core/model';
import { parseTranscript } from '../../src/core/parse';
import { readSpeakerLine } from '../../src/core/parse/speakerLine';
import { LineTable } from '../../src/core/text/lineTable';
import { lines } from './helpers';

const header = lines(
  'STORY: UN / FICTIONAL WELLS',
  'TRT: 2:10',
  'SOURCE: UNIFEED',
  'RESTRICTIONS: NONE',
  'LANGUAGES: ENGLISH / NATS',
  'DATELINE: 4 APRIL 2026, BOR, SOUTH SUDAN',
);

function codes(document: TranscriptDocument): string[] {
  return document.diagnostics.map((diagnostic) => `${diagnostic.range.start.line + 1}:${diagnostic.code}`);
}

function textOf(text: string, range: { start: { offset: number }; end: { offset: number } }): string {
  return text.slice(range.start.offset, range.end.offset);
}

suite('running time', () => {
  test('reads every TRT shape seen in scripts', () => {
    assert.equal(parseRunningTime('07:37'), 457);
    assert.equal(parseRunningTime('2:52'), 172);
    assert.equal(parseRunningTime('0:53'), 53);
    assert.equal(parseRunningTime('2.31'), 151);
    assert.equal(parseRunningTime('2:40”'), 160);
    assert.equal(parseRunningTime('1:02:03'), 3723);
    assert.equal(parseRunningTime('90 seconds'), 90);
  });

  test('refuses what is not a duration', () => {
    assert.equal(parseRunningTime('TBC'), null);
    assert.equal(parseRunningTime('2:75'), null);
    assert.equal(parseRunningTime(''), null);
  });

  test('TRT without a space after the colon is still a header field', () => {
    const document = parseTranscript(header.replace('TRT: 2:10', 'TRT:4:12'));
    assert.equal(document.header?.trtSeconds, 252);
    assert.equal(document.header?.fields[1]?.value, '4:12');
  });
});

suite('datelines', () => {
  test('splits two dated places joined by a slash', () => {
    const dateline = parseDateline('12 MAY 2025, GOMA, DEMOCRATIC REPUBLIC OF THE CONGO / 3 JUNE 2025, NEW YORK CITY');
    assert.deepEqual(dateline.places.map((place) => [place.date?.day, place.date?.month, place.place]), [
      [12, 5, 'GOMA, DEMOCRATIC REPUBLIC OF THE CONGO'], [3, 6, 'NEW YORK CITY'],
    ]);
    assert.equal(dateline.marker, null);
  });

  test('keeps a slash inside a place name', () => {
    const dateline = parseDateline('9 JULY 2024, JUBA / NIMULE, SOUTH SUDAN');
    assert.equal(dateline.places.length, 1);
    assert.equal(dateline.places[0]?.place, 'JUBA / NIMULE, SOUTH SUDAN');
  });

  test('reads FILE and RECENT markers with a slash or a dash', () => {
    assert.equal(parseDateline('2 MAY 2024, BAMAKO, MALI / FILE').marker, 'file');
    assert.equal(parseDateline('2 MAY 2024, BAMAKO, MALI - FILE').marker, 'file');
    assert.equal(parseDateline('2 MAY 2024, BAMAKO, MALI / RECENT').marker, 'recent');
  });

  test('tolerates a missing day, a comma after the month and a missing comma after the year', () => {
    assert.deepEqual(parseDateline('MARCH 2025, KIDAL, MALI').places[0]?.date, { day: null, month: 3, year: 2025, text: 'MARCH 2025' });
    assert.equal(parseDateline('7 MARCH, 2025, KIDAL').places[0]?.date?.year, 2025);
    assert.equal(parseDateline('7 MARCH 2025 KIDAL, MALI').places[0]?.place, 'KIDAL, MALI');
  });

  test('a day range keeps its first day and its text', () => {
    assert.deepEqual(parseDateline('12-14 OCTOBER 2024, BENTIU, SOUTH SUDAN').places[0]?.date, { day: 12, month: 10, year: 2024, text: '12-14 OCTOBER 2024' });
    assert.equal(parseDateline('3 – 5 MAY 2025, GOMA').places[0]?.place, 'GOMA');
    const document = parseTranscript(lines(header.replace('4 APRIL 2026', '2-4 APRIL 2026'), '1. Wide shot, well', '3-4 APRIL 2026, BOR', '2. Wide shot, road'));
    assert.deepEqual(codes(document), []);
    assert.equal(document.sections[0]?.kind, 'dateline');
  });

  test('an unreadable header dateline is reported, not dropped', () => {
    const document = parseTranscript(header.replace('4 APRIL 2026, BOR, SOUTH SUDAN', 'SOMETIME LAST WEEK, BOR'));
    assert.ok(codes(document).includes('6:dateline-format'));
    assert.equal(document.header?.fields[5]?.value, 'SOMETIME LAST WEEK, BOR');
  });
});

suite('header', () => {
  test('keeps unknown fields and accepts LANGUAGE for LANGUAGES', () => {
    const document = parseTranscript(lines(header.replace('LANGUAGES:', 'LANGUAGE:'), 'ASPECT RATIO: 16:9', 'CREDIT REQUIRED: UN PHOTO', '1. Wide shot, well'));
    assert.deepEqual(document.header?.fields.map((field) => field.name), ['STORY', 'TRT', 'SOURCE', 'RESTRICTIONS', 'LANGUAGE', 'DATELINE', 'ASPECT RATIO', 'CREDIT REQUIRED']);
    assert.equal(document.header?.fields[6]?.value, '16:9');
    assert.deepEqual(codes(document), []);
  });

  test('reports each missing required field', () => {
    const document = parseTranscript(lines('TRT: 1:00', 'SOURCE: UNMISS', '1. Wide shot, river'));
    assert.deepEqual(codes(document), ['1:header-missing-field', '1:header-missing-field', '1:header-missing-field', '1:header-missing-field']);
    assert.deepEqual(document.diagnostics.map((diagnostic) => diagnostic.data['field']), ['STORY', 'RESTRICTIONS', 'LANGUAGES', 'DATELINE']);
  });

  test('irregular slash spacing in LANGUAGES', () => {
    const document = parseTranscript(header.replace('ENGLISH / NATS', 'ENGLISH /ARABIC /NATS'));
    assert.deepEqual(document.header?.languages, ['ENGLISH', 'ARABIC', 'NATS']);
  });
});

suite('shots and sections', () => {
  test('reads numbered lines written without a dot or without a space', () => {
    const document = parseTranscript(lines(header, '1.Wide shot, tanker truck', '2 Med shot, women queueing', '3. close up, tap'));
    assert.deepEqual(document.shots.map((shot) => [shot.number, shot.shotType, shot.description]), [
      [1, 'Wide shot', 'tanker truck'], [2, 'Med shot', 'women queueing'], [3, 'close up', 'tap'],
    ]);
  });

  test('Geneva shot style with a colon', () => {
    const document = parseTranscript(lines(header, '1. Wide shot: Palais des Nations.'));
    assert.equal(document.shots[0]?.shotType, 'Wide shot');
    assert.equal(document.shots[0]?.description, 'Palais des Nations.');
  });

  test('section kinds and missions', () => {
    const document = parseTranscript(lines(header, 'FILE - UNMISS - BOR, SOUTH SUDAN', '1. Wide shot, camp', 'RECENT - MALAKAL, SOUTH SUDAN',
      '2. Various shots, market', 'FILE – RECENT, WAU, SOUTH SUDAN', '3. Pan left, river', '4 APRIL 2026, BOR, SOUTH SUDAN', '4. Wide shot, well'));
    assert.deepEqual(document.sections.map((section) => [section.kind, section.mission, section.places[0]?.place]), [
      ['file', 'UNMISS', 'BOR, SOUTH SUDAN'], ['recent', null, 'MALAKAL, SOUTH SUDAN'], ['recent', null, 'WAU, SOUTH SUDAN'], ['dateline', null, 'BOR, SOUTH SUDAN'],
    ]);
    assert.deepEqual(document.sections.map((section) => section.shotIndexes), [[0], [1], [2], [3]]);
  });

  test('a numbered dateline line is a section, not a shot', () => {
    const document = parseTranscript(lines(header, '18 OCTOBER 2024, BOR, SOUTH SUDAN', '1. Wide shot, well'));
    assert.equal(document.sections[0]?.kind, 'dateline');
    assert.equal(document.shots.length, 1);
  });

  test('a dateline whose day was typed with a dot (`22. FEBRUARY 2022, GOMA`) is a section, with no knock-on numbering finding', () => {
    const document = parseTranscript(lines(header, '1. Wide shot, camp', '2. Med shot, road', '22. FEBRUARY 2022, GOMA, DEMOCRATIC REPUBLIC OF THE CONGO',
      '3. Wide shot, lake', '4. Close up, boat'));
    assert.deepEqual(document.shots.map((shot) => shot.number), [1, 2, 3, 4]);
    assert.deepEqual(document.sections.map((section) => [section.kind, section.places[0]?.date?.day, section.places[0]?.place]),
      [['dateline', 22, 'GOMA, DEMOCRATIC REPUBLIC OF THE CONGO']]);
    assert.deepEqual(codes(document).filter((code) => code.includes('shot-number')), []);
    // Shots that merely start with a date stay shots: the typo reads so only as datelines are written.
    const shots = parseTranscript(lines(header, '1. Wide shot, camp', '2. May 2024 footage of the camp', '3. MAY 2024 footage of the lake'));
    assert.deepEqual(shots.shots.map((shot) => shot.number), [1, 2, 3]);
    assert.equal(shots.sections.length, 0);
  });

  test('numbering: regression and reuse are reported, never renumbered', () => {
    const document = parseTranscript(lines(header, '1. Wide shot, a', '2. Wide shot, b', '3. Wide shot, c', '5. Wide shot, d', '4. Wide shot, e'));
    assert.deepEqual(document.shots.map((shot) => shot.number), [1, 2, 3, 5, 4]);
    assert.deepEqual(codes(document), ['10:shot-number-out-of-sequence', '11:shot-number-out-of-sequence']);
    const repeated = parseTranscript(lines(header, '1. Wide shot, a', '2. Wide shot, b', '2. Wide shot, c', '3. Wide shot, d'));
    // One finding for the line, naming both facts: the number is repeated, and out of sequence.
    assert.deepEqual(codes(repeated), ['9:shot-number-duplicate']);
    assert.equal(repeated.diagnostics[0]?.related?.start.line, 7);
    assert.deepEqual(repeated.diagnostics[0]?.data, { number: 2, expected: 3, variant: 'out-of-sequence', firstLine: 8 });
    assert.equal(repeated.diagnostics[0]?.message, 'Shot number 2 is already used on line 8, and out of sequence: expected 3.');
    // Numbering that starts again: each repeated number is one finding; the second follows the first
    // in sequence, so it is a duplicate and nothing more.
    const restarted = parseTranscript(lines(header, '1. Wide shot, a', '2. Wide shot, b', '1. Wide shot, c', '2. Wide shot, d'));
    assert.deepEqual(codes(restarted), ['9:shot-number-duplicate', '10:shot-number-duplicate']);
    assert.deepEqual([restarted.diagnostics[0]?.data.variant, restarted.diagnostics[1]?.data.variant], ['out-of-sequence', undefined]);
  });

  test('a wrapped shot description joins its shot', () => {
    const document = parseTranscript(lines(header, '1. Various shots, trucks crossing the', 'bridge at dawn', '2. Wide shot, river'));
    assert.equal(document.shots[0]?.description, 'trucks crossing the bridge at dawn');
    assert.equal(document.shots[0]?.range.end.line, 7);
  });
});

suite('soundbite lines', () => {
  const cases: [string, Partial<ReturnType<typeof readSpeakerLine>>][] = [
    ['SOUNDBITE (English) Nadia Ferrante, Spokesperson, UNMISS:', { language: 'English', speaker: 'Nadia Ferrante', title: 'Spokesperson, UNMISS', hasColon: true }],
    ['SOUNDBITE(English) Nadia Ferrante, Spokesperson:', { language: 'English', speaker: 'Nadia Ferrante', title: 'Spokesperson' }],
    ['SOUNDBITE (French), Luc Abena, Mayor of Bor:', { language: 'French', speaker: 'Luc Abena', title: 'Mayor of Bor' }],
    ['SOUNDBITE (English) Nadia Ferrante, Spokesperson', { speaker: 'Nadia Ferrante', hasColon: false }],
    ['SOUNDBITE (English) Nadia Ferrante, Spokesperson,:', { title: 'Spokesperson', hasColon: true }],
    ['SOUNDBITE (English) Nadia Ferrante –Spokesperson, UNMISS:', { speaker: 'Nadia Ferrante', title: 'Spokesperson, UNMISS' }],
    ['SOUNDBITE (English) Lieut. Gen. Omar Tesfaye, Force Commander (UNISFA):', { speaker: 'Lieut. Gen. Omar Tesfaye', title: 'Force Commander (UNISFA)' }],
    ['SOUNDBITE (English) Jean-Marc Dulac, Head of Office / Field Coordinator:', { speaker: 'Jean-Marc Dulac', title: 'Head of Office / Field Coordinator' }],
    ['SOUNDBITE (English) Amal Haddad:', { speaker: 'Amal Haddad', title: null }],
  ];
  for (const [line, expected] of cases) {
    test(line, () => {
      const read = readSpeakerLine(line, 0);
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(read[key as keyof typeof read], value, key);
      }
    });
  }

  test('Geneva one-line soundbite carries its quote', () => {
    const text = lines(header, '1. SOUNDBITE (English) – Mira Koskinen, spokesperson: “We are ready to help.”', '2. Wide shot, Palais');
    const document = parseTranscript(text);
    const soundbite = document.soundbites[0];
    assert.equal(soundbite?.oneLine, true);
    assert.equal(soundbite?.speaker, 'Mira Koskinen');
    assert.equal(soundbite?.title, 'spokesperson');
    assert.equal(soundbite?.quote?.text, 'We are ready to help.');
    assert.equal(textOf(text, soundbite?.quote?.range ?? { start: { offset: 0 }, end: { offset: 0 } }), '“We are ready to help.”');
  });

  test('a one-line soundbite whose colon was forgotten', () => {
    const document = parseTranscript(lines(header, '1. SOUNDBITE (English) Mira Koskinen, spokesperson “We are ready to help.”', '2. Wide shot, Palais'));
    const soundbite = document.soundbites[0];
    assert.deepEqual([soundbite?.speaker, soundbite?.title, soundbite?.quote?.text], ['Mira Koskinen', 'spokesperson', 'We are ready to help.']);
    assert.deepEqual(codes(document), ['7:soundbite-missing-colon']);
  });

  test('a quoted nickname on a speaker line that ends with a colon is not a quote', () => {
    const document = parseTranscript(lines(header, '1. SOUNDBITE (English) Amadou “Papa” Diallo, fisherman:', '“The river is our road.”', '2. Wide shot, river'));
    assert.equal(document.soundbites[0]?.speaker, 'Amadou “Papa” Diallo');
    assert.equal(document.soundbites[0]?.quote?.text, 'The river is our road.');
  });

  test('language typos and upper case', () => {
    const document = parseTranscript(lines(header, '1. SOUNDBITE (Englsh) Ana Ruiz, Nurse:', '“Clean water first.”', '2. SOUNDBITE (FRENCH) Ana Ruiz, Nurse:', '“Puis les écoles.”'));
    assert.deepEqual(document.soundbites.map((soundbite) => [soundbite.language, soundbite.languageName]), [['Englsh', null], ['FRENCH', 'French']]);
    assert.deepEqual(codes(document), ['7:unknown-language']);
    assert.equal(document.diagnostics[0]?.data['suggested'], 'English');
  });

  test('an unnumbered soundbite is kept and reported', () => {
    const document = parseTranscript(lines(header, '1. Wide shot, well', 'SOUNDBITE (English) Ana Ruiz, Nurse:', '“Clean water first.”', '2. Wide shot, tap'));
    assert.equal(document.soundbites[0]?.number, null);
    assert.deepEqual(codes(document), ['8:shot-number-missing']);
  });
});

suite('soundbite quotes', () => {
  function quoteOf(...body: string[]): { document: TranscriptDocument; text: string } {
    const text = lines(header, '1. SOUNDBITE (English) Ana Ruiz, Nurse:', ...body, '2. Wide shot, tap');
    return { document: parseTranscript(text), text };
  }

  test('strips curly marks and keeps the words exactly', () => {
    const { document } = quoteOf('“We’re here [in Bor] – and we won’t leave -- not now — not ever.”');
    assert.equal(document.soundbites[0]?.quote?.text, 'We’re here [in Bor] – and we won’t leave -- not now — not ever.');
    assert.deepEqual(codes(document), []);
  });

  test('a quote broken by a hard newline is one quote with collapsed spaces', () => {
    const { document } = quoteOf('“We will stay', 'until   the job is done.”');
    assert.equal(document.soundbites[0]?.quote?.text, 'We will stay until the job is done.');
    assert.equal(document.soundbites[0]?.quote?.range.end.line, 8);
  });

  test('spaces inside the marks and straight marks', () => {
    assert.equal(quoteOf('“ Water is life. ”').document.soundbites[0]?.quote?.text, 'Water is life.');
    const straight = quoteOf('"Water is life."').document.soundbites[0]?.quote;
    assert.deepEqual([straight?.text, straight?.openMark, straight?.closeMark, straight?.closed], ['Water is life.', '"', '"', true]);
  });

  test('nested quotes with the same glyph stay inside', () => {
    const { document } = quoteOf('“They told us “go home” and we stayed.”');
    assert.equal(document.soundbites[0]?.quote?.text, 'They told us “go home” and we stayed.');
    assert.deepEqual(codes(document), []);
  });

  test('straight opening with curly closing is reported', () => {
    assert.deepEqual(codes(quoteOf('"Water is life.”').document), ['8:mismatched-quote-marks']);
  });

  test('an unclosed quote stops at the next shot line', () => {
    const { document } = quoteOf('“Water is life');
    const quote = document.soundbites[0]?.quote;
    assert.equal(quote?.closed, false);
    assert.equal(quote?.range.end.line, 7);
    assert.equal(quote?.text, 'Water is life');
    assert.deepEqual(codes(document), ['8:unclosed-quote']);
    assert.equal(document.shots[1]?.number, 2);
  });

  test('a soundbite with no quote is reported', () => {
    const document = parseTranscript(lines(header, '1. SOUNDBITE (English) Ana Ruiz, Nurse:', '2. Wide shot, tap'));
    assert.equal(document.soundbites[0]?.quote, null);
    assert.deepEqual(codes(document), ['7:soundbite-missing-quote']);
  });
});

suite('story', () => {
  test('after a STORYLINE heading', () => {
    const document = parseTranscript(lines(header, '1. Wide shot, well', 'STORYLINE', 'Ana Ruiz said “clean water first.”', 'The well opened on Monday.'));
    assert.equal(document.story?.range.start.line, 8);
    assert.equal(document.story?.headingRange?.start.line, 7);
    assert.deepEqual(document.headings.map((heading) => heading.kind), ['storyline']);
    assert.equal(document.story?.quotes[0]?.text, 'clean water first.');
  });

  test('without a heading, right after the last soundbite', () => {
    const document = parseTranscript(lines(header, '1. SOUNDBITE (English) Ana Ruiz, Nurse:', '“Clean water first.”', 'The well opened on Monday, Ruiz said.'));
    assert.equal(document.soundbites[0]?.quote?.range.end.line, 7);
    assert.equal(document.story?.range.start.line, 8);
  });

  test('the last soundbite’s unclosed quote does not swallow the story', () => {
    const document = parseTranscript(lines(header, '1. SOUNDBITE (English) Ana Ruiz, Nurse:', '“Clean water first.', 'The well opened on Monday, Ruiz said.'));
    assert.equal(document.soundbites[0]?.quote?.range.end.line, 7);
    assert.equal(document.story?.range.start.line, 8);
    assert.ok(codes(document).includes('8:unclosed-quote'));
  });
});

suite('interviews', () => {
  test('French typography and bracketed labels', () => {
    const document = parseTranscript(lines('RFI : Que faut-il faire ?', 'Porte-parole [Idriss Maïga] : Il faut écouter.', 'RFI : Et ensuite ?', 'Porte-parole [Idriss Maïga] : Reconstruire.'));
    assert.equal(document.format, 'interview');
    assert.deepEqual(document.turns.map((turn) => [turn.speaker, turn.role, turn.text]), [
      ['RFI', 'question', 'Que faut-il faire ?'], ['Porte-parole [Idriss Maïga]', 'answer', 'Il faut écouter.'],
      ['RFI', 'question', 'Et ensuite ?'], ['Porte-parole [Idriss Maïga]', 'answer', 'Reconstruire.'],
    ]);
  });

  test('Q and A labels', () => {
    const document = parseTranscript(lines('Q: Why Bor?', 'A: Because the river floods.', 'Q: And now?', 'A: Now we rebuild.'));
    assert.deepEqual(document.turns.map((turn) => turn.role), ['question', 'answer', 'question', 'answer']);
  });

  test('a one-off "He said:" is not a speaker label', () => {
    const document = parseTranscript(lines('The minister arrived late.', 'He said: the road was closed.', 'Nobody asked why.'));
    assert.equal(document.format, 'prose');
    assert.equal(document.turns.length, 0);
  });
});

suite('line table', () => {
  test('handles LF, CRLF and lone CR, with exact offsets', () => {
    const table = new LineTable('a\r\nbc\rd\n');
    assert.equal(table.lineCount, 4);
    assert.deepEqual([0, 1, 2, 3].map((line) => table.line(line)), ['a', 'bc', 'd', '']);
    assert.deepEqual(table.positionAt(3), { line: 1, character: 0, offset: 3 });
    assert.deepEqual(table.positionAt(2), { line: 0, character: 1, offset: 1 });
  });

  test('ranges of a CRLF shot list point at the right text', () => {
    const text = lines(header, '1. SOUNDBITE (English) Ana Ruiz, Nurse:', '“Clean water first.”', '2. Wide shot, tap').replace(/\n/gu, '\r\n');
    const document = parseTranscript(text);
    const soundbite = document.soundbites[0];
    assert.equal(textOf(text, soundbite?.speakerRange ?? { start: { offset: 0 }, end: { offset: 0 } }), 'Ana Ruiz');
    assert.equal(textOf(text, soundbite?.quote?.innerRange ?? { start: { offset: 0 }, end: { offset: 0 } }), 'Clean water first.');
  });
});
