// Line table over a document string: the parser's only view of the text, and the converter between
// offsets and (line, character) positions.
import type { TextPosition, TextRange } from './model';

export class LineTable {
  readonly text: string;
  /** Offset of the first character of each line. */
  readonly starts: readonly number[];
  /** Offset just past the last character of each line, before its line break. */
  readonly ends: readonly number[];

  constructor(text: string) {
    this.text = text;
    const starts: number[] = [0];
    const ends: number[] = [];
    const length = text.length;
    // indexOf keeps the scan in native code. The next '\r' is remembered: most files have none, and
    // searching for it again from every line would make splitting quadratic.
    let position = 0;
    let carriage = text.indexOf('\r');
    for (;;) {
      if (carriage !== -1 && carriage < position) {
        carriage = text.indexOf('\r', position);
      }
      const newline = text.indexOf('\n', position);
      let breakAt: number;
      let breakLength: number;
      if (carriage !== -1 && (newline === -1 || carriage < newline)) {
        breakAt = carriage;
        breakLength = text.charCodeAt(carriage + 1) === 10 ? 2 : 1;
      } else if (newline !== -1) {
        breakAt = newline;
        breakLength = 1;
      } else {
        ends.push(length);
        break;
      }
      ends.push(breakAt);
      position = breakAt + breakLength;
      starts.push(position);
    }
    this.starts = starts;
    this.ends = ends;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  line(index: number): string {
    return this.text.slice(this.starts[index], this.ends[index]);
  }

  position(line: number, character: number): TextPosition {
    const start = this.starts[line] ?? this.text.length;
    return { line, character, offset: start + character };
  }

  /** Range within one line, from character `from` to `to` (exclusive). */
  range(line: number, from: number, to: number): TextRange {
    return new Span(this.starts, line, from, line, to);
  }

  /** Range from a character of one line to a character of another line. */
  span(startLine: number, startCharacter: number, endLine: number, endCharacter: number): TextRange {
    return new Span(this.starts, startLine, startCharacter, endLine, endCharacter);
  }

  /** The whole text of lines first..last, without the final line break. */
  lines(first: number, last: number): TextRange {
    return this.span(first, 0, last, this.lineLength(last));
  }

  lineLength(line: number): number {
    return (this.ends[line] ?? 0) - (this.starts[line] ?? 0);
  }

  /** Position of an offset (binary search over line starts). */
  positionAt(offset: number): TextPosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= clamped) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    const lineStart = this.starts[low] ?? 0;
    const lineEnd = this.ends[low] ?? 0;
    // An offset inside a CRLF pair belongs to the end of the line.
    const character = Math.min(clamped, lineEnd) - lineStart;
    return { line: low, character, offset: lineStart + character };
  }

  rangeFromOffsets(start: number, end: number): TextRange {
    const from = this.positionAt(start);
    const to = this.positionAt(end);
    return new Span(this.starts, from.line, from.character, to.line, to.character);
  }
}

/**
 * A range stored as four numbers, its positions built when read. A 10 MB archive has hundreds of
 * thousands of ranges; three objects each would make the parse mostly garbage collection.
 */
class Span implements TextRange {
  readonly #lineStarts: readonly number[];

  constructor(
    lineStarts: readonly number[],
    readonly startLine: number,
    readonly startCharacter: number,
    readonly endLine: number,
    readonly endCharacter: number,
  ) {
    this.#lineStarts = lineStarts;
  }

  get start(): TextPosition {
    return { line: this.startLine, character: this.startCharacter, offset: (this.#lineStarts[this.startLine] ?? 0) + this.startCharacter };
  }

  get end(): TextPosition {
    return { line: this.endLine, character: this.endCharacter, offset: (this.#lineStarts[this.endLine] ?? 0) + this.endCharacter };
  }

  toJSON(): { start: TextPosition; end: TextPosition } {
    return { start: this.start, end: this.end };
  }
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

/** White space as a reader sees it: ASCII spaces and breaks, no-break and typographic spaces, BOM. */
export function isSpaceCode(code: number): boolean {
  if (code <= 32) {
    return code === 32 || (code >= 9 && code <= 13);
  }
  return code === 0xa0 || (code >= 0x2000 && code <= 0x200b) || code === 0x202f || code === 0x3000 || code === 0xfeff ||
    code === 0x85 || code === 0x1680 || code === 0x2028 || code === 0x2029 || code === 0x205f;
}

/** True for lines with no visible character (spaces, tabs, no-break spaces, zero-width spaces). */
export function isBlank(line: string): boolean {
  return firstVisible(line) === line.length;
}

/** Index of the first visible character, or the line length when there is none. */
export function firstVisible(line: string): number {
  let index = 0;
  while (index < line.length && isSpaceCode(line.charCodeAt(index))) {
    index++;
  }
  return index;
}

/** Index just past the last visible character. */
export function lastVisibleEnd(line: string): number {
  let end = line.length;
  while (end > 0 && isSpaceCode(line.charCodeAt(end - 1))) {
    end--;
  }
  return end;
}
