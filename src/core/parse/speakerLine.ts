// SOUNDBITE speaker lines: `SOUNDBITE (Language) Name, Title:` and the ways real scripts break it. The
// language in parentheses; the name and the title, in either order (`Head of …, Name`), with or
// without a separator; a one-line (Geneva) quote after the colon, with or without quote marks; and a
// line hard-wrapped onto the next one. Where the reading is a guess, it says so (`doubt`): a wrong
// attribution is worse than none, so Copy Quote warns instead of guessing silently.
import { firstVisible, isRegExpSpaceCode, lastVisibleEnd } from '../text/whitespace';
import { nameHonorifics, nameParticles, organisationWords, titleFirstWords, unfinishedLineWords } from './lexicon';
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
  /** -1, or where the line after the next starts, when the speaker line was wrapped twice (`… of Peace` / `Operations, …` / `(DPO):`). */
  readonly secondWrapAt: number;
  /** Why the reading of the name and title is a guess (see speakerLine.ts), or null when it is not. */
  readonly doubt: SpeakerDoubt | null;
}

/** How many lines after the SOUNDBITE line a position of the (joined) speaker line is on, and its character there. */
export function wrappedPosition(speakerLine: SpeakerLine, position: number): { readonly lineOffset: number; readonly character: number } {
  if (speakerLine.secondWrapAt >= 0 && position >= speakerLine.secondWrapAt) {
    return { lineOffset: 2, character: position - speakerLine.secondWrapAt };
  }
  if (speakerLine.wrapAt >= 0 && position >= speakerLine.wrapAt) {
    return { lineOffset: 1, character: position - speakerLine.wrapAt };
  }
  return { lineOffset: 0, character: position };
}

/** How many lines the speaker line takes after the SOUNDBITE line (0, 1 or 2). */
export function wrappedLines(speakerLine: SpeakerLine): number {
  return speakerLine.secondWrapAt >= 0 ? 2 : speakerLine.wrapAt >= 0 ? 1 : 0;
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
  if (isHonorific(word)) {
    return true;
  }
  if (position > 0 && position < count - 1 && nameParticles.has(lower)) {
    return true;
  }
  return isUpperInitial(word.charAt(0)) && !titleFirstWords.has(lower) && !organisationWords.has(lower);
}

function isHonorific(word: string): boolean {
  return nameHonorifics.has(bare(word)) || nameHonorifics.has(word.toLowerCase());
}

/** How many words of a name are not ranks, honorifics or particles (`Maj. Gen. Jane Roe` → 2). */
function namedWords(words: readonly Word[]): number {
  let named = 0;
  for (const word of words) {
    const lower = bare(word.text);
    if (!isHonorific(word.text) && !nameParticles.has(lower)) {
      named++;
    }
  }
  return named;
}

/**
 * 1 to 6 words that read as a person's name, with at least one word that is not a rank or honorific,
 * and not ending on one (`Paramount Chief` is a title: an honorific comes before a name).
 */
function isNameLike(words: readonly Word[]): boolean {
  if (words.length === 0 || words.length > 6) {
    return false;
  }
  for (let position = 0; position < words.length; position++) {
    if (!isNameWord((words[position] as Word).text, position, words.length)) {
      return false;
    }
  }
  return namedWords(words) > 0 && !isHonorific((words[words.length - 1] as Word).text);
}

/** A name a careful reader takes for a person's without a doubt: two named words or more. */
function isFullName(words: readonly Word[]): boolean {
  return isNameLike(words) && namedWords(words) >= 2;
}

/** Words that open a title (`Head of …`, `Special Representative …`). */
function opensTitle(word: Word | undefined): boolean {
  return word !== undefined && titleFirstWords.has(bare(word.text));
}

/**
 * Whether a title written before a full name is read without a doubt: it holds a title word, and it
 * opens with one (`Head of …`), or the name carries a rank or honorific (`…, Hon. Jane Roe`), or the
 * title has two parts or more (`Paramount Chief, Twic East County, Jane Roe`: the house shape of
 * title, place, name). `UNMISS Relief Coordinator, Jane Roe` stays a guess.
 */
