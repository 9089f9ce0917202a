// Line classification: what a single line looks like on its own, before any context is applied.
// Anchored regular expressions only, so a long or hostile line fails fast.
import { isDatelineLine } from './dateline';
import { chromeLines, chromePrefixPattern, shotTypeLength } from './lexicon';
import { firstVisible, isRegExpSpaceCode, isSpaceCode } from '../text/whitespace';
import { isAsciiWordCode } from '../text/words';

export const enum LineClass {
  Blank,
  Chrome,
  Separator,
  ShotlistHeading,
  StoryHeading,
  /** `UPPER CASE NAME: value`, a header field when it sits in a header block. */
  Field,
  FileSection,
  RecentSection,
  Dateline,
  Shot,
  Soundbite,
  Text,
}

const separatorPattern = /^\s*(?:[*•·]\s*){3,}$|^\s*[_=~-]{5,}\s*$|^\s*#{3,}\s*$/u;
const shotlistHeadingPattern = /^\s*(?:shot\s?list|shots)\s*:?\s*$/iu;
const storyHeadingPattern = /^\s*(?:story\s?line|story|script)\s*:?\s*$/iu;
// `FILE - …`, `FILE – RECENT, …`, `RECENT - …`: the keyword, then a dash, comma or colon.
const sectionPattern = /^\s*(FILE|RECENT)\s*[-–—,:]\s*(.*)$/iu;
const urlPattern = /^\s*(?:https?:\/\/|www\.)\S*\s*$/iu;

/**
 * Where the parts of a numbered or SOUNDBITE line are. The classifier fills one such object for
 * every line it reads (no object per line: an archive has tens of thousands of shots).
 */
export interface NumberedParts {
  /** Character where the number starts, or -1 for an unnumbered SOUNDBITE line. */
  numberStart: number;
  /** Length of the number as written (0 without one). */
  numberLength: number;
  /** The number's value, or -1 without one. */
  numberValue: number;
  /** Character where the shot text starts (after the number and its dot). */
  textStart: number;
  soundbite: boolean;
}

export function emptyNumberedParts(): NumberedParts {
  return { numberStart: -1, numberLength: 0, numberValue: -1, textStart: 0, soundbite: false };
}

/** Length of `SOUNDBITE`, `SOUND BITES`… (any case, then a word boundary) at `at`, or 0. */
function soundbiteKeywordLength(line: string, at: number): number {
  if (!startsWithIgnoringCase(line, at, 'sound')) {
    return 0;
  }
  let index = at + 5;
  if (index < line.length && isRegExpSpaceCode(line.charCodeAt(index)) && startsWithIgnoringCase(line, index + 1, 'bite')) {
    index++;
  }
  if (!startsWithIgnoringCase(line, index, 'bite')) {
    return 0;
  }
  index += 4;
  if (index < line.length && (line.charCodeAt(index) | 0x20) === 0x73) {
    index++;
  }
  // Then a word boundary: `SOUNDBITES:` is the keyword, `SOUNDBITER` is not.
  return index < line.length && isAsciiWordCode(line.charCodeAt(index)) ? 0 : index - at;
}

/** ASCII letters of `word` (lower case) at `at`, in any case. */
function startsWithIgnoringCase(line: string, at: number, word: string): boolean {
  if (at + word.length > line.length) {
    return false;
  }
  for (let index = 0; index < word.length; index++) {
    if ((line.charCodeAt(at + index) | 0x20) !== word.charCodeAt(index)) {
      return false;
    }
  }
  return true;
}

/**
 * Reads a numbered line (`12. Wide shot…`, `3) SOUNDBITE…`, `1 Wide shot`) or an unnumbered
 * `SOUNDBITE` line into `parts`; false when the line is neither. By hand rather than by regular
 * expression: this runs on every line that starts with a digit or an S.
 */
