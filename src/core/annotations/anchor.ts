// Anchors by content: what an annotation remembers of the words it marks (the words, a little text
// on either side, where they were), and how those words are found again after the transcript
// changed where the editor could not see it (an outside edit, a checkout, a re-issued feed page).
//
// Two promises shape every rule here: an annotation is never lost (a result always comes back,
// "detached" at worst) and never silently moved onto the wrong words (anything not clearly the same
// passage, in the same kind of block, comes back as "review" or "detached", never as placed).
// Pure: no I/O, no VS Code, no Node API; runs in a web worker. Never throws.
import {
  alignEndingAt, alignStartingAt, isHighSurrogate, isIgnorableCode, isLowSurrogate, isSpaceCode, MatchEndCollector,
  normalizedIndexAt, normalizeForMatching, normalizeSpan, rawRangeOf, searchApproximate, type NormalizedSpan,
} from './matching';
import { countLineBreaks } from '../text/lineTable';

// ---------------------------------------------------------------------------------------------
// Limits (every input is bounded; past a limit the result says so instead of taking longer)
// ---------------------------------------------------------------------------------------------

/** Context kept on each side of the annotated words, in UTF-16 units (W3C TextQuoteSelector, Hypothesis: 32). */
export const contextLength = 32;
/** The longest annotated passage: a long soundbite is 2,000; a whole 10 KB story fits twice. */
export const maxAnchorLength = 20_000;
/** The longest text searched (UTF-16 units): beyond every archive we have seen (10 MB) with room to spare. */
export const maxTextLength = 64 * 1024 * 1024;
/** Search regions considered per anchor; more are ignored (a caller passes 3 or 4). */
export const maxScopes = 16;
/** Block spans read from the caller; an archive of 10 MB has about 40,000 shots. */
export const maxBlocks = 500_000;
/** Verbatim copies counted in one region; past it the words are too common to place by themselves. */
export const maxVerbatimHits = 100_000;
/** Verbatim copies whose surroundings are compared (the nearest to the hint): the rest cannot win on position. */
export const maxVerbatimScored = 2048;
/** Approximate matches kept per search (fewest errors, then nearest the hint). */
export const maxFuzzyCandidates = 64;
/** Compared forms of regions kept by a PreparedText (a few scopes per story, the whole document). */
export const maxCachedSpans = 64;

// ---------------------------------------------------------------------------------------------
// Thresholds (see DESIGN.md §3 for the reasons and the measurements behind them)
// ---------------------------------------------------------------------------------------------

/**
 * Lowest similarity (1 − edits/length of the compared words) placed without review. A typo fix or
 * one changed word in a sentence of 60+ characters stays above it; the research's paraphrase of a
 * deleted soundbite scored 0.908, which is why this alone is never enough (see autoContext and
 * the block rule).
 */
export const autoSimilarity = 0.9;
/** Lowest similarity shown at all (as "review"); below it an anchor is detached. Also bounds the search: k = 25 % of the length. */
export const reviewSimilarity = 0.75;
/**
 * Lowest agreement of the surrounding text (mean of prefix and suffix similarity) for placing changed
 * words, or a short verbatim match, without review. Half the context intact means the passage is
 * still among the same neighbours; unrelated text scores about 0.1–0.3 against a 32-unit context.
 */
export const autoContext = 0.5;
/** Context at or above this (i.e. intact, after normalisation) makes a verbatim match "exact". */
export const exactContext = 1 - 1e-9;
/** Below this score difference the best and the runner-up are too close to choose between: "ambiguous". */
export const ambiguityMargin = 0.05;
/** Compared words shorter than this need their context to be placed: two words can be anywhere. */
export const shortAnchorLength = 32;
/** Compared words shorter than this are only ever found verbatim: a few edits make a short text anything. */
export const fuzzyMinLength = 16;
/** Weights of the score: the words count most, then their neighbours, then nearness to the old line. */
export const quoteWeight = 0.6;
export const contextWeight = 0.3;
export const positionWeight = 0.1;
/** Distance (UTF-16 units) at which the position part of the score halves: about a soundbite. */
export const positionScale = 1000;

// Search mechanics (time bounds rather than judgement).
/** Compared words up to this length are searched whole (at most 4 machine words a character). */
export const directPatternLimit = 128;
/** Longer words are first looked for by three probes of this length (start, middle, end)... */
export const probeLength = 64;
const probeErrors = Math.floor(probeLength * (1 - reviewSimilarity));
/** ...each keeping this many places... */
export const maxProbeHits = 32;
/** ...of which at most this many are aligned in full, chunk by chunk. */
export const maxLongWindows = 16;
/** Chunk length for aligning long passages: keeps alignment linear in the passage length. */
export const chunkLength = 128;
const chunkSlack = 32;
/** Raw units read on each side of a candidate to compare its context (3 × contextLength: room for collapsed spaces). */
const contextWindow = 3 * contextLength;
const contextSlack = 16;

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** The kind of block an annotated passage sits in (from the parsed transcript). */
export type AnchorBlock = 'soundbite' | 'story' | 'turn' | 'paragraph' | 'shot' | 'header' | 'other';
export const anchorBlocks: readonly AnchorBlock[] = ['soundbite', 'story', 'turn', 'paragraph', 'shot', 'header', 'other'];

