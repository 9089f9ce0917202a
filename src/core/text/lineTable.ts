// Line table over a document string: the parser's only view of the text, and the converter between
// offsets and (line, character) positions.
import type { TextPosition, TextRange } from '../model';
import { lastAtOrBefore } from './search';

/**
 * Where a run of a parse's lines sits in the document that currently uses them. A re-parse after an
 * edit keeps the stories it did not touch and moves them by changing their placement: line L of the
 * parse is document line L + lineDelta, and its element indexes move by the index deltas. Moving a
 * story is then one object update instead of rebuilding every range and record in it.
 */
export class Placement {
  constructor(
    /** The first line of the parse this placement covers (it runs to the next placement's first line). */
    readonly firstLine: number,
    public lineDelta = 0,
    public offsetDelta = 0,
    public shotDelta = 0,
    public soundbiteDelta = 0,
    public sectionDelta = 0,
    public storyDelta = 0,
    public headerDelta = 0,
  ) {}
}

const identity = new Placement(0);

export class LineTable {
  readonly text: string;
  /** Offset of the first character of each line. */
  readonly starts: Int32Array;
  /** Offset just past the last character of each line, before its line break. */
  readonly ends: Int32Array;
  /**
   * Set when the lines were cut further than the text's line breaks (a flattened shot list read as
   * the lines it had): for each line, the document line it is part of and where that line starts.
   * Positions are reported in the document's lines.
   */
  readonly #physicalLine: Int32Array | null;
  readonly #physicalStart: Int32Array | null;
  /** The number of the text's own lines. */
  readonly documentLineCount: number;

