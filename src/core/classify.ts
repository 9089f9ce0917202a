// Line classification: what a single line looks like on its own, before any context is applied.
// Anchored regular expressions only, so a long or hostile line fails fast.
import { isDatelineLine } from './dateline';
import { chromeLines, chromePrefixPattern, shotTypeLength } from './lexicon';
import { firstVisible, isSpaceCode, lastVisibleEnd } from './text';

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
// A number of at most three digits, then a dot or parenthesis (not a decimal point) or spaces.
const numberedPattern = /^\s*(\d{1,3})(?:([.)])(?!\d)\s*|\s+)(?=\S)/u;
const soundbitePattern = /^(SOUND\s?BITES?)\b/iu;
const urlPattern = /^\s*(?:https?:\/\/|www\.)\S*\s*$/iu;

/** Facts about a numbered or soundbite line, read once by the classifier. */
export interface NumberedLine {
  readonly numberText: string | null;
  /** Character where the number starts, or -1. */
  readonly numberStart: number;
  /** Character where the shot text starts (after the number and its dot). */
  readonly textStart: number;
  readonly soundbite: boolean;
}

export function readNumberedLine(line: string): NumberedLine | null {
  const numbered = numberedPattern.exec(line);
  if (numbered) {
    const textStart = numbered[0].length;
    const rest = line.slice(textStart);
    const soundbite = soundbitePattern.test(rest);
    // `1 Wide shot` (no dot) is common, but so are sentences that start with a number, so without
    // a dot the text must start with a shot type or SOUNDBITE.
    if (!numbered[2] && !soundbite && shotTypeLength(rest) === 0) {
      return null;
    }
    const numberText = numbered[1] ?? '';
    return { numberText, numberStart: numbered[0].indexOf(numberText), textStart, soundbite };
  }
  const leading = line.length - line.trimStart().length;
  const rest = line.slice(leading);
  // Unnumbered soundbites must be written in capitals, so prose about soundbites is not mistaken for one.
  if (rest.startsWith('SOUNDBITE') || rest.startsWith('SOUND BITE')) {
    return { numberText: null, numberStart: -1, textStart: leading, soundbite: true };
  }
  return null;
}

const fieldNamePattern = /^[A-Z][A-Z0-9 ()&/.'-]{0,40}$/;

/** `NAME: value` with a capitalised name of at most about 40 characters, or null. */
export function readField(line: string): { name: string; nameStart: number; valueStart: number } | null {
  // Field names are short capitals: find the colon by hand and test only the name.
  const nameStart = firstVisible(line);
  let colon = -1;
  for (let index = nameStart; index < line.length && index < nameStart + 48; index++) {
    if (line.charCodeAt(index) === 58) {
      colon = index;
      break;
    }
  }
  if (colon <= nameStart) {
    return null;
  }
  const name = line.slice(nameStart, lastVisibleEnd(line.slice(0, colon)));
  if (!fieldNamePattern.test(name)) {
    return null;
  }
  let valueStart = colon + 1;
  while (valueStart < line.length && isSpaceCode(line.charCodeAt(valueStart))) {
    valueStart++;
  }
  return { name, nameStart, valueStart };
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

/** Initials of the month names datelines use (English and French), lower-cased. */
const monthInitials = new Set(['j', 'f', 'm', 'a', 's', 'o', 'n', 'd']);

/**
 * Classifies one line on its own. Context (header block, story, quote body) is the parser's job.
 * Each check runs only when the first character allows it: this runs on every line of every file.
 */
export function classifyLine(line: string, found?: { numbered: NumberedLine | null }): LineClass {
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
    const numbered = readNumberedLine(line);
    if (numbered) {
      if (found) {
        found.numbered = numbered;
      }
      return numbered.soundbite ? LineClass.Soundbite : LineClass.Shot;
    }
    return LineClass.Text;
  }
  const initial = line.charAt(start).toLowerCase();
  if ('*•·_=~-#'.includes(initial) && separatorPattern.test(line)) {
    return LineClass.Separator;
  }
  if (line.length < 40) {
    if (shotlistHeadingPattern.test(line)) {
      return LineClass.ShotlistHeading;
    }
    if (storyHeadingPattern.test(line)) {
      return LineClass.StoryHeading;
    }
  }
  if (initial === 'f' || initial === 'r') {
    const section = readSection(line);
    if (section) {
      return section.keyword === 'file' ? LineClass.FileSection : LineClass.RecentSection;
    }
  }
  if ((monthInitials.has(initial) || initial === 'é') && isDatelineLine(line)) {
    return LineClass.Dateline;
  }
  if (initial === 's') {
    const numbered = readNumberedLine(line);
    if (numbered) {
      if (found) {
        found.numbered = numbered;
      }
      return LineClass.Soundbite;
    }
  }
  if (line.length <= 200 && isChromeLine(line)) {
    return LineClass.Chrome;
  }
  if (first >= 65 && first <= 90 && readField(line)) {
    return LineClass.Field;
  }
  return LineClass.Text;
}
