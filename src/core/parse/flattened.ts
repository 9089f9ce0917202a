// Shot lists flattened onto one line, as a PDF's text layer gives them: `STORY: … TRT: 2:31 SOURCE:
// … 1. Wide shot, … 2. SOUNDBITE (French) Name, Title: “…” 3. …`. Such a line is cut where each line
// of the shot list started (before a header field, a numbered shot, a section, a heading), and the
// parse reads the pieces as lines; the line table reports every position in the document's own
// lines. Only a line that shows the structure plainly is cut: header fields and numbered shots in
// sequence, or several numbered soundbites.
import { isRegExpSpaceCode } from '../text/whitespace';
import { knownHeaderFields, monthNumbers, shotTypeLength } from './lexicon';

/** A document line shorter than this is never cut: a flattened shot list is long. */
export const minimumFlattenedLength = 120;

function isUpperLetter(code: number): boolean {
  return code >= 65 && code <= 90;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Where a run of white space before `index` starts (index itself when there is none). */
function spaceBefore(text: string, index: number, from: number): number {
  let start = index;
  while (start > from && isRegExpSpaceCode(text.charCodeAt(start - 1))) {
    start--;
  }
  return start;
}

/**
 * The start of the known header field name that ends at the colon at `colon` (`TRT:`, `ASPECT
 * RATIO:`), preceded by white space or the line start; -1 when the colon ends no known field.
 */
function fieldNameBefore(text: string, colon: number, lineStart: number): number {
  let start = colon;
  let words = 0;
  let best = -1;
  while (words < 3) {
    let wordStart = start;
    while (wordStart > lineStart && isUpperLetter(text.charCodeAt(wordStart - 1))) {
      wordStart--;
    }
    if (wordStart === start) {
      break;
    }
    words++;
    const boundary = wordStart === lineStart || isRegExpSpaceCode(text.charCodeAt(wordStart - 1));
    if (boundary && knownHeaderFields.has(text.slice(wordStart, colon).trimEnd())) {
      best = wordStart;
    }
    if (wordStart === lineStart || text.charCodeAt(wordStart - 1) !== 0x20) {
      break;
    }
    start = wordStart - 1;
  }
  return best;
}

interface Marker {
  readonly at: number;
  readonly kind: 'field' | 'shot' | 'soundbite' | 'heading' | 'section';
  /** For a heading, where the line after it starts. */
  readonly after?: number;
}

/**
 * The numbered shot starting at `index` (`12. `, `3) `, after white space): its number, or -1. The
 * text after it must start a word (a letter or a quote mark).
 */
function shotNumberAt(text: string, index: number, end: number): number {
  let position = index;
  let value = 0;
  while (position < end && position - index < 3 && isDigit(text.charCodeAt(position))) {
    value = value * 10 + text.charCodeAt(position) - 48;
    position++;
  }
  const mark = text.charCodeAt(position);
  if (position === index || (mark !== 0x2e && mark !== 0x29) || !isRegExpSpaceCode(text.charCodeAt(position + 1))) {
    return -1;
  }
  const next = text.charCodeAt(position + 2);
  return isUpperLetter(next) || (next >= 97 && next <= 122) || next === 0x201c || next === 0x22 ? value : -1;
}

/**
 * A body dateline starting at `index` (`16 JANUARY 2025, AGOK, ABYEI`): a day of one or two digits,
 * an upper-case month, a year of four digits, then a comma and an upper-case place. Not right after a
 * colon, a dash or a comma (the header's `DATELINE: 16 …`, a `FILE - 16 …` section, a list of dates).
 */
function datelineAt(text: string, index: number, end: number, lineStart: number): boolean {
  let position = index;
  while (position < end && position - index < 2 && isDigit(text.charCodeAt(position))) {
    position++;
  }
  if (position === index || text.charCodeAt(position) !== 0x20) {
    return false;
  }
  const monthStart = position + 1;
  let monthEnd = monthStart;
  while (monthEnd < end && monthEnd - monthStart < 10 && isUpperLetter(text.charCodeAt(monthEnd))) {
    monthEnd++;
  }
  if (!monthNumbers.has(text.slice(monthStart, monthEnd).toLowerCase()) || text.charCodeAt(monthEnd) !== 0x20) {
    return false;
  }
  for (let digit = monthEnd + 1; digit < monthEnd + 5; digit++) {
    if (!isDigit(text.charCodeAt(digit))) {
      return false;
    }
  }
  const after = monthEnd + 5;
  if (text.charCodeAt(after) !== 0x2c || text.charCodeAt(after + 1) !== 0x20 || !isUpperLetter(text.charCodeAt(after + 2)) ||
    !isUpperLetter(text.charCodeAt(after + 3))) {
    return false;
  }
  const before = spaceBefore(text, index, lineStart);
  const previous = before > lineStart ? text.charAt(before - 1) : '';
  return previous === '' || !':-–—,/'.includes(previous);
}

function startsWithWord(text: string, index: number, word: string): boolean {
  return text.startsWith(word, index) && !isUpperLetter(text.charCodeAt(index + word.length));
}

/** Whether a shot type (`Wide shot`, `Aerial shot`) follows the number at `index` (`12. `). */
function typedShotAt(text: string, index: number, number: number): boolean {
  const words = index + String(number).length + 2;
  return shotTypeLength(text.slice(words, words + 40)) > 0;
}

/**
 * For each shot number, the last place on the line where it is followed by a shot type (`12. Aerial
 * shot`): an unmarked quote may hold a number in sequence (`there have been 12. Most of them`), and
 * the real shot with that number, further on, shows it is not one.
 */
function typedShotPlaces(text: string, start: number, end: number): Map<number, number> {
  const places = new Map<number, number>();
  for (let index = start; index < end; index++) {
    if (isDigit(text.charCodeAt(index)) && (index === start || isRegExpSpaceCode(text.charCodeAt(index - 1)))) {
      const number = shotNumberAt(text, index, end);
      if (number >= 0 && typedShotAt(text, index, number)) {
        places.set(number, index);
      }
    }
  }
  return places;
}

/** The structural markers of one document line, in order. */
function markersOf(text: string, start: number, end: number): Marker[] {
  const markers: Marker[] = [];
  const typedPlaces = typedShotPlaces(text, start, end);
  let expected = 1;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    const atWordStart = index === start || isRegExpSpaceCode(text.charCodeAt(index - 1));
    if (code === 0x3a) {
      const name = fieldNameBefore(text, index, start);
      if (name >= 0) {
        markers.push({ at: name, kind: 'field' });
        expected = 1;
      }
      continue;
    }
    if (!atWordStart) {
      continue;
    }
    if (isDigit(code)) {
      const number = shotNumberAt(text, index, end);
      const soundbite = number >= 0 && text.startsWith('SOUNDBITE', index + String(number).length + 2);
      // A number with a shot type after it is a shot even out of sequence (`9. SOUNDBITE … 9. Wide shot`);
      // one in sequence without a type is not when the same number comes later with its type.
      const typed = number >= 0 && typedShotAt(text, index, number);
      const inSequence = (number === expected || number === expected + 1) && (typedPlaces.get(number) ?? -1) <= index;
      if (number >= 0 && (inSequence || soundbite || typed)) {
        markers.push({ at: index, kind: soundbite ? 'soundbite' : 'shot' });
        expected = number + 1;
        // Past the number and its dot: a SOUNDBITE after it belongs to this marker.
        index += String(number).length + 2;
      } else if (number < 0 && datelineAt(text, index, end, start)) {
        markers.push({ at: index, kind: 'section' });
      }
    } else if (code === 0x53 && startsWithWord(text, index, 'SOUNDBITE') && text.charCodeAt(index + 10) === 0x28) {
      markers.push({ at: index, kind: 'soundbite' });
    } else if (code === 0x53 && (startsWithWord(text, index, 'STORYLINE') || startsWithWord(text, index, 'SHOTLIST'))) {
      let after = index + (text.startsWith('STORYLINE', index) ? 9 : 8);
      if (text.charCodeAt(after) === 0x3a) {
        after++;
      }
      markers.push({ at: index, kind: 'heading', after });
    } else if ((startsWithWord(text, index, 'FILE') || startsWithWord(text, index, 'RECENT')) && /^(?:FILE|RECENT) [-–—] /u.test(text.slice(index, index + 9))) {
      markers.push({ at: index, kind: 'section' });
    }
  }
  return markers;
}

