// Quote fidelity: each quoted passage of a story is compared with that story's soundbites (in an
// interview, with the answers), word by word. What changes no word is accepted (see quoteWords.ts);
// what changes, adds or drops a word is a difference, listed word by word. A quote found nowhere is
// unsourced. Pure: the model and its text in, plain results out.
import type { Quote, Soundbite, TextRange, TranscriptDocument, Turn } from '../model';
import { storyGroups } from '../outline/storyGroups';
import { textOver, type TextLike, type TextSource } from '../text/chunkedText';
import { firstWhere } from '../text/search';
import { countQuoteWords, gapWord, quoteWords, type QuoteWords } from './quoteWords';
import { runToEnd, type Steps } from '../util/steps';

/** Where a story's quotes may come from: a soundbite's quote or an interview answer. */
export interface QuoteSource {
  readonly kind: 'soundbite' | 'answer';
  /** Index into document.soundbites or document.turns. */
  readonly index: number;
  /** The soundbite's shot number, null for an answer or an unnumbered soundbite. */
  readonly number: number | null;
  readonly speaker: string | null;
  /** The soundbite (speaker line through its quote) or the answer turn. */
  readonly range: TextRange;
  readonly words: QuoteWords;
}

/**
 * One run of differing words: story words `storyFrom..storyTo` (exclusive, indexes into the quote's
 * words) stand where the source has words `sourceFrom..sourceTo`. Either side may be empty: words
 * added to the story, or dropped from it without an ellipsis.
 */
export interface DiffHunk {
  readonly storyFrom: number;
  readonly storyTo: number;
  readonly sourceFrom: number;
  readonly sourceTo: number;
}

export type FidelityStatus =
  /** Every word of the quote is in the source, in order (cuts marked by gaps). */
  | 'exact'
  /** Most words are the source's; `hunks` lists the differences. */
  | 'differs'
  /** The quote is most like this source but too long to compare word by word. */
  | 'too-long'
  /** The quote is in none of the sources. */
  | 'unsourced'
  /** Too short to tell (a phrase or a title in quotation marks), or the story has nothing to compare with. */
  | 'unchecked';

export interface QuoteFidelity {
  readonly quote: Quote;
  readonly status: FidelityStatus;
  /** The source the quote comes from (exact), or the one it is most like (differs, too-long). */
  readonly source: QuoteSource | null;
  readonly words: QuoteWords;
  readonly hunks: readonly DiffHunk[];
  /** Source words from the first to the last aligned with a quote word (differs only). */
  readonly sourceSpan: { readonly from: number; readonly to: number } | null;
}

/** Quotes of fewer words are not reported as unsourced: a phrase in marks is seldom a quotation. */
export const minimumUnsourcedWords = 4;

/**
 * The largest word-by-word comparison: cells of the quote-by-source table (a 500-word quote against a
 * 500-word soundbite). Past it, the quote is reported as differing without the words.
 */
export const maxComparisonCells = 250_000;

/**
 * A quote is a changed version of a source when at least 3 in 5 of its words are found there, in
 * order, and at most 2 in 5 are changed or added (whole numbers: 0.6 × 10 is not 6 in floating point).
 */
const matchedFifths = 3;
const changedFifths = 2;

/**
 * The units the checks work in: each story of a shot list (its quotes against its soundbites), or the
 * whole of an interview. An editor checks a long archive one unit at a time, between other work.
 */
export function checkUnitCount(document: TranscriptDocument): number {
  if (document.format === 'shotlist') {
    return storyGroups(document).length;
  }
  return document.turns.length > 0 ? 1 : 0;
}

/**
 * How many units' results a document keeps. A quick fix or a hover asks again for the story under the
 * cursor, so recent units are worth keeping; keeping all of them is not: the words of every quote and
 * soundbite of a 50 MB archive are about a million strings, which the collector would walk for nothing
 * (the findings already say what the checks found). A unit asked again after it was dropped is
 * compared again: one story, well under a millisecond.
 */
const keptUnits = 64;

const unitCache = new WeakMap<TranscriptDocument, Map<number, readonly QuoteFidelity[]>>();

