// Searching the workspace index (Ctrl+T): case- and accent-insensitive folding, the words of a text,
// and the ranked hits for a query over the stories and soundbites of every indexed file.
import type { SoundbiteEntry, StoryEntry, FileEntry } from './entries';
import { runToEnd, sortSteps, StepBudget, type Steps } from '../util/steps';

/** Letters that do not decompose into a base letter and a combining mark. */
const specialLetters: Readonly<Record<string, string>> = {
  'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i', 'ħ': 'h', 'ŧ': 't',
};
const specialLetterPattern = /[ßæœøłđðþıħŧ]/gu;
const combiningMarks = /\p{M}+/gu;
const wordCharacter = /^[\p{L}\p{N}\p{M}]$/u;
/** Whether a non-ASCII code point is part of a word, remembered per code point. */
const wordCodePoints = new Map<number, boolean>();

export function isWordCodePoint(codePoint: number): boolean {
  if (codePoint < 128) {
    return (codePoint >= 97 && codePoint <= 122) || (codePoint >= 48 && codePoint <= 57) || (codePoint >= 65 && codePoint <= 90);
  }
  let known = wordCodePoints.get(codePoint);
  if (known === undefined) {
    known = wordCharacter.test(String.fromCodePoint(codePoint));
    wordCodePoints.set(codePoint, known);
  }
  return known;
}

/** Lower case without accents: `Gaël Ærø` → `gael aero`. The query and the entries are folded alike. */
export function foldForSearch(text: string): string {
  const lower = text.toLowerCase();
  // Pure ASCII (most of a shot list) needs nothing more.
  if (!/[^\t\n\r\x20-\x7e]/.test(lower)) {
    return lower;
  }
  return lower.normalize('NFD').replace(combiningMarks, '').replace(specialLetterPattern, (letter) => specialLetters[letter] ?? letter);
}

/** The folded words of a text (letters and digits; apostrophes, dashes and marks separate words). */
export function searchWords(text: string): string[] {
  const folded = foldForSearch(text);
  const words: string[] = [];
  let start = -1;
  for (let index = 0; index < folded.length; index++) {
    const code = folded.charCodeAt(index);
    const wide = code >= 0xd800 && code <= 0xdbff;
    const inWord = isWordCodePoint(wide ? (folded.codePointAt(index) ?? code) : code);
    if (inWord && start < 0) {
      start = index;
    } else if (!inWord && start >= 0) {
      words.push(folded.slice(start, index));
      start = -1;
    }
    if (wide) {
      index++;
    }
  }
  if (start >= 0) {
    words.push(folded.slice(start));
  }
  return words;
}

/** ` w1 w2 … `: a space on both sides of every word, so `includes(' ' + prefix)` finds a word start. */
export function wordText(words: readonly string[]): string {
  return words.length === 0 ? ' ' : ` ${words.join(' ')} `;
}

/** The first letters of the words: `jpl` for Jean-Pierre Lacroix. */
export function initialsOf(words: readonly string[]): string {
  let initials = '';
  for (const word of words) {
    initials += word.charAt(0);
  }
  return initials;
}

export type SearchHit =
  | { readonly kind: 'story'; readonly entry: StoryEntry; readonly score: number }
  | {
    readonly kind: 'soundbite';
    readonly entry: SoundbiteEntry;
    readonly score: number;
    /** Words of the quote around the first word the query found there, when they are not among its first words. */
    readonly excerpt: string | null;
  };

export interface SearchOptions {
  /** At most this many hits, the best first. */
  readonly limit?: number;
}

export const defaultSearchLimit = 500;

/** How well one query word matches a ` w1 w2 … ` word text: whole word, word start, or anywhere. */
function wordScore(text: string, word: string, exact: number, prefix: number, inside: number): number {
  const at = text.indexOf(` ${word}`);
  if (at >= 0) {
    return text.startsWith(' ', at + word.length + 1) ? exact : prefix;
  }
  return inside > 0 && text.includes(word) ? inside : 0;
}