/** What the sidecar stores for an annotation's place. Only `text` is identity; the rest are hints. */
export interface Anchor {
  /** The annotated words exactly as they were (not normalised: the sidecar shows what was marked). */
  readonly text: string;
  /** Up to contextLength units before and after, as they were. Empty at the start or end of the text. */
  readonly prefix: string;
  readonly suffix: string;
  /** Last known 1-based line of the first word: a hint only. */
  readonly line: number;
  /** The shot number as written, when the words were in a soundbite: a hint only (shots get renumbered). */
  readonly soundbite?: string;
  /** The kind of block the words were in; a placement in another kind is never automatic. */
  readonly block?: AnchorBlock;
}

export interface CaptureHints {
  readonly soundbite?: string | number | null;
  readonly block?: AnchorBlock | null;
}

export type CaptureProblem = 'bad-range' | 'empty-selection' | 'selection-too-long' | 'text-too-large';

/** The anchor and the range it covers (the selection without white space at its edges). */
export type CaptureResult =
  | { readonly ok: true; readonly anchor: Anchor; readonly start: number; readonly end: number }
  | { readonly ok: false; readonly problem: CaptureProblem };

export type ScopeKind = AnchorBlock | 'segment' | 'document';

/**
 * A region to search, from the parsed document: a soundbite, a story's prose, one story of an
 * archive ('segment'), the whole text ('document'). Searched in the order given, narrowest first.
 */
export interface SearchScope {
  readonly start: number;
  readonly end: number;
  readonly kind: ScopeKind;
  /** For a soundbite scope, its shot number as written. */
  readonly soundbite?: string;
}

/** Where each block of the current text is, in document order: tells which kind of block a match lands in. */
export interface BlockSpan {
  readonly start: number;
  readonly end: number;
  readonly kind: AnchorBlock;
  readonly soundbite?: string;
}

export interface ResolveOptions {
  /** The blocks of the current text, sorted by start. Without them, a change of block is only seen through block scopes. */
  readonly blocks?: readonly BlockSpan[];
  /** Where the words are expected (UTF-16 offset), when the caller knows better than the anchor's line. */
  readonly hintOffset?: number;
}

/**
 * exact     the same words (after normalisation) with the same neighbours, in the same kind of block
 *           and soundbite number: nothing to tell the user.
 * moved     the same words, but their neighbours, shot number or block changed.
 * fuzzy     the words themselves changed a little (a typo fix, a changed word).
 * ambiguous several places fit about equally well; the best guess is returned for review.
 * detached  no place is good enough; start = end = where the words were last seen.
 */
export type ResolveStatus = 'exact' | 'moved' | 'fuzzy' | 'ambiguous' | 'detached';

/** auto: place it without asking; review: place it, marked "needs review"; none: detached, list it apart. */
export type Placement = 'auto' | 'review' | 'none';

export type ResolveReason =
  | 'unchanged' // exact
  | 'context-changed' // verbatim, neighbours differ
  | 'renumbered' // verbatim, in a soundbite with another number
  | 'block-changed' // verbatim, but in another kind of block: review
  | 'words-changed' // fuzzy
  | 'words-and-context-changed' // fuzzy with weak context: review
  | 'several-matches' // ambiguous
  | 'only-in-other-block' // detached; a similar passage exists in another kind of block (see suggestion)
  | 'not-found' // detached
  | 'empty-anchor' // detached: nothing to look for
  | 'anchor-too-long' // detached: over maxAnchorLength
  | 'text-too-large' // detached: over maxTextLength
  | 'too-many-copies' // ambiguous or detached: more than maxVerbatimHits copies in a region
  | 'internal-error'; // detached: a bug, never expected (tests assert it does not happen)

/** A place not used because it is in another kind of block, offered to the user ("Reattach here?"). */
export interface Suggestion {
  readonly start: number;
  readonly end: number;
  readonly similarity: number;
  readonly block: AnchorBlock | null;
}

export interface Resolution {
  readonly status: ResolveStatus;
  readonly placement: Placement;
  /** UTF-16 offsets into the text, always within it; start = end for a detached anchor. */
  readonly start: number;
  readonly end: number;
  /** quoteWeight·similarity + contextWeight·context + positionWeight·position, in [0, 1]. */
  readonly score: number;
  /** 1 − edits / length of the compared words. */
  readonly similarity: number;
  /** Agreement of the neighbours, [0, 1] (1 when the anchor has none). */
  readonly context: number;
  readonly reason: ResolveReason;
  /** 1-based line of `start`, to refresh the anchor's hint. */
  readonly line: number;
  readonly block: AnchorBlock | null;
  /** Shot number of the soundbite the words are in now, to refresh the hint (null when unknown). */
  readonly soundbite: string | null;
  /** Index of the scope the place was found in (-1 when detached). */
  readonly scopeIndex: number;
  /** Other places scoring within ambiguityMargin of this one. */
  readonly rivals: number;
  readonly suggestion: Suggestion | null;
}

