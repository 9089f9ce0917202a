// Words of running text: how many a passage has (for read times) and its first few (for one-line
// labels in the outline, the quick picks and the Soundbites view).
import { isRegExpSpaceCode, isSpaceCode, nextSpace } from './whitespace';

/** A word character as `\w` in a regular expression sees it: ASCII letters, digits and underscore. */
export function isAsciiWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** True for letters and digits (any script); dashes, marks and punctuation are not words. */
export function isWordCode(code: number): boolean {
  if (code < 128) {
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  }
  return code >= 0xc0 && !(code >= 0x2000 && code <= 0x206f) && code !== 0xd7 && code !== 0xf7 && !isSpaceCode(code) &&
    code !== 0x00ab && code !== 0x00bb;
}

/**
 * Spoken words in a text (or in `from`..`to` of it): runs between white space that hold a letter or
 * a digit, so dashes and lone quote marks do not count.
 */
export function countWords(text: string, from = 0, to = text.length): number {
  let words = 0;
  // 0: in white space; 1: in a run with no letter or digit yet; 2: in a counted word.
  let state = 0;
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (isSpaceCode(code)) {
      state = 0;
    } else if (state !== 2 && isWordCode(code)) {
      state = 2;
      words++;
    } else if (state === 0) {
      state = 1;
    }
  }
  return words;
}

/**
 * The first words of a text, ending in `…` when there is more: at most `maxWords` words and about
 * `maxLength` characters (a single long word is cut).
 */
export function firstWords(text: string, maxWords = 6, maxLength = 48, from = 0, to = text.length): string {
  let index = from;
  while (index < to && isSpaceCode(text.charCodeAt(index))) {
    index++;
  }
  const start = index;
  let end = start;
  let words = 0;
  let truncated = false;
  // Single spaces between the words taken so far: then the head is one slice of the text.
  let plainSpaces = true;
  while (index < to) {
    const wordEnd = Math.min(nextSpace(text, index), to);
    if (words >= maxWords || (words > 0 && wordEnd - start > maxLength)) {
      truncated = true;
      break;
    }
    if (words === 0 && wordEnd - start > maxLength) {
      end = start + maxLength;
      truncated = true;
      break;
    }
    if (words > 0 && (index - end !== 1 || text.charCodeAt(end) !== 32)) {
      plainSpaces = false;
    }
    words++;
    end = wordEnd;
    index = wordEnd;
    while (index < to && isSpaceCode(text.charCodeAt(index))) {
      index++;
    }
  }
  const slice = text.slice(start, end);
  const head = plainSpaces ? slice : slice.replace(/[\s\u00a0\u2000-\u200b\u202f\u3000]+/gu, ' ');
  return truncated ? `${trimTrailingPunctuation(head)}…` : head;
}

/** `completing,` → `completing`, before an ellipsis. */
export function trimTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 1 && ',;:.–—-'.includes(text.charAt(end - 1))) {
    end--;
  }
  return end === text.length ? text : text.slice(0, end);
}

/**
 * The parts of a list between its separators, each trimmed, empty ones left out (`ENGLISH /
 * FRENCH/ NATS`). `separatorAt(text, index)` gives the length of the separator starting at `index`, 0
 * when there is none. One pass: splitting with a regular expression that allows white space around
 * the separator cost the square of the length of a run of spaces.
 */
export function splitList(text: string, separatorAt: (text: string, index: number) => number): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let index = 0; index < text.length;) {
    const length = separatorAt(text, index);
    if (length > 0) {
      const part = text.slice(start, index).trim();
      if (part.length > 0) {
        parts.push(part);
      }
      index += length;
      start = index;
    } else {
      index++;
    }
  }
  const last = text.slice(start).trim();
  if (last.length > 0) {
    parts.push(last);
  }
  return parts;
}

function isCloserAfterQuestion(code: number): boolean {
  return code === 0x22 || code === 0x201d || code === 0xbb || code === 0x29 || code === 0x2019;
}

/**
 * True when the text ends with a question mark (closing quotes, brackets and spaces allowed after
 * it). Read from the end: a regular expression looking for the mark from the start cost the square
 * of the length of a run of spaces after a question mark.
 */
export function endsWithQuestion(text: string): boolean {
  let end = text.length;
  while (end > 0 && isRegExpSpaceCode(text.charCodeAt(end - 1))) {
    end--;
  }
  while (end > 0 && isCloserAfterQuestion(text.charCodeAt(end - 1))) {
    end--;
  }
  while (end > 0 && isRegExpSpaceCode(text.charCodeAt(end - 1))) {
    end--;
  }
  return end > 0 && text.charCodeAt(end - 1) === 0x3f;
}
