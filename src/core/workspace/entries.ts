// The workspace index as plain data: what one transcript contributes (its stories and soundbites,
// as small entries), built in steps so that the caller can slice the work. Pure: the extension reads
// files and hands text or a parsed model in; nothing here keeps a reference to the model or the text
// (an index of thousands of files holds only these entries, their strings copied). Lines and
// characters are 0-based.
import type { TextRange, TranscriptDocument, TranscriptFormat } from '../model';
import type { EditLines } from '../text/edits';
import { parseTranscriptFile, type MarkdownNotice } from '../parse';
import { compactCopy } from '../text/copies';
import { firstWhere, lastAtOrBefore } from '../text/search';
import { firstWords } from '../text/words';
import { appendAll } from '../util/arrays';
import { runToEnd, StepBudget, type Steps } from '../util/steps';
import { detectTranscript } from './detect';
import { runSteps, type Checkpoint } from './timeSlicer';
import { foldForSearch, initialsOf, searchWords, wordText } from './search';

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

/**
 * The first words of a quote for a one-line label in the Soundbites view: at most `maxWords` words,
 * and `maxLength` characters with the ellipsis.
 */
export function firstWordsOf(text: string, maxWords = 7, maxLength = 48): string {
  return firstWords(text, maxWords, maxLength - 1);
}

function indexRange(range: TextRange): IndexRange {
  const { start, end } = range;
  return { startLine: start.line, startCharacter: start.character, endLine: end.line, endCharacter: end.character };
}

/**
 * The entries of one parsed transcript. `file` is the caller's key for the file (a URI string).
 * Soundbites belong to the story whose header precedes them (those above the first header, to the first).
 */
export function indexTranscript(document: TranscriptDocument, file: string): FileEntry {
  return runToEnd(indexSteps(document, file));
}

/**
 * What a step of indexSteps() may do: 64 soundbites (their strings copied, folded and split into
 * words), or 256 stories or header lines. About a millisecond either way.
 */
const indexWorkPerStep = 256;
const soundbiteWork = 4;

export interface IndexStepOptions {
  /**
   * False: the entry keeps the model's strings instead of copies. For an open document, whose model
   * (and text) the editor keeps alive anyway: copying 50 MB worth of quotes is the slow part.
   */
  readonly copyStrings?: boolean;
  /**
   * The entry of the version before one edit, and where the edit fell (its first line, and the line its
   * end was on before and after): the entries of the stories the edit did not touch are taken from it
   * (moved when below the edit) instead of made again. The result is the same; only less is allocated.
   */
  readonly previous?: PreviousEntry;
}

export interface PreviousEntry extends EditLines {
  readonly entry: FileEntry;
}

/** An index range `lines` further down. */
function movedRange(range: IndexRange, lines: number): IndexRange {
  return { startLine: range.startLine + lines, startCharacter: range.startCharacter, endLine: range.endLine + lines, endCharacter: range.endCharacter };
}

/**
 * Which stories an edit touched, for reusing the previous entry: the stories holding its first and last
 * line and one more on each side (a header edit may join or split them), as new lines `fromLine` to
 * `toLine`; what lies before is unchanged, what lies after moved by `lineDelta` lines and `storyDelta` stories.
 */
interface Reuse {
  readonly previous: FileEntry;
  readonly fromLine: number;
  readonly toLine: number;
  readonly lineDelta: number;
  readonly storyDelta: number;
  readonly soundbiteDelta: number;
  readonly firstStory: number;
  readonly lastStory: number;
  /** No line and no story number changes below the edit (typing within a line): kept entries need no copy. */
  readonly unmoved: boolean;
}

function reuseOf(previous: PreviousEntry | undefined, document: TranscriptDocument, headerLines: readonly number[], storyCount: number): Reuse | undefined {
  if (!previous || document.format !== 'shotlist' || previous.entry.format !== 'shotlist') {
    return undefined;
  }
  const storyAt = (line: number): number => Math.max(0, lastAtOrBefore(headerLines, line));
  const firstStory = Math.max(0, storyAt(previous.startLine) - 1);
  const lastStory = Math.min(storyCount - 1, storyAt(previous.newEndLine) + 1);
  const fromLine = firstStory === 0 ? 0 : (headerLines[firstStory] as number);
  const toLine = lastStory + 1 < headerLines.length ? (headerLines[lastStory + 1] as number) - 1 : Number.POSITIVE_INFINITY;
  const lineDelta = previous.newEndLine - previous.oldEndLine;
  const storyDelta = storyCount - previous.entry.stories.length;
  return {
    previous: previous.entry, fromLine, toLine, firstStory, lastStory, lineDelta, storyDelta,
    soundbiteDelta: document.soundbites.length - previous.entry.soundbites.length,
    unmoved: lineDelta === 0 && storyDelta === 0,
  };
}