/** How well a query word matches running folded text: 2 a whole word, 1 a word's start, 0 not at all. */
function runningTextMatch(text: string, word: string): 0 | 1 | 2 {
  let found: 0 | 1 | 2 = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (at === 0 || !isWordCodePoint(text.charCodeAt(at - 1))) {
      const end = at + word.length;
      if (end >= text.length || !isWordCodePoint(text.charCodeAt(end))) {
        return 2;
      }
      found = 1;
    }
  }
  return found;
}

/** `jpl` finds `Jean-Pierre Lacroix`: the query word is the initials of consecutive words. */
function initialsScore(initials: string, word: string, score: number): number {
  return word.length >= 2 && initials.includes(word) ? score : 0;
}

/** Speaker first, then the speaker's title and language, the story's slug, and last the quote's words. */
function soundbiteWordScore(entry: SoundbiteEntry, storyText: string, word: string): number {
  return Math.max(
    wordScore(entry.speakerText, word, 100, 80, word.length >= 3 ? 50 : 0),
    initialsScore(entry.speakerInitials, word, 40),
    wordScore(entry.titleText, word, 35, 30, 0),
    wordScore(storyText, word, 25, 20, 0),
    [0, 20, 24][runningTextMatch(entry.quoteFolded, word)] ?? 0,
  );
}

function storyWordScore(entry: StoryEntry, word: string): number {
  return Math.max(wordScore(entry.searchText, word, 100, 85, word.length >= 3 ? 55 : 0), initialsScore(entry.initials, word, 40));
}

/** The words of `quote` around the first one starting with a query word, `…` on the cut sides. */
export function quoteExcerpt(quote: string, queryWords: readonly string[], before = 2, after = 7): string | null {
  const words = quote.split(/\s+/u).filter((word) => word.length > 0);
  for (let index = 0; index < words.length; index++) {
    const folded = searchWords(words[index] ?? '');
    if (folded.some((part) => queryWords.some((query) => part.startsWith(query)))) {
      const start = Math.max(0, index - before);
      const end = Math.min(words.length, index + after);
      return `${start > 0 ? '…' : ''}${words.slice(start, end).join(' ')}${end < words.length ? '…' : ''}`;
    }
  }
  return null;
}

/**
 * Stories and soundbites matching every word of `query` (case- and accent-insensitive) by speaker,
 * slug, speaker title, language or words of the quote; sorted by relevance, then file and line.
 * An empty query lists the stories.
 */
export function searchIndex(files: Iterable<FileEntry>, query: string, options: SearchOptions = {}): SearchHit[] {
  return runToEnd(searchIndexSteps(files, query, options));
}

/**
 * Query words scored against one entry each, between two chances to yield: about a millisecond. A
 * 50 MB archive has 58,000 soundbites; one pass over them takes 15-70 ms.
 */
const searchWorkPerStep = 2048;

/** Hits compared in a step of the sort: an empty query sorts stories by name through the collator. */
const sortWorkPerStep = 512;

/** What an excerpt costs against scoring one entry: the quote split into words, each folded. */
const excerptWork = 32;