// ---------------------------------------------------------------------------------------------
// Text prepared once for many anchors
// ---------------------------------------------------------------------------------------------

/**
 * Lines of a text from a caller that already knows them (the editor), so that a long text is not
 * scanned for its line breaks: 1-based lines, counted as PreparedText counts them. Undefined when the
 * caller no longer knows (its text changed): the text is scanned then.
 */
export interface LineLocator {
  lineOf(offset: number): number | undefined;
  /** The offset where a line starts (the last line's start for a line past the end). */
  lineStart(line: number): number | undefined;
}

/**
 * A text with what resolving needs of it computed once and kept: its line starts and the compared
 * form of the regions searched. Make one per document version and resolve all its anchors with it.
 */
export class PreparedText {
  readonly text: string;
  #lineStarts: Int32Array | null = null;
  #lineCount = 0;
  readonly #spans = new Map<string, NormalizedSpan>();
  readonly #lines: LineLocator | undefined;

  constructor(text: string, lines?: LineLocator) {
    this.text = typeof text === 'string' ? text : '';
    this.#lines = lines;
  }

  /** The compared form of `text[start, end)`, computed once. */
  span(start: number, end: number): NormalizedSpan {
    const key = `${start}:${end}`;
    const cached = this.#spans.get(key);
    if (cached !== undefined) {
      return cached;
    }
    const span = normalizeSpan(this.text, start, end);
    if (this.#spans.size >= maxCachedSpans) {
      const oldest = this.#spans.keys().next();
      if (!oldest.done) {
        this.#spans.delete(oldest.value);
      }
    }
    this.#spans.set(key, span);
    return span;
  }

  /** 1-based line of an offset. Line breaks: LF, CRLF and a lone CR, as VS Code counts them. */
  lineOf(offset: number): number {
    const known = this.#lines?.lineOf(offset);
    if (known !== undefined) {
      return known;
    }
    const starts = this.#starts();
    let low = 0;
    let high = this.#lineCount - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= offset) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low + 1;
  }

  /** Offset where a 1-based line starts (the last line for a line past the end). */
  lineStart(line: number): number {
    const known = this.#lines?.lineStart(line);
    if (known !== undefined) {
      return known;
    }
    const starts = this.#starts();
    const index = Math.max(0, Math.min(this.#lineCount - 1, Math.floor(line) - 1));
    return starts[index] as number;
  }

  #starts(): Int32Array {
    if (this.#lineStarts === null) {
      const text = this.text;
      let starts = new Int32Array(Math.max(16, text.length >> 5));
      let count = 1;
      starts[0] = 0;
      const push = (offset: number): void => {
        if (count === starts.length) {
          const grown = new Int32Array(count * 2);
          grown.set(starts);
          starts = grown;
        }
        starts[count++] = offset;
      };
      if (text.indexOf('\r') < 0) {
        // indexOf keeps the common case (LF only) in native code.
        for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
          push(at + 1);
        }
      } else {
        for (let index = 0; index < text.length; index++) {
          const code = text.charCodeAt(index);
          if (code === 10 || (code === 13 && text.charCodeAt(index + 1) !== 10)) {
            push(index + 1);
          }
        }
      }
      this.#lineStarts = starts;
      this.#lineCount = count;
    }
    return this.#lineStarts;
  }
}

/** A PreparedText for `text`: share it between the anchors of one document version. */
export function prepareText(text: string, lines?: LineLocator): PreparedText {
  return new PreparedText(text, lines);
}

// ---------------------------------------------------------------------------------------------
// Capture
// ---------------------------------------------------------------------------------------------

/** A copy that does not keep the whole document alive through a slice of it. */
function detach(text: string): string {
  return ` ${text}`.slice(1);
}

function isBlankCode(code: number): boolean {
  return isSpaceCode(code) || isIgnorableCode(code);
}

/**
 * The anchor for `text[start, end)`. White space at the selection's edges is left out (the range
 * returned is the one anchored); a surrogate pair is never split, in the words or their context.
 */