/**
 * indexTranscript() in steps: the generator yields before it reads each of the model's lists and
 * after every few dozen soundbites or few hundred stories, so that a caller slicing its work (an
 * archive holds thousands of stories and tens of thousands of soundbites) can pause between steps;
 * it returns the entry.
 */
export function* indexSteps(document: TranscriptDocument, file: string, options: IndexStepOptions = {}): Steps<FileEntry> {
  const budget = new StepBudget(indexWorkPerStep);
  const copy: <T extends string | null>(text: T) => T = options.copyStrings === false ? (text) => text : compactCopy;
  const title = document.title ? copy(document.title.text.trim()) : null;
  const headers = document.headers;
  yield;
  const storyCount = Math.max(1, headers.length);
  const headerLines: number[] = [];
  const counts: number[] = [];
  const storyNames: Array<string | null> = [];
  for (let index = 0; index < storyCount; index++) {
    if (budget.spend()) {
      yield;
    }
    const header = headers[index];
    if (header) {
      headerLines.push(header.range.start.line);
    }
    counts.push(0);
    const slug = header?.story ?? null;
    storyNames.push(slug !== null && slug.trim().length > 0 ? copy(slug.trim()) : index === 0 ? title : null);
  }

  const reuse = reuseOf(options.previous, document, headerLines, storyCount);
  const soundbites: SoundbiteEntry[] = [];
  // An archive names the same few speakers, titles and languages over and over: each distinct text
  // is copied and split into search words once per file, and its entries share the strings.
  const speakers = new Map<string, SpeakerFields>();
  const speakerTitles = new Map<string | null, Map<string | null, TitleFields>>();
  yield;
  const newSoundbites = document.soundbites;
  for (let position = 0; position < newSoundbites.length; position++) {
    const soundbite = newSoundbites[position] as (typeof newSoundbites)[number];
    const kept = reuse && keptSoundbite(reuse, position, soundbite.lineRange.start.line, headerLines);
    // A kept entry costs a lookup; a new one its copies, folding and words.
    if (budget.spend(kept ? 1 : soundbiteWork)) {
      yield;
    }
    if (kept) {
      counts[kept.storyIndex] = (counts[kept.storyIndex] ?? 0) + 1;
      soundbites.push(kept);
      continue;
    }
    const range = indexRange(soundbite.range);
    const storyIndex = Math.max(0, lastAtOrBefore(headerLines, range.startLine));
    counts[storyIndex] = (counts[storyIndex] ?? 0) + 1;
    const quote = soundbite.quote;
    const quoteText = quote ? copy(quote.text) : '';
    const speaker = soundbite.speaker === null ? noSpeaker : cached(speakers, soundbite.speaker, speakerFields);
    const title = titleFields(speakerTitles, soundbite.title, soundbite.languageName, soundbite.language);
    soundbites.push({
      file,
      storyIndex,
      story: storyNames[storyIndex] ?? null,
      number: soundbite.number,
      speaker: speaker.speaker,
      title: title.title,
      language: title.language,
      quote: quoteText,
      firstWords: firstWordsOf(quoteText),
      line: soundbite.lineRange.start.line,
      range,
      quoteRange: quote ? indexRange(quote.innerRange) : null,
      speakerKey: speaker.key,
      speakerText: speaker.text,
      speakerInitials: speaker.initials,
      titleText: title.text,
      quoteFolded: foldForSearch(quoteText),
    });
  }

  const stories: StoryEntry[] = [];
  for (let index = 0; index < storyCount; index++) {
    if (budget.spend()) {
      yield;
    }
    const kept = reuse ? keptStory(reuse, index, counts[index] ?? 0, headerLines) : undefined;
    if (kept) {
      stories.push(kept);
      continue;
    }
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

/** A soundbite's speaker as its entries keep it: the compact copy and its search fields. */
interface SpeakerFields {
  readonly speaker: string | null;
  readonly key: string;
  readonly text: string;
  readonly initials: string;
}

const noSpeaker: SpeakerFields = { speaker: null, key: '', text: wordText([]), initials: '' };

function speakerFields(text: string): SpeakerFields {
  const speaker = compactCopy(text);
  const words = searchWords(speaker);
  return { speaker, key: words.join(' '), text: wordText(words), initials: initialsOf(words) };
}

/** A soundbite's title and language as its entries keep them, and their search words. */
interface TitleFields {
  readonly title: string | null;
  readonly language: string | null;
  readonly text: string;
}

/**
 * The title and language fields of a soundbite: the recognised language's name as it is, else a copy
 * of the language as written. `known` holds them by language, then title (a map key may be null).
 */
function titleFields(known: Map<string | null, Map<string | null, TitleFields>>, title: string | null, languageName: string | null, language: string | null): TitleFields {
  const byTitle = cached(known, languageName ?? language, () => new Map<string | null, TitleFields>());
  return cached(byTitle, title, () => {
    const copiedTitle = compactCopy(title);
    const copiedLanguage = languageName ?? compactCopy(language);
    const words = copiedTitle === null ? [] : searchWords(copiedTitle);
    if (copiedLanguage !== null) {
      appendAll(words, searchWords(copiedLanguage));
    }
    return { title: copiedTitle, language: copiedLanguage, text: wordText(words) };
  });
}

function cached<K, T>(known: Map<K, T>, key: K, make: (key: K) => T): T {
  let value = known.get(key);
  if (value === undefined) {
    value = make(key);
    known.set(key, value);
  }
  return value;
}

/**
 * The previous entry of a soundbite outside the stories an edit touched (moved when below it), or
 * undefined when it lies in them or does not match where the new model has it (then it is made afresh).
 */
function keptSoundbite(reuse: Reuse, position: number, line: number, headerLines: readonly number[]): SoundbiteEntry | undefined {
  if (line < reuse.fromLine) {
    const before = reuse.previous.soundbites[position];
    return before && before.line === line && before.range.endLine < reuse.fromLine ? before : undefined;
  }
  if (line <= reuse.toLine) {
    return undefined;
  }
  const after = reuse.previous.soundbites[position - reuse.soundbiteDelta];
  const storyIndex = Math.max(0, lastAtOrBefore(headerLines, line));
  if (!after || after.line + reuse.lineDelta !== line || after.storyIndex + reuse.storyDelta !== storyIndex) {
    return undefined;
  }
  if (reuse.unmoved) {
    // Typing within a line moves nothing below it: the entry is kept as it is, not copied (an archive
    // has tens of thousands, and copies made after every keystroke are work for the garbage collector).
    return after;
  }
  return {
    ...after,
    storyIndex,
    line,
    range: movedRange(after.range, reuse.lineDelta),
    quoteRange: after.quoteRange && movedRange(after.quoteRange, reuse.lineDelta),
  };
}

/** The previous entry of a story the edit did not touch (moved when below it), or undefined. */
function keptStory(reuse: Reuse, index: number, soundbiteCount: number, headerLines: readonly number[]): StoryEntry | undefined {
  if (index >= reuse.firstStory && index <= reuse.lastStory) {
    return undefined;
  }
  const below = index > reuse.lastStory;
  const story = reuse.previous.stories[below ? index - reuse.storyDelta : index];
  const headerLine = headerLines[index];
  if (!story || story.soundbiteCount !== soundbiteCount || headerLine === undefined || story.range.startLine + (below ? reuse.lineDelta : 0) !== headerLine) {
    return undefined;
  }
  return below && !reuse.unmoved ? { ...story, index, line: story.line + reuse.lineDelta, range: movedRange(story.range, reuse.lineDelta) } : story;
}

export interface IndexTextOptions {
  /** Index only when content detection calls the text a transcript (`.txt` and `.md` files). */
  readonly detect: boolean;
  /** Receives what the Markdown guard changed or refused, when given. */
  readonly notices?: MarkdownNotice[];
}

/** Detects (when asked), parses and indexes one file's text; null when it is not a transcript. */
export function indexText(text: string, file: string, options: IndexTextOptions): FileEntry | null {
  if (options.detect && !detectTranscript(text).isTranscript) {
    return null;
  }
  return indexTranscript(parseTranscriptFile(text, file, undefined, options.notices), file);
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
  const entry = await runSteps(indexSteps(parseTranscriptFile(text, file, undefined, options.notices), file), slicer);
  // Never cancelled (no isCancelled was given): runSteps returns the entry.
  return entry ?? null;
}

/**
 * The soundbite whose range holds `line`, among soundbites in document order (as in a FileEntry), or
 * among anything that holds one (`rangeOf` reads its range).
 */
export function soundbiteAtLine<T = SoundbiteEntry>(items: readonly T[], line: number,
  rangeOf: (item: T) => IndexRange = (item) => (item as unknown as SoundbiteEntry).range): T | undefined {
  const found = items[firstWhere(items.length, (index) => rangeOf(items[index] as T).startLine > line) - 1];
  return found !== undefined && line <= rangeOf(found).endLine ? found : undefined;
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

