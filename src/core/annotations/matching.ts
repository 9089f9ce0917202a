// Text matching for anchors: the normalised form two versions of a transcript are compared in, with
// a map back to the original offsets, and the two measures of how far apart a pattern and a text
// are (approximate search anywhere in a text, and alignment at a fixed edge).
//
// Everything here is linear in the text (or bounded by a constant times the pattern), allocates
// typed arrays, has no regular expression and no recursion, and uses no API a web worker lacks.

/** White space a reader sees: ASCII spaces and breaks, no-break and typographic spaces. */
export function isSpaceCode(code: number): boolean {
  if (code <= 32) {
    return code === 32 || (code >= 9 && code <= 13);
  }
  return code === 0xa0 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x3000 || code === 0x85 ||
    code === 0x1680 || code === 0x2028 || code === 0x2029 || code === 0x205f;
}

/**
 * Characters that take no room on the page (zero-width space and joiners, word joiner, byte-order
 * mark, soft hyphen): a copy from a web page may carry them where the file had none.
 */
export function isIgnorableCode(code: number): boolean {
  return code === 0x200b || code === 0x200c || code === 0x200d || code === 0x2060 || code === 0xfeff || code === 0xad;
}

// Case is folded through a table over the scripts UNifeed pages use (Latin, Greek, Cyrillic): built
// once, 1,328 entries. Letters beyond it (Arabic, Chinese) have no case to fold.
const foldLimit = 0x0530;
let foldTable: Uint16Array | null = null;

function caseFolds(): Uint16Array {
  if (foldTable === null) {
    const table = new Uint16Array(foldLimit);
    for (let code = 0; code < foldLimit; code++) {
      const lower = String.fromCharCode(code).toLowerCase();
      // A fold that changes length (U+0130 İ → i + dot) would break the one-to-one map: keep it.
      table[code] = lower.length === 1 ? lower.charCodeAt(0) : code;
    }
    foldTable = table;
  }
  return foldTable;
}

/**
 * The code unit a character is compared as: every double quote mark as `"`, every single quote mark
 * and apostrophe as `'`, every dash and hyphen as `-`, letters in lower case. One unit in, one out.
 */
export function comparedCode(code: number): number {
  if (code < foldLimit) {
    switch (code) {
      case 0x22: case 0xab: case 0xbb:
        return 0x22;
      case 0x27: case 0x60: case 0xb4:
        return 0x27;
      default:
        return (caseFolds()[code] as number);
    }
  }
  switch (code) {
    case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x2033: case 0x301d: case 0x301e: case 0xff02:
      return 0x22;
    case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032: case 0x02bc: case 0x2039: case 0x203a: case 0xff07:
      return 0x27;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: case 0xfe58: case 0xfe63: case 0xff0d:
      return 0x2d;
    default:
      return code;
  }
}

// How normalizeSpan treats each UTF-16 unit, looked up rather than decided per character (a 10 MB
// archive is normalised in one pass): the unit it compares as, plus one of these kinds in the high bits.
const kindShift = 16;
const kindSpace = 1;
const kindIgnored = 2;
const kindEllipsis = 3;
let unitTable: Uint32Array | null = null;

function unitKinds(): Uint32Array {
  if (unitTable === null) {
    const table = new Uint32Array(0x10000);
    for (let code = 0; code < 0x10000; code++) {
      if (isSpaceCode(code)) {
        table[code] = (kindSpace << kindShift) | 32;
      } else if (isIgnorableCode(code)) {
        table[code] = kindIgnored << kindShift;
      } else if (code === 0x2026) {
        table[code] = (kindEllipsis << kindShift) | 0x2e;
      } else {
        table[code] = comparedCode(code);
      }
    }
    unitTable = table;
  }
  return unitTable;
}

/** A stretch of text in compared form, with where each of its units came from. */
export interface NormalizedSpan {
  /** The compared form: quote marks, dashes and case folded, white-space runs as one space. */
  readonly text: string;
  /**
   * `map[i]` is the offset in the original text of the unit that produced `text[i]` (the first unit
   * of a white-space run); `map[text.length]` is the end of the span in the original text.
   */
  readonly map: Int32Array;
  readonly rawStart: number;
  readonly rawEnd: number;
}

