// Datelines: `08 DECEMBER 2023, NEW YORK CITY / FILE`, two dated places joined by ` / `, and the
// body lines that are only a dateline. Pure string work; the parser adds ranges.
import { monthNumbers } from './lexicon';
import { isRegExpSpaceCode, isSpaceCode } from '../text/whitespace';

export interface ParsedDate {
  readonly day: number | null;
  readonly month: number | null;
  readonly year: number | null;
  readonly text: string;
}

export interface ParsedPlace {
  readonly date: ParsedDate | null;
  readonly place: string;
  /** Character span of this dated place within the parsed string. */
  readonly start: number;
  readonly end: number;
}

export interface ParsedDateline {
  readonly places: readonly ParsedPlace[];
  readonly marker: 'file' | 'recent' | null;
  readonly markerStart: number;
  readonly markerEnd: number;
}

// Dates are found by shape first and the month word is then looked up, which is much cheaper than
// one regular expression with every month name in it (this runs on every line of every file).
// A day range (`12-14 OCTOBER 2024`, `12 & 13 MAY`) keeps its first day.
const dayFirst = /^(?:(\d{1,2})(?:st|nd|rd|th|er|\.)?(?:\s*(?:[-–—/&]|and|et)\s*\d{1,2}(?:st|nd|rd|th)?)?\s+)?([A-Za-z\u00c0-\u00ff]{3,9})\.?,?\s+(\d{4})(?![\d])/;
const monthFirst = /^([A-Za-z\u00c0-\u00ff]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?![\d])/;

function monthNumber(word: string | undefined): number | null {
  return word === undefined ? null : (monthNumbers.get(word.toLowerCase()) ?? null);
}