export function captureAnchor(text: string, start: number, end: number, hints: CaptureHints = {}): CaptureResult {
  if (typeof text !== 'string' || !Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start > end) {
    return { ok: false, problem: 'bad-range' };
  }
  if (text.length > maxTextLength) {
    return { ok: false, problem: 'text-too-large' };
  }
  let from = start;
  let to = end;
  while (from < to && isBlankCode(text.charCodeAt(from))) {
    from++;
  }
  while (to > from && isBlankCode(text.charCodeAt(to - 1))) {
    to--;
  }
  if (from === to) {
    return { ok: false, problem: 'empty-selection' };
  }
  if (from > 0 && isLowSurrogate(text.charCodeAt(from)) && isHighSurrogate(text.charCodeAt(from - 1))) {
    from--;
  }
  if (to < text.length && isLowSurrogate(text.charCodeAt(to)) && isHighSurrogate(text.charCodeAt(to - 1))) {
    to++;
  }
  if (to - from > maxAnchorLength) {
    return { ok: false, problem: 'selection-too-long' };
  }
  let prefixStart = Math.max(0, from - contextLength);
  if (prefixStart > 0 && isLowSurrogate(text.charCodeAt(prefixStart)) && isHighSurrogate(text.charCodeAt(prefixStart - 1))) {
    prefixStart++;
  }
  let suffixEnd = Math.min(text.length, to + contextLength);
  if (suffixEnd < text.length && isHighSurrogate(text.charCodeAt(suffixEnd - 1)) && isLowSurrogate(text.charCodeAt(suffixEnd))) {
    suffixEnd--;
  }
  const line = 1 + countLineBreaks(text, 0, from);
  const soundbite = hints.soundbite === null || hints.soundbite === undefined ? '' : String(hints.soundbite).trim();
  const block = hints.block && anchorBlocks.includes(hints.block) ? hints.block : undefined;
  const anchor: Anchor = {
    text: detach(text.slice(from, to)),
    prefix: detach(text.slice(prefixStart, from)),
    suffix: detach(text.slice(to, suffixEnd)),
    line,
    ...(soundbite !== '' ? { soundbite } : {}),
    ...(block !== undefined ? { block } : {}),
  };
  return { ok: true, anchor, start: from, end: to };
}

// ---------------------------------------------------------------------------------------------
// Resolve
// ---------------------------------------------------------------------------------------------

interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly similarity: number;
  readonly context: number;
  readonly score: number;
  readonly verbatim: boolean;
  readonly block: AnchorBlock | null;
  readonly soundbite: string | null;
  /** False when the anchor's block kind is known and this place is in another kind. */
  readonly sameBlock: boolean;
  readonly scopeIndex: number;
}

interface Decision {
  readonly candidate: Candidate;
  readonly status: ResolveStatus;
  readonly placement: Placement;
  readonly reason: ResolveReason;
  readonly rivals: number;
}

/** Everything one resolution reads, checked and normalised once. */
class Resolver {
  readonly quote: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly anchorBlock: AnchorBlock | null;
  readonly anchorSoundbite: string | null;
  readonly hint: number | null;
  readonly scopes: readonly SearchScope[];
  readonly blocks: readonly BlockSpan[] | null;
  tooManyCopies = false;

  constructor(
    readonly anchor: Anchor,
    readonly prepared: PreparedText,
    scopes: readonly SearchScope[],
    options: ResolveOptions,
  ) {
    const raw = prepared.text;
    this.quote = normalizeForMatching(stringOr(anchor?.text));
    // The context keeps its white space at the edge next to the words: it is part of the neighbourhood.
    const prefix = stringOr(anchor?.prefix);
    this.prefix = lastUnits(normalizeSpan(prefix, prefix.length - contextLength * 2, prefix.length).text, contextLength + 2);
    this.suffix = normalizeSpan(stringOr(anchor?.suffix), 0, contextLength * 2).text.slice(0, contextLength + 2);
    const declared = anchor?.block;
    const soundbite = anchor?.soundbite === undefined || anchor?.soundbite === null ? '' : String(anchor.soundbite).trim();
    this.anchorSoundbite = soundbite === '' ? null : soundbite;
    this.anchorBlock = declared && anchorBlocks.includes(declared) ? declared : this.anchorSoundbite !== null ? 'soundbite' : null;
    if (typeof options.hintOffset === 'number' && Number.isFinite(options.hintOffset)) {
      this.hint = Math.max(0, Math.min(raw.length, Math.floor(options.hintOffset)));
    } else if (typeof anchor?.line === 'number' && Number.isFinite(anchor.line) && anchor.line >= 1) {
      this.hint = prepared.lineStart(anchor.line);
    } else {
      this.hint = null;
    }
    this.scopes = cleanScopes(scopes, raw.length);
    this.blocks = cleanBlocks(options.blocks, raw.length);
  }

  resolve(): Resolution {
    const raw = this.prepared.text;
    if (raw.length > maxTextLength) {
      return this.detached('text-too-large', null);
    }
    if (stringOr(this.anchor?.text).length > maxAnchorLength) {
      return this.detached('anchor-too-long', null);
    }
    if (this.quote.length === 0) {
      return this.detached('empty-anchor', null);
    }
    let review: Decision | null = null;
    let suggestion: Suggestion | null = null;
    for (let index = 0; index < this.scopes.length; index++) {
      const candidates = this.searchScope(index);
      const decision = this.decide(candidates);
      if (decision === null) {
        continue;
      }
      if (decision.placement === 'auto') {
        return this.placed(decision);
      }
      if (decision.placement === 'review') {
        // Narrowest first: a later (wider) scope replaces an earlier review only when it stays in the block.
        if (review === null || (decision.candidate.sameBlock && !review.candidate.sameBlock)) {
          review = decision;
        }
      } else if (suggestion === null) {
        const c = decision.candidate;
        suggestion = { start: c.start, end: c.end, similarity: round(c.similarity), block: c.block };
      }
    }
    if (review !== null) {
      return this.placed(review);
    }
    if (suggestion !== null) {
      return this.detached('only-in-other-block', suggestion);
    }
    return this.detached(this.tooManyCopies ? 'too-many-copies' : 'not-found', null);
  }