export function readNumbered(line: string, parts: NumberedParts): boolean {
  const length = line.length;
  let index = 0;
  while (index < length && isRegExpSpaceCode(line.charCodeAt(index))) {
    index++;
  }
  const numberStart = index;
  let value = 0;
  while (index < length && index - numberStart < 4) {
    const code = line.charCodeAt(index);
    if (code < 48 || code > 57) {
      break;
    }
    value = value * 10 + (code - 48);
    index++;
  }
  const digits = index - numberStart;
  if (digits >= 1 && digits <= 3) {
    // A dot or parenthesis (not a decimal point) then optional spaces, or spaces alone; then text.
    const after = line.charCodeAt(index);
    let dotted = false;
    let textStart = -1;
    if ((after === 46 || after === 41) && !(line.charCodeAt(index + 1) >= 48 && line.charCodeAt(index + 1) <= 57)) {
      dotted = true;
      textStart = index + 1;
    } else if (index < length && isRegExpSpaceCode(after)) {
      textStart = index + 1;
    }
    if (textStart >= 0) {
      while (textStart < length && isRegExpSpaceCode(line.charCodeAt(textStart))) {
        textStart++;
      }
    }
    if (textStart >= 0 && textStart < length) {
      const soundbite = soundbiteKeywordLength(line, textStart) > 0;
      // `1 Wide shot` (no dot) is common, but so are sentences that start with a number, so without
      // a dot the text must start with a shot type or SOUNDBITE.
      if (!dotted && !soundbite && shotTypeLength(line.slice(textStart)) === 0) {
        return false;
      }
      parts.numberStart = numberStart;
      parts.numberLength = digits;
      parts.numberValue = value;
      parts.textStart = textStart;
      parts.soundbite = soundbite;
      return true;
    }
    return false;
  }
  // Unnumbered soundbites must be written in capitals, so prose about soundbites is not mistaken for one.
  if (line.startsWith('SOUNDBITE', numberStart) || line.startsWith('SOUND BITE', numberStart)) {
    parts.numberStart = -1;
    parts.numberLength = 0;
    parts.numberValue = -1;
    parts.textStart = numberStart;
    parts.soundbite = true;
    return true;
  }
  return false;
}

/** Characters a field name may have after its first capital (as in `CREDIT REQUIRED`, `ASPECT RATIO (16:9)`). */
function isFieldNameCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 32 || code === 40 || code === 41 || code === 38 ||
    code === 47 || code === 46 || code === 39 || code === 45;
}

/**
 * `NAME: value` with a capitalised name of at most 41 characters (`[A-Z][A-Z0-9 ()&/.'-]{0,40}`, white
 * space around it trimmed), or null. Read by hand: the classifier asks this of every line that starts
 * with a capital, and the name is only sliced once the line is known to be a field.
 */
export function readField(line: string): { name: string; nameStart: number; valueStart: number } | null {
  const nameStart = firstVisible(line);
  // indexOf runs in native code: cheaper than walking the characters, even past the 48th.
  const colon = line.indexOf(':', nameStart);
  if (colon <= nameStart || colon >= nameStart + 48) {
    return null;
  }
  let nameEnd = colon;
  while (nameEnd > nameStart && isSpaceCode(line.charCodeAt(nameEnd - 1))) {
    nameEnd--;
  }
  const first = line.charCodeAt(nameStart);
  if (nameEnd - nameStart > 41 || first < 65 || first > 90) {
    return null;
  }
  for (let index = nameStart + 1; index < nameEnd; index++) {
    if (!isFieldNameCode(line.charCodeAt(index))) {
      return null;
    }
  }
  let valueStart = colon + 1;
  while (valueStart < line.length && isSpaceCode(line.charCodeAt(valueStart))) {
    valueStart++;
  }
  return { name: line.slice(nameStart, nameEnd), nameStart, valueStart };
}