/** Reads a date at the start of `text`; returns it with the length it covers, or null. */
export function readDate(text: string): { date: ParsedDate; length: number } | null {
  const first = text.charCodeAt(0);
  const digit = first >= 48 && first <= 57;
  const letter = (first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first >= 0xc0;
  if (!digit && !letter) {
    return null;
  }
  const byDay = dayFirst.exec(text);
  if (byDay) {
    const month = monthNumber(byDay[2]);
    if (month !== null) {
      const [whole, day, , year] = byDay;
      return { date: { day: day ? Number(day) : null, month, year: Number(year), text: whole }, length: whole.length };
    }
  }
  if (letter) {
    const byMonth = monthFirst.exec(text);
    const month = byMonth ? monthNumber(byMonth[1]) : null;
    if (byMonth && month !== null) {
      const [whole, , day, year] = byMonth;
      return { date: { day: Number(day), month, year: Number(year), text: whole }, length: whole.length };
    }
  }
  return null;
}

/** Reads `DATE, PLACE` (either part may be missing); `offset` shifts the reported span. */
function readDatedPlace(text: string, offset: number): ParsedPlace {
  const leading = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const found = readDate(trimmed);
  if (!found) {
    return { date: null, place: trimmed, start: offset + leading, end: offset + leading + trimmed.length };
  }
  const rest = trimmed.slice(found.length).replace(/^[\s,.;:–—-]+/u, '');
  const place = rest.slice(0, endBefore(rest, isPlaceTrailer));
  return { date: found.date, place, start: offset + leading, end: offset + leading + trimmed.length };
}

/** White space, commas and semicolons end a place without belonging to it. */
function isPlaceTrailer(code: number): boolean {
  return isRegExpSpaceCode(code) || code === 0x2c || code === 0x3b;
}

/** Where the run of characters `isTrailer` accepts at the end of `text` starts (text.length when none). */
function endBefore(text: string, isTrailer: (code: number) => boolean): number {
  let end = text.length;
  while (end > 0 && isTrailer(text.charCodeAt(end - 1))) {
    end--;
  }
  return end;
}

function isMarkerSeparator(code: number): boolean {
  return code === 0x2f || code === 0x2c || code === 0x2013 || code === 0x2014 || code === 0x2d;
}

/**
 * A FILE or RECENT marker closing a dateline (`…, NEW YORK / FILE`, `… - RECENT`, `… FILE`): after a
 * separator (`/ , – — -`) or white space, then only white space. Returns where the marker's part of
 * the text starts (white space and separator included) and the keyword; read from the end, so that a
 * long dateline costs one pass (a regular expression tried at every position of a run of spaces
 * cost the square of its length).
 */
function readMarkerAtEnd(text: string): { start: number; keyword: string } | null {
  const end = endBefore(text, isRegExpSpaceCode);
  let keywordStart = -1;
  for (const keyword of ['file', 'recent']) {
    const start = end - keyword.length;
    if (start >= 0 && text.slice(start, end).toLowerCase() === keyword) {
      keywordStart = start;
    }
  }
  if (keywordStart < 0) {
    return null;
  }
  const keyword = text.slice(keywordStart, end);
  let before = keywordStart;
  while (before > 0 && isRegExpSpaceCode(text.charCodeAt(before - 1))) {
    before--;
  }
  if (before > 0 && isMarkerSeparator(text.charCodeAt(before - 1))) {
    let start = before - 1;
    while (start > 0 && isRegExpSpaceCode(text.charCodeAt(start - 1))) {
      start--;
    }
    return { start, keyword };
  }
  return before < keywordStart ? { start: before, keyword } : null;
}

/**
 * The next ` / ` joining two dated places from `from` on: a slash with white space on at least one
 * side, the white space included (`A / B`, `A/ B`, `A /B`, not `A/B`). Null when there is none.
 */
function nextJoiner(text: string, from: number): { start: number; end: number } | null {
  for (let slash = text.indexOf('/', from); slash >= 0; slash = text.indexOf('/', slash + 1)) {
    let start = slash;
    while (start > from && isRegExpSpaceCode(text.charCodeAt(start - 1))) {
      start--;
    }
    let end = slash + 1;
    while (end < text.length && isRegExpSpaceCode(text.charCodeAt(end))) {
      end++;
    }
    if (start < slash || end > slash + 1) {
      return { start, end };
    }
  }
  return null;
}

/**
 * Parses a dateline value. A ` / ` splits it only when the right side is FILE, RECENT or starts
 * with a date, because slashes also occur inside place names (`JUBA / NIMULE, SOUTH SUDAN`).
 */
export function parseDateline(text: string): ParsedDateline {
  let body = text;
  let marker: 'file' | 'recent' | null = null;
  let markerStart = -1;
  let markerEnd = -1;
  const markerFound = readMarkerAtEnd(body);
  if (markerFound) {
    marker = markerFound.keyword.toLowerCase() === 'file' ? 'file' : 'recent';
    markerEnd = body.trimEnd().length;
    markerStart = markerEnd - markerFound.keyword.length;
    body = body.slice(0, markerFound.start);
  }
  const places: ParsedPlace[] = [];
  let segmentStart = 0;
  for (let joint = nextJoiner(body, 0); joint; joint = nextJoiner(body, joint.end)) {
    if (readDate(body.slice(joint.end))) {
      places.push(readDatedPlace(body.slice(segmentStart, joint.start), segmentStart));
      segmentStart = joint.end;
    }
  }
  const last = body.slice(segmentStart);
  if (last.trim().length > 0 || places.length === 0) {
    places.push(readDatedPlace(last, segmentStart));
  }
  return { places, marker, markerStart, markerEnd };
}

/** True when the whole line is a dateline (`08 DECEMBER 2023, NEW YORK CITY`): a date then at most a place. */
export function isDatelineLine(text: string): boolean {
  // This runs on every line, so the cheap tests come first: a dateline starts with a day or a month
  // name, and has a four-digit year near its start.
  if (!startsLikeDate(text) || !hasYearNearStart(text)) {
    return false;
  }
  const trimmed = text.trim();
  const found = readDate(trimmed);
  if (!found) {
    return false;
  }
  const rest = trimmed.slice(found.length);
  // `22. FEBRUARY 2022, GOMA`: a day followed by a dot is also how a shot is numbered, so it is a
  // dateline only as datelines are written, the month in capitals and a place after a comma.
  if (/^\d{1,2}\./u.test(trimmed) && (/[a-z]/u.test(found.date.text) || !(rest.length === 0 || rest.startsWith(',')))) {
    return false;
  }
  // A place is short, starts after a comma or space, and reads like a place rather than a sentence.
  return rest.length === 0 || (/^[\s,.–—-]/u.test(rest) && rest.length <= 120 && !/[.!?]["”]?$/u.test(rest.trim()));
}

/** The first three letters of every month name that is written in ASCII, as one number each. */
const monthPrefixes: ReadonlySet<number> = new Set(
  [...monthNumbers.keys()].filter((name) => /^[a-z]{3}/u.test(name)).map((name) => prefixCode(name.charCodeAt(0), name.charCodeAt(1), name.charCodeAt(2))),
);

function prefixCode(first: number, second: number, third: number): number {
  return ((first | 0x20) << 16) | ((second | 0x20) << 8) | (third | 0x20);
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Whether the line could start with a date: a day (one or two digits, then a space, a suffix like
 * `th` or a range sign) or a month name (known by its first three letters; names with accents in
 * them are let through to the full reading).
 */
function startsLikeDate(text: string): boolean {
  let index = 0;
  while (index < text.length && isSpaceCode(text.charCodeAt(index))) {
    index++;
  }
  const first = text.charCodeAt(index);
  if (first >= 48 && first <= 57) {
    let next = text.charCodeAt(index + 1);
    if (next >= 48 && next <= 57) {
      next = text.charCodeAt(index + 2);
    }
    // `1. Wide shot` and `120 people` are not dates; `12 MAY`, `12th`, `12-14`, `12 & 13` may be, and
    // `22. FEBRUARY` (a dot typed after the day) is checked further by isDatelineLine.
    return isSpaceCode(next) || isAsciiLetter(next) || next === 0x2d || next === 0x2013 || next === 0x2014 || next === 0x2f || next === 0x26 ||
      next === 0x2e;
  }
  const second = text.charCodeAt(index + 1);
  const third = text.charCodeAt(index + 2);
  if (isAsciiLetter(first) && isAsciiLetter(second) && isAsciiLetter(third)) {
    return monthPrefixes.has(prefixCode(first, second, third));
  }
  return first >= 0xc0 || second >= 0xc0 || third >= 0xc0;
}

/** True when four digits in a row appear within the first 48 visible characters. */
function hasYearNearStart(text: string): boolean {
  let index = 0;
  while (index < text.length && text.charCodeAt(index) <= 32) {
    index++;
  }
  const limit = Math.min(text.length, index + 48);
  let digits = 0;
  for (; index < limit; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) {
      if (++digits === 4) {
        return true;
      }
    } else {
      digits = 0;
    }
  }
  return false;
}