  /** Every candidate place in one scope: verbatim copies, then (unless one is exact) approximate ones. */
  searchScope(scopeIndex: number): Candidate[] {
    const scope = this.scopes[scopeIndex] as SearchScope;
    const span = this.prepared.span(scope.start, scope.end);
    const quote = this.quote;
    const length = quote.length;
    const near = this.hint === null ? 0 : normalizedIndexAt(span, this.hint);
    // Verbatim copies in compared form. indexOf runs in native code: 10 MB in a few milliseconds.
    const hits: number[] = [];
    for (let at = span.text.indexOf(quote); at >= 0; at = span.text.indexOf(quote, at + 1)) {
      if (hits.length >= maxVerbatimHits) {
        this.tooManyCopies = true;
        break;
      }
      hits.push(at);
    }
    let scored = hits;
    if (hits.length > maxVerbatimScored) {
      scored = hits.slice().sort((a, b) => Math.abs(a - near) - Math.abs(b - near) || a - b);
      scored.length = maxVerbatimScored;
    }
    const candidates: Candidate[] = [];
    for (const at of scored) {
      const candidate = this.candidate(span, at, at + length, 0, scopeIndex);
      if (candidate !== null) {
        candidates.push(candidate);
      }
    }
    const verbatimDecision = this.decide(candidates);
    if (verbatimDecision !== null && verbatimDecision.status === 'exact') {
      return candidates;
    }
    if (length < fuzzyMinLength) {
      return candidates;
    }
    // Places already taken by a verbatim copy are left out of the approximate search, so that
    // search reports the other places (the edited original) instead of the copies again.
    const taken = new TakenRanges(hits, length);
    const found = length <= directPatternLimit
      ? this.searchWhole(span, near, taken)
      : this.searchLong(span, near, taken);
    for (const place of found) {
      const candidate = this.candidate(span, place.start, place.end, place.errors, scopeIndex);
      if (candidate !== null) {
        candidates.push(candidate);
      }
    }
    return candidates;
  }

  /** Approximate places of a short pattern: one bit-parallel pass, then each start by alignment. */
  searchWhole(span: NormalizedSpan, near: number, taken: TakenRanges): FoundPlace[] {
    const quote = this.quote;
    const length = quote.length;
    const maxErrors = Math.floor(length * (1 - reviewSimilarity));
    const collector = new MatchEndCollector(maxFuzzyCandidates, maxErrors, near + length);
    taken.excludeEnds(collector, 0, maxErrors);
    searchApproximate(span.text, 0, span.text.length, quote, maxErrors, collector);
    const places: FoundPlace[] = [];
    for (const hit of collector.finish()) {
      const aligned = alignEndingAt(quote, span.text, hit.end, length + maxErrors);
      const start = hit.end - aligned.length;
      if (aligned.distance === 0 || taken.overlaps(start, hit.end)) {
        continue;
      }
      places.push({ start, end: hit.end, errors: aligned.distance });
    }
    return dropOverlaps(places);
  }

  /**
   * Approximate places of a long pattern in time linear in the text and the pattern: three probes
   * (start, middle, end) find where it may be, then each of the best windows is aligned chunk by
   * chunk. A whole-pattern search would cost ⌈length/32⌉ passes over the text.
   */
  searchLong(span: NormalizedSpan, near: number, taken: TakenRanges): FoundPlace[] {
    const quote = this.quote;
    const length = quote.length;
    const offsets = [0, Math.floor((length - probeLength) / 2), length - probeLength];
    const windows: { predicted: number; errors: number; drift: number }[] = [];
    for (const offset of offsets) {
      const probe = quote.slice(offset, offset + probeLength);
      const collector = new MatchEndCollector(maxProbeHits, probeErrors, near + offset + probeLength);
      taken.excludeEnds(collector, offset + probeLength - length, probeErrors);
      searchApproximate(span.text, 0, span.text.length, probe, probeErrors, collector);
      for (const hit of collector.finish()) {
        windows.push({
          predicted: hit.end - probeLength - offset,
          errors: hit.errors,
          // Edits before the probe may have moved the start by up to a quarter of the probe's offset.
          drift: Math.min(4096, Math.ceil(offset * (1 - reviewSimilarity)) + chunkSlack),
        });
      }
    }
    windows.sort((a, b) => a.errors - b.errors || Math.abs(a.predicted - near) - Math.abs(b.predicted - near) || a.predicted - b.predicted);
    const chosen: typeof windows = [];
    for (const window of windows) {
      if (chosen.length >= maxLongWindows) {
        break;
      }
      if (!chosen.some((other) => Math.abs(other.predicted - window.predicted) < length / 4)) {
        chosen.push(window);
      }
    }
    const places: FoundPlace[] = [];
    for (const window of chosen) {
      const place = alignLong(span.text, quote, window.predicted, window.drift);
      if (place !== null && place.errors > 0 && !taken.overlaps(place.start, place.end)) {
        places.push(place);
      }
    }
    return dropOverlaps(places);
  }

