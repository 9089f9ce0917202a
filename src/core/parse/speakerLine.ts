// SOUNDBITE speaker lines: `SOUNDBITE (Language) Name, Title:` and the ways real scripts break it. The
// language in parentheses; the name and the title, in either order (`Head of …, Name`), with or
// without a separator; a one-line (Geneva) quote after the colon, with or without quote marks; and a
// line hard-wrapped onto the next one. Where the reading is a guess, it says so (`doubt`): a wrong
// attribution is worse than none, so Copy Quote warns instead of guessing silently.
import { isRegExpSpaceCode, lastVisibleEnd } from '../text/whitespace';
import { nameHonorifics, nameParticles, titleFirstWords, unfinishedLineWords } from './lexicon';
import { startsWithContinuationMark } from './quoteMarks';

/** Why a speaker line's reading is a guess. */
export type SpeakerDoubt = 'wrapped' | 'title-first' | 'no-separator';

/** What a SOUNDBITE line says, read once per distinct line (the same speaker line repeats). */
export interface SpeakerLine {
  readonly language: string | null;
  readonly languageStart: number;
  readonly speaker: string | null;
  readonly speakerStart: number;
  readonly speakerEnd: number;
  readonly title: string | null;
  readonly titleStart: number;
  readonly titleEnd: number;
  readonly hasColon: boolean;
  /** Character where a one-line (Geneva) quote starts, or -1. */
  readonly quoteStart: number;
  /**
   * -1, or where the next line starts in these positions when the speaker line was hard-wrapped onto
   * it (the two joined with one space): positions from there on are on the next line.
   */
  readonly wrapAt: number;
  /** Why the reading of the name and title is a guess (see speakerLine.ts), or null when it is not. */
  readonly doubt: SpeakerDoubt | null;
}

function isDashCode(code: number): boolean {
  return code === 0x2d || code === 0x2013 || code === 0x2014;
}

/**
 * The first separator between a speaker's name and title: a comma (`Name, Title`), a run of dashes
 * after white space (`Name - Title`, `Name –– Title`), or an en or em dash (`Name–Title`), with the
 * white space around it. A hyphen inside a word (`Jean-Pierre`) is not one. One pass over the
 * text: a regular expression with white space on both sides of each alternative, tried at every
 * position, cost the square of the length of a run of spaces.
 */
export function findSpeakerSeparator(text: string, from = 0): { index: number; length: number } | null {
  let spaceStart = -1;
  for (let index = from; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (isRegExpSpaceCode(code)) {
      if (spaceStart < 0) {
        spaceStart = index;
      }
      continue;
    }
    const start = spaceStart >= 0 ? spaceStart : index;
    let end = -1;
    if (code === 0x2c) {
      end = index + 1;
    } else if (spaceStart >= 0 && isDashCode(code)) {
      end = index + 1;
      while (end < text.length && isDashCode(text.charCodeAt(end))) {
        end++;
      }
    } else if (code === 0x2013 || code === 0x2014) {
      end = index + 1;
    }
    if (end >= 0) {
      while (end < text.length && isRegExpSpaceCode(text.charCodeAt(end))) {
        end++;
      }
      return { index: start, length: end - start };
    }
    spaceStart = -1;
  }
  return null;
}

/** A word of a speaker part, with where it starts and ends in the line. */
interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** The words of `text` from `from` to `to` (separated by white space). */
function wordsOf(text: string, from: number, to: number): Word[] {
  const words: Word[] = [];
  let start = -1;
  for (let index = from; index <= to; index++) {
    const space = index === to || isRegExpSpaceCode(text.charCodeAt(index));
    if (space && start >= 0) {
      words.push({ text: text.slice(start, index), start, end: index });
      start = -1;
    } else if (!space && start < 0) {
      start = index;
    }
  }
  return words;
}

/** The word lower-cased, without the punctuation around it (`Head,` → `head`). */
function bare(word: string): string {
  let start = 0;
  let end = word.length;
  while (start < end && !isLetterOrDigit(word.charAt(start))) {
    start++;
  }
  while (end > start && !isLetterOrDigit(word.charAt(end - 1)) && word.charAt(end - 1) !== '.') {
    end--;
  }
  return word.slice(start, end).toLowerCase();
}

function isLetterOrDigit(character: string): boolean {
  return character.toLowerCase() !== character.toUpperCase() || (character >= '0' && character <= '9');
}

function isUpperInitial(character: string): boolean {
  return character !== character.toLowerCase() && character === character.toUpperCase();
}

/** A word that can be part of a person's name: capitalised, an initial, an honorific or rank, or a particle inside. */
function isNameWord(word: string, position: number, count: number): boolean {
  const lower = bare(word);
  if (nameHonorifics.has(lower) || nameHonorifics.has(word.toLowerCase())) {
    return true;
  }
  if (position > 0 && position < count - 1 && nameParticles.has(lower)) {
    return true;
  }
  return isUpperInitial(word.charAt(0)) && !titleFirstWords.has(lower);
}