/**
 * Offsets (ascending) where the lines of a flattened shot list started, in the document lines
 * `candidates` (ascending: long lines that start like a header field, a shot or a soundbite); empty when none is one. `starts` and `ends` are the
 * text's own lines.
 */
export function flattenedCuts(text: string, starts: ArrayLike<number>, ends: ArrayLike<number>, candidates: readonly number[]): number[] {
  const cuts: number[] = [];
  for (const line of candidates) {
    const start = starts[line] ?? 0;
    const end = ends[line] ?? start;
    const markers = markersOf(text, start, end);
    let fields = 0;
    let shots = 0;
    let soundbites = 0;
    for (const marker of markers) {
      fields += marker.kind === 'field' ? 1 : 0;
      shots += marker.kind === 'shot' ? 1 : 0;
      soundbites += marker.kind === 'soundbite' ? 1 : 0;
    }
    const plain = (fields >= 2 && shots + soundbites >= 1) || soundbites >= 2 || (shots >= 3 && soundbites >= 1);
    if (!plain) {
      continue;
    }
    for (const marker of markers) {
      const cut = spaceBefore(text, marker.at, start) === start ? start : marker.at;
      if (cut > start && cut !== cuts[cuts.length - 1]) {
        cuts.push(cut);
      }
      if (marker.after !== undefined && marker.after < end) {
        let next = marker.after;
        while (next < end && isRegExpSpaceCode(text.charCodeAt(next))) {
          next++;
        }
        if (next < end) {
          cuts.push(next);
        }
      }
    }
  }
  return cuts;
}