// String.fromCharCode takes its units as arguments: feed it bounded slices so the stack never
// holds more than this many.
const codesPerCall = 8192;

// TextDecoder (in every worker and in Node) builds the string natively, 2–3 times faster than
// String.fromCharCode over slices. It turns an unpaired surrogate into U+FFFD, one unit for one,
// the same way in the text and the pattern, so lengths and the map stay exact.
const utf16Decoder: { decode(input: Uint8Array): string } | null =
  typeof TextDecoder === 'function' ? new TextDecoder('utf-16le') : null;

function codesToString(codes: Uint16Array, length: number): string {
  if (utf16Decoder !== null) {
    return utf16Decoder.decode(new Uint8Array(codes.buffer, codes.byteOffset, length * 2));
  }
  const parts: string[] = [];
  for (let from = 0; from < length; from += codesPerCall) {
    const slice = codes.subarray(from, Math.min(length, from + codesPerCall));
    parts.push(String.fromCharCode.apply(null, slice as unknown as number[]));
  }
  return parts.join('');
}

/**
 * The compared form of `text[start, end)`: see comparedCode, plus white-space runs (line breaks and
 * no-break spaces included) as one space, zero-width characters dropped and `…` as `...`. Linear;
 * the map makes it "normalise, search, then map back" (Hypothesis's translateOffsets idea).
 */
export function normalizeSpan(text: string, start: number, end: number): NormalizedSpan {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  let codes = new Uint16Array(Math.max(16, to - from + 4));
  let map = new Int32Array(codes.length + 1);
  let length = 0;
  let lastWasSpace = false;
  const table = unitKinds();
  for (let index = from; index < to; index++) {
    const entry = table[text.charCodeAt(index)] as number;
    const kind = entry >>> kindShift;
    if (kind === 0) {
      codes[length] = entry;
      map[length++] = index;
      lastWasSpace = false;
    } else if (kind === kindSpace) {
      if (!lastWasSpace) {
        codes[length] = 32;
        map[length++] = index;
        lastWasSpace = true;
      }
    } else if (kind === kindEllipsis) {
      for (let dot = 0; dot < 3; dot++) {
        codes[length] = 0x2e;
        map[length++] = index;
      }
      lastWasSpace = false;
    }
    // An ellipsis writes three units: keep room for it before the next character.
    if (length + 3 >= codes.length) {
      const grownCodes = new Uint16Array(codes.length * 2);
      grownCodes.set(codes);
      codes = grownCodes;
      const grownMap = new Int32Array(codes.length + 1);
      grownMap.set(map);
      map = grownMap;
    }
  }
  map[length] = to;
  return { text: codesToString(codes, length), map: map.subarray(0, length + 1), rawStart: from, rawEnd: to };
}

/** The compared form of a whole string, without leading or trailing white space. */
export function normalizeForMatching(text: string): string {
  const span = normalizeSpan(text, 0, text.length);
  let first = 0;
  let last = span.text.length;
  while (first < last && span.text.charCodeAt(first) === 32) {
    first++;
  }
  while (last > first && span.text.charCodeAt(last - 1) === 32) {
    last--;
  }
  return span.text.slice(first, last);
}