/** The checked quotes of one unit (see checkUnitCount), in document order; the recent units' are kept per document version. */
export function unitFidelity(document: TranscriptDocument, text: TextSource, unit: number): readonly QuoteFidelity[] {
  return runToEnd(unitFidelitySteps(document, text, unit));
}

/**
 * unitFidelity in steps, one quote compared per step: a story with long quotes and many soundbites
 * takes tens of milliseconds to compare, more while the engine has not yet optimised the comparison.
 */
export function* unitFidelitySteps(document: TranscriptDocument, text: TextSource, unit: number): Steps<readonly QuoteFidelity[]> {
  let units = unitCache.get(document);
  if (!units) {
    units = new Map();
    unitCache.set(document, units);
  }
  const known = units.get(unit);
  if (known) {
    return known;
  }
  const window = unitText(document, text, unit);
  const results = document.format === 'shotlist' ? yield* storyFidelitySteps(document, window, unit) : yield* interviewFidelitySteps(document, window);
  // Between two steps another caller (a hover, a quick fix) may have compared the same unit.
  const meanwhile = units.get(unit);
  if (meanwhile) {
    return meanwhile;
  }
  if (units.size >= keptUnits) {
    // A Map iterates in insertion order: the first key is the unit computed longest ago.
    units.delete(units.keys().next().value as number);
  }
  units.set(unit, results);
  return results;
}

/**
 * What the checks of one unit read: the story's own span of the text (a large document's text is kept
 * in pieces and never joined whole), or the whole text for an interview. Every offset the unit's quotes
 * and sources hold lies inside its story.
 */
export function unitText(document: TranscriptDocument, text: TextSource, unit: number): TextLike {
  if (document.format !== 'shotlist') {
    return textOver(text, 0, text.length);
  }
  const group = storyGroups(document)[unit];
  if (!group) {
    return textOver(text, 0, 0);
  }
  let start = Number.POSITIVE_INFINITY;
  let end = 0;
  const widen = (range: TextRange): void => {
    start = Math.min(start, range.start.offset);
    end = Math.max(end, range.end.offset);
  };
  for (const story of group.stories) {
    for (const quote of story.quotes) {
      widen(quote.range);
    }
  }
  for (const { soundbite } of soundbitesWithin(document, group.range.start.line, group.range.end.line)) {
    if (soundbite.quote) {
      widen(soundbite.quote.range);
    }
  }
  return start <= end ? textOver(text, start, end) : textOver(text, 0, 0);
}

/** Every checked quote of the document's stories (and, in an interview, outside its answers), in document order. */
export function quoteFidelity(document: TranscriptDocument, text: TextSource): readonly QuoteFidelity[] {
  const results: QuoteFidelity[] = [];
  const count = checkUnitCount(document);
  for (let unit = 0; unit < count; unit++) {
    for (const result of unitFidelity(document, text, unit)) {
      results.push(result);
    }
  }
  return results;
}

/** The soundbites whose SOUNDBITE line lies on lines first..last, found by binary search (both in document order). */
export function soundbitesWithin(document: TranscriptDocument, first: number, last: number): { soundbite: Soundbite; index: number }[] {
  const soundbites = document.soundbites;
  const found: { soundbite: Soundbite; index: number }[] = [];
  for (let index = firstWhere(soundbites.length, (at) => (soundbites[at] as Soundbite).lineRange.start.line >= first); index < soundbites.length; index++) {
    const soundbite = soundbites[index] as Soundbite;
    if (soundbite.lineRange.start.line > last) {
      break;
    }
    found.push({ soundbite, index });
  }
  return found;
}

/**
 * The most quote-and-source pairs one unit compares. A story has a few quotes and a few soundbites; a
 * file whose headers are not recognised is one unit of thousands of each, and comparing every quote
 * with every soundbite grows with the square (a 10 MB file of that kind held the editor for five
 * minutes). Past it, the unit's quotes are left unchecked: no finding rather than hours of work.
 */
export const maxUnitPairs = 100_000;

const noWords: QuoteWords = { words: [], starts: [], ends: [] };

