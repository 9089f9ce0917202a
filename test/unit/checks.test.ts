// The checks after the parse (src/core/checks): quote fidelity between a story and its soundbites,
// header and DATELINE house style, timing, the user's severities, and the quick fixes, each applied to
// the text and the result read back.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allFindings, ChecksJob, finishedChecks, runChecks } from '../../src/core/checks';
import { measureChecks } from '../../scripts/measure-checks';
import { applyReplacements, quickFixesFor, renumberShots, type QuickFix } from '../../src/core/checks/fixes';
import { fidelityAt, maxComparisonCells, maxUnitPairs, quoteFidelity, unitFidelity } from '../../src/core/checks/quoteFidelity';
import { gapWord, quoteWords } from '../../src/core/checks/quoteWords';
import { codesOff, diagnosticSeverities, effectiveSeverity, noCodesOff, offByDefault } from '../../src/core/checks/registry';
import { storyTimings, timingAtLine } from '../../src/core/checks/timing';
import type { DiagnosticCode, TranscriptDiagnostic } from '../../src/core/model';
import fc from 'fast-check';
import { parseTranscript, parseTranscriptFile } from '../../src/core/parse';
import { baseDocuments, fuzzCases, testSizes } from '../fuzz/generators';
import { lines, numberedStory, readSeed, repositoryRoot } from './helpers';
import { ChunkedText } from '../../src/core/text/chunkedText';

const header = [
  'STORY: SOUTH SUDAN / MALAKAL CLINIC',
  'TRT: 02:10',
  'SOURCE: UNMISS',
  'RESTRICTIONS: NONE',
  'LANGUAGES: ENGLISH / NATS',
  'DATELINE: 12 FEBRUARY 2026, MALAKAL, SOUTH SUDAN',
];

const soundbite = [
  '1. Wide shot, clinic at night',
  '2. SOUNDBITE (English) Grace Achol-Lindgren, Nurse, Malakal Clinic:',
  '“We’re on the road before sunrise, because the mothers walk for three hours to reach us. When the generator fails, we work by torchlight.”',
  '3. Med shot, nurse with a torch',
];

function storyWith(...story: string[]): string {
  return lines(...header, ...soundbite, ...story);
}

function findings(text: string, code?: DiagnosticCode): TranscriptDiagnostic[] {
  const document = parseTranscript(text);
  const all = allFindings(document, text, { 'quote-unsourced': 'information', 'dateline-day-padding': 'information' });
  return code ? all.filter((finding) => finding.code === code) : all;
}

/** Applies the one fix of the one finding of `code`, and returns the text after it. */
function fixed(text: string, code: DiagnosticCode): string {
  const document = parseTranscript(text);
  const finding = allFindings(document, text, { 'dateline-day-padding': 'information' }).find((candidate) => candidate.code === code);
  assert.ok(finding, `no ${code} finding`);
  const fixes = quickFixesFor(document, text, finding);
  assert.equal(fixes.length, 1, `one fix for ${code}`);
  return applyReplacements(text, (fixes[0] as QuickFix).edits);
}

suite('checks: quote words', () => {
  test('case, apostrophes, accents and punctuation are folded; cuts become gaps', () => {
    const text = 'We’re in Côte d’Ivoire… and [the mission] stays... OK. . . fine';
    const words = quoteWords(text, 0, text.length).words;
    assert.deepEqual(words, ["we're", 'in', 'cote', "d'ivoire", gapWord, 'and', gapWord, 'stays', gapWord, 'ok', gapWord, 'fine']);
  });

  test('an unclosed bracket is punctuation, not a gap', () => {
    const text = 'the [sites of displaced families';
    assert.deepEqual(quoteWords(text, 0, text.length).words, ['the', 'sites', 'of', 'displaced', 'families']);
  });
});

