// The workspace index as plain data: what one transcript contributes (its stories and soundbites),
// searching those entries for workspace symbols (Ctrl+T), grouping them for the Soundbites view, and
// which files on disk are worth reading at all. Pure: the extension reads files and hands text or a
// parsed model in; nothing here keeps a reference to the model or the text (an index of thousands of
// files holds only these small entries). Lines and characters are 0-based.
import { detectTranscript, matchesAssociationPattern } from './detect';
import type { TextRange, TranscriptDocument, TranscriptFormat } from './model';
import { parseTranscriptFile } from './parseFile';

/** A span without offsets, read once from the model. */
export interface IndexRange {
  readonly startLine: number;
  readonly startCharacter: number;
  readonly endLine: number;
  readonly endCharacter: number;
}

/** One story: a header block of a shot list (archives hold several), or a whole interview or prose text. */
export interface StoryEntry {
  /** The file's key (the extension passes the URI as a string). */
  readonly file: string;
  /** Position among the file's stories. */
  readonly index: number;
  /** The STORY value, when the header has one. */
  readonly slug: string | null;
  /** The slug, else the page title above the text (first story only), else null: the UI shows the file name. */
  readonly name: string | null;
  readonly format: TranscriptFormat;
  /** The STORY line, else the header's first line, else the title line, else 0. */
  readonly line: number;
  /** The header block (or the title line): where a workspace symbol points. */
  readonly range: IndexRange;
  readonly soundbiteCount: number;
  /** Folded words of the slug and title, space-separated with a space at both ends (see foldForSearch). */
  readonly searchText: string;
  /** First letters of the name's words. */
  readonly initials: string;
}

export interface SoundbiteEntry {
  readonly file: string;
  /** Index into the file's stories. */
  readonly storyIndex: number;
  /** The story's slug (or title), null when it has neither. */
  readonly story: string | null;
  readonly number: number | null;
  readonly speaker: string | null;
  readonly title: string | null;
  /** The recognised language (`French`), else as written (`Englsh`), null when absent. */
  readonly language: string | null;
  /** The quote without its marks, white space collapsed; empty when the soundbite has none. */
  readonly quote: string;
  /** The first words of the quote, `…` when cut. */
  readonly firstWords: string;
  /** The SOUNDBITE line. */
  readonly line: number;
  /** Speaker line through the end of the quote. */
  readonly range: IndexRange;
  /** The quote's words (inside the marks), null when there is no quote. */
  readonly quoteRange: IndexRange | null;
  /** Grouping key: the folded speaker name, words joined by single spaces; empty when unknown. */
  readonly speakerKey: string;
  /** Folded words of the speaker, and of the title and language: ` w1 w2 … `. */
  readonly speakerText: string;
  /** First letters of the speaker's words (`jpl`). */
  readonly speakerInitials: string;
  readonly titleText: string;
  /** The quote folded for search (foldForSearch), words still in place. */
  readonly quoteFolded: string;
}

export interface FileEntry {
  readonly file: string;
  readonly format: TranscriptFormat;
  readonly stories: readonly StoryEntry[];
  readonly soundbites: readonly SoundbiteEntry[];
}

// --- folding: case- and accent-insensitive comparison

/** Letters that do not decompose into a base letter and a combining mark. */
const specialLetters: Readonly<Record<string, string>> = {
  'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i', 'ħ': 'h', 'ŧ': 't',
};
const specialLetterPattern = /[ßæœøłđðþıħŧ]/gu;
const combiningMarks = /\p{M}+/gu;
const wordCharacter = /^[\p{L}\p{N}\p{M}]$/u;
/** Whether a non-ASCII code point is part of a word, remembered per code point. */
const wordCodePoints = new Map<number, boolean>();