/** Every quote of a unit too large to compare, unchecked. */
function uncheckedAll(quotes: readonly Quote[]): QuoteFidelity[] {
  return quotes.map((quote) => ({ quote, status: 'unchecked', source: null, words: noWords, hunks: [], sourceSpan: null }));
}

function* storyFidelitySteps(document: TranscriptDocument, text: TextLike, unit: number): Steps<QuoteFidelity[]> {
  const group = storyGroups(document)[unit];
  if (!group) {
    return [];
  }
  const within = soundbitesWithin(document, group.range.start.line, group.range.end.line);
  const quoteCount = group.stories.reduce((count, story) => count + story.quotes.length, 0);
  if (quoteCount * within.filter(({ soundbite }) => soundbite.quote !== null).length > maxUnitPairs) {
    return uncheckedAll(group.stories.flatMap((story) => story.quotes));
  }
  const sources: QuoteSource[] = [];
  for (const { soundbite, index } of within) {
    const quote = soundbite.quote;
    if (quote === null) {
      continue;
    }
    const words = quoteWords(text, quote.innerRange.start.offset, quote.innerRange.end.offset);
    if (countQuoteWords(words) > 0) {
      sources.push({ kind: 'soundbite', index, number: soundbite.number, speaker: soundbite.speaker, range: soundbite.range, words });
    }
  }
  const results: QuoteFidelity[] = [];
  const comparer = new SourceComparer(sources);
  for (const story of group.stories) {
    for (const quote of story.quotes) {
      yield;
      results.push(yield* comparer.compareSteps(quote, text));
    }
  }
  return results;
}

function* interviewFidelitySteps(document: TranscriptDocument, text: TextLike): Steps<QuoteFidelity[]> {
  const answerRanges: TextRange[] = [];
  const answerTurns: { turn: Turn; index: number }[] = [];
  document.turns.forEach((turn, index) => {
    if (turn.role === 'answer') {
      answerRanges.push(turn.range);
      answerTurns.push({ turn, index });
    }
  });
  // Quotes inside an answer are the interviewee quoting someone else; the rest may quote the answers.
  const outside: Quote[] = [];
  let answer = 0;
  for (const quote of document.quotes) {
    const offset = quote.range.start.offset;
    while (answer < answerRanges.length && (answerRanges[answer] as TextRange).end.offset <= offset) {
      answer++;
    }
    if (!(answer < answerRanges.length && (answerRanges[answer] as TextRange).start.offset <= offset)) {
      outside.push(quote);
    }
  }
  if (outside.length * answerTurns.length > maxUnitPairs) {
    return uncheckedAll(outside);
  }
  const sources: QuoteSource[] = [];
  for (const { turn, index } of answerTurns) {
    const words = quoteWords(text, turn.textRange.start.offset, turn.textRange.end.offset);
    if (countQuoteWords(words) > 0) {
      sources.push({ kind: 'answer', index, number: null, speaker: turn.speaker ?? document.interviewee?.speaker ?? null, range: turn.range, words });
    }
  }
  const results: QuoteFidelity[] = [];
  const comparer = new SourceComparer(sources);
  for (const quote of outside) {
    yield;
    results.push(yield* comparer.compareSteps(quote, text));
  }
  return results;
}

/** The sources of one story, with what finding the likeliest one for a quote needs, built once. */
class SourceComparer {
  readonly #joined: string[];
  /** Each source's word pairs, built the first time a quote is not found word for word (most are). */
  #pairs: Set<string>[] | null = null;

  constructor(private readonly sources: readonly QuoteSource[]) {
    this.#joined = sources.map((source) => ` ${source.words.words.filter((word) => word !== gapWord).join(' ')} `);
  }