  /** A scored candidate for compared units `[start, end)` of a span, or null when it maps to nothing. */
  candidate(span: NormalizedSpan, start: number, end: number, errors: number, scopeIndex: number): Candidate | null {
    const raw = this.prepared.text;
    const range = rawRangeOf(span, raw, start, end);
    if (range.end <= range.start) {
      return null;
    }
    const similarity = Math.max(0, 1 - errors / this.quote.length);
    const context = this.contextAt(range.start, range.end);
    const position = this.hint === null ? 1 : 1 / (1 + Math.abs(range.start - this.hint) / positionScale);
    const where = this.blockAt(range.start, range.end);
    const sameBlock = this.anchorBlock === null || where.block === null || where.block === this.anchorBlock;
    return {
      start: range.start,
      end: range.end,
      similarity,
      context,
      score: quoteWeight * similarity + contextWeight * context + positionWeight * position,
      verbatim: errors === 0,
      block: where.block,
      soundbite: where.soundbite,
      sameBlock,
      scopeIndex,
    };
  }

  /** Mean similarity of the stored prefix and suffix with the text around `[start, end)` (1 with no context). */
  contextAt(start: number, end: number): number {
    const raw = this.prepared.text;
    const rawPrefix = stringOr(this.anchor?.prefix);
    const rawSuffix = stringOr(this.anchor?.suffix);
    // Unchanged neighbours, character for character: no need to normalise and align (a document
    // with a thousand copies of a passage asks this a thousand times).
    if (raw.startsWith(rawPrefix, start - rawPrefix.length) && raw.startsWith(rawSuffix, end) && start >= rawPrefix.length) {
      return 1;
    }
    let total = 0;
    let sides = 0;
    if (this.prefix.length > 0) {
      const before = normalizeSpan(raw, Math.max(0, start - contextWindow), start).text;
      const aligned = alignEndingAt(this.prefix, before, before.length, this.prefix.length + contextSlack);
      total += 1 - Math.min(1, aligned.distance / this.prefix.length);
      sides++;
    }
    if (this.suffix.length > 0) {
      const after = normalizeSpan(raw, end, Math.min(raw.length, end + contextWindow)).text;
      const aligned = alignStartingAt(this.suffix, after, 0, this.suffix.length + contextSlack);
      total += 1 - Math.min(1, aligned.distance / this.suffix.length);
      sides++;
    }
    return sides === 0 ? 1 : total / sides;
  }

