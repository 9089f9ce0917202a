// Shot lists flattened onto one line, as a PDF's text layer gives them: `STORY: … TRT: 2:31 SOURCE:
// … 1. Wide shot, … 2. SOUNDBITE (French) Name, Title: “…” 3. …`. Such a line is cut where each line
// of the shot list started (before a header field, a numbered shot, a section, a heading), and the
// parse reads the pieces as lines; the line table reports every position in the document's own
// lines. Only a line that shows the structure plainly is cut: header fields and numbered shots in
// sequence, or several numbered soundbites.
import { isRegExpSpaceCode } from '../text/whitespace';
import { knownHeaderFields } from './lexicon';

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

function startsWithWord(text: string, index: number, word: string): boolean {
  return text.startsWith(word, index) && !isUpperLetter(text.charCodeAt(index + word.length));
}

/** The structural markers of one document line, in order. */
function markersOf(text: string, start: number, end: number): Marker[] {
  const markers: Marker[] = [];
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
      if (number >= 0 && (number === expected || number === expected + 1 || soundbite)) {
        markers.push({ at: index, kind: soundbite ? 'soundbite' : 'shot' });
        expected = number + 1;
        // Past the number and its dot: a SOUNDBITE after it belongs to this marker.
        index += String(number).length + 2;
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