/** First index `i` of the span's units whose original offset is at or after `rawOffset`. */
export function normalizedIndexAt(span: NormalizedSpan, rawOffset: number): number {
  let low = 0;
  let high = span.text.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((span.map[middle] as number) < rawOffset) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

/**
 * The original range of the compared units `[start, end)`, without white space or zero-width
 * characters at either edge. An end inside an expanded `…` still takes the whole `…`.
 */
export function rawRangeOf(span: NormalizedSpan, text: string, start: number, end: number): { start: number; end: number } {
  const length = span.text.length;
  const a = Math.max(0, Math.min(start, length));
  const b = Math.max(a, Math.min(end, length));
  let rawStart = a < length ? (span.map[a] as number) : span.rawEnd;
  let rawEnd = b < length ? (span.map[b] as number) : span.rawEnd;
  if (b > a) {
    rawEnd = Math.max(rawEnd, (span.map[b - 1] as number) + 1);
  }
  while (rawStart < rawEnd && (isSpaceCode(text.charCodeAt(rawStart)) || isIgnorableCode(text.charCodeAt(rawStart)))) {
    rawStart++;
  }
  while (rawEnd > rawStart && (isSpaceCode(text.charCodeAt(rawEnd - 1)) || isIgnorableCode(text.charCodeAt(rawEnd - 1)))) {
    rawEnd--;
  }
  // Never end between the two halves of a surrogate pair.
  if (rawEnd < text.length && rawEnd > rawStart && isLowSurrogate(text.charCodeAt(rawEnd)) && isHighSurrogate(text.charCodeAt(rawEnd - 1))) {
    rawEnd++;
  }
  return { start: rawStart, end: rawEnd };
}

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

// ---------------------------------------------------------------------------------------------
// Approximate search: Myers' bit-parallel edit distance (1999), in Hyyrö's block form, 32 pattern
// units a word. Unlike a search that keeps only the lowest-error matches, it reports every place
// within the error bound (one per cluster of neighbouring ends), so the place an editor changed is
// not hidden behind an exact copy elsewhere, and a runner-up is always there to compare with.
// ---------------------------------------------------------------------------------------------

/** One approximate match: where it ends in the searched text (exclusive) and its edit distance. */
export interface MatchEnd {
  readonly end: number;
  readonly errors: number;
}

/** Receives match ends in ascending order. */
export interface MatchEndSink {
  add(end: number, errors: number): void;
}

/**
 * Keeps the best end of each cluster of neighbouring ends (one match shows as several ends a few
 * units apart), and at most `capacity` clusters: the fewest errors, then the nearest to `near`.
 */
export class MatchEndCollector implements MatchEndSink {
  readonly #capacity: number;
  readonly #gap: number;
  readonly #near: number;
  #kept: MatchEnd[] = [];
  #lastEnd = -1;
  #bestEnd = -1;
  #bestErrors = 0;
  #zones: Int32Array | null = null;
  #zone = 0;

  constructor(capacity: number, gap: number, near: number) {
    this.#capacity = Math.max(1, capacity);
    this.#gap = Math.max(1, gap);
    this.#near = near;
  }

  /**
   * Ends to ignore: pairs [from, to] (inclusive), ascending. Used to leave out places already found
   * verbatim, so they do not crowd out the others in a bounded collection.
   */
  exclude(zones: Int32Array): void {
    this.#zones = zones;
    this.#zone = 0;
  }

  add(end: number, errors: number): void {
    const zones = this.#zones;
    if (zones !== null) {
      // Ends arrive in ascending order: one pointer walks the zones once.
      while (this.#zone * 2 < zones.length && (zones[this.#zone * 2 + 1] as number) < end) {
        this.#zone++;
      }
      if (this.#zone * 2 < zones.length && (zones[this.#zone * 2] as number) <= end) {
        return;
      }
    }
    if (this.#lastEnd >= 0 && end - this.#lastEnd <= this.#gap) {
      if (errors < this.#bestErrors) {
        this.#bestErrors = errors;
        this.#bestEnd = end;
      }
      this.#lastEnd = end;
      return;
    }
    this.#flush();
    this.#lastEnd = end;
    this.#bestEnd = end;
    this.#bestErrors = errors;
  }

  /** The clusters kept, fewest errors first, then nearest to `near`. */
  finish(): MatchEnd[] {
    this.#flush();
    this.#lastEnd = -1;
    this.#trim();
    return this.#kept;
  }

  #flush(): void {
    if (this.#bestEnd < 0) {
      return;
    }
    this.#kept.push({ end: this.#bestEnd, errors: this.#bestErrors });
    this.#bestEnd = -1;
    // Sorting only when four times too many have piled up keeps adding amortised O(log capacity).
    if (this.#kept.length >= this.#capacity * 4) {
      this.#trim();
    }
  }

  #trim(): void {
    const near = this.#near;
    this.#kept.sort((a, b) => a.errors - b.errors || Math.abs(a.end - near) - Math.abs(b.end - near) || a.end - b.end);
    if (this.#kept.length > this.#capacity) {
      this.#kept.length = this.#capacity;
    }
  }
}