/** searchIndex() in steps, so that a caller on a busy thread (each keystroke in Ctrl+T) can yield between them. */
export function* searchIndexSteps(files: Iterable<FileEntry>, query: string, options: SearchOptions = {}): Steps<SearchHit[]> {
  const limit = options.limit ?? defaultSearchLimit;
  const words = [...new Set(searchWords(query))];
  const budget = new StepBudget(searchWorkPerStep);
  const work = Math.max(1, words.length);
  const hits: SearchHit[] = [];
  for (const file of files) {
    for (const story of file.stories) {
      if (budget.spend(work)) {
        yield;
      }
      if (words.length === 0) {
        hits.push({ kind: 'story', entry: story, score: 0 });
        continue;
      }
      let score = 0;
      for (const word of words) {
        const wordHit = storyWordScore(story, word);
        if (wordHit === 0) {
          score = 0;
          break;
        }
        score += wordHit;
      }
      if (score > 0) {
        hits.push({ kind: 'story', entry: story, score: score + 1 });
      }
    }
    if (words.length === 0) {
      continue;
    }
    for (const soundbite of file.soundbites) {
      if (budget.spend(work)) {
        yield;
      }
      const storyText = file.stories[soundbite.storyIndex]?.searchText ?? ' ';
      let score = 0;
      for (const word of words) {
        const wordHit = soundbiteWordScore(soundbite, storyText, word);
        if (wordHit === 0) {
          score = 0;
          break;
        }
        score += wordHit;
      }
      if (score > 0) {
        hits.push({ kind: 'soundbite', entry: soundbite, score, excerpt: null });
      }
    }
  }
  yield* sortSteps(hits, compareHits, new StepBudget(sortWorkPerStep));
  const kept = hits.length > limit ? hits.slice(0, limit) : hits;
  // Excerpts only for what is returned: a query word found in the quote but not among its first words.
  const shown: SearchHit[] = [];
  for (const hit of kept) {
    if (hit.kind !== 'soundbite') {
      shown.push(hit);
      continue;
    }
    if (budget.spend(excerptWork)) {
      yield;
    }
    const first = wordText(searchWords(hit.entry.firstWords));
    const speaker = hit.entry.speakerText;
    const missing = words.filter((word) => !first.includes(` ${word}`) && !speaker.includes(` ${word}`) && runningTextMatch(hit.entry.quoteFolded, word) > 0);
    shown.push(missing.length === 0 ? hit : { ...hit, excerpt: quoteExcerpt(hit.entry.quote, missing) });
  }
  return shown;
}

function compareHits(a: SearchHit, b: SearchHit): number {
  if (a.score !== b.score) {
    return b.score - a.score;
  }
  if (a.kind !== b.kind) {
    return a.kind === 'story' ? -1 : 1;
  }
  if (a.kind === 'story' && b.kind === 'story' && a.score === 0) {
    const byName = compareText(a.entry.name ?? '', b.entry.name ?? '');
    if (byName !== 0) {
      return byName;
    }
  }
  return compareLocation(a.entry, b.entry);
}

function compareLocation(a: { file: string; line: number }, b: { file: string; line: number }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function compareText(a: string, b: string): number {
  return collator.compare(a, b);
}


/** What filterByWordsSteps found: the first items that hold every word of the query, and how many do. */
export interface WordFilterResult {
  /** Indices into the items, ascending, at most the limit asked for. */
  readonly indices: readonly number[];
  readonly total: number;
}

/** Items read between two chances to yield: each is folded once per list, then searched for a few words. */
const filterItemsPerStep = 400;
/**
 * What an item's first read costs of the step, in items already folded: its text may be worked out
 * then (the "Go to Soundbite…" items word their quotes when first read), and folded.
 */
const firstReadCost = 8;
/** A query longer than this (a paste) is cut: each of its words is searched for in every item. */
const maxFilterQueryLength = 200;

/**
 * The words filterByWordsSteps looks for in `query` (none: the caller shows its list as if nothing was
 * typed). Trimmed before the cut, so that a paste of white space before the words keeps them.
 */
export function filterQueryWords(query: string): string[] {
  return searchWords(query.trim().slice(0, maxFilterQueryLength));
}

/**
 * The items whose text holds every word of `query` as typed, in any case and with or without accents
 * (the first `limit` of them, and their number): a list's own filter, for a list too long to hand to
 * the editor whole. `folded` keeps each item's folded text between the queries of one list; it is
 * filled in order, as far as a search has read.
 */
export function* filterByWordsSteps<T>(items: readonly T[], query: string, textOf: (item: T) => string, limit: number, folded: string[] = []): Steps<WordFilterResult> {
  const words = filterQueryWords(query);
  const budget = new StepBudget(filterItemsPerStep);
  const indices: number[] = [];
  let total = 0;
  for (let index = 0; index < items.length; index++) {
    if (budget.spend(index === folded.length ? firstReadCost : 1)) {
      yield;
    }
    if (index === folded.length) {
      folded.push(foldForSearch(textOf(items[index] as T)));
    }
    const text = folded[index] as string;
    if (words.every((word) => text.includes(word))) {
      total++;
      if (indices.length < limit) {
        indices.push(index);
      }
    }
  }
  return { indices, total };
}