  /** The block a place starts in: from the caller's block list, else from the narrowest block scope holding it. */
  blockAt(start: number, end: number): { block: AnchorBlock | null; soundbite: string | null } {
    if (this.blocks !== null) {
      const blocks = this.blocks;
      let low = 0;
      let high = blocks.length - 1;
      let found = -1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        if ((blocks[middle] as BlockSpan).start <= start) {
          found = middle;
          low = middle + 1;
        } else {
          high = middle - 1;
        }
      }
      const block = found >= 0 ? (blocks[found] as BlockSpan) : null;
      if (block !== null && start < block.end) {
        return { block: block.kind, soundbite: block.soundbite ?? null };
      }
      return { block: 'other', soundbite: null };
    }
    for (const scope of this.scopes) {
      if (scope.kind !== 'segment' && scope.kind !== 'document' && scope.start <= start && end <= scope.end) {
        return { block: scope.kind, soundbite: scope.soundbite ?? null };
      }
    }
    return { block: null, soundbite: null };
  }

  /** The verdict on one scope's candidates, or null when none is even worth suggesting. */
  decide(candidates: readonly Candidate[]): Decision | null {
    if (candidates.length === 0) {
      return null;
    }
    const hint = this.hint ?? 0;
    // The whole selector (prefix, words, suffix) matching in one place only settles it, however
    // close the other copies' neighbours come or however far the line hint is (fifty "the
    // peacekeepers" in near-identical sentences, thirty lines inserted above).
    const intact = (c: Candidate): boolean => c.verbatim && c.context >= exactContext;
    const ranked = candidates.slice().sort((a, b) =>
      Number(b.sameBlock) - Number(a.sameBlock) || Number(intact(b)) - Number(intact(a)) || b.score - a.score ||
      Math.abs(a.start - hint) - Math.abs(b.start - hint) || a.start - b.start);
    const best = ranked[0] as Candidate;
    const bestIntact = intact(best);
    let rivals = 0;
    for (let index = 1; index < ranked.length; index++) {
      const other = ranked[index] as Candidate;
      if (other.sameBlock === best.sameBlock && (other.end <= best.start || best.end <= other.start) &&
        best.score - other.score < ambiguityMargin && other.similarity >= reviewSimilarity && (!bestIntact || intact(other))) {
        rivals++;
      }
    }
    if (!best.sameBlock) {
      // Only in another kind of block (a soundbite's words found in the story prose): the same words
      // are shown for review; a similar passage is only suggested (the research's 0.908 paraphrase).
      if (best.verbatim) {
        return { candidate: best, status: rivals > 0 ? 'ambiguous' : 'moved', placement: 'review', reason: rivals > 0 ? 'several-matches' : 'block-changed', rivals };
      }
      return best.similarity >= reviewSimilarity
        ? { candidate: best, status: 'detached', placement: 'none', reason: 'only-in-other-block', rivals }
        : null;
    }
    if (best.similarity < reviewSimilarity) {
      return null;
    }
    if (rivals > 0) {
      return { candidate: best, status: 'ambiguous', placement: 'review', reason: 'several-matches', rivals };
    }
    if (best.verbatim) {
      if (this.quote.length < shortAnchorLength && best.context < autoContext) {
        return { candidate: best, status: 'moved', placement: 'review', reason: 'context-changed', rivals };
      }
      const renumbered = this.anchorSoundbite !== null && best.soundbite !== null && best.soundbite !== this.anchorSoundbite;
      if (renumbered) {
        return { candidate: best, status: 'moved', placement: 'auto', reason: 'renumbered', rivals };
      }
      if (best.context >= exactContext) {
        return { candidate: best, status: 'exact', placement: 'auto', reason: 'unchanged', rivals };
      }
      return { candidate: best, status: 'moved', placement: 'auto', reason: 'context-changed', rivals };
    }
    if (best.similarity >= autoSimilarity && best.context >= autoContext) {
      return { candidate: best, status: 'fuzzy', placement: 'auto', reason: 'words-changed', rivals };
    }
    return {
      candidate: best,
      status: 'fuzzy',
      placement: 'review',
      reason: best.similarity >= autoSimilarity ? 'words-and-context-changed' : 'words-changed',
      rivals,
    };
  }

  placed(decision: Decision): Resolution {
    const c = decision.candidate;
    return {
      status: decision.status,
      placement: decision.placement,
      start: c.start,
      end: c.end,
      score: round(c.score),
      similarity: round(c.similarity),
      context: round(c.context),
      reason: decision.reason,
      line: this.prepared.lineOf(c.start),
      block: c.block,
      soundbite: c.soundbite,
      scopeIndex: c.scopeIndex,
      rivals: decision.rivals,
      suggestion: null,
    };
  }

  detached(reason: ResolveReason, suggestion: Suggestion | null): Resolution {
    const at = this.hint ?? 0;
    return {
      status: 'detached',
      placement: 'none',
      start: at,
      end: at,
      score: 0,
      similarity: suggestion?.similarity ?? 0,
      context: 0,
      reason,
      line: this.prepared.lineOf(at),
      block: null,
      soundbite: null,
      scopeIndex: -1,
      rivals: 0,
      suggestion,
    };
  }
}

interface FoundPlace {
  readonly start: number;
  readonly end: number;
  readonly errors: number;
}

/** The verbatim copies of one scope, as sorted compared-form ranges of equal length. */
class TakenRanges {
  constructor(
    readonly starts: readonly number[],
    readonly length: number,
  ) {}

  /**
   * Tells a collector to ignore match ends belonging to a taken range: for a pattern that would end
   * `endOffset` units after a copy's end (0 for the whole quote, negative for a probe inside it),
   * ends within `slack` of that point.
   */
  excludeEnds(collector: MatchEndCollector, endOffset: number, slack: number): void {
    if (this.starts.length === 0) {
      return;
    }
    const zones = new Int32Array(this.starts.length * 2);
    this.starts.forEach((start, index) => {
      const end = start + this.length + endOffset;
      zones[index * 2] = end - slack;
      zones[index * 2 + 1] = end + slack;
    });
    collector.exclude(zones);
  }

  overlaps(start: number, end: number): boolean {
    // Copies are sorted and of equal length: the last copy starting before `end` is the only one to check.
    let low = 0;
    let high = this.starts.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((this.starts[middle] as number) < end) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found >= 0 && (this.starts[found] as number) + this.length > start;
  }
}

/** Places with the fewest errors first, each overlapping none kept before it. */
function dropOverlaps(places: FoundPlace[]): FoundPlace[] {
  places.sort((a, b) => a.errors - b.errors || a.start - b.start);
  const kept: FoundPlace[] = [];
  for (const place of places) {
    if (!kept.some((other) => place.start < other.end && other.start < place.end)) {
      kept.push(place);
    }
  }
  return kept;
}

/**
 * Aligns a long pattern with the text from a predicted start, chunk after chunk: each chunk is looked
 * for just after where the previous one ended. Errors are the chunks' edits plus the gaps between
 * them; a chunk not found counts as wholly changed. Linear in the pattern length.
 */
