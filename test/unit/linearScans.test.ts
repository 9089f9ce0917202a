// The hand-written scans that replaced regular expressions whose cost grew with the square of a run
// of spaces (speaker separators, datelines, running times, question ends, language lists, photo
// captions) must give exactly what those expressions gave. The expressions are kept here as the
// oracle and compared on random short texts built from the characters that matter to each.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDateline, readDate, type ParsedDateline, type ParsedPlace } from '../../src/core/parse/dateline';
import { isLanguageListSeparator, parseRunningTime } from '../../src/core/parse/header';
import { endsWithQuestion } from '../../src/core/parse/interview';
import { hasPositionInBrackets } from '../../src/core/parse/prose';
import { languageSeparatorAt } from '../../src/core/parse/shotlist';
import { findSpeakerSeparator } from '../../src/core/parse/speakerLine';
import { splitList } from '../../src/core/text/words';

const runs = { numRuns: 3000 };
const textOf = (pieces: readonly string[]): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((parts) => parts.join(''));
const spaces = [' ', ' ', '  ', '\t', '\u00a0', '\u2009', '\u3000'];

// The expressions the scans replaced, as they were.
const oldSpeakerSeparator = /\s*,\s*|\s+[–—-]+\s*|\s*[–—]\s*/u;
const oldQuestionEnd = /\?[\s\u00a0]*["”»)’]*[\s\u00a0]*$/u;
const oldCaption = /\((?:centre|center|left|right|second|third|foreground|background|C|L|R)\b[^)]*\)/u;

function oldRunningTime(value: string): number | null {
  const text = value.trim().replace(/\s*(?:["”″'’]+|mins?\.?|minutes?)$/iu, '').trim();
  const clock = /^(?:(\d{1,2}):)?(\d{1,3})[:.](\d{1,2})$/u.exec(text);
  if (clock) {
    const seconds = Number(clock[3]);
    return seconds < 60 ? Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + seconds : null;
  }
  const secondsOnly = /^(\d{1,5})\s*(?:s|secs?|seconds?)$/iu.exec(text);
  if (secondsOnly) {
    return Number(secondsOnly[1]);
  }
  const primes = /^(\d{1,3})['’′]\s*(\d{1,2})$/u.exec(text);
  return primes ? Number(primes[1]) * 60 + Number(primes[2]) : null;
}

/** parseDateline as it was (markerAtEnd, joiner and the place trimming were regular expressions). */
function oldParseDateline(text: string): ParsedDateline {
  const readDatedPlace = (part: string, offset: number): ParsedPlace => {
    const leading = part.length - part.trimStart().length;
    const trimmed = part.trim();
    const found = readDate(trimmed);
    if (!found) {
      return { date: null, place: trimmed, start: offset + leading, end: offset + leading + trimmed.length };
    }
    const place = trimmed.slice(found.length).replace(/^[\s,.;:–—-]+/u, '').replace(/[\s,;]+$/u, '');
    return { date: found.date, place, start: offset + leading, end: offset + leading + trimmed.length };
  };
  let body = text;
  let marker: 'file' | 'recent' | null = null;
  let markerStart = -1;
  let markerEnd = -1;
  const markerMatch = /\s*(?:[/,–—-]\s*|\s)(FILE|RECENT)\s*$/iu.exec(body);
  if (markerMatch && markerMatch[1]) {
    marker = markerMatch[1].toLowerCase() === 'file' ? 'file' : 'recent';
    markerEnd = body.trimEnd().length;
    markerStart = markerEnd - markerMatch[1].length;
    body = body.slice(0, markerMatch.index);
  }
  const places: ParsedPlace[] = [];
  let segmentStart = 0;
  const joiner = /\s+\/\s*|\s*\/\s+/gu;
  for (let match = joiner.exec(body); match; match = joiner.exec(body)) {
    if (readDate(body.slice(match.index + match[0].length))) {
      places.push(readDatedPlace(body.slice(segmentStart, match.index), segmentStart));
      segmentStart = match.index + match[0].length;
    }
  }
  const last = body.slice(segmentStart);
  if (last.trim().length > 0 || places.length === 0) {
    places.push(readDatedPlace(last, segmentStart));
  }
  return { places, marker, markerStart, markerEnd };
}

suite('linear scans agree with the regular expressions they replaced', () => {
  test('speaker separator: comma, dashes after a space, en and em dashes, with the white space around them', () => {
    fc.assert(fc.property(textOf(['a', 'B', '-', '–', '—', ',', ':', '.', ...spaces]), (text) => {
      const expected = oldSpeakerSeparator.exec(text);
      const found = findSpeakerSeparator(text);
      assert.deepEqual(found, expected ? { index: expected.index, length: expected[0].length } : null, JSON.stringify(text));
    }), runs);
  });

  test('datelines: places, dates, places\' trimming and the FILE/RECENT marker exactly as before', () => {
    const pieces = ['12 MAY 2024', '3 june 2023', 'GOMA', 'A', ',', ';', '/', '-', '–', 'FILE', 'file', 'Recent', 'RECENTLY', 'PROFILE', 'x', ...spaces];
    fc.assert(fc.property(textOf(pieces), (text) => {
      assert.deepEqual(parseDateline(text), oldParseDateline(text), JSON.stringify(text));
    }), runs);
  });

  test('running times: seconds marks and minute words at the end, white space before them', () => {
    const pieces = ['2', '07', ':', '.', '37', '40', '"', '”', '″', "'", '’', 'min', 'mins', 'MIN.', 'minutes', 'Minute', 's', 'sec', 'seconds', 'x', ...spaces];
    fc.assert(fc.property(textOf(pieces), (text) => {
      assert.equal(parseRunningTime(text), oldRunningTime(text), JSON.stringify(text));
    }), runs);
  });

  test('question ends: a question mark, then closing marks, brackets and white space', () => {
    fc.assert(fc.property(textOf(['?', 'a', '"', '”', '»', ')', '’', '.', '!', ...spaces]), (text) => {
      assert.equal(endsWithQuestion(text), oldQuestionEnd.test(text), JSON.stringify(text));
    }), runs);
  });

  test('language lists: slashes, commas, ampersands, and / et as words', () => {
    const oldSplit = (text: string): string[] => text.split(/\s*(?:[/,&]|\band\b|\bet\b)\s*/iu).map((part) => part.trim()).filter((part) => part.length > 0);
    fc.assert(fc.property(textOf(['English', 'French', 'and', 'AND', 'et', 'Et', 'band', 'ands', 'eta', '/', ',', '&', '_', ...spaces]), (text) => {
      assert.deepEqual(splitList(text, languageSeparatorAt), oldSplit(text), JSON.stringify(text));
    }), runs);
  });

  test('LANGUAGES header values: slashes and commas', () => {
    const oldSplit = (text: string): string[] => text.split(/\s*[/,]\s*/u).map((part) => part.trim()).filter((part) => part.length > 0);
    fc.assert(fc.property(textOf(['ENGLISH', 'NATS', '/', ',', '&', 'x', ...spaces]), (text) => {
      assert.deepEqual(splitList(text, isLanguageListSeparator), oldSplit(text), JSON.stringify(text));
    }), runs);
  });

  test('photo captions: a bracket opening on a position word, closed later on the line', () => {
    fc.assert(fc.property(textOf(['(', ')', 'C', 'L', 'R', 'centre', 'Centre', 'left', 'lefty', 'second', 'x', '_', ...spaces]), (text) => {
      assert.equal(hasPositionInBrackets(text), oldCaption.test(text), JSON.stringify(text));
    }), runs);
  });
});