/** 1 to 6 words that read as a person's name, with at least one word that is not a rank or honorific. */
function isNameLike(words: readonly Word[]): boolean {
  if (words.length === 0 || words.length > 6) {
    return false;
  }
  let named = false;
  for (let position = 0; position < words.length; position++) {
    const word = (words[position] as Word).text;
    if (!isNameWord(word, position, words.length)) {
      return false;
    }
    const lower = bare(word);
    if (!nameHonorifics.has(lower) && !nameParticles.has(lower)) {
      named = true;
    }
  }
  return named;
}

/** Words that open a title (`Head of …`, `Special Representative …`). */
function opensTitle(word: Word | undefined): boolean {
  return word !== undefined && titleFirstWords.has(bare(word.text));
}

/** Where the name and the title of a speaker part are, and how sure that reading is. */
interface NameAndTitle {
  readonly speakerStart: number;
  readonly speakerEnd: number;
  /** -1 when there is no title. */
  readonly titleStart: number;
  readonly titleEnd: number;
  readonly doubt: SpeakerDoubt | null;
}

/**
 * Splits the speaker part `text.slice(start, end)` into a name and a title. As written, a name then a
 * separator then the title; a title first then the name (`Head of the Mission, Jane Roe`), the name
 * being the last part; or no separator (`Jane Roe Under-Secretary-General for …`), the title starting
 * at its first title word. A part that reads as neither is the speaker as written (`Resident of Goma`).
 */
function nameAndTitle(text: string, start: number, end: number): NameAndTitle {
  const asWritten = (nameEnd: number, titleStart: number, doubt: SpeakerDoubt | null = null): NameAndTitle =>
    ({ speakerStart: start, speakerEnd: nameEnd, titleStart, titleEnd: titleStart < 0 ? -1 : end, doubt });
  const part = text.slice(0, end);
  const separator = findSpeakerSeparator(part, start);
  if (separator && separator.index > start) {
    const first = wordsOf(text, start, separator.index);
    if (isNameLike(first)) {
      return asWritten(separator.index, separator.index + separator.length);
    }
    // The title first: the name is the part after the last separator.
    let last = separator;
    for (let next = findSpeakerSeparator(part, last.index + last.length); next; next = findSpeakerSeparator(part, next.index + next.length)) {
      last = next;
    }
    const nameStart = last.index + last.length;
    const name = wordsOf(text, nameStart, end);
    if (nameStart < end && isNameLike(name)) {
      return {
        speakerStart: nameStart,
        speakerEnd: end,
        titleStart: start,
        titleEnd: last.index,
        doubt: opensTitle(first[0]) && name.length >= 2 ? null : 'title-first',
      };
    }
    return asWritten(separator.index, separator.index + separator.length);
  }
  const words = wordsOf(text, start, end);
  if (words.length < 2 || isNameLike(words)) {
    return asWritten(end, -1);
  }
  // No separator: the title starts at the first title word after a name.
  for (let split = 1; split < words.length; split++) {
    if (opensTitle(words[split]) && isNameLike(words.slice(0, split))) {
      const nameEnd = (words[split - 1] as Word).end;
      return asWritten(nameEnd, (words[split] as Word).start, split >= 2 ? null : 'no-separator');
    }
  }
  return asWritten(end, -1);
}

/**
 * A one-line quote without marks after the colon (`Name, Title: We will stay.`): there when the text
 * after the first colon has three words or more or ends a sentence. Returns where it starts, or -1.
 */
function unmarkedQuoteAfterColon(text: string, from: number, end: number): number {
  const colon = text.indexOf(':', from);
  if (colon < 0 || colon >= end) {
    return -1;
  }
  let start = colon + 1;
  while (start < end && isRegExpSpaceCode(text.charCodeAt(start))) {
    start++;
  }
  if (start >= end) {
    return -1;
  }
  const words = wordsOf(text, start, end).length;
  const last = text.charAt(end - 1);
  return words >= 3 || '.!?…'.includes(last) ? start : -1;
}

/** Reads `SOUNDBITE (Language) Name, Title:` from `textStart` (where SOUNDBITE begins). */
export function readSpeakerLine(text: string, textStart: number): SpeakerLine {
  return readSpeakerText(text, textStart, -1, null);
}

/**
 * The speaker line `first` hard-wrapped onto `second` (`…, Special Representative for` /
 * `the Central African Republic:`), or null when `second` does not continue it. It continues it
 * when `first` ends unfinished (a word like `for`, `of`, `and`, or a comma or dash), or when
 * `second` holds the colon that ends the speaker part (then nothing, or a quote, after it); the
 * reading is sure when two signs agree, and says it is a guess otherwise.
 */
