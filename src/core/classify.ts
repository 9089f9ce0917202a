// Line classification: what a single line looks like on its own, before any context is applied.
// Anchored regular expressions only, so a long or hostile line fails fast.
import { isDatelineLine } from './dateline';
import { chromeLines, chromePrefixPattern, shotTypeLength } from './lexicon';
import { isBlank } from './text';

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
const fieldPattern = /^\s*([A-Z][A-Z0-9 ()&/.'-]{0,40}?)\s*:\s*(.*)$/u;
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

export function readField(line: string): { name: string; nameStart: number; valueStart: number } | null {
  // Field names are short capitals: without a colon near the start, no regular expression is needed.
  const colon = line.indexOf(':');
  if (colon < 1 || colon > 48) {
    return null;
  }
  const match = fieldPattern.exec(line);
  if (!match || match[1] === undefined) {
    return null;
  }
  const name = match[1].trim();
  const nameStart = line.indexOf(name);
  const value = match[2] ?? '';
  return { name, nameStart, valueStart: line.length - value.length };
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

/** Classifies one line on its own. Context (header block, story, quote body) is the parser's job. */
export function classifyLine(line: string): LineClass {
  if (isBlank(line)) {
    return LineClass.Blank;
  }
  const first = line.trimStart().charCodeAt(0);
  const isDigit = first >= 48 && first <= 57;
  if (isDigit) {
    if (isDatelineLine(line)) {
      return LineClass.Dateline;
    }
    const numbered = readNumberedLine(line);
    if (numbered) {
      return numbered.soundbite ? LineClass.Soundbite : LineClass.Shot;
    }
    return LineClass.Text;
  }
  if (separatorPattern.test(line)) {
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
  const section = readSection(line);
  if (section) {
    return section.keyword === 'file' ? LineClass.FileSection : LineClass.RecentSection;
  }
  if (isDatelineLine(line)) {
    return LineClass.Dateline;
  }
  const numbered = readNumberedLine(line);
  if (numbered) {
    return LineClass.Soundbite;
  }
  if (isChromeLine(line)) {
    return LineClass.Chrome;
  }
  if (readField(line)) {
    return LineClass.Field;
  }
  return LineClass.Text;
}
