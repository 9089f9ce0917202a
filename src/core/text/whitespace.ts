// White space and visible text: the one definition of a space every reader of a line uses, where a
// line's visible part starts and ends, and collapsing runs of white space.

/** White space as a reader sees it: ASCII spaces and breaks, no-break and typographic spaces, BOM. */
export function isSpaceCode(code: number): boolean {
  if (code <= 32) {
    return code === 32 || (code >= 9 && code <= 13);
  }
  return code === 0xa0 || (code >= 0x2000 && code <= 0x200b) || code === 0x202f || code === 0x3000 || code === 0xfeff ||
    code === 0x85 || code === 0x1680 || code === 0x2028 || code === 0x2029 || code === 0x205f;
}

/**
 * White space exactly as `\s` in a regular expression sees it (no U+200B or U+0085, unlike
 * isSpaceCode). For code that must agree with a regular expression written with `\s`: the line
 * classifier's hand-written readers and the knowledge matcher's word boundaries.
 */
export function isRegExpSpaceCode(code: number): boolean {
  if (code <= 32) {
    return code === 32 || (code >= 9 && code <= 13);
  }
  return code === 0xa0 || code === 0xfeff || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 ||
    code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
}

/** True for lines with no visible character (spaces, tabs, no-break spaces, zero-width spaces). */
export function isBlank(line: string): boolean {
  return firstVisible(line) === line.length;
}

/** Index of the first visible character at or after `from`, or the line length when there is none. */
export function firstVisible(line: string, from = 0): number {
  let index = from;
  while (index < line.length && isSpaceCode(line.charCodeAt(index))) {
    index++;
  }
  return index;
}

/** Index just past the last visible character at or before `to`, and not before `from`. */
export function lastVisibleEnd(line: string, to = line.length, from = 0): number {
  let end = to;
  while (end > from && isSpaceCode(line.charCodeAt(end - 1))) {
    end--;
  }
  return end;
}

/** Index of the first white-space character at or after `from`, or the line length. */
export function nextSpace(text: string, from: number): number {
  let index = from;
  while (index < text.length && !isSpaceCode(text.charCodeAt(index))) {
    index++;
  }
  return index;
}

/** True when the text has two white-space characters in a row, or any white space other than a plain space. */
function needsCollapsing(text: string): boolean {
  let previousWasSpace = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 32) {
      if (previousWasSpace) {
        return true;
      }
      previousWasSpace = true;
    } else if (isSpaceCode(code)) {
      return true;
    } else {
      previousWasSpace = false;
    }
  }
  return false;
}

/** Collapses every run of white space (including line breaks and no-break spaces) to one space and trims. */
export function collapseWhitespace(text: string): string {
  // Most quotes are already single-spaced: skip the replace (and its allocation) when nothing needs it.
  if (!needsCollapsing(text)) {
    return text.trim();
  }
  return text.replace(/[\s\u00a0\u2000-\u200b\u202f\u3000]+/g, ' ').trim();
}