suite('checks: quote fidelity', () => {
  test('differences that change no word are accepted', () => {
    const accepted = [
      'She said “we\'re on the road before sunrise,” every day.',
      'She said "We’re on the  road before sunrise" every day.',
      'She said “we’re on the road … when the generator fails, we work by torchlight.”',
      'She said “[the nurses are] on the road before sunrise, because the mothers walk for three hours to reach [the clinic].”',
      'She said “mothers walk for three hours...”',
    ];
    for (const line of accepted) {
      assert.deepEqual(findings(storyWith(line)).map((finding) => finding.code), [], line);
    }
  });

  test('a changed word is reported with the words and the soundbite', () => {
    const text = storyWith('She said “the mothers walk for four hours to reach us.”');
    const [finding] = findings(text, 'quote-differs');
    assert.ok(finding);
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.message, 'This quote does not match soundbite 2 (Grace Achol-Lindgren, line 8): …for [three → four] hours…');
    assert.equal(finding.range.start.line, 10);
    assert.equal(finding.related?.start.line, 7);
  });

  test('added and dropped words are named', () => {
    const added = findings(storyWith('She said “the mothers walk for three long hours to reach us.”'), 'quote-differs')[0];
    assert.match(added?.message ?? '', /…three \[\+ long\] hours…/u);
    const dropped = findings(storyWith('She said “the mothers walk for hours to reach us.”'), 'quote-differs')[0];
    assert.match(dropped?.message ?? '', /…for \[− three\] hours…/u);
  });

  test('a quote found in no soundbite is unsourced; a short phrase is not reported', () => {
    const text = storyWith('The minister promised “a clinic in every county by next year.” It is a “new dawn”.');
    assert.deepEqual(findings(text).map((finding) => finding.code), ['quote-unsourced']);
    // Off unless the user turns it on.
    const document = parseTranscript(text);
    assert.deepEqual(allFindings(document, text).map((finding) => finding.code), []);
  });

  test('each story of an archive is compared with its own soundbites only', () => {
    const second = [
      'STORY: SOUTH SUDAN / BOR FLOODS', 'TRT: 01:00', 'SOURCE: UNMISS', 'RESTRICTIONS: NONE', 'LANGUAGES: ENGLISH / NATS',
      'DATELINE: 13 FEBRUARY 2026, BOR, SOUTH SUDAN', '1. Wide shot, flooded road',
      'A nurse said “the mothers walk for three hours to reach us.”',
    ];
    const text = lines(...header, ...soundbite, 'She said “we work by torchlight.”', ...second);
    const results = quoteFidelity(parseTranscript(text), text);
    assert.deepEqual(results.map((result) => result.status), ['exact', 'unchecked']);
  });

  test('interview quotes outside the answers are compared with the answers', () => {
    const text = lines(
      'Malakal nurse on night shifts',
      '',
      'Grace Achol-Lindgren told UN News that “the mothers walk for four hours to reach us.”',
      '',
      'UN News: Why do you start so early?',
      '',
      'Achol-Lindgren: Because the mothers walk for three hours to reach us, and they say “thank you” every time.',
      '',
      'UN News: And at night?',
      '',
      'Achol-Lindgren: When the generator fails, we work by torchlight.',
    );
    const document = parseTranscript(text);
    assert.equal(document.format, 'interview');
    const reported = findings(text, 'quote-differs');
    assert.equal(reported.length, 1);
    assert.match(reported[0]?.message ?? '', /^This quote does not match the answer on line 7: …for \[three → four\] hours…/u);
  });

  test('a unit with more quote and soundbite pairs than maxUnitPairs is left unchecked instead of compared pair by pair', () => {
    const story = (soundbites: number, quotes: number): string => lines(...header,
      ...Array.from({ length: soundbites }, (_, index) => [`${index + 1}. SOUNDBITE (English) Grace Achol-Lindgren, Nurse:`,
        `“The mothers walk for three hours to reach clinic ${index}.”`]).flat(),
      'STORYLINE',
      ...Array.from({ length: quotes }, (_, index) => `She said “the mothers walk for four hours to reach clinic ${index}.”`));
    assert.ok(40 * 30 <= maxUnitPairs && 400 * 300 > maxUnitPairs);
    assert.equal(findings(story(40, 30), 'quote-differs').length, 30, 'a large story within the bound is compared');
    const huge = story(400, 300);
    assert.deepEqual(findings(huge, 'quote-differs'), []);
    assert.deepEqual(quoteFidelity(parseTranscript(huge), huge).map((result) => result.status), Array.from({ length: 300 }, () => 'unchecked'));
  });

  test('an interview counts only the quotes outside its answers against the bound: quotes an answer holds are not compared', () => {
    const interview = ['Interview with a fictional nurse', '', 'Q: You told us “the mothers walk for four hours to reach the clinic every single day”. Is that right?', ''];
    for (let index = 0; index < 400; index++) {
      interview.push(index === 0 ? 'A: Yes. The mothers walk for three hours to reach the clinic every single day.' : `A: Answer ${index}: the word “river${index}” matters here.`, '');
      interview.push(`Q: And then ${index}?`, '');
    }
    const text = interview.join('\n');
    const model = parseTranscript(text);
    assert.ok(model.quotes.length * 400 > maxUnitPairs, 'every quote against every answer would pass the bound');
    assert.deepEqual(quoteFidelity(model, text).map((result) => result.status), ['differs']);
  });

  test('a quote too long to compare word by word says so instead of guessing', () => {
    const long = Array.from({ length: 600 }, (_, index) => `word${index % 97}`).join(' ');
    const changed = long.replace('word5 ', 'changed ');
    const text = lines(...header, '1. SOUNDBITE (English) Grace Achol-Lindgren, Nurse:', `“${long}”`, `She said “${changed}”`);
    assert.ok(601 * 601 > maxComparisonCells);
    const [finding] = findings(text, 'quote-differs');
    assert.match(finding?.message ?? '', /too long to compare word by word/u);
  });

  test('an archive keeps only its recent stories\' comparisons; a dropped one is compared again, the same', () => {
    // More stories than the per-document memory of comparisons (64), each quoting its soundbite with one word changed.
    const stories = Array.from({ length: 90 }, (_, index) => [
      ...header.map((line) => (line.startsWith('STORY:') ? `STORY: SOUTH SUDAN / MALAKAL CLINIC ${index + 1}` : line)),
      ...soundbite,
      'She said “the mothers walk for four hours to reach us.”',
    ]).flat();
    const text = lines(...stories);
    const document = parseTranscript(text);
    const early = unitFidelity(document, text, 0);
    const differs = runChecks(document, text).filter((finding) => finding.code === 'quote-differs');
    assert.equal(differs.length, 90);
    // 89 stories compared since: the first story's list was let go (memory stays bounded).
    assert.notEqual(unitFidelity(document, text, 0), early);
    // The first story's comparison was dropped long ago: asked again, it is made again and says the same.
    const first = differs[0] as TranscriptDiagnostic;
    const again = fidelityAt(document, text, first.range.start);
    assert.equal(again?.status, 'differs');
    assert.equal(again?.quote.range.start.offset, first.range.start.offset);
    assert.equal(quickFixesFor(document, text, first).length > 0, true);
    // What was just made is kept: asked twice, the story answers with the same list.
    assert.equal(unitFidelity(document, text, 0), unitFidelity(document, text, 0));
    // And a fresh document's comparisons agree with the ones made after dropping.
    const fresh = quoteFidelity(parseTranscript(text), text).map((result) => [result.status, result.quote.range.start.offset, result.source?.index]);
    assert.deepEqual(quoteFidelity(document, text).map((result) => [result.status, result.quote.range.start.offset, result.source?.index]), fresh);
  });

  test('the real seed 000 quotes its soundbites faithfully: no quote finding', () => {
    const text = readSeed('000_e751e5e04960dd4f.txt');
    const document = parseTranscript(text);
    const results = quoteFidelity(document, text);
    assert.equal(results.length, 13);
    assert.ok(results.every((result) => result.status === 'exact'), results.map((result) => result.status).join());
  });
});