/**
 * Reports to `sink` every end position `e` in `[from, to]` such that some substring of
 * `text[from, e)` ending at `e` is within `maxErrors` edits of `pattern`. Time O(⌈m/32⌉·(to−from)).
 */
export function searchApproximate(text: string, from: number, to: number, pattern: string, maxErrors: number, sink: MatchEndSink): void {
  const patternLength = pattern.length;
  const start = Math.max(0, from);
  const stop = Math.min(text.length, to);
  if (patternLength === 0 || stop <= start || maxErrors < 0) {
    return;
  }
  const errors = Math.min(maxErrors, patternLength);
  const blocks = Math.ceil(patternLength / 32);
  const lastBlock = blocks - 1;
  // Positions of each character in the pattern, one bit each: a flat table for ASCII (the common
  // case in transcripts), a map for the rest.
  const asciiPeq = new Int32Array(128 * blocks);
  const otherPeq = new Map<number, Int32Array>();
  for (let index = 0; index < patternLength; index++) {
    const code = pattern.charCodeAt(index);
    const block = index >> 5;
    const bit = 1 << (index & 31);
    if (code < 128) {
      asciiPeq[code * blocks + block] = (asciiPeq[code * blocks + block] as number) | bit;
    } else {
      let vector = otherPeq.get(code);
      if (vector === undefined) {
        vector = new Int32Array(blocks);
        otherPeq.set(code, vector);
      }
      vector[block] = (vector[block] as number) | bit;
    }
  }
  const absent = new Int32Array(blocks);
  const lastRowBit = new Int32Array(blocks).fill(1 << 31);
  lastRowBit[lastBlock] = 1 << ((patternLength - 1) & 31);
  const lastBlockHeight = patternLength - 32 * lastBlock;
  const positive = new Int32Array(blocks);
  const negative = new Int32Array(blocks);
  /** The distance at the last row of each active block, in the current column. */
  const score = new Int32Array(blocks);
  // Ukkonen's cut-off (Myers 1999, Fig. 9): only blocks 0..active can hold a value within the bound;
  // the rows below are known to exceed it and are not computed. In column 0, row i holds i.
  let active = Math.min(lastBlock, Math.max(0, Math.ceil(errors / 32) - 1));
  for (let block = 0; block <= active; block++) {
    positive[block] = -1;
    negative[block] = 0;
    score[block] = block === lastBlock ? patternLength : (block + 1) * 32;
  }
  for (let position = start; position < stop; position++) {
    const code = text.charCodeAt(position);
    let peq: Int32Array;
    let base = 0;
    if (code < 128) {
      peq = asciiPeq;
      base = code * blocks;
    } else {
      peq = otherPeq.get(code) ?? absent;
    }
    // Row 0 of a search is all zeros (a match may start anywhere): no carry into the first block.
    let carry = 0;
    for (let block = 0; block <= active; block++) {
      carry = advanceBlock(positive, negative, block, peq[base + block] as number, carry, lastRowBit[block] as number);
      score[block] = (score[block] as number) + carry;
    }
    const bottom = score[active] as number;
    if (active < lastBlock && bottom - carry <= errors && (((peq[base + active + 1] as number) & 1) !== 0 || carry < 0)) {
      // The next block's first row may come within the bound: start computing it, from the
      // largest values it can have had (each row one more than the row above).
      active++;
      positive[active] = -1;
      negative[active] = 0;
      const height = active === lastBlock ? lastBlockHeight : 32;
      const out = advanceBlock(positive, negative, active, peq[base + active] as number, carry, lastRowBit[active] as number);
      score[active] = bottom - carry + height + out;
    } else {
      // A block whose last row exceeds the bound by a block's height exceeds it on every row.
      while (active > 0 && (score[active] as number) >= errors + 32) {
        active--;
      }
    }
    if (active === lastBlock && (score[lastBlock] as number) <= errors) {
      sink.add(position + 1, score[lastBlock] as number);
    }
  }
}