export function readSection(line: string): { keyword: 'file' | 'recent'; restStart: number } | null {
  const match = sectionPattern.exec(line);
  if (!match || match[1] === undefined) {
    return null;
  }
  const rest = match[2] ?? '';
  // `File footage shows…` is prose; a section line is short and has no sentence punctuation at the end.
  if (rest.length > 160 || /[.!?]["”]?\s*$/u.test(rest)) {
    return null;
  }
  const keyword = match[1].toUpperCase() === 'FILE' ? 'file' : 'recent';
  return { keyword, restStart: line.length - rest.length };
}

export function isChromeLine(line: string): boolean {
  // Chrome is short; a paragraph of story text is not, and this runs on every line.
  if (line.length > 200) {
    return false;
  }
  // `SOURCE: UNIFEED` and `CREDIT REQUIRED: …` are header fields, written in capitals; chrome is not.
  if (/^\s*[A-Z]{2,}[A-Z ]*:/u.test(line)) {
    return false;
  }
  const trimmed = line.trim().toLowerCase();
  if (chromeLines.has(trimmed) || urlPattern.test(line)) {
    return true;
  }
  return trimmed.length < 200 && chromePrefixPattern.test(trimmed) && !trimmed.includes('“');
}

const scratchParts = emptyNumberedParts();

/**
 * True when a line starts like a header field (`STORY:`), a numbered shot or a SOUNDBITE line:
 * cheap, for the lines a flattened shot list may hide in (see flattened.ts).
 */
export function startsLikeStructure(line: string): boolean {
  const start = firstVisible(line);
  const first = line.charCodeAt(start);
  if (first >= 48 && first <= 57) {
    return readNumbered(line, scratchParts);
  }
  return first >= 65 && first <= 90 && (readField(line) !== null || line.startsWith('SOUNDBITE', start));
}

/** Initials of the month names datelines use (English and French), lower-cased. */
const monthInitials = new Set(['j', 'f', 'm', 'a', 's', 'o', 'n', 'd']);

/**
 * Classifies one line on its own. Context (header block, story, quote body) is the parser's job.
 * Each check runs only when the first character allows it: this runs on every line of every file.
 */
export function classifyLine(line: string, numbered: NumberedParts = scratchParts): LineClass {
  const start = firstVisible(line);
  if (start === line.length) {
    return LineClass.Blank;
  }
  const first = line.charCodeAt(start);
  // A line that opens with a quote mark or a dash is quote or answer text: nothing structural starts so.
  if (first === 0x201c || first === 0x201e || first === 0xab || first === 0x22 || first === 0x2014 || first === 0x2013) {
    return LineClass.Text;
  }
  if (first >= 48 && first <= 57) {
    if (isDatelineLine(line)) {
      return LineClass.Dateline;
    }
    if (readNumbered(line, numbered)) {
      return numbered.soundbite ? LineClass.Soundbite : LineClass.Shot;
    }
    return LineClass.Text;
  }
  // The first character in lower case, as a code (ASCII letters only; others are kept as they are).
  const lower = first >= 65 && first <= 90 ? first | 0x20 : first;
  if ((lower === 0x2a || lower === 0x2022 || lower === 0xb7 || lower === 0x5f || lower === 0x3d || lower === 0x7e || lower === 0x2d ||
    lower === 0x23) && separatorPattern.test(line)) {
    return LineClass.Separator;
  }
  // SHOTLIST, SHOTS, STORY, STORYLINE, SCRIPT: every heading starts with an S.
  if (lower === 0x73 && line.length < 40) {
    if (shotlistHeadingPattern.test(line)) {
      return LineClass.ShotlistHeading;
    }
    if (storyHeadingPattern.test(line)) {
      return LineClass.StoryHeading;
    }
  }
  const initial = lower < 0x80 ? String.fromCharCode(lower) : line.charAt(start).toLowerCase();
  if (initial === 'f' || initial === 'r') {
    const section = readSection(line);
    if (section) {
      return section.keyword === 'file' ? LineClass.FileSection : LineClass.RecentSection;
    }
  }
  if ((monthInitials.has(initial) || initial === 'é') && isDatelineLine(line)) {
    return LineClass.Dateline;
  }
  if (initial === 's' && readNumbered(line, numbered)) {
    return LineClass.Soundbite;
  }
  if (line.length <= 200 && isChromeLine(line)) {
    return LineClass.Chrome;
  }
  if (first >= 65 && first <= 90 && readField(line)) {
    return LineClass.Field;
  }
  return LineClass.Text;
}
