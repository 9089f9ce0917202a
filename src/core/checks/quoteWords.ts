// The words of a quote as quote fidelity compares them: what an editor may change without changing a
// word is folded away here (case, curly or straight apostrophes, accents, white space, punctuation,
// hyphens), and what marks a deliberate cut (an ellipsis, a [bracketed insertion]) becomes a gap.
import type { TextLike } from '../text/chunkedText';
import { isWordCode } from '../text/words';

/** The normalised form of a gap: `…`, `...` or `[the mission]` in a story quote. */
export const gapWord = '';

/**
 * Words of a span of the document, in order, with where each sits (UTF-16 offsets into the document
 * text). A gap has the normalised form `gapWord` and covers its marks.
 */
export interface QuoteWords {
  readonly words: readonly string[];
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

/** How far a `[` may be from its `]` to be read as a bracketed insertion (a longer run is just text). */
const maxBracketLength = 120;

/**
 * The words of `text` from `from` to `to`. Each character is looked at once or twice (a bracket's scan
 * for its `]` is bounded), so this is linear in the span's length.
 */
export function quoteWords(text: TextLike, from: number, to: number): QuoteWords {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const addGap = (start: number, end: number): void => {
    // Two cuts in a row (`… […]`) are one gap.
    if (words.length > 0 && words[words.length - 1] === gapWord) {
      ends[ends.length - 1] = end;
      return;
    }
    words.push(gapWord);
    starts.push(start);
    ends.push(end);
  };
  let index = from;
  while (index < to) {
    const code = text.charCodeAt(index);
    if (isWordCode(code)) {
      const start = index;
      index = wordEnd(text, index, to);
      words.push(normaliseWord(text.slice(start, index)));
      starts.push(start);
      ends.push(index);
      continue;
    }
    if (code === 0x2026) {
      addGap(index, index + 1);
      index++;
      continue;
    }
    if (code === 0x2e) {
      const end = dotsEnd(text, index, to);
      if (end > 0) {
        addGap(index, end);
        index = end;
        continue;
      }
    }
    if (code === 0x5b) {
      const close = text.indexOf(']', index + 1);
      if (close >= 0 && close < to && close - index <= maxBracketLength) {
        addGap(index, close + 1);
        index = close + 1;
        continue;
      }
    }
    index++;
  }
  return { words, starts, ends };
}

/** The end of the word starting at `index`: letters and digits, with apostrophes between them. */
function wordEnd(text: TextLike, index: number, to: number): number {
  let end = index;
  while (end < to) {
    const code = text.charCodeAt(end);
    if (isWordCode(code)) {
      end++;
    } else if ((code === 0x27 || code === 0x2019) && end + 1 < to && isWordCode(text.charCodeAt(end + 1))) {
      end += 2;
    } else {
      break;
    }
  }
  return end;
}

/** The end of an ellipsis written with dots (`..`, `...`, `. . .`) starting at `index`, or -1 for a lone dot. */
function dotsEnd(text: TextLike, index: number, to: number): number {
  let end = index;
  let dots = 0;
  while (end < to) {
    if (text.charCodeAt(end) === 0x2e) {
      dots++;
      end++;
    } else if (text.charCodeAt(end) === 0x20 && end + 1 < to && text.charCodeAt(end + 1) === 0x2e) {
      end++;
    } else {
      break;
    }
  }
  return dots >= 2 ? end : -1;
}

/** Lower case, one apostrophe, no accents: `Côte` and `cote`, `We’re` and `we're` are the same word. */
export function normaliseWord(word: string): string {
  let lower = word.toLowerCase();
  if (lower.includes('’')) {
    lower = lower.replace(/’/gu, "'");
  }
  for (let index = 0; index < lower.length; index++) {
    if (lower.charCodeAt(index) > 0x7f) {
      return lower.normalize('NFD').replace(/[\u0300-\u036f]/gu, '');
    }
  }
  return lower;
}

/** How many words (not gaps) there are. */
export function countQuoteWords(words: QuoteWords): number {
  let count = 0;
  for (const word of words.words) {
    if (word !== gapWord) {
      count++;
    }
  }
  return count;
}