  /** The lines of `text`; `cuts` (ascending offsets) cut them further, each where a line of its own starts. */
  constructor(text: string, cuts: readonly number[] = []) {
    this.text = text;
    // Typed arrays: two numbers per line of a 10 MB file are nothing for the garbage collector to trace.
    let starts = new Int32Array(Math.max(16, text.length >> 5));
    let ends = new Int32Array(starts.length);
    let count = 0;
    const length = text.length;
    // indexOf keeps the scan in native code. The next '\r' is remembered: most files have none, and
    // searching for it again from every line would make splitting quadratic.
    let position = 0;
    let carriage = text.indexOf('\r');
    for (;;) {
      if (count === starts.length) {
        const grownStarts = new Int32Array(count * 2);
        grownStarts.set(starts);
        starts = grownStarts;
        const grownEnds = new Int32Array(count * 2);
        grownEnds.set(ends);
        ends = grownEnds;
      }
      starts[count] = position;
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
        ends[count++] = length;
        break;
      }
      ends[count++] = breakAt;
      position = breakAt + breakLength;
    }
    this.documentLineCount = count;
    if (cuts.length === 0) {
      this.starts = starts.subarray(0, count);
      this.ends = ends.subarray(0, count);
      this.#physicalLine = null;
      this.#physicalStart = null;
      return;
    }
    const total = count + cuts.length;
    const cutStarts = new Int32Array(total);
    const cutEnds = new Int32Array(total);
    const physicalLine = new Int32Array(total);
    const physicalStart = new Int32Array(total);
    let line = 0;
    let cut = 0;
    for (let physical = 0; physical < count; physical++) {
      const start = starts[physical] ?? 0;
      const end = ends[physical] ?? start;
      let from = start;
      while (cut < cuts.length && (cuts[cut] ?? 0) <= from) {
        cut++;
      }
      while (cut < cuts.length && (cuts[cut] ?? 0) < end) {
        const at = cuts[cut++] ?? end;
        cutStarts[line] = from;
        cutEnds[line] = at;
        physicalLine[line] = physical;
        physicalStart[line++] = start;
        from = at;
      }
      cutStarts[line] = from;
      cutEnds[line] = end;
      physicalLine[line] = physical;
      physicalStart[line++] = start;
    }
    this.starts = cutStarts.subarray(0, line);
    this.ends = cutEnds.subarray(0, line);
    this.#physicalLine = physicalLine.subarray(0, line);
    this.#physicalStart = physicalStart.subarray(0, line);
  }

  /** True when lines were cut further than the text's line breaks. */
  get isCut(): boolean {
    return this.#physicalLine !== null;
  }

  /** The document line a line of this table is part of. */
  documentLineOf(line: number): number {
    return this.#physicalLine ? (this.#physicalLine[line] ?? line) : line;
  }

  /** Placements in order of their first line; none means the lines are the document's own. */
  readonly #placementLines: number[] = [];
  readonly #placements: Placement[] = [];

  /** Adds the placement of the lines from `placement.firstLine` on (call in line order). */
  place(placement: Placement): void {
    this.#placementLines.push(placement.firstLine);
    this.#placements.push(placement);
  }

  /** The placement of one of this table's lines. */
  placementOf(line: number): Placement {
    const lines = this.#placementLines;
    const high = lines.length - 1;
    if (high < 0) {
      return identity;
    }
    // Readers walk the document in order: the last placement found, or the next, is usually right.
    const hint = this.#hint;
    if ((lines[hint] ?? 0) <= line) {
      if (hint === high || line < (lines[hint + 1] ?? 0)) {
        return this.#placements[hint] ?? identity;
      }
      if (hint + 1 === high || line < (lines[hint + 2] ?? 0)) {
        this.#hint = hint + 1;
        return this.#placements[hint + 1] ?? identity;
      }
    }
    const found = Math.max(0, lastAtOrBefore(lines, line));
    this.#hint = found;
    return this.#placements[found] ?? identity;
  }

  #hint = 0;

  /** The document position of a character of one of this table's lines. */
  documentPosition(line: number, character: number): TextPosition {
    const placement = this.placementOf(line);
    const offset = (this.starts[line] ?? this.text.length) + character;
    if (this.#physicalLine) {
      return { line: (this.#physicalLine[line] ?? line) + placement.lineDelta, character: offset - (this.#physicalStart?.[line] ?? 0),
        offset: offset + placement.offsetDelta };
    }
    return { line: line + placement.lineDelta, character, offset: offset + placement.offsetDelta };
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
    return new Span(this, line, from, line, to);
  }

  /** Range from a character of one line to a character of another line. */
  span(startLine: number, startCharacter: number, endLine: number, endCharacter: number): TextRange {
    return new Span(this, startLine, startCharacter, endLine, endCharacter);
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
    const low = Math.max(0, lastAtOrBefore(this.starts, clamped));
    const lineStart = this.starts[low] ?? 0;
    const lineEnd = this.ends[low] ?? 0;
    // An offset inside a CRLF pair belongs to the end of the line.
    const character = Math.min(clamped, lineEnd) - lineStart;
    if (this.#physicalLine) {
      return { line: this.#physicalLine[low] ?? low, character: lineStart + character - (this.#physicalStart?.[low] ?? 0), offset: lineStart + character };
    }
    return { line: low, character, offset: lineStart + character };
  }

  rangeFromOffsets(start: number, end: number): TextRange {
    const lineOf = (offset: number): number => Math.max(0, lastAtOrBefore(this.starts, Math.max(0, Math.min(offset, this.text.length))));
    const startLine = lineOf(start);
    const endLine = lineOf(end);
    const characterOf = (line: number, offset: number): number => Math.min(Math.max(0, Math.min(offset, this.text.length)), this.ends[line] ?? 0) - (this.starts[line] ?? 0);
    return new Span(this, startLine, characterOf(startLine, start), endLine, characterOf(endLine, end));
  }
}

/**
 * A range stored as four numbers over a line table, its positions built when read (and placed in the
 * document then, so a story moved by a re-parse reports where it is now). A 10 MB archive has
 * hundreds of thousands of ranges; three objects each would make the parse mostly garbage collection.
 */
class Span implements TextRange {
  readonly #table: LineTable;
  readonly #startLine: number;
  readonly #startCharacter: number;
  readonly #endLine: number;
  readonly #endCharacter: number;

  constructor(table: LineTable, startLine: number, startCharacter: number, endLine: number, endCharacter: number) {
    this.#table = table;
    this.#startLine = startLine;
    this.#startCharacter = startCharacter;
    this.#endLine = endLine;
    this.#endCharacter = endCharacter;
  }

  own(): { startLine: number; startCharacter: number; endLine: number; endCharacter: number } {
    return { startLine: this.#startLine, startCharacter: this.#startCharacter, endLine: this.#endLine, endCharacter: this.#endCharacter };
  }

  get start(): TextPosition {
    return this.#table.documentPosition(this.#startLine, this.#startCharacter);
  }

  get end(): TextPosition {
    return this.#table.documentPosition(this.#endLine, this.#endCharacter);
  }

  toJSON(): { start: TextPosition; end: TextPosition } {
    return { start: this.start, end: this.end };
  }
}

/**
 * A range in the lines of the parse that made it (the document's lines may have moved since). Ranges
 * not made by a line table are taken as they read.
 */
export function ownCoordinates(range: TextRange): { startLine: number; startCharacter: number; endLine: number; endCharacter: number } {
  if (range instanceof Span) {
    return range.own();
  }
  return { startLine: range.start.line, startCharacter: range.start.character, endLine: range.end.line, endCharacter: range.end.character };
}

/**
 * The line breaks that end lines in `start`..`end` of `text`, counted as the editor and LineTable count
 * them: LF, CRLF (once) and a lone CR. A CR just before `end` followed by an LF is not counted: the
 * break ends after it.
 */
export function countLineBreaks(text: { readonly length: number; charCodeAt(index: number): number }, start: number, end: number): number {
  let count = 0;
  for (let index = Math.max(0, start); index < Math.min(end, text.length); index++) {
    const code = text.charCodeAt(index);
    if (code === 10 || (code === 13 && text.charCodeAt(index + 1) !== 10)) {
      count++;
    }
  }
  return count;
}