suite('checks: header, DATELINE and timing', () => {
  test('a soundbite language missing from LANGUAGES, once per language', () => {
    const text = lines(...header, '2. SOUNDBITE (French) Delphine Araujo, Officer:', '“Nous sommes là.”', '3. SOUNDBITE (French) Delphine Araujo, Officer:', '“Toujours.”');
    const reported = findings(text, 'header-language-missing');
    assert.equal(reported.length, 1);
    assert.equal(reported[0]?.message, 'The soundbite is in French, which LANGUAGES (ENGLISH / NATS) does not list.');
    assert.equal(reported[0]?.related?.start.line, 4);
  });

  test('a language LANGUAGES lists under another name is covered (Kiswahili by SWAHILI, Mandarin by CHINESE)', () => {
    const text = lines(...header.slice(0, 4), 'LANGUAGES: SWAHILI / CHINESE / NATS', header[5] as string,
      '1. SOUNDBITE (Kiswahili) Neema Mwakyusa, Farmer:', '“Tunarudi.”', '2. SOUNDBITE (Mandarin) Li Wen, Engineer:', '“We finished the bridge.”');
    assert.deepEqual(findings(text, 'header-language-missing'), []);
  });

  test('a misspelt LANGUAGES item is an unknown language with a suggestion, and still counts', () => {
    const text = lines(...header.slice(0, 4), 'LANGUAGES: ENGLSH / NATS', header[5] as string, ...soundbite);
    assert.deepEqual(findings(text).map((finding) => `${finding.code} ${finding.message}`), ['unknown-language Unknown language "ENGLSH" (did you mean English?).']);
  });

  test('DATELINE shapes: no day, a month not in English, a day without its zero (opt-in)', () => {
    const at = (dateline: string): string[] => findings(lines(...header.slice(0, 5), `DATELINE: ${dateline}`)).map((finding) => finding.code);
    assert.deepEqual(at('FEBRUARY 2026, MALAKAL'), ['dateline-no-day']);
    assert.deepEqual(at('12 FÉVRIER 2026, MALAKAL'), ['dateline-month-not-english']);
    assert.deepEqual(at('2 FEBRUARY 2026, MALAKAL'), ['dateline-day-padding']);
    assert.deepEqual(at('12 FEB 2026, MALAKAL'), []);
    const text = lines(...header.slice(0, 5), 'DATELINE: 2 FEBRUARY 2026, MALAKAL');
    assert.deepEqual(allFindings(parseTranscript(text), text).map((finding) => finding.code), [], 'padding is off by default');
  });

  test('a FILE section without the DATELINE marker; with it, nothing', () => {
    const body = ['FILE - UNMISS - MALAKAL, SOUTH SUDAN', '1. Wide shot, clinic'];
    const missing = findings(lines(...header, ...body), 'dateline-marker-missing');
    assert.equal(missing[0]?.message, 'The DATELINE has no FILE marker, but a FILE section follows (line 7).');
    assert.deepEqual(findings(lines(...header.slice(0, 5), 'DATELINE: 12 FEBRUARY 2026, MALAKAL / FILE', ...body)), []);
  });

  test('repeated headers: two different headers whose keys share a hash are not a repeat', () => {
    // These two keys hash alike (found by search when the hash was written): only the full comparison tells them apart.
    const story = (slug: string): string[] => [`STORY: ${slug}`, 'TRT: 1:20', 'SOURCE: UNIFEED', '', 'SHOTLIST', '1. Wide shot, clinic', ''];
    const repeats = (...slugs: string[]): string[] => {
      const text = lines(...slugs.flatMap(story));
      return runChecks(parseTranscript(text), text).filter((item) => item.code === 'header-repeated')
        .map((item) => `${item.range.start.line} repeats ${item.data['firstLine']}`);
    };
    const [a, b] = ['UN / S63829', 'UN / S134596'];
    assert.deepEqual(repeats(a, b), []);
    assert.deepEqual(repeats(a, b, b), ['14 repeats 8']);
    assert.deepEqual(repeats(a, b, a, b), ['14 repeats 1', '21 repeats 8']);
  });

  test('a header block pasted twice', () => {
    const text = lines(...header, '1. Wide shot, clinic', ...header, '1. Wide shot, clinic');
    const repeated = findings(text, 'header-repeated');
    assert.equal(repeated.length, 1);
    assert.equal(repeated[0]?.range.start.line, 7);
    assert.equal(repeated[0]?.message, 'This header block repeats the one on line 1.');
  });

  test('repeated header blocks: any mix of stories gives what comparing every header\'s fields as text gives', () => {
    const story = fc.record({ slug: fc.constantFrom('UN / FLOODS', 'UN / CLINIC', 'un /  clinic'), trt: fc.constantFrom('1:20', '0:45'),
      language: fc.constantFrom('LANGUAGE', 'LANGUAGES'), fields: fc.constantFrom(1, 3) });
    fc.assert(fc.property(fc.array(story, { minLength: 2, maxLength: 12 }), (stories) => {
      const text = lines(...stories.flatMap((item) => [`STORY: ${item.slug}`, ...(item.fields > 1 ? [`TRT: ${item.trt}`, `${item.language}: ENGLISH`] : []),
        'SHOTLIST', '1. Wide shot, clinic', '']));
      const document = parseTranscript(text);
      // The oracle: each header's fields as one upper-cased line each, the first header with the same text.
      const firstWith = new Map<string, number>();
      const expected: string[] = [];
      for (const header of document.headers) {
        if (header.fields.length < 2) {
          continue;
        }
        const key = header.fields.map((field) => `${field.name.replace(/^LANGUAGE$/u, 'LANGUAGES')}:${field.value.replace(/\s+/gu, ' ').trim().toUpperCase()}`).join('\n');
        const line = header.fields[0]?.range.start.line ?? -1;
        const first = firstWith.get(key);
        if (first === undefined) {
          firstWith.set(key, line);
        } else {
          expected.push(`${line} repeats ${first + 1}`);
        }
      }
      const found = runChecks(document, text).filter((item) => item.code === 'header-repeated');
      assert.deepEqual(found.map((item) => `${item.range.start.line} repeats ${item.data['firstLine']}`), expected);
    }), { numRuns: 200 });
  });

  test('soundbites that read longer than the TRT', () => {
    const words = Array.from({ length: 45 }, () => 'word').join(' ');
    const text = lines(...header.slice(0, 1), 'TRT: 0:10', ...header.slice(2), '1. SOUNDBITE (English) Grace Achol-Lindgren, Nurse:', `“${words}”`);
    const document = parseTranscript(text);
    assert.deepEqual(storyTimings(document).map((timing) => [timing.soundbites, timing.soundbiteSeconds, timing.trtSeconds]), [[1, 15, 10]]);
    assert.equal(timingAtLine(document, 7)?.soundbiteSeconds, 15);
    assert.equal(findings(text, 'trt-exceeded')[0]?.message, 'The soundbites alone read for 0:15, longer than the TRT of 0:10.');
    assert.deepEqual(findings(storyWith(), 'trt-exceeded'), []);
  });

  test('user severities: changed, turned off, and opt-in rules turned on', () => {
    const text = storyWith('She said “the mothers walk for four hours to reach us.”');
    const document = parseTranscript(text);
    assert.equal(allFindings(document, text, { 'quote-differs': 'error' })[0]?.severity, 'error');
    assert.deepEqual(allFindings(document, text, { 'quote-differs': 'off' }), []);
    assert.equal(allFindings(document, text, { 'quote-differs': 'loud' })[0]?.severity, 'warning', 'an invalid choice keeps the default');
    assert.equal(runChecks(document, text), runChecks(document, text), 'computed once per document version');
  });
});