  /** How `quote` stands against the sources, in steps: an alignment of long quotes yields between rows. */
  *compareSteps(quote: Quote, text: TextLike): Steps<QuoteFidelity> {
    const words = quoteWords(text, quote.innerRange.start.offset, quote.innerRange.end.offset);
    const count = countQuoteWords(words);
    const unchecked: QuoteFidelity = { quote, status: 'unchecked', source: null, words, hunks: [], sourceSpan: null };
    if (count === 0 || this.sources.length === 0) {
      return unchecked;
    }
    // The common case first: every piece between the cuts is found in one source, in order.
    const pieces = piecesOf(words);
    for (let index = 0; index < this.sources.length; index++) {
      if (containsInOrder(this.#joined[index] as string, pieces)) {
        return { quote, status: 'exact', source: this.sources[index] as QuoteSource, words, hunks: [], sourceSpan: null };
      }
    }
    const candidates = this.#likeliest(words, 2);
    let best: { source: QuoteSource; alignment: Alignment } | null = null;
    let tooLong: QuoteSource | null = null;
    for (const index of candidates) {
      const source = this.sources[index] as QuoteSource;
      const alignment = yield* alignSteps(words, source.words, text);
      if (alignment === null) {
        tooLong ??= source;
        continue;
      }
      if (best === null || alignment.matched > best.alignment.matched ||
        (alignment.matched === best.alignment.matched && alignment.cost < best.alignment.cost)) {
        best = { source, alignment };
      }
    }
    if (best !== null && isChangedCopy(best.alignment, count)) {
      return { quote, status: 'differs', source: best.source, words, hunks: best.alignment.hunks, sourceSpan: best.alignment.span };
    }
    if (best === null && tooLong !== null) {
      return { quote, status: 'too-long', source: tooLong, words, hunks: [], sourceSpan: null };
    }
    return count >= minimumUnsourcedWords ? { quote, status: 'unsourced', source: null, words, hunks: [], sourceSpan: null } : unchecked;
  }

  /**
   * The sources sharing the most pairs of neighbouring words with the quote (any shared at all): the
   * best, and the next only when it shares as many (each costs a word-by-word comparison).
   */
  #likeliest(words: QuoteWords, limit: number): number[] {
    const quotePairs = wordPairs(words);
    const scored: { index: number; score: number }[] = [];
    this.#pairs ??= this.sources.map((source) => wordPairs(source.words));
    this.#pairs.forEach((pairs, index) => {
      let score = 0;
      for (const pair of quotePairs) {
        if (pairs.has(pair)) {
          score++;
        }
      }
      if (score > 0) {
        scored.push({ index, score });
      }
    });
    scored.sort((a, b) => b.score - a.score);
    const best = scored[0]?.score ?? 0;
    return scored.slice(0, limit).filter((entry) => entry.score === best).map((entry) => entry.index);
  }
}

function isChangedCopy(alignment: Alignment, count: number): boolean {
  return alignment.matched >= 3 && alignment.matched * 5 >= matchedFifths * count && alignment.changedOrAdded * 5 <= changedFifths * count;
}

/** Neighbouring word pairs (not across a gap), each once. */
function wordPairs(words: QuoteWords): Set<string> {
  const pairs = new Set<string>();
  const list = words.words;
  for (let index = 1; index < list.length; index++) {
    const before = list[index - 1] as string;
    const word = list[index] as string;
    if (before !== gapWord && word !== gapWord) {
      pairs.add(`${before} ${word}`);
    }
  }
  return pairs;
}

/** The runs of words between gaps, each as ` w1 w2 … ` (spaces around, to match whole words). */
function piecesOf(words: QuoteWords): string[] {
  const pieces: string[] = [];
  let current: string[] = [];
  for (const word of words.words) {
    if (word === gapWord) {
      if (current.length > 0) {
        pieces.push(` ${current.join(' ')} `);
      }
      current = [];
    } else {
      current.push(word);
    }
  }
  if (current.length > 0) {
    pieces.push(` ${current.join(' ')} `);
  }
  return pieces;
}

/**
 * True when each piece is found in `joined`, after the one before. Taking each at its first place is
 * enough: an earlier end never leaves less room for the pieces that follow.
 */
function containsInOrder(joined: string, pieces: readonly string[]): boolean {
  let from = 0;
  for (const piece of pieces) {
    const at = joined.indexOf(piece, from);
    if (at < 0) {
      return false;
    }
    // The piece's closing space may open the next piece.
    from = at + piece.length - 1;
  }
  return true;
}