function titleFirstIsSure(text: string, titleStart: number, titleEnd: number, titleParts: number, name: readonly Word[]): boolean {
  const title = wordsOf(text, titleStart, titleEnd);
  if (!title.some((word) => opensTitle(word))) {
    return false;
  }
  return opensTitle(title[0]) || (name[0] !== undefined && isHonorific(name[0].text)) || titleParts >= 2;
}

/** Where the name and the title of a speaker part are, and how sure that reading is. */
interface NameAndTitle {
  readonly speakerStart: number;
  readonly speakerEnd: number;
  /** -1 when there is no title. */
  readonly titleStart: number;
  readonly titleEnd: number;
  /** A second part of the title after the name (`Officer, <name>, UNMISS`), or -1. */
  readonly titleRestStart: number;
  readonly titleRestEnd: number;
  readonly doubt: SpeakerDoubt | null;
}

/** A stretch of the speaker part between separators. */
interface Part {
  readonly start: number;
  readonly end: number;
}

/** Local titles written after their place (`Bouar Prefect`, `Juba Mayor`), lower-cased. */
const placeQualifiedTitles: ReadonlySet<string> = new Set([
  'prefect', 'préfet', 'sub-prefect', 'sous-préfet', 'governor', 'mayor', 'maire', 'commissioner', 'administrator',
]);

/**
 * A name and a title run together with no separator (`Lt. Col. Jane Roe Commander`, `Jane Roe United
 * Nations Assistant Secretary-General`): the name is the leading name words, the title opens at the
 * first title or organisation word, and holds a title word. Null when there is no such split or the
 * name has no named word. A lone local title (`Prefect`, `Mayor`) after a name of three words or more
 * (`Florentin Yakité Bouar Prefect`, nothing after it) takes the word before it, which may be a place
 * (`Bouar Prefect`) as much as a name: that reading is a guess.
 */
function gluedSplit(words: readonly Word[], titleGoesOn: boolean): { split: number; doubt: SpeakerDoubt | null } | null {
  let split = 0;
  while (split < words.length && isNameWord((words[split] as Word).text, split, words.length) &&
    !organisationWords.has(bare((words[split] as Word).text))) {
    split++;
  }
  if (split === 0 || split >= words.length || !words.slice(split).some((word) => opensTitle(word))) {
    return null;
  }
  const name = words.slice(0, split);
  const named = namedWords(name);
  if (named === 0 || isHonorific((words[split - 1] as Word).text)) {
    return null;
  }
  if (named >= 3 && split === words.length - 1 && !titleGoesOn && placeQualifiedTitles.has(bare((words[split] as Word).text))) {
    return { split: split - 1, doubt: 'no-separator' };
  }
  return { split, doubt: named >= 2 ? null : 'no-separator' };
}

/**
 * Splits the speaker part `text.slice(start, end)` into a name and a title. As written, a name then a
 * separator then the title; a title first then the name (`Head of the Mission, Jane Roe`), the name
 * being the last part, or a part in the middle (`Civil Affairs Officer, Jane Roe, UNMISS`); or no
 * separator (`Jane Roe Under-Secretary-General for …`), the title starting at its first title word.
 * A part that reads as neither is the speaker as written (`Resident of Goma`).
 */