suite('checks: quick fixes', () => {
  test('renumber every shot in order, numbering again from 1 in each story', () => {
    const text = lines(...header, '1. Wide shot, a', '3. Med shot, b', 'SOUNDBITE (English) Jane Roe, Nurse:', '“Yes.”', '3. Wide shot, c',
      ...header.slice(0, 1), 'STORY: SECOND', ...header.slice(1), '2. Wide shot, d');
    const document = parseTranscript(text);
    assert.equal(applyReplacements(text, renumberShots(document)), lines(...header, '1. Wide shot, a', '2. Med shot, b',
      '3. SOUNDBITE (English) Jane Roe, Nurse:', '“Yes.”', '4. Wide shot, c', ...header.slice(0, 1), 'STORY: SECOND', ...header.slice(1), '1. Wide shot, d'));
    const after = applyReplacements(text, renumberShots(document));
    assert.deepEqual(parseTranscript(after).diagnostics.filter((finding) => finding.code.startsWith('shot-number')), []);
    assert.equal(fixed(text, 'shot-number-out-of-sequence'), after);
  });

  test('close a quote left open, and make a straight mark curly', () => {
    assert.equal(fixed(storyWith('She said “we work by torchlight.'), 'unclosed-quote'), storyWith('She said “we work by torchlight.”'));
    const mismatched = lines(...header, '1. SOUNDBITE (English) Jane Roe, Nurse:', '"We work by torchlight.”');
    assert.equal(fixed(mismatched, 'mismatched-quote-marks'), lines(...header, '1. SOUNDBITE (English) Jane Roe, Nurse:', '“We work by torchlight.”'));
    const closedStraight = lines(...header, '1. SOUNDBITE (English) Jane Roe, Nurse:', '“We work by torchlight."');
    assert.equal(fixed(closedStraight, 'mismatched-quote-marks'), lines(...header, '1. SOUNDBITE (English) Jane Roe, Nurse:', '“We work by torchlight.”'));
  });

  test('replace the story quote\'s differing words with the soundbite\'s, keeping cuts and marks', () => {
    const cases: Array<[string, string]> = [
      ['She said “the mothers walk for four hours to reach us.”', 'She said “the mothers walk for three hours to reach us.”'],
      ['She said “the mothers walk for hours to reach us.”', 'She said “the mothers walk for three hours to reach us.”'],
      ['She said “the mothers walk for three long hours to reach us.”', 'She said “the mothers walk for three hours to reach us.”'],
      ['She said “the mothers walk for three hours to reach us all.”', 'She said “the mothers walk for three hours to reach us.”'],
      ['She said “They’re on the road before sunrise … we work by candlelight.”', 'She said “We’re on the road before sunrise … we work by torchlight.”'],
      ['She said “they’re on the road before sunrise, because mothers walk for three hours”', 'She said “we’re on the road before sunrise, because the mothers walk for three hours”'],
    ];
    for (const [story, expected] of cases) {
      const after = fixed(storyWith(story), 'quote-differs');
      assert.equal(after, storyWith(expected), story);
      assert.deepEqual(findings(after, 'quote-differs'), [], `fixed: ${story}`);
    }
  });

  test('correct a misspelt language, in the case it was written', () => {
    const text = lines(...header, '1. SOUNDBITE (Englsh) Jane Roe, Nurse:', '“Yes.”');
    assert.equal(fixed(text, 'unknown-language'), lines(...header, '1. SOUNDBITE (English) Jane Roe, Nurse:', '“Yes.”'));
    const upper = lines(...header.slice(0, 4), 'LANGUAGES: ENGLSH / NATS', header[5] as string);
    assert.equal(fixed(upper, 'unknown-language'), lines(...header));
  });

  test('add a soundbite language to LANGUAGES, before NATS', () => {
    const text = lines(...header, '1. SOUNDBITE (French) Jane Roe, Nurse:', '“Oui.”');
    assert.equal(fixed(text, 'header-language-missing'), lines(...header.slice(0, 4), 'LANGUAGES: ENGLISH / FRENCH / NATS', header[5] as string,
      '1. SOUNDBITE (French) Jane Roe, Nurse:', '“Oui.”'));
  });

  test('add a missing header field with a placeholder, in the usual order', () => {
    const withoutTrt = lines(...header.filter((line) => !line.startsWith('TRT')), '1. Wide shot, a');
    assert.equal(fixed(withoutTrt, 'header-missing-field'), lines(header[0] as string, 'TRT: [MM:SS]', ...header.slice(2), '1. Wide shot, a'));
    const withoutStory = lines(...header.slice(1), '1. SOUNDBITE (French) Jane Roe, Nurse:', '“Oui.”');
    assert.equal(fixed(withoutStory, 'header-missing-field'), lines('STORY: [STORY SLUG]', ...header.slice(1), '1. SOUNDBITE (French) Jane Roe, Nurse:', '“Oui.”'));
    const withoutLanguages = lines(...header.filter((line) => !line.startsWith('LANGUAGES')), '1. SOUNDBITE (French) Jane Roe, Nurse:', '“Oui.”');
    assert.equal(fixed(withoutLanguages, 'header-missing-field'), lines(...header.slice(0, 4), 'LANGUAGES: FRENCH / NATS', header[5] as string,
      '1. SOUNDBITE (French) Jane Roe, Nurse:', '“Oui.”'));
    const crlf = lines(...header.filter((line) => !line.startsWith('SOURCE'))).replace(/\n/gu, '\r\n');
    assert.equal(fixed(crlf, 'header-missing-field'), lines(...header.slice(0, 2), 'SOURCE: [SOURCE]', ...header.slice(3)).replace(/\n/gu, '\r\n'));
  });

  test('fix the DATELINE form: English month, leading zero, the FILE marker', () => {
    const dateline = (value: string): string => lines(...header.slice(0, 5), `DATELINE: ${value}`, 'FILE - MALAKAL, SOUTH SUDAN', '1. Wide shot, clinic');
    assert.equal(fixed(dateline('12 février 2026, MALAKAL / FILE'), 'dateline-month-not-english'), dateline('12 FEBRUARY 2026, MALAKAL / FILE'));
    assert.equal(fixed(dateline('2 FEBRUARY 2026, MALAKAL / FILE'), 'dateline-day-padding'), dateline('02 FEBRUARY 2026, MALAKAL / FILE'));
    assert.equal(fixed(dateline('12 FEBRUARY 2026, MALAKAL'), 'dateline-marker-missing'), dateline('12 FEBRUARY 2026, MALAKAL / FILE'));
  });

  test('in the middle of an archive, and with the text in pieces, each fix repairs its own story as it does the story alone', () => {
    const dateline = (value: string): string => lines(...header.slice(0, 5), `DATELINE: ${value}`, 'FILE - MALAKAL, SOUTH SUDAN', '1. Wide shot, clinic');
    const cases: Array<[string, DiagnosticCode]> = [
      [storyWith('She said “we work by torchlight.'), 'unclosed-quote'],
      [lines(...header, '1. SOUNDBITE (English) Jane Roe, Nurse:', '"We work by torchlight.”'), 'mismatched-quote-marks'],
      [storyWith('She said “the mothers walk for four hours to reach us.”'), 'quote-differs'],
      [lines(...header, '1. SOUNDBITE (Englsh) Jane Roe, Nurse:', '“Yes.”'), 'unknown-language'],
      [lines(...header, '1. SOUNDBITE (French) Jane Roe, Nurse:', '“Oui.”'), 'header-language-missing'],
      [lines(...header.filter((line) => !line.startsWith('TRT')), '1. Wide shot, a'), 'header-missing-field'],
      [lines(...header.filter((line) => !line.startsWith('LANGUAGES')), '1. SOUNDBITE (French) Jane Roe, Nurse:', '“Oui.”'), 'header-missing-field'],
      [dateline('12 février 2026, MALAKAL / FILE'), 'dateline-month-not-english'],
      [dateline('12 FEBRUARY 2026, MALAKAL'), 'dateline-marker-missing'],
    ];
    const before = Array.from({ length: 30 }, (_, index) => numberedStory(index)).join('\n');
    const after = Array.from({ length: 30 }, (_, index) => numberedStory(index + 100)).join('\n');
    for (const [story, code] of cases) {
      const alone = fixed(story, code);
      const text = `${before}\n${story}\n${after}`;
      const document = parseTranscript(text);
      const start = before.length + 1;
      const finding = allFindings(document, text, { 'dateline-day-padding': 'information' })
        .find((candidate) => candidate.code === code && candidate.range.start.offset >= start && candidate.range.start.offset < start + story.length);
      assert.ok(finding, `no ${code} finding in the archive's own story`);
      const pieces: string[] = [];
      for (let at = 0; at < text.length; at += 61) {
        pieces.push(text.slice(at, at + 61));
      }
      for (const source of [text, ChunkedText.fromPieces(pieces)]) {
        const fixes = quickFixesFor(document, source, finding);
        assert.equal(fixes.length, 1, `one fix for ${code}`);
        assert.equal(applyReplacements(text, (fixes[0] as QuickFix).edits), `${before}\n${alone}\n${after}`, code);
      }
    }
  });

  test('no fix where the right text is unknown', () => {
    const text = lines(...header.slice(0, 5), 'DATELINE: FEBRUARY 2026, MALAKAL');
    const document = parseTranscript(text);
    const finding = allFindings(document, text).find((candidate) => candidate.code === 'dateline-no-day');
    assert.ok(finding);
    assert.deepEqual(quickFixesFor(document, text, finding), []);
  });
});

