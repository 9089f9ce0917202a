// Long texts without their whole string. An editor hands a 50 MB document over as lines, and building
// one string of it takes 100-200 ms every time; keeping the text as pieces, and editing the pieces an
// edit touches, lets a reader slice any span in time proportional to the span. A string is also a
// TextSource, so every reader of a TextSource takes plain strings too.

import { lastAtOrBefore } from './search';

/** Text read a span at a time: a string, a ChunkedText, or a window of either. */
export interface TextSource {
  readonly length: number;
  slice(start: number, end: number): string;
}

/**
 * What the checks read of a text, character by character, with offsets of the whole document: a string,
 * or a TextWindow that holds one span of it.
 */
export interface TextLike extends TextSource {
  charCodeAt(index: number): number;
  indexOf(search: string, position: number): number;
}

/** Pieces of about this many characters: a slice touches one or two, an edit copies at most a few. */
export const defaultChunkChars = 64 * 1024;

/** The piece that holds `offset` (`starts` ascending from 0; the last piece for the text's end). */
function pieceAt(starts: readonly number[], offset: number): number {
  return Math.max(0, lastAtOrBefore(starts, offset));
}

/**
 * An immutable text made of pieces. replace() returns a new ChunkedText that shares every piece the edit
 * did not touch, so the text a model was parsed from stays valid while later versions are made.
 */
export class ChunkedText implements TextSource {
  readonly #pieces: readonly string[];
  /** Where each piece starts; always at least one piece (possibly empty). */
  readonly #starts: readonly number[];
  readonly length: number;
  readonly #chunkChars: number;

  private constructor(pieces: readonly string[], chunkChars: number) {
    const kept = pieces.filter((piece) => piece.length > 0);
    this.#pieces = kept.length > 0 ? kept : [''];
    const starts: number[] = [];
    let offset = 0;
    for (const piece of this.#pieces) {
      starts.push(offset);
      offset += piece.length;
    }
    this.#starts = starts;
    this.length = offset;
    this.#chunkChars = chunkChars;
  }

  /** The text of these pieces, in order (empty pieces are dropped; long ones are kept as they are). */
  static fromPieces(pieces: readonly string[], chunkChars = defaultChunkChars): ChunkedText {
    return new ChunkedText(pieces, Math.max(1, chunkChars));
  }

  /** The pieces, in order: to hand the text on (to another thread, say) without joining it here. */
  get pieces(): readonly string[] {
    return this.#pieces;
  }

  /** How many pieces hold the text (for tests and figures). */
  get pieceCount(): number {
    return this.#pieces.length;
  }