function nameAndTitle(text: string, start: number, end: number): NameAndTitle {
  const asWritten = (nameEnd: number, titleStart: number, doubt: SpeakerDoubt | null = null): NameAndTitle =>
    ({ speakerStart: start, speakerEnd: nameEnd, titleStart, titleEnd: titleStart < 0 ? -1 : end, titleRestStart: -1, titleRestEnd: -1, doubt });
  const part = text.slice(0, end);
  const separator = findSpeakerSeparator(part, start);
  if (separator && separator.index > start) {
    const first = wordsOf(text, start, separator.index);
    if (isNameLike(first)) {
      return asWritten(separator.index, separator.index + separator.length);
    }
    const parts: Part[] = [{ start, end: separator.index }];
    let last = separator;
    for (let next = findSpeakerSeparator(part, last.index + last.length); next; next = findSpeakerSeparator(part, next.index + next.length)) {
      parts.push({ start: last.index + last.length, end: next.index });
      last = next;
    }
    const nameStart = last.index + last.length;
    parts.push({ start: nameStart, end });
    const name = wordsOf(text, nameStart, end);
    // The title first and a full name last: sure when the title holds a title word.
    if (nameStart < end && isFullName(name)) {
      return {
        speakerStart: nameStart, speakerEnd: end, titleStart: start, titleEnd: last.index, titleRestStart: -1, titleRestEnd: -1,
        doubt: titleFirstIsSure(text, start, last.index, parts.length - 1, name) ? null : 'title-first',
      };
    }
    // The name and the start of the title with no separator, then the rest of the title.
    const glued = gluedSplit(first, true);
    if (glued !== null) {
      return asWritten((first[glued.split - 1] as Word).end, (first[glued.split] as Word).start, glued.doubt);
    }
    // A full name between two parts of the title.
    for (let index = parts.length - 2; index >= 1; index--) {
      const middle = parts[index] as Part;
      const middleName = wordsOf(text, middle.start, middle.end);
      if (isFullName(middleName)) {
        const before = parts[index - 1] as Part;
        const after = parts[index + 1] as Part;
        return {
          speakerStart: middle.start, speakerEnd: middle.end, titleStart: start, titleEnd: before.end, titleRestStart: after.start, titleRestEnd: end,
          doubt: titleFirstIsSure(text, start, before.end, parts.length - 1, middleName) ? null : 'title-first',
        };
      }
    }
    if (nameStart < end && isNameLike(name)) {
      return {
        speakerStart: nameStart, speakerEnd: end, titleStart: start, titleEnd: last.index, titleRestStart: -1, titleRestEnd: -1,
        doubt: 'title-first',
      };
    }
    return asWritten(separator.index, separator.index + separator.length);
  }
  const words = wordsOf(text, start, end);
  if (words.length < 2 || isNameLike(words)) {
    return asWritten(end, -1);
  }
  const glued = gluedSplit(words, false);
  if (glued !== null) {
    return asWritten((words[glued.split - 1] as Word).end, (words[glued.split] as Word).start, glued.doubt);
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
  return readSpeakerText(text, textStart, -1, -1, null);
}

/** The colon that ends a speaker part on a continuation line: nothing or a quote after it, no sentence before it. */
function colonEndsSpeaker(line: string): { colon: number; ends: boolean; sentenceInside: boolean } {
  const colon = line.indexOf(':');
  if (colon <= 0) {
    return { colon, ends: false, sentenceInside: false };
  }
  const before = line.slice(0, colon);
  const sentenceInside = /[.!?…]\s/u.test(before);
  let after = colon + 1;
  while (after < line.length && isRegExpSpaceCode(line.charCodeAt(after))) {
    after++;
  }
  const ends = !sentenceInside && wordsOf(line, 0, colon).length <= 20 && (after === line.length || startsWithContinuationMark(line, after));
  return { colon, ends, sentenceInside };
}

/** The first word of a line, if any. */
function firstWordOf(line: string): Word | undefined {
  return wordsOf(line, 0, Math.min(line.length, 200))[0];
}

/**
 * The speaker line `first` hard-wrapped onto `second` (`…, Special Representative for` /
 * `the Central African Republic:`), or null when `second` does not continue it. It continues it
 * when `first` ends unfinished (a word like `for`, `of`, `and`, or a comma or dash), or when
 * `second` holds the colon that ends the speaker part (then nothing, or a quote, after it); the
 * reading is sure when two signs agree, and says it is a guess otherwise. A wrap right after the name
 * with no comma (`… Deng Akol Mabior` / `Chairperson, …:`) is sure when the first line holds a name
 * alone and the next opens with a title word: the line break is the separator. `third` is the line
 * after `second`: a line wrapped twice (`… Department of Peace` / `Operations, United Nations
 * Secretariat` / `(DPO):`) is read when the last piece is the organisation in parentheses and the colon.
 */
export function readWrappedSpeakerLine(first: string, second: string, textStart: number, third: string | null = null): SpeakerLine | null {
  if (first.includes(':') || startsWithContinuationMark(second) || second.length > 400) {
    return null;
  }
  const firstEnd = lastVisibleEnd(first);
  const lastWord = wordsOf(first, textStart, firstEnd).pop();
  const lastCharacter = first.charAt(firstEnd - 1);
  const unfinished = (lastWord !== undefined && unfinishedLineWords.has(lastWord.text.toLowerCase())) || ',–—-/&'.includes(lastCharacter);
  const { colon, ends: colonEnds, sentenceInside } = colonEndsSpeaker(second);
  if (sentenceInside) {
    return null;
  }
  const lowerStart = second.trimStart().charAt(0) !== '' && !isUpperInitial(second.trimStart().charAt(0));
  if (colon < 0 && third !== null && !/[.!?…"”»]/u.test(second.charAt(lastVisibleEnd(second) - 1))) {
    const twice = readTwiceWrapped(first, second, third, textStart);
    if (twice !== null) {
      return twice;
    }
  }
  if (!unfinished && !colonEnds) {
    return null;
  }
  if (colon < 0 && !unfinished) {
    return null;
  }
  const alone = readSpeakerText(first, textStart, -1, -1, null);
  const nameAlone = !unfinished && alone.title === null && alone.speaker !== null &&
    isFullName(wordsOf(first, alone.speakerStart, alone.speakerEnd)) && opensTitle(firstWordOf(second));
  const sure = (unfinished && (colonEnds || lowerStart)) || (colonEnds && (lowerStart || nameAlone));
  // After a name alone, the line break stands for the missing comma.
  const joiner = nameAlone ? ',' : ' ';
  return readSpeakerText(`${first.slice(0, firstEnd)}${joiner}${second}`, textStart, firstEnd + 1, -1, sure ? null : 'wrapped');
}

/** `first` / `second` / `third` when the third is `(ORG):` (with nothing or a quote after it) and the second has no colon. */
function readTwiceWrapped(first: string, second: string, third: string, textStart: number): SpeakerLine | null {
  const start = firstVisible(third);
  if (third.charAt(start) !== '(' || third.length > 400) {
    return null;
  }
  const { colon, ends } = colonEndsSpeaker(third);
  const close = third.indexOf(')', start);
  if (!ends || close < 0 || close > colon || wordsOf(third, start, colon).length > 6) {
    return null;
  }
  const firstEnd = lastVisibleEnd(first);
  const secondEnd = lastVisibleEnd(second);
  if (secondEnd === 0 || wordsOf(second, 0, secondEnd).length > 20) {
    return null;
  }
  const wrapAt = firstEnd + 1;
  return readSpeakerText(`${first.slice(0, firstEnd)} ${second.slice(0, secondEnd)} ${third}`, textStart, wrapAt, wrapAt + secondEnd + 1, null);
}

function readSpeakerText(text: string, textStart: number, wrapAt: number, secondWrapAt: number, wrapDoubt: SpeakerDoubt | null): SpeakerLine {
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
      titleEnd: position, hasColon, quoteStart, wrapAt, secondWrapAt, doubt: wrapDoubt,
    };
  }
  const split = nameAndTitle(text, position, speakerEnd);
  const firstTitle = split.titleStart < 0 ? '' : text.slice(split.titleStart, split.titleEnd).trim();
  // A title in two parts around the name reads as one: its range is the first part.
  const title = split.titleRestStart < 0 ? firstTitle : `${firstTitle}, ${text.slice(split.titleRestStart, split.titleRestEnd).trim()}`;
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
    secondWrapAt,
    doubt: wrapDoubt ?? split.doubt,
  };
}