interface Alignment {
  /** Changed, added and dropped words (a gap costs nothing). */
  readonly cost: number;
  readonly matched: number;
  readonly changedOrAdded: number;
  readonly hunks: DiffHunk[];
  /** Source words from the first to the last aligned with a quote word (exclusive end). */
  readonly span: { readonly from: number; readonly to: number } | null;
}

/** What one changed, added or dropped word costs in an alignment's score (an equal word earns 1 back). */
const differenceWeight = 1024;

/** A score no alignment reaches, small enough to stay a small integer (a double would slow the whole table). */
const unreachable = 0x3fffffff;

/**
 * Cells of the table filled between two chances to yield: the largest table is 250,000 cells, which
 * takes 15-20 ms before the engine has optimised the loop (an archive may hold one such quote).
 */
const alignCellsPerStep = 32_768;

const enum Step {
  /** Quote word against source word (equal or changed). */
  Diagonal = 1,
  /** Quote word with no source word: added (or a gap that skips nothing more). */
  Up = 2,
  /** Source word with no quote word: dropped (free at a gap). */
  Left = 3,
}

/**
 * Aligns the quote's words with the source's, the quote whole and the source from any word to any
 * word (a quote is usually part of a soundbite): the fewest words changed, added or dropped, a gap
 * skipping any number of source words for free. Dynamic programming over quote × source words, so
 * null past `maxComparisonCells`.
 */
function* alignSteps(quote: QuoteWords, source: QuoteWords, text: TextLike): Steps<Alignment | null> {
  const q = quote.words;
  const s = source.words;
  const n = q.length;
  const m = s.length;
  const width = m + 1;
  if ((n + 1) * width > maxComparisonCells) {
    return null;
  }
  // Each cell scores the best alignment of the quote's first i words ending at source word j: the
  // differences count first (`differenceWeight` each), and among as many differences, more equal
  // words win (one point off each), so `changed their tactics` against `have changed tactics` reads
  // as `have` dropped and `their` added around an equal `changed`, not as two changed words.
  const score = new Int32Array((n + 1) * width);
  const step = new Uint8Array((n + 1) * width);
  // Words compared as numbers: the table compares every quote word with every source word, and two
  // strings of the same length are compared character by character (numbers take about 40% less time).
  const ids = new Map<string, number>();
  const idOf = (word: string): number => {
    let id = ids.get(word);
    if (id === undefined) {
      id = ids.size;
      ids.set(word, id);
    }
    return id;
  };
  const sourceIds = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    sourceIds[j] = idOf(s[j] as string);
  }
  let cells = 0;
  for (let i = 1; i <= n; i++) {
    const word = q[i - 1] as string;
    const wordId = idOf(word);
    const gap = word === gapWord;
    const penalty = gap ? 0 : differenceWeight;
    const row = i * width;
    const above = row - width;
    score[row] = (score[above] as number) + penalty;
    step[row] = Step.Up;
    for (let j = 1; j <= m; j++) {
      // On an equal score: a dropped word, then a changed word, then an added word, so that
      // `They're on` against `We're on` reads as a changed word (not `They're` added).
      const up = (score[above + j] as number) + penalty;
      const left = (score[row + j - 1] as number) + penalty;
      const diagonal = gap ? unreachable : (score[above + j - 1] as number) + (wordId === sourceIds[j - 1] ? -1 : differenceWeight);
      let best = up;
      let chosen: Step = Step.Up;
      if (diagonal <= best) {
        best = diagonal;
        chosen = Step.Diagonal;
      }
      if (left <= best) {
        best = left;
        chosen = Step.Left;
      }
      score[row + j] = best;
      step[row + j] = chosen;
    }
    cells += width;
    if (cells >= alignCellsPerStep) {
      cells = 0;
      yield;
    }
  }
  // Where the quote ends in the source: the best score; on a tie, at the end of a sentence
  // (`reach us all.` against `reach us. When` is an added word), else the latest, so that the
  // quote's last words read as changed ones (`by candlelight` against `by torchlight`, `before the
  // rainy season` against `before the rains come`) rather than as words added past the soundbite's.
  let end = 0;
  const last = n * width;
  for (let j = 1; j <= m; j++) {
    const here = score[last + j] as number;
    const best = score[last + end] as number;
    const atSentenceEnd = endsSentence(source, j - 1, text);
    const bestAtSentenceEnd = endsSentence(source, end - 1, text);
    if (here < best || (here === best && (atSentenceEnd || !bestAtSentenceEnd))) {
      end = j;
    }
  }
  return traceBack(q, s, step, width, n, end);
}