function isWordCodePoint(codePoint: number): boolean {
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
function wordText(words: readonly string[]): string {
  return words.length === 0 ? ' ' : ` ${words.join(' ')} `;
}

/** The first letters of the words: `jpl` for Jean-Pierre Lacroix. */
function initialsOf(words: readonly string[]): string {
  let initials = '';
  for (const word of words) {
    initials += word.charAt(0);
  }
  return initials;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A compact copy that owns its characters. Strings cut from a document keep the whole document alive
 * (a slice points into its parent), and a document with one curly quote mark stores every slice with
 * two bytes a character. An index of thousands of files keeps copies: one byte a character when the
 * text allows it (the UTF-8 round trip gives the engine's one-byte form), else a flat two-byte copy.
 */
function own(text: string): string;
function own(text: string | null): string | null;
function own(text: string | null): string | null {
  if (text === null) {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  return /[^\u0000-\u00ff]/u.test(text) ? ` ${text}`.slice(1) : decoder.decode(encoder.encode(text));
}

// --- first words

/** The first words of a quote for a one-line label: at most `maxWords` words and `maxLength` characters. */
export function firstWordsOf(text: string, maxWords = 7, maxLength = 48): string {
  // Only the head can matter: past twice the length, the label is cut anyway.
  const head = text.length > maxLength * 2 + 16 ? text.slice(0, maxLength * 2 + 16) : text;
  const words = head.trim().split(/\s+/u).filter((word) => word.length > 0);
  let result = '';
  for (let index = 0; index < words.length; index++) {
    const word = words[index] ?? '';
    const next = result.length === 0 ? word : `${result} ${word}`;
    if (index >= maxWords || next.length > maxLength) {
      return result.length === 0 ? `${word.slice(0, maxLength - 1)}…` : `${result.replace(/[\s,;:.–—-]+$/u, '')}…`;
    }
    result = next;
  }
  return result;
}

// --- building entries

function indexRange(range: TextRange): IndexRange {
  const { start, end } = range;
  return { startLine: start.line, startCharacter: start.character, endLine: end.line, endCharacter: end.character };
}

/** Index of the last number at or before `value` in an ascending list, -1 when none. */
function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] ?? 0) <= value) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/**
 * The entries of one parsed transcript. `file` is the caller's key for the file (a URI string).
 * Soundbites belong to the story whose header precedes them (those above the first header, to the first).
 */
export function indexTranscript(document: TranscriptDocument, file: string): FileEntry {
  const steps = indexSteps(document, file);
  for (;;) {
    const step = steps.next();
    if (step.done) {
      return step.value;
    }
  }
}

/** Soundbites indexed between two chances to yield in indexSteps(). */
const soundbitesPerStep = 64;

/**
 * indexTranscript() in steps: the generator yields after every few dozen soundbites, so that a caller
 * slicing its work (an archive holds thousands of soundbites) can pause between steps; it returns the entry.
 */
export function* indexSteps(document: TranscriptDocument, file: string): Generator<void, FileEntry, void> {
  const title = document.title ? own(document.title.text.trim()) : null;
  const headers = document.headers;
  const headerLines = headers.map((header) => header.range.start.line);
  const storyCount = Math.max(1, headers.length);
  const counts = new Array<number>(storyCount).fill(0);

  const soundbites: SoundbiteEntry[] = [];
  const storyNames: Array<string | null> = [];
  for (let index = 0; index < storyCount; index++) {
    const slug = headers[index]?.story ?? null;
    storyNames.push(slug !== null && slug.trim().length > 0 ? own(slug.trim()) : index === 0 ? title : null);
  }

  for (const soundbite of document.soundbites) {
    if (soundbites.length > 0 && soundbites.length % soundbitesPerStep === 0) {
      yield;
    }
    const range = indexRange(soundbite.range);
    const storyIndex = Math.max(0, lastAtOrBefore(headerLines, range.startLine));
    counts[storyIndex] = (counts[storyIndex] ?? 0) + 1;
    const quote = soundbite.quote;
    const quoteText = quote ? own(quote.text) : '';
    const speaker = soundbite.speaker === null ? null : own(soundbite.speaker);
    const speakerTitle = soundbite.title === null ? null : own(soundbite.title);
    const language = soundbite.languageName ?? (soundbite.language === null ? null : own(soundbite.language));
    const speakerWords = speaker === null ? [] : searchWords(speaker);
    soundbites.push({
      file,
      storyIndex,
      story: storyNames[storyIndex] ?? null,
      number: soundbite.number,
      speaker,
      title: speakerTitle,
      language,
      quote: quoteText,
      firstWords: firstWordsOf(quoteText),
      line: soundbite.lineRange.start.line,
      range,
      quoteRange: quote ? indexRange(quote.innerRange) : null,
      speakerKey: speakerWords.join(' '),
      speakerText: wordText(speakerWords),
      speakerInitials: initialsOf(speakerWords),
      titleText: wordText([...(speakerTitle === null ? [] : searchWords(speakerTitle)), ...(language === null ? [] : searchWords(language))]),
      quoteFolded: foldForSearch(quoteText),
    });
  }

  const stories: StoryEntry[] = [];
  for (let index = 0; index < storyCount; index++) {
    const header = headers[index];
    const slug = header?.story ?? null;
    const storyField = header?.fields.find((field) => field.name === 'STORY');
    const range = header ? indexRange(header.range) : document.title ? indexRange(document.title.range) : { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 };
    const name = storyNames[index] ?? null;
    const nameWords = name === null ? [] : searchWords(name);
    stories.push({
      file,
      index,
      slug: slug !== null && slug.trim().length > 0 ? name : null,
      name,
      format: document.format,
      line: storyField ? storyField.range.start.line : range.startLine,
      range,
      soundbiteCount: counts[index] ?? 0,
      searchText: wordText([...nameWords, ...(index === 0 && title !== null && title !== name ? searchWords(title) : [])]),
      initials: initialsOf(nameWords),
    });
  }
  return { file, format: document.format, stories, soundbites };
}

export interface IndexTextOptions {
  /** Index only when content detection calls the text a transcript (`.txt` and `.md` files). */
  readonly detect: boolean;
}

/** Detects (when asked), parses and indexes one file's text; null when it is not a transcript. */
export function indexText(text: string, file: string, options: IndexTextOptions): FileEntry | null {
  if (options.detect && !detectTranscript(text).isTranscript) {
    return null;
  }
  return indexTranscript(parseTranscriptFile(text, file), file);
}

/** What indexTextInSlices() needs of a TimeSlicer: a chance to yield, told how long the next step may take. */
export interface Checkpoint {
  checkpoint(upcomingMs?: number): Promise<void>;
}

/** A cautious parse speed for estimating how long a step takes (characters a millisecond, about 25 MB/s). */
const parsedCharactersPerMs = 25_000;

/**
 * indexText() for callers that keep the event loop free: it offers `slicer` a chance to yield before
 * detection, before the parse (with the parse's estimated length, so that a large file starts on a
 * fresh slice) and between steps of building the entries. Only the parse itself cannot be cut.
 */
export async function indexTextInSlices(text: string, file: string, options: IndexTextOptions, slicer: Checkpoint): Promise<FileEntry | null> {
  if (options.detect) {
    await slicer.checkpoint(Math.min(text.length, 64 * 1024) / parsedCharactersPerMs);
    if (!detectTranscript(text).isTranscript) {
      return null;
    }
  }
  await slicer.checkpoint(text.length / parsedCharactersPerMs);
  const steps = indexSteps(parseTranscriptFile(text, file), file);
  for (;;) {
    await slicer.checkpoint();
    const step = steps.next();
    if (step.done) {
      return step.value;
    }
  }
}

// --- which files to read

/** File name endings the workspace index looks at (the glob the extension hands to findFiles). */
export const indexedExtensions: readonly string[] = ['unifeed', 'shotlist', 'txt', 'md'];
/** Endings that are transcripts by name; the others must pass content detection. */
const transcriptExtensions: ReadonlySet<string> = new Set(['unifeed', 'shotlist']);
/** Folders never indexed, whatever the settings say. */
const ignoredFolders: ReadonlySet<string> = new Set(['node_modules', '.git']);

export interface IndexPolicyOptions {
  /** `files.associations` as the user wrote it: glob → language id. */
  readonly associations: Readonly<Record<string, string>>;
  /** The `shotlist.detectTranscripts` setting for the file's folder. */
  readonly detectTranscripts: boolean;
  /** The extension's language id. */
  readonly languageId: string;
}

/**
 * Whether a file (by path) is indexed without a look (`index`), indexed when detection agrees
 * (`detect`), or skipped. A `files.associations` pattern decides first, as it does for the editor.
 */
export function indexPolicy(path: string, options: IndexPolicyOptions): 'index' | 'detect' | 'skip' {
  const normalised = path.replace(/\\/gu, '/');
  if (normalised.split('/').some((segment) => ignoredFolders.has(segment))) {
    return 'skip';
  }
  const name = normalised.slice(normalised.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (!indexedExtensions.includes(extension)) {
    return 'skip';
  }
  let associated: string | null = null;
  for (const [pattern, language] of Object.entries(options.associations)) {
    if (typeof language === 'string' && matchesAssociationPattern(normalised, pattern)) {
      associated = language;
    }
  }
  if (associated !== null) {
    return associated === options.languageId ? 'index' : 'skip';
  }
  if (transcriptExtensions.has(extension)) {
    return 'index';
  }
  return options.detectTranscripts ? 'detect' : 'skip';
}

// --- search (workspace symbols)

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
  const limit = options.limit ?? defaultSearchLimit;
  const words = [...new Set(searchWords(query))];
  const hits: SearchHit[] = [];
  for (const file of files) {
    for (const story of file.stories) {
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
  hits.sort(compareHits);
  const kept = hits.length > limit ? hits.slice(0, limit) : hits;
  // Excerpts only for what is returned: a query word found in the quote but not among its first words.
  return kept.map((hit) => {
    if (hit.kind !== 'soundbite') {
      return hit;
    }
    const first = wordText(searchWords(hit.entry.firstWords));
    const speaker = hit.entry.speakerText;
    const missing = words.filter((word) => !first.includes(` ${word}`) && !speaker.includes(` ${word}`) && runningTextMatch(hit.entry.quoteFolded, word) > 0);
    return missing.length === 0 ? hit : { ...hit, excerpt: quoteExcerpt(hit.entry.quote, missing) };
  });
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

function compareText(a: string, b: string): number {
  return collator.compare(a, b);
}

// --- grouping (the Soundbites view)

export type GroupBy = 'speaker' | 'story';

export interface SoundbiteGroup {
  /** Stable within the grouping: the speaker key, or `file#storyIndex`. */
  readonly key: string;
  /** The speaker as first written, or the story's name; null for unknown speakers and nameless stories. */
  readonly label: string | null;
  /** By story: the story; by speaker: null. */
  readonly story: StoryEntry | null;
  readonly soundbites: readonly SoundbiteEntry[];
}

/**
 * Soundbites grouped by speaker (spellings that fold alike share a group; groups sorted by name, the
 * unknown speaker last) or by story (files in the order given, stories in document order; stories
 * without soundbites left out). Within a group: file order, then line.
 */
export function groupSoundbites(files: readonly FileEntry[], by: GroupBy): SoundbiteGroup[] {
  if (by === 'story') {
    const groups: SoundbiteGroup[] = [];
    for (const file of files) {
      const perStory = file.stories.map(() => [] as SoundbiteEntry[]);
      for (const soundbite of file.soundbites) {
        perStory[soundbite.storyIndex]?.push(soundbite);
      }
      file.stories.forEach((story, index) => {
        const soundbites = perStory[index] ?? [];
        if (soundbites.length > 0) {
          groups.push({ key: `${file.file}#${index}`, label: story.name, story, soundbites });
        }
      });
    }
    return groups;
  }
  const bySpeaker = new Map<string, { label: string | null; soundbites: SoundbiteEntry[] }>();
  for (const file of files) {
    for (const soundbite of file.soundbites) {
      const group = bySpeaker.get(soundbite.speakerKey);
      if (group) {
        group.soundbites.push(soundbite);
      } else {
        bySpeaker.set(soundbite.speakerKey, { label: soundbite.speakerKey === '' ? null : soundbite.speaker, soundbites: [soundbite] });
      }
    }
  }
  return [...bySpeaker].map(([key, group]) => ({ key, label: group.label, story: null, soundbites: group.soundbites }))
    .sort((a, b) => (a.label === null ? 1 : b.label === null ? -1 : compareText(a.label, b.label) || (a.key < b.key ? -1 : 1)));
}

/** The soundbite whose range holds `line` (soundbites in document order, as in a FileEntry). */
export function soundbiteAtLine(soundbites: readonly SoundbiteEntry[], line: number): SoundbiteEntry | undefined {
  let low = 0;
  let high = soundbites.length - 1;
  let found: SoundbiteEntry | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const soundbite = soundbites[middle];
    if (soundbite && soundbite.range.startLine <= line) {
      found = soundbite;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found && line <= found.range.endLine ? found : undefined;
}

/** Counts for progress and benchmarks. */
export function countEntries(files: Iterable<FileEntry>): { files: number; stories: number; soundbites: number } {
  let count = 0;
  let stories = 0;
  let soundbites = 0;
  for (const file of files) {
    count++;
    stories += file.stories.length;
    soundbites += file.soundbites.length;
  }
  return { files: count, stories, soundbites };
}