suite('checks: settings', () => {
  test('shotlist.diagnostics.severity offers every code, and only the severities and off', () => {
    const manifest = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { properties: Record<string, { enum: string[] }> }> } };
    };
    const setting = manifest.contributes.configuration.properties['shotlist.diagnostics.severity'];
    assert.ok(setting);
    assert.deepEqual(Object.keys(setting.properties).sort(), Object.keys(diagnosticSeverities).sort());
    for (const choice of Object.values(setting.properties)) {
      assert.deepEqual(choice.enum, ['error', 'warning', 'information', 'hint', 'off']);
    }
    for (const code of offByDefault) {
      assert.equal(effectiveSeverity(code), 'off');
    }
  });
});

suite('checks: in slices, and measured', () => {
  test('a long archive is checked story by story, and the result is the same as at once', () => {
    const story = (index: number): string[] => [`STORY: STORY ${index}`, ...header.slice(1), ...soundbite, `She said “the mothers walk for ${index} hours to reach us.”`];
    const text = lines(...Array.from({ length: 20 }, (_, index) => story(index)).flat());
    const sliced = parseTranscript(text);
    const job = new ChecksJob(sliced, text);
    let steps = 1;
    while (!job.step(() => true)) {
      steps++;
    }
    // When time is always up, a story takes one step for its header and one per quote compared.
    assert.equal(steps, 40, 'one story at a time, one quote at a time');
    const once = runChecks(parseTranscript(text), text);
    assert.deepEqual(job.result()?.map((item) => `${item.range.start.line} ${item.code}`), once.map((item) => `${item.range.start.line} ${item.code}`));
    assert.equal(once.filter((item) => item.code === 'quote-differs').length, 20);
  });

  test('a story with many quotes is compared one quote per step, with the same findings as at once', () => {
    const quotes = Array.from({ length: 5 }, (_, index) => `She said “the mothers walk for ${index + 4} hours to reach us.”`);
    const text = lines(...header, ...soundbite, ...quotes);
    const job = new ChecksJob(parseTranscript(text), text);
    let steps = 1;
    while (!job.step(() => true)) {
      steps++;
    }
    assert.equal(steps, 6);
    const once = runChecks(parseTranscript(text), text);
    assert.equal(once.filter((item) => item.code === 'quote-differs').length, 5);
    assert.deepEqual(job.result()?.map((item) => `${item.range.start.line} ${item.code} ${item.message}`), once.map((item) => `${item.range.start.line} ${item.code} ${item.message}`));
  });

  test('a long quote\'s word-by-word comparison is spread over several steps, with the same finding as at once', () => {
    // 480 words against 480: 231,361 cells of the table, the largest size still compared.
    const long = Array.from({ length: 480 }, (_, index) => `word${index % 97}`).join(' ');
    const changed = long.replace('word5 ', 'changed ').replace('word60 ', 'altered ');
    const text = lines(...header, '1. SOUNDBITE (English) Grace Achol-Lindgren, Nurse:', `“${long}”`, `She said “${changed}”`);
    assert.ok(481 * 481 <= maxComparisonCells);
    const job = new ChecksJob(parseTranscript(text), text);
    let steps = 1;
    while (!job.step(() => true)) {
      steps++;
    }
    // One step for the quote, and the table's rows in steps of at most about 32,000 cells.
    assert.ok(steps >= 8, `${steps} steps`);
    const [finding] = (job.result() ?? []).filter((item) => item.code === 'quote-differs');
    assert.match(finding?.message ?? '', /\[word5 → changed\]/u);
    assert.deepEqual(job.result()?.map((item) => `${item.range.start.line} ${item.code} ${item.message}`),
      runChecks(parseTranscript(text), text).map((item) => `${item.range.start.line} ${item.code} ${item.message}`));
  });

  test('codes turned off are not made: the other findings are the same, and each list is kept for its own choices', () => {
    const story = (index: number): string[] => [`STORY: STORY ${index}`, ...header.slice(1), ...soundbite,
      `She said “the mothers walk for ${index} hours to reach us.”`, 'A resident said “nobody in the soundbites said this at all.”'];
    const text = lines(...Array.from({ length: 6 }, (_, index) => story(index)).flat());
    const document = parseTranscript(text);
    const every = runChecks(document, text);
    assert.ok(every.some((item) => item.code === 'quote-unsourced'), 'the archive has quotes with no source');
    const byDefault = codesOff({});
    assert.ok(byDefault.codes.has('quote-unsourced') && byDefault.codes.has('dateline-day-padding'));
    assert.equal(codesOff({ 'quote-unsourced': 'hint' }).codes.has('quote-unsourced'), false);
    assert.equal(codesOff({ 'quote-differs': 'off' }).codes.has('quote-differs'), true);
    const without = runChecks(document, text, byDefault);
    assert.deepEqual(without, every.filter((item) => !byDefault.codes.has(item.code)));
    assert.equal(finishedChecks(document, noCodesOff), undefined, 'the list made with every code was replaced');
    assert.equal(finishedChecks(document, byDefault), without);
    const noDiffers = codesOff({ 'quote-differs': 'off', 'quote-unsourced': 'information' });
    assert.deepEqual(runChecks(document, text, noDiffers), every.filter((item) => item.code !== 'quote-differs' && !noDiffers.codes.has(item.code)));
    // The CLI's list, through the user's choices, is what it was when every finding was made.
    assert.deepEqual(allFindings(parseTranscript(text), text, {}).map((item) => item.code).includes('quote-unsourced'), false);
    assert.deepEqual(allFindings(parseTranscript(text), text, { 'quote-unsourced': 'hint' }).filter((item) => item.code === 'quote-unsourced').length,
      every.filter((item) => item.code === 'quote-unsourced').length);
  });

  test('precision and recall on the labelled seeds and fixtures (npm run measure:checks prints them)', () => {
    const byDefault = measureChecks(false);
    assert.deepEqual([byDefault.falsePositives, byDefault.truePositives, byDefault.falseNegatives], [0, 21, 3], byDefault.lines.join('\n'));
    const everything = measureChecks(true);
    assert.deepEqual([everything.falsePositives, everything.truePositives, everything.falseNegatives], [5, 28, 1], everything.lines.join('\n'));
  });
});

suite('checks: hostile input', () => {
  test('on mutated seeds and fixtures the checks never throw, and every finding and fix stays inside the text', function () {
    this.timeout(120_000);
    const bases = baseDocuments();
    fc.assert(fc.property(fuzzCases(bases, testSizes), (fuzzCase) => {
      const text = fuzzCase.text;
      const document = parseTranscriptFile(text, fuzzCase.markdown ? 'case.md' : 'case.txt');
      const found = allFindings(document, text, { 'quote-unsourced': 'information', 'dateline-day-padding': 'information' });
      for (const item of found) {
        assert.ok(item.range.start.offset >= 0 && item.range.end.offset <= text.length && item.range.start.offset <= item.range.end.offset, `${item.code} range`);
        for (const fix of quickFixesFor(document, text, item)) {
          let previousEnd = -1;
          for (const edit of [...fix.edits].sort((a, b) => a.start - b.start)) {
            assert.ok(edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length, `${fix.id} edit inside the text`);
            assert.ok(edit.start >= previousEnd, `${fix.id} edits do not overlap`);
            previousEnd = edit.end;
          }
        }
      }
    }), { numRuns: 300, seed: 1414 });
  });
});