/** True when the source's word `index` is its last or is followed by `.`, `!`, `?` or `…`. */
function endsSentence(source: QuoteWords, index: number, text: TextLike): boolean {
  if (index < 0) {
    return false;
  }
  if (index + 1 >= source.words.length) {
    return true;
  }
  for (let at = source.ends[index] as number; at < (source.starts[index + 1] as number); at++) {
    const code = text.charCodeAt(at);
    if (code === 0x2e || code === 0x21 || code === 0x3f || code === 0x2026) {
      return true;
    }
  }
  return false;
}

/** Walks the steps back from the end of the quote, collecting the differing runs. */
function traceBack(q: readonly string[], s: readonly string[], step: Uint8Array, width: number, n: number, end: number): Alignment {
  const hunks: DiffHunk[] = [];
  let matched = 0;
  let changedOrAdded = 0;
  let dropped = 0;
  let open: { storyFrom: number; storyTo: number; sourceFrom: number; sourceTo: number } | null = null;
  let spanFrom = -1;
  let spanTo = -1;
  const close = (): void => {
    if (open !== null) {
      hunks.push(open);
      open = null;
    }
  };
  /** Widens the open run (or starts one) by the quote words i..i+di and source words j..j+dj. */
  const widen = (i: number, di: number, j: number, dj: number): void => {
    if (open === null) {
      open = { storyFrom: i, storyTo: i + di, sourceFrom: j, sourceTo: j + dj };
    } else {
      open.storyFrom = i;
      open.sourceFrom = j;
    }
  };
  let i = n;
  let j = end;
  while (i > 0) {
    const gap = q[i - 1] === gapWord;
    const here: number = j === 0 ? Step.Up : (step[i * width + j] as number);
    if (here === Step.Diagonal) {
      if (spanTo < 0) {
        spanTo = j;
      }
      spanFrom = j - 1;
      if (q[i - 1] === s[j - 1]) {
        matched++;
        close();
      } else {
        changedOrAdded++;
        widen(i - 1, 1, j - 1, 1);
      }
      i--;
      j--;
    } else if (here === Step.Up) {
      if (gap) {
        close();
      } else {
        changedOrAdded++;
        widen(i - 1, 1, j, 0);
      }
      i--;
    } else {
      if (gap) {
        close();
      } else {
        dropped++;
        widen(i, 0, j - 1, 1);
      }
      j--;
    }
  }
  close();
  hunks.reverse();
  return { cost: changedOrAdded + dropped, matched, changedOrAdded, hunks, span: spanFrom >= 0 ? { from: spanFrom, to: spanTo } : null };
}

/** The unit (see checkUnitCount) that holds a line: the last story starting at or before it. */
export function unitAtLine(document: TranscriptDocument, line: number): number {
  if (document.format !== 'shotlist') {
    return 0;
  }
  const groups = storyGroups(document);
  return Math.max(0, firstWhere(groups.length, (index) => (groups[index] as { range: { start: { line: number } } }).range.start.line > line) - 1);
}

/** The checked quote at a position (its line and offset), computing only the story that holds it. */
export function fidelityAt(document: TranscriptDocument, text: TextSource, position: { readonly line: number; readonly offset: number }): QuoteFidelity | undefined {
  if (checkUnitCount(document) === 0) {
    return undefined;
  }
  const offset = position.offset;
  return unitFidelity(document, text, unitAtLine(document, position.line)).find((result) =>
    result.quote.range.start.offset <= offset && offset < Math.max(result.quote.range.end.offset, result.quote.range.start.offset + 1));
}
