// Datelines: `08 DECEMBER 2023, NEW YORK CITY / FILE`, two dated places joined by ` / `, and the
// body lines that are only a dateline. Pure string work; the parser adds ranges.
import { monthNumbers, monthPattern } from './lexicon';

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

// Day-first (`08 DECEMBER 2023`, `8 December, 2023`, `December 2023`) and month-first (`December 8, 2023`).
const dayFirst = new RegExp(
  `^(?:(\\d{1,2})(?:st|nd|rd|th|er)?\\s+)?(${monthPattern})\\.?,?\\s+(\\d{4})\\b`, 'iu');
const monthFirst = new RegExp(`^(${monthPattern})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'iu');

/** Reads a date at the start of `text`; returns it with the length it covers, or null. */
export function readDate(text: string): { date: ParsedDate; length: number } | null {
  const first = dayFirst.exec(text);
  if (first) {
    const [whole, day, month, year] = first;
    return {
      date: { day: day ? Number(day) : null, month: monthNumbers.get((month ?? '').toLowerCase()) ?? null, year: Number(year), text: whole },
      length: whole.length,
    };
  }
  const second = monthFirst.exec(text);
  if (second) {
    const [whole, month, day, year] = second;
    return {
      date: { day: Number(day), month: monthNumbers.get((month ?? '').toLowerCase()) ?? null, year: Number(year), text: whole },
      length: whole.length,
    };
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
  const place = trimmed.slice(found.length).replace(/^[\s,.;:–—-]+/u, '').replace(/[\s,;]+$/u, '');
  return { date: found.date, place, start: offset + leading, end: offset + leading + trimmed.length };
}

const markerAtEnd = /\s*(?:[/,–—-]\s*|\s)(FILE|RECENT)\s*$/iu;
const joiner = /\s+\/\s*|\s*\/\s+/gu;

/**
 * Parses a dateline value. A ` / ` splits it only when the right side is FILE, RECENT or starts
 * with a date, because slashes also occur inside place names (`JUBA / NIMULE, SOUTH SUDAN`).
 */
export function parseDateline(text: string): ParsedDateline {
  let body = text;
  let marker: 'file' | 'recent' | null = null;
  let markerStart = -1;
  let markerEnd = -1;
  const markerMatch = markerAtEnd.exec(body);
  if (markerMatch && markerMatch[1]) {
    marker = markerMatch[1].toLowerCase() === 'file' ? 'file' : 'recent';
    markerEnd = body.trimEnd().length;
    markerStart = markerEnd - markerMatch[1].length;
    body = body.slice(0, markerMatch.index);
  }
  const places: ParsedPlace[] = [];
  let segmentStart = 0;
  joiner.lastIndex = 0;
  for (let match = joiner.exec(body); match; match = joiner.exec(body)) {
    const rightSide = body.slice(match.index + match[0].length);
    if (readDate(rightSide)) {
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

/** True when the whole line is a dateline (`08 DECEMBER 2023, NEW YORK CITY`): a date then at most a place. */
export function isDatelineLine(text: string): boolean {
  const trimmed = text.trim();
  const found = readDate(trimmed);
  if (!found) {
    return false;
  }
  const rest = trimmed.slice(found.length);
  // A place is short, starts after a comma or space, and reads like a place rather than a sentence.
  return rest.length === 0 || (/^[\s,.–—-]/u.test(rest) && rest.length <= 120 && !/[.!?]["”]?$/u.test(rest.trim()));
}