/**
 * One column step of one block (Myers' bit-vector recurrence in Hyyrö's block form): updates the
 * block's vertical deltas and returns the horizontal delta at its last row (-1, 0 or 1).
 */
function advanceBlock(positive: Int32Array, negative: Int32Array, block: number, peq: number, carryIn: number, rowBit: number): number {
  const pv = positive[block] as number;
  const mv = negative[block] as number;
  const eq = carryIn < 0 ? peq | 1 : peq;
  const xv = eq | mv;
  const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
  let ph = mv | ~(xh | pv);
  let mh = pv & xh;
  const out = (ph & rowBit) !== 0 ? 1 : (mh & rowBit) !== 0 ? -1 : 0;
  ph <<= 1;
  mh <<= 1;
  if (carryIn < 0) {
    mh |= 1;
  } else if (carryIn > 0) {
    ph |= 1;
  }
  positive[block] = mh | ~(xv | ph);
  negative[block] = ph & xv;
  return out;
}

/** How well a pattern aligns with the text at one edge: its edit distance and the text length used. */
export interface EdgeAlignment {
  readonly distance: number;
  readonly length: number;
}

// Two rows reused by every alignment: alignments run one at a time (no re-entrance, no recursion).
let rowA = new Int32Array(256);
let rowB = new Int32Array(256);

function rows(width: number): void {
  if (rowA.length < width) {
    rowA = new Int32Array(width * 2);
    rowB = new Int32Array(width * 2);
  }
}

/**
 * The edit distance between `pattern` and the best text `text[end − L, end)` for L ≤ `maxLength`:
 * the pattern must end exactly at `end`, its start is free. O(pattern × maxLength).
 */
export function alignEndingAt(pattern: string, text: string, end: number, maxLength: number): EdgeAlignment {
  const width = Math.max(0, Math.min(maxLength, end));
  rows(width + 1);
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= width; j++) {
    previous[j] = j;
  }
  for (let i = 1; i <= pattern.length; i++) {
    const code = pattern.charCodeAt(pattern.length - i);
    current[0] = i;
    for (let j = 1; j <= width; j++) {
      const substitution = (previous[j - 1] as number) + (text.charCodeAt(end - j) === code ? 0 : 1);
      const deletion = (previous[j] as number) + 1;
      const insertion = (current[j - 1] as number) + 1;
      current[j] = Math.min(substitution, deletion, insertion);
    }
    const swap = previous;
    previous = current;
    current = swap;
  }
  return bestOfRow(previous, width, pattern.length);
}

/** The same, with the pattern starting exactly at `start` and its end free. */
export function alignStartingAt(pattern: string, text: string, start: number, maxLength: number): EdgeAlignment {
  const width = Math.max(0, Math.min(maxLength, text.length - start));
  rows(width + 1);
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= width; j++) {
    previous[j] = j;
  }
  for (let i = 1; i <= pattern.length; i++) {
    const code = pattern.charCodeAt(i - 1);
    current[0] = i;
    for (let j = 1; j <= width; j++) {
      const substitution = (previous[j - 1] as number) + (text.charCodeAt(start + j - 1) === code ? 0 : 1);
      const deletion = (previous[j] as number) + 1;
      const insertion = (current[j - 1] as number) + 1;
      current[j] = Math.min(substitution, deletion, insertion);
    }
    const swap = previous;
    previous = current;
    current = swap;
  }
  return bestOfRow(previous, width, pattern.length);
}

/** The lowest distance in the last row; on a tie, the length closest to the pattern's own. */
function bestOfRow(row: Int32Array, width: number, patternLength: number): EdgeAlignment {
  let bestDistance = Number.MAX_SAFE_INTEGER;
  let bestLength = 0;
  for (let j = 0; j <= width; j++) {
    const distance = row[j] as number;
    if (distance < bestDistance || (distance === bestDistance && Math.abs(j - patternLength) < Math.abs(bestLength - patternLength))) {
      bestDistance = distance;
      bestLength = j;
    }
  }
  return { distance: bestDistance, length: bestLength };
}