  slice(start: number, end: number): string {
    const from = Math.max(0, Math.min(start, this.length));
    const to = Math.max(from, Math.min(end, this.length));
    if (from === to) {
      return '';
    }
    const first = pieceAt(this.#starts, from);
    const last = pieceAt(this.#starts, to - 1);
    if (first === last) {
      const base = this.#starts[first] as number;
      return (this.#pieces[first] as string).slice(from - base, to - base);
    }
    const parts: string[] = [];
    for (let index = first; index <= last; index++) {
      const base = this.#starts[index] as number;
      const piece = this.#pieces[index] as string;
      parts.push(piece.slice(Math.max(0, from - base), Math.min(piece.length, to - base)));
    }
    return parts.join('');
  }

  /**
   * The text with `start`..`end` replaced by `text` (offsets clamped to the text). Only the pieces the
   * edit touches are rebuilt; a rebuilt piece longer than twice the chunk size is cut again.
   */
  replace(start: number, end: number, text: string): ChunkedText {
    const from = Math.max(0, Math.min(start, this.length));
    const to = Math.max(from, Math.min(end, this.length));
    const first = pieceAt(this.#starts, from);
    const last = to > from ? pieceAt(this.#starts, to - 1) : first;
    const firstPiece = this.#pieces[first] as string;
    const lastPiece = this.#pieces[last] as string;
    const joined = firstPiece.slice(0, from - (this.#starts[first] as number)) + text + lastPiece.slice(to - (this.#starts[last] as number));
    const rebuilt: string[] = [];
    if (joined.length > 2 * this.#chunkChars) {
      for (let at = 0; at < joined.length; at += this.#chunkChars) {
        rebuilt.push(joined.slice(at, at + this.#chunkChars));
      }
    } else {
      rebuilt.push(joined);
    }
    const pieces = this.#pieces.slice(0, first);
    for (const piece of rebuilt) {
      pieces.push(piece);
    }
    for (let index = last + 1; index < this.#pieces.length; index++) {
      pieces.push(this.#pieces[index] as string);
    }
    return new ChunkedText(pieces, this.#chunkChars);
  }

  /** The whole text as one string: as costly as the editor's own, for the few readers that need it. */
  toString(): string {
    return this.#pieces.join('');
  }
}

/**
 * One span of a longer text, read with the offsets of the whole text: what the checks of one story see.
 * Outside the span it reads as the end of the text (NaN, -1, ''): a reader straying there finds nothing.
 */
export class TextWindow implements TextLike {
  readonly #text: string;
  readonly #base: number;
  readonly length: number;

  /** The span `start`..`end` of `source`. */
  constructor(source: TextSource, start: number, end: number) {
    this.#base = Math.max(0, Math.min(start, source.length));
    this.#text = source.slice(this.#base, Math.max(this.#base, end));
    this.length = source.length;
  }

  charCodeAt(index: number): number {
    return this.#text.charCodeAt(index - this.#base);
  }

  slice(start: number, end: number): string {
    return this.#text.slice(Math.max(0, start - this.#base), Math.max(0, end - this.#base));
  }

  indexOf(search: string, position: number): number {
    const found = this.#text.indexOf(search, Math.max(0, position - this.#base));
    return found < 0 ? -1 : found + this.#base;
  }
}

/** The whole text as one string (as costly as it is long, for a source that is not a string already). */
export function wholeText(source: TextSource): string {
  return typeof source === 'string' ? source : source.slice(0, source.length);
}

/**
 * A string's UTF-16 code units (from `start` to `end`), to hand a text to another thread by transfer
 * rather than by copy (a structured clone of 50 MB of strings holds the sending thread for 50-100 ms).
 * Unlike UTF-8 it keeps a surrogate pair that a piece boundary split exactly as it was.
 */
export function codeUnitsOf(piece: string, start = 0, end = piece.length): Uint16Array {
  const units = new Uint16Array(Math.max(0, end - start));
  for (let index = 0; index < units.length; index++) {
    units[index] = piece.charCodeAt(start + index);
  }
  return units;
}

/**
 * The text of code units made by codeUnitsOf, in order. Decoded as one stream, so a surrogate pair
 * split between two pieces is whole again; a lone surrogate (never in a file read as UTF-8) becomes
 * U+FFFD, one unit for one, so that every offset stays where it was. (Typed arrays are in the
 * machine's byte order, little-endian on every platform VS Code runs on.)
 */
export function textOfCodeUnits(pieces: readonly Uint16Array[]): string {
  // A leading U+FEFF is text here, not a byte-order mark to drop: dropping it would move every offset.
  const decoder = new TextDecoder('utf-16le', { ignoreBOM: true });
  const parts: string[] = [];
  for (const units of pieces) {
    parts.push(decoder.decode(units, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/** The first `end` characters of `source`: a slice of a string, a view of anything else (nothing copied). */
export function prefixOf(source: TextSource, end: number): TextSource {
  if (typeof source === 'string') {
    return source.slice(0, end);
  }
  const length = Math.max(0, Math.min(end, source.length));
  return { length, slice: (start: number, stop: number) => source.slice(start, Math.min(stop, length)) };
}

/** `source` as a TextLike over `start`..`end`: a string as it is, anything else as a window. */
export function textOver(source: TextSource, start: number, end: number): TextLike {
  return typeof source === 'string' ? source : new TextWindow(source, start, end);
}

/**
 * The offset just after the first line break that ends at or after `target` (a CRLF pair is never
 * cut), or the text's length. Scans only from `target` on, so all cuts of one text cost one pass.
 */
export function cutAfterLineBreak(text: TextSource, target: number): number {
  if (target >= text.length) {
    return text.length;
  }
  // Read in windows: a text kept in pieces is never joined whole for this.
  for (let from = Math.max(0, target - 1); from < text.length; from += cutWindowChars) {
    const window = text.slice(from, from + cutWindowChars + 1);
    const scanned = Math.min(cutWindowChars, window.length);
    for (let index = 0; index < scanned; index++) {
      const code = window.charCodeAt(index);
      if (code === 10) {
        return from + index + 1;
      }
      if (code === 13) {
        return from + (window.charCodeAt(index + 1) === 10 ? index + 2 : index + 1);
      }
    }
  }
  return text.length;
}

/** How many characters cutAfterLineBreak reads at a time (one more, to see the LF of a CRLF at the edge). */
const cutWindowChars = 4096;