export function readWrappedSpeakerLine(first: string, second: string, textStart: number): SpeakerLine | null {
  if (first.includes(':') || startsWithContinuationMark(second) || second.length > 400) {
    return null;
  }
  const firstEnd = lastVisibleEnd(first);
  const lastWord = wordsOf(first, textStart, firstEnd).pop();
  const lastCharacter = first.charAt(firstEnd - 1);
  const unfinished = (lastWord !== undefined && unfinishedLineWords.has(lastWord.text.toLowerCase())) || ',–—-/&'.includes(lastCharacter);
  const colon = second.indexOf(':');
  let colonEnds = false;
  if (colon > 0) {
    const before = second.slice(0, colon);
    // The part before the colon reads as the rest of a title: short, and no sentence ends in it.
    const sentenceInside = /[.!?…]\s/u.test(before);
    let after = colon + 1;
    while (after < second.length && isRegExpSpaceCode(second.charCodeAt(after))) {
      after++;
    }
    colonEnds = !sentenceInside && wordsOf(second, 0, colon).length <= 20 && (after === second.length || startsWithContinuationMark(second, after));
    if (sentenceInside) {
      return null;
    }
  }
  const lowerStart = second.trimStart().charAt(0) !== '' && !isUpperInitial(second.trimStart().charAt(0));
  if (!unfinished && !colonEnds) {
    return null;
  }
  if (colon < 0 && !unfinished) {
    return null;
  }
  const sure = (unfinished && (colonEnds || lowerStart)) || (colonEnds && lowerStart);
  return readSpeakerText(`${first.slice(0, firstEnd)} ${second}`, textStart, firstEnd + 1, sure ? null : 'wrapped');
}

function readSpeakerText(text: string, textStart: number, wrapAt: number, wrapDoubt: SpeakerDoubt | null): SpeakerLine {
  const keyword = /^SOUND\s?BITES?/iu.exec(text.slice(textStart, textStart + 16));
  let position = textStart + (keyword ? keyword[0].length : 0);
  while (position < text.length && isRegExpSpaceCode(text.charCodeAt(position))) {
    position++;
  }
  let language: string | null = null;
  let languageStart = -1;
  if (text.charAt(position) === '(') {
    const close = text.indexOf(')', position);
    if (close > position) {
      const inside = text.slice(position + 1, close);
      language = inside.trim();
      languageStart = position + 1 + (inside.length - inside.trimStart().length);
      position = close + 1;
    }
  }
  // Separators between the language and the name: `, Name`, ` – Name`, `: Name`.
  while (position < text.length && /[\s,:–—-]/u.test(text.charAt(position))) {
    position++;
  }
  let end = lastVisibleEnd(text);
  let quoteStart = -1;
  const rest = text.slice(position);
  // One-line soundbites: `Name, title: “quote”`, and sometimes with the colon forgotten,
  // `Name, title “quote”` (curly marks only there: a straight mark may be an inch sign); or the
  // quote with no marks at all after the colon.
  const geneva = /:\s*([“„«"])/u.exec(rest) ?? (/:\s*$/u.test(rest) ? null : /\s([“„«])(?=\S)/u.exec(rest));
  if (geneva) {
    quoteStart = position + geneva.index + geneva[0].length - 1;
    end = position + geneva.index + (geneva[0].startsWith(':') ? 1 : 0);
  } else {
    const unmarked = unmarkedQuoteAfterColon(text, position, end);
    if (unmarked >= 0) {
      quoteStart = unmarked;
      end = text.indexOf(':', position) + 1;
    }
  }
  let hasColon = false;
  let speakerEnd = end;
  // Trailing `:` or `,:` (and stray spaces) close the speaker part.
  while (speakerEnd > position && /[\s:,]/u.test(text.charAt(speakerEnd - 1))) {
    if (text.charAt(speakerEnd - 1) === ':') {
      hasColon = true;
    }
    speakerEnd--;
  }
  if (speakerEnd <= position) {
    return {
      language, languageStart, speaker: null, speakerStart: position, speakerEnd: position, title: null, titleStart: position,
      titleEnd: position, hasColon, quoteStart, wrapAt, doubt: wrapDoubt,
    };
  }
  const split = nameAndTitle(text, position, speakerEnd);
  const title = split.titleStart < 0 ? '' : text.slice(split.titleStart, split.titleEnd).trim();
  return {
    language,
    languageStart,
    speaker: text.slice(split.speakerStart, split.speakerEnd).trim(),
    speakerStart: split.speakerStart,
    speakerEnd: split.speakerEnd,
    title: title.length > 0 ? title : null,
    titleStart: split.titleStart < 0 ? speakerEnd : split.titleStart,
    titleEnd: split.titleStart < 0 ? speakerEnd : split.titleEnd,
    hasColon,
    quoteStart,
    wrapAt,
    doubt: wrapDoubt ?? split.doubt,
  };
}