function alignLong(text: string, pattern: string, predicted: number, drift: number): FoundPlace | null {
  const length = pattern.length;
  const count = Math.max(1, Math.round(length / chunkLength));
  const size = Math.ceil(length / count);
  let expected = Math.max(0, predicted);
  let start = -1;
  let end = -1;
  let errors = 0;
  let missed = 0;
  for (let offset = 0; offset < length; offset += size) {
    const chunk = pattern.slice(offset, Math.min(length, offset + size));
    const chunkErrors = Math.floor(chunk.length * (1 - reviewSimilarity));
    const slack = (start < 0 ? drift : chunkSlack) + missed;
    const from = Math.max(0, expected - slack);
    const to = Math.min(text.length, expected + chunk.length + slack + chunkErrors);
    const collector = new MatchEndCollector(1, chunkErrors, expected + chunk.length);
    searchApproximate(text, from, to, chunk, chunkErrors, collector);
    const best = collector.finish()[0];
    if (best === undefined) {
      errors += chunk.length;
      expected += chunk.length;
      missed += chunk.length;
      continue;
    }
    const aligned = alignEndingAt(chunk, text, best.end, Math.min(best.end - from, chunk.length + chunkErrors));
    const chunkStart = best.end - aligned.length;
    if (start < 0) {
      start = chunkStart;
    } else {
      errors += Math.abs(chunkStart - expected);
    }
    errors += aligned.distance;
    expected = best.end;
    end = best.end;
    missed = 0;
  }
  if (start < 0 || end <= start) {
    return null;
  }
  return { start, end, errors: Math.min(errors, length) };
}

function stringOr(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function lastUnits(text: string, count: number): string {
  return text.length > count ? text.slice(text.length - count) : text;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

const scopeKinds: ReadonlySet<string> = new Set<string>([...anchorBlocks, 'segment', 'document']);

/** Scopes clamped to the text, malformed ones dropped; the whole text when none is left. */
function cleanScopes(scopes: readonly SearchScope[] | undefined, length: number): SearchScope[] {
  const clean: SearchScope[] = [];
  if (Array.isArray(scopes)) {
    for (const scope of scopes) {
      if (clean.length >= maxScopes) {
        break;
      }
      if (scope === null || typeof scope !== 'object' || !Number.isFinite(scope.start) || !Number.isFinite(scope.end)) {
        continue;
      }
      const start = Math.max(0, Math.min(length, Math.floor(scope.start)));
      const end = Math.max(start, Math.min(length, Math.floor(scope.end)));
      if (end <= start && length > 0) {
        continue;
      }
      const kind: ScopeKind = scopeKinds.has(scope.kind) ? scope.kind : 'other';
      clean.push({ start, end, kind, ...(typeof scope.soundbite === 'string' ? { soundbite: scope.soundbite } : {}) });
    }
  }
  if (clean.length === 0) {
    clean.push({ start: 0, end: length, kind: 'document' });
  }
  return clean;
}

/**
 * The checked copy of each blocks list a caller passed, by list: the extension resolves every anchor of
 * a document version with the same list, and checking 40,000 blocks per anchor cost more than the search.
 */
const checkedBlocks = new WeakMap<readonly BlockSpan[], { length: number; clean: BlockSpan[] }>();

/** Blocks clamped, malformed ones dropped, sorted by start; null when the caller gave none. */
function cleanBlocks(blocks: readonly BlockSpan[] | undefined, length: number): BlockSpan[] | null {
  if (!Array.isArray(blocks)) {
    return null;
  }
  const known = checkedBlocks.get(blocks);
  if (known !== undefined && known.length === length) {
    return known.clean;
  }
  const clean = checkBlocks(blocks, length);
  checkedBlocks.set(blocks, { length, clean });
  return clean;
}

function checkBlocks(blocks: readonly BlockSpan[], length: number): BlockSpan[] {
  const clean: BlockSpan[] = [];
  for (const block of blocks) {
    if (clean.length >= maxBlocks) {
      break;
    }
    if (block === null || typeof block !== 'object' || !Number.isFinite(block.start) || !Number.isFinite(block.end) || !anchorBlocks.includes(block.kind)) {
      continue;
    }
    const start = Math.max(0, Math.min(length, Math.floor(block.start)));
    const end = Math.max(start, Math.min(length, Math.floor(block.end)));
    clean.push({ start, end, kind: block.kind, ...(typeof block.soundbite === 'string' ? { soundbite: block.soundbite } : {}) });
  }
  clean.sort((a, b) => a.start - b.start || a.end - b.end);
  return clean;
}

/**
 * Finds `anchor`'s words in `text` (a string, or a PreparedText shared by many anchors). Searches
 * `scopes` in order, narrowest first, and stops at the first one that places the words without
 * doubt; never throws, always answers with offsets inside the text.
 */
export function resolveAnchor(anchor: Anchor, text: string | PreparedText, scopes: readonly SearchScope[] = [], options: ResolveOptions = {}): Resolution {
  const prepared = text instanceof PreparedText ? text : new PreparedText(typeof text === 'string' ? text : '');
  try {
    return new Resolver(anchor, prepared, scopes, options ?? {}).resolve();
  } catch {
    // Never expected (the tests assert it never happens); the annotation survives as detached.
    return {
      status: 'detached', placement: 'none', start: 0, end: 0, score: 0, similarity: 0, context: 0, reason: 'internal-error',
      line: 1, block: null, soundbite: null, scopeIndex: -1, rivals: 0, suggestion: null,
    };
  }
}
