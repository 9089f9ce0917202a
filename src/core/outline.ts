// What the editor shows of a transcript's structure, as plain data: the symbol tree (Outline,
// breadcrumbs, sticky scroll, Go to Symbol), folding ranges, smart-select chains, the places that
// Next/Previous Soundbite and "Go to Soundbite…" move between, and broadcast read times.
// Everything reads the parsed model; nothing here parses again. Lines and characters are 0-based.
import type { Header, Quote, Section, Shot, Soundbite, Story, TextRange, TranscriptDocument, Turn, TurnRole } from './model';

/** A point without an offset: what every editor API speaks. TextPosition satisfies it. */
export interface OutlinePosition {
  readonly line: number;
  readonly character: number;
}

/** A span without offsets; TextRange satisfies it. */
export interface OutlineRange {
  readonly start: OutlinePosition;
  readonly end: OutlinePosition;
}

export type OutlineKind =
  | 'story' | 'title' | 'header' | 'field' | 'section' | 'shot' | 'soundbite' | 'storyText' | 'quote'
  | 'question' | 'answer' | 'statement';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail: string;
  readonly kind: OutlineKind;
  /** The whole element: breadcrumbs and sticky scroll follow the cursor through it. */
  readonly range: OutlineRange;
  /** The part to highlight when the symbol is chosen; always inside `range`. */
  readonly selectionRange: OutlineRange;
  readonly children: readonly OutlineSymbol[];
}

/** The words shown around the model's own text; the extension passes translated ones. */
export interface OutlineLabels {
  /** A story with neither a STORY slug nor a page title. */
  readonly untitledStory: string;
  readonly header: string;
  /** The story text when it has no STORYLINE heading. */
  readonly storyText: string;
  /** A soundbite whose speaker could not be read. */
  readonly soundbite: string;
  readonly noQuote: string;
  readonly unclosedQuote: string;
  readonly roles: Readonly<Record<TurnRole, string>>;
  /** A read time under a minute, e.g. `42 s`. */
  readonly seconds: (seconds: number) => string;
  /** The shots a section holds, numbers as written: `shots 1–2`, `shot 3`. */
  readonly shots: (first: string, last: string | null) => string;
}

export const englishLabels: OutlineLabels = {
  untitledStory: 'Story',
  header: 'Header',
  storyText: 'Storyline',
  soundbite: 'SOUNDBITE',
  noQuote: 'no quote',
  unclosedQuote: 'unclosed',
  roles: { question: 'Question', answer: 'Answer', statement: 'Statement' },
  seconds: (seconds) => `${seconds} s`,
  shots: (first, last) => (last === null ? `shot ${first}` : `shots ${first}–${last}`),
};

// --- text helpers

/** Words per second read aloud: the broadcast rule of thumb (about 180 words a minute). */
export const wordsPerSecond = 3;

function isSpace(code: number): boolean {
  return code <= 32 || code === 0xa0 || (code >= 0x2000 && code <= 0x200b) || code === 0x202f || code === 0x3000;
}

/** True for letters and digits (any script); dashes, marks and punctuation are not words. */
function isWordCode(code: number): boolean {
  if (code < 128) {
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  }
  return code >= 0xc0 && !(code >= 0x2000 && code <= 0x206f) && code !== 0xd7 && code !== 0xf7 && !isSpace(code) &&
    code !== 0x00ab && code !== 0x00bb;
}

/**
 * Spoken words in a text (or in `from`..`to` of it): runs between white space that hold a letter or
 * a digit, so dashes and lone quote marks do not count.
 */
export function countWords(text: string, from = 0, to = text.length): number {
  let words = 0;
  // 0: in white space; 1: in a run with no letter or digit yet; 2: in a counted word.
  let state = 0;
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (isSpace(code)) {
      state = 0;
    } else if (state !== 2 && isWordCode(code)) {
      state = 2;
      words++;
    } else if (state === 0) {
      state = 1;
    }
  }
  return words;
}

/** Seconds it takes to read the text aloud at the broadcast rate, at least 1 for any words. */
export function readSeconds(text: string): number {
  return secondsForWords(countWords(text));
}

export function secondsForWords(words: number): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / wordsPerSecond));
}

/** `m:ss` (or `h:mm:ss`), as running times are written in headers. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** A read time as an editor says it: `42 s` under a minute, `1:05` from a minute on. */
export function formatReadTime(seconds: number, labels: OutlineLabels = englishLabels): string {
  return seconds < 60 ? labels.seconds(seconds) : formatDuration(seconds);
}

/**
 * The first words of a text, ending in `…` when there is more: at most `maxWords` words and about
 * `maxLength` characters (a single long word is cut).
 */
export function firstWords(text: string, maxWords = 6, maxLength = 48, from = 0, to = text.length): string {
  let index = from;
  while (index < to && isSpace(text.charCodeAt(index))) {
    index++;
  }
  const start = index;
  let end = start;
  let words = 0;
  let truncated = false;
  // Single spaces between the words taken so far: then the head is one slice of the text.
  let plainSpaces = true;
  while (index < to) {
    const wordEnd = Math.min(nextSpace(text, index), to);
    if (words >= maxWords || (words > 0 && wordEnd - start > maxLength)) {
      truncated = true;
      break;
    }
    if (words === 0 && wordEnd - start > maxLength) {
      end = start + maxLength;
      truncated = true;
      break;
    }
    if (words > 0 && (index - end !== 1 || text.charCodeAt(end) !== 32)) {
      plainSpaces = false;
    }
    words++;
    end = wordEnd;
    index = wordEnd;
    while (index < to && isSpace(text.charCodeAt(index))) {
      index++;
    }
  }
  const slice = text.slice(start, end);
  const head = plainSpaces ? slice : slice.replace(/[\s\u00a0\u2000-\u200b\u202f\u3000]+/gu, ' ');
  return truncated ? `${trimTrailingPunctuation(head)}…` : head;
}

/** `completing,` → `completing`, before an ellipsis. */
function trimTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 1 && ',;:.–—-'.includes(text.charAt(end - 1))) {
    end--;
  }
  return end === text.length ? text : text.slice(0, end);
}

function nextSpace(text: string, from: number): number {
  let index = from;
  while (index < text.length && !isSpace(text.charCodeAt(index))) {
    index++;
  }
  return index;
}

function firstNonSpace(text: string): number {
  let index = 0;
  while (index < text.length && isSpace(text.charCodeAt(index))) {
    index++;
  }
  return index;
}

function lastNonSpaceEnd(text: string): number {
  let end = text.length;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) {
    end--;
  }
  return end;
}

/** Reads one line of the document version the model was parsed from (without its line break). */
export type LineSource = (line: number) => string;

/**
 * A quote's first words. With the document's lines they are read from the text in place; without,
 * from the quote's normalised text (which the model builds on first read).
 */
export function quoteHead(quote: Quote, lines?: LineSource | null, maxWords = 6, maxLength = 48): string {
  if (!lines) {
    return firstWords(quote.text, maxWords, maxLength);
  }
  const { start, end } = quote.innerRange;
  const text = lines(start.line);
  const to = end.line === start.line ? Math.min(end.character, text.length) : text.length;
  const head = firstWords(text, maxWords, maxLength, Math.min(start.character, text.length), to);
  return end.line > start.line && head.length > 0 && !head.endsWith('…') ? `${head}…` : head;
}

/** How many words a quote has, counted in the lines in place when they are given. */
export function quoteWordCount(quote: Quote, lines?: LineSource | null): number {
  if (!lines) {
    return countWords(quote.text);
  }
  const { start, end } = quote.innerRange;
  let words = 0;
  for (let line = start.line; line <= end.line; line++) {
    const text = lines(line);
    const from = line === start.line ? Math.min(start.character, text.length) : 0;
    const to = line === end.line ? Math.min(end.character, text.length) : text.length;
    words += countWords(text, from, to);
  }
  return words;
}

/** Cuts a one-line name to `maxLength` characters at a word boundary. */
function shorten(text: string, maxLength = 60): string {
  if (text.length <= maxLength) {
    return text;
  }
  const cut = text.lastIndexOf(' ', maxLength);
  return `${trimTrailingPunctuation(text.slice(0, cut > maxLength / 2 ? cut : maxLength))}…`;
}

// --- range helpers

export function comparePositions(a: OutlinePosition, b: OutlinePosition): number {
  return a.line === b.line ? a.character - b.character : a.line - b.line;
}

/** Inclusive at both ends, as a cursor sits: at the end of a quote is still in it. */
export function rangeContainsPosition(range: OutlineRange, position: OutlinePosition): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

export function rangeContainsRange(outer: OutlineRange, inner: OutlineRange): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

function rangesEqual(a: OutlineRange, b: OutlineRange): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

function span(start: OutlinePosition, end: OutlinePosition): OutlineRange {
  return { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } };
}

/** Reads a model range's positions once (model ranges build their positions on every read). */
function plain(range: TextRange): OutlineRange {
  const { start, end } = range;
  return { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } };
}

/** The selection range when it lies inside the range, else the range's start (an editor API throws otherwise). */
function within(range: OutlineRange, selection: OutlineRange | null): OutlineRange {
  return selection && rangeContainsRange(range, selection) ? selection : span(range.start, range.start);
}

/** Index of the last element whose start line is at or before `line`, -1 when none (elements in document order). */
function lastStartingAtOrBefore<T>(items: readonly T[], line: number, startLine: (item: T) => number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const item = items[middle] as T;
    if (startLine(item) <= line) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

// --- stories of a shot list

/** One story of a shot list (an archive holds several): a header block and what follows it. */
export interface StoryGroup {
  readonly index: number;
  readonly header: Header | null;
  readonly stories: readonly Story[];
  /** Header block start to the end of the story's last element. */
  readonly range: OutlineRange;
  /** The slug, or the page title for the first story, or null. */
  readonly slug: string | null;
}

const groupCache = new WeakMap<TranscriptDocument, readonly StoryGroup[]>();

/** The stories of a shot list in document order (one per header block; one in all when there is no header). */
export function storyGroups(document: TranscriptDocument): readonly StoryGroup[] {
  const cached = groupCache.get(document);
  if (cached) {
    return cached;
  }
  const groups = buildStoryGroups(document);
  groupCache.set(document, groups);
  return groups;
}

function buildStoryGroups(document: TranscriptDocument): StoryGroup[] {
  if (document.format !== 'shotlist') {
    return [];
  }
  const headers = document.headers;
  const headerLines = headers.map((header) => header.range.start.line);
  const count = Math.max(1, headers.length);
  const stories: Story[][] = Array.from({ length: count }, () => []);
  const starts: Array<OutlinePosition | null> = Array.from({ length: count }, (_, index) => {
    const header = headers[index];
    return header ? plain(header.range).start : null;
  });
  const ends: Array<OutlinePosition | null> = Array.from({ length: count }, (_, index) => {
    const header = headers[index];
    return header ? plain(header.range).end : null;
  });
  const extend = (group: number, range: OutlineRange): void => {
    const start = starts[group];
    const end = ends[group];
    starts[group] = start && comparePositions(start, range.start) <= 0 ? start : range.start;
    ends[group] = end && comparePositions(end, range.end) >= 0 ? end : range.end;
  };
  /**
   * Files each element of a list (in document order) under its story by its first line, and reads
   * the whole range only of the first and last element of each story: they bound it. An archive has
   * tens of thousands of shots and sections; their ranges are built on every read.
   */
  const bound = <T>(items: readonly T[], firstLine: (item: T) => number, range: (item: T) => OutlineRange, onItem?: (item: T, group: number) => void): void => {
    let group = 0;
    let first = -1;
    let last = -1;
    const close = (): void => {
      if (first >= 0) {
        extend(group, range(items[first] as T));
        if (last !== first) {
          extend(group, range(items[last] as T));
        }
      }
    };
    items.forEach((item, index) => {
      const line = firstLine(item);
      if (line < 0) {
        return;
      }
      let next = group;
      while (next + 1 < headerLines.length && (headerLines[next + 1] as number) <= line) {
        next++;
      }
      if (next !== group) {
        close();
        group = next;
        first = -1;
      }
      if (first < 0) {
        first = index;
      }
      last = index;
      onItem?.(item, group);
    });
    close();
  };
  bound(document.sections, (section) => section.headingRange.start.line, (section) => plain(section.range));
  bound(document.shots, (shot) => (shot.sectionIndex === null ? shot.lineRange.start.line : -1), (shot) => plain(shot.range));
  bound(document.stories, (story) => storyTextRange(story).start.line, storyTextRange, (story, group) => stories[group]?.push(story));
  const groups: StoryGroup[] = [];
  for (let index = 0; index < count; index++) {
    const header = headers[index] ?? null;
    const start = starts[index];
    const end = ends[index];
    if (!start || !end) {
      continue;
    }
    const slug = header?.story ?? (index === 0 ? document.title?.text ?? null : null);
    groups.push({ index, header, stories: stories[index] ?? [], range: span(start, end), slug });
  }
  return groups;
}

/** The story text from its STORYLINE heading (when there is one) to its last line. */
function storyTextRange(story: Story): OutlineRange {
  const range = plain(story.range);
  const heading = story.headingRange ? plain(story.headingRange) : null;
  return heading && comparePositions(heading.start, range.start) < 0 ? span(heading.start, range.end) : range;
}

// --- document symbols

/**
 * Above this many symbols the outline drops detail: the editor serialises every symbol to the
 * workbench on each edit (Outline, breadcrumbs, sticky scroll), at tens of microseconds each, so a
 * 10 MB archive at full detail (about 92,000 symbols) would keep it busy for seconds after every edit.
 */
export const defaultMaxSymbols = 10_000;

export interface OutlineOptions {
  readonly labels?: OutlineLabels;
  /**
   * The document's lines (the version the model was parsed from). With them, quotes are summarised
   * from the text in place instead of through the model's normalised copies: faster on archives.
   */
  readonly lines?: LineSource | null;
  /** The symbol budget (default `defaultMaxSymbols`); `Infinity` always gives full detail. */
  readonly maxSymbols?: number;
}

/** What a level of detail keeps below each story (shot lists) or turn (interviews). */
interface Detail {
  readonly fields: boolean;
  readonly shots: boolean;
  readonly quotes: boolean;
  readonly sections: boolean;
  readonly soundbites: boolean;
  /** False: the stories alone. */
  readonly parts: boolean;
}

/** Finest first; each level drops what an editor misses least in a long archive. */
const detailLevels: readonly Detail[] = [
  { fields: true, shots: true, quotes: true, sections: true, soundbites: true, parts: true },
  { fields: false, shots: true, quotes: true, sections: true, soundbites: true, parts: true },
  { fields: false, shots: false, quotes: true, sections: true, soundbites: true, parts: true },
  { fields: false, shots: false, quotes: false, sections: true, soundbites: true, parts: true },
  { fields: false, shots: false, quotes: false, sections: false, soundbites: true, parts: true },
  { fields: false, shots: false, quotes: false, sections: false, soundbites: false, parts: false },
];

/** How many symbols each level gives, counted from the model without building anything. */
function symbolCounts(document: TranscriptDocument): number[] {
  if (document.format !== 'shotlist') {
    const base = (document.title ? 1 : 0) + document.turns.length;
    const quotes = document.quotes.length;
    return detailLevels.map((detail) => base + (detail.quotes ? quotes : 0));
  }
  const stories = Math.max(1, document.headers.length);
  const headers = document.headers.length;
  const texts = document.stories.length;
  let fields = 0;
  for (const header of document.headers) {
    fields += header.fields.length;
  }
  let quotes = 0;
  for (const story of document.stories) {
    quotes += story.quotes.length;
  }
  const soundbites = document.soundbites.length;
  const shots = document.shots.length - soundbites;
  const sections = document.sections.length;
  return detailLevels.map((detail) => stories + (detail.parts ? headers + texts : 0) + (detail.fields ? fields : 0) +
    (detail.shots ? shots : 0) + (detail.quotes ? quotes : 0) + (detail.sections ? sections : 0) + (detail.soundbites ? soundbites : 0));
}

/**
 * The level of detail the outline uses under this budget: 0 is everything; then without header
 * fields; without plain shots; without the story's quotes; without sections (soundbites directly under
 * their story); 5 is the stories alone. Interviews drop their quotes from level 2 on.
 */
export function outlineLevel(document: TranscriptDocument, maxSymbols = defaultMaxSymbols): number {
  const counts = symbolCounts(document);
  const level = counts.findIndex((count) => count <= maxSymbols);
  return level < 0 ? detailLevels.length - 1 : level;
}

interface Build {
  readonly document: TranscriptDocument;
  readonly labels: OutlineLabels;
  readonly lines: LineSource | null;
  readonly detail: Detail;
}

const outlineCache = new WeakMap<TranscriptDocument, { labels: OutlineLabels; level: number; symbols: readonly OutlineSymbol[] }>();

/**
 * The symbol tree of a transcript, built once per model (label set and level). Shot lists: one story
 * per header block → header (fields), sections (shots, soundbites), story text (quotes). Interviews:
 * the title, then one symbol per turn (its quotes inside). Prose: the title, then the quotes. Past
 * `maxSymbols` the finer levels are left out (see `outlineLevel`).
 */
export function buildOutline(document: TranscriptDocument, options: OutlineOptions = {}): readonly OutlineSymbol[] {
  const labels = options.labels ?? englishLabels;
  const level = outlineLevel(document, options.maxSymbols ?? defaultMaxSymbols);
  const cached = outlineCache.get(document);
  if (cached && cached.labels === labels && cached.level === level) {
    return cached.symbols;
  }
  const detail = detailLevels[level] as Detail;
  const build: Build = { document, labels, lines: options.lines ?? null, detail };
  const symbols = document.format === 'shotlist' ? shotlistOutline(build) : spokenOutline(build);
  outlineCache.set(document, { labels, level, symbols });
  return symbols;
}

/**
 * One pass over the model in document order: each element's symbol is built once and filed under
 * the story (header block) it follows. Story ranges come from `storyGroups`, so a story spans its
 * header and body whatever the level of detail.
 */
function shotlistOutline(build: Build): OutlineSymbol[] {
  const { document, labels, detail } = build;
  const groups = storyGroups(document);
  const starts = groups.map((group) => group.range.start.line);
  const bodies: OutlineSymbol[][] = groups.map(() => []);
  const texts: OutlineSymbol[][] = groups.map(() => []);
  // Every list is in document order, so the story pointer only moves forward within one list.
  let group = 0;
  const file = (lists: OutlineSymbol[][], symbol: OutlineSymbol): void => {
    const line = symbol.range.start.line;
    while (group + 1 < starts.length && (starts[group + 1] as number) <= line) {
      group++;
    }
    lists[group]?.push(symbol);
  };
  let mixed = false;
  if (detail.parts) {
    if (detail.sections) {
      for (const section of document.sections) {
        file(bodies, sectionSymbol(build, section));
      }
      group = 0;
    }
    for (const shot of document.shots) {
      const inBody = !detail.sections || shot.sectionIndex === null;
      const wanted = shot.soundbiteIndex === null ? detail.shots : detail.soundbites;
      if (inBody && wanted) {
        mixed ||= detail.sections && document.sections.length > 0;
        file(bodies, shotSymbol(build, shot));
      }
    }
    group = 0;
    for (const story of document.stories) {
      file(texts, storySymbol(build, story));
    }
  }
  return groups.map((story, index): OutlineSymbol => {
    const body = bodies[index] ?? [];
    if (mixed) {
      // Section-less shots before the first section interleave with sections: keep document order.
      body.sort((x, y) => x.range.start.line - y.range.start.line);
    }
    const header = story.header;
    const children = header && detail.parts ? [headerSymbol(header, labels, detail.fields), ...body, ...(texts[index] ?? [])] : [...body, ...(texts[index] ?? [])];
    const storyField = header?.fields.find((field) => field.name === 'STORY');
    const trt = header?.trtSeconds ?? null;
    return {
      name: story.slug ?? labels.untitledStory,
      detail: trt === null ? '' : formatDuration(trt),
      kind: 'story',
      range: story.range,
      selectionRange: within(story.range, storyField ? storyField.valueRange : header ? header.range : children[0]?.selectionRange ?? null),
      children,
    };
  });
}

function headerSymbol(header: Header, labels: OutlineLabels, withFields: boolean): OutlineSymbol {
  const range = header.range;
  const children = !withFields ? [] : header.fields.map((field): OutlineSymbol => {
    const fieldRange = field.range;
    return { name: field.name, detail: field.value, kind: 'field', range: fieldRange, selectionRange: within(fieldRange, field.nameRange), children: [] };
  });
  const first = header.fields[0];
  return { name: labels.header, detail: '', kind: 'header', range, selectionRange: within(range, first ? first.nameRange : null), children };
}

function sectionSymbol(build: Build, section: Section): OutlineSymbol {
  const range = section.range;
  const children: OutlineSymbol[] = [];
  let first: string | null = null;
  let last: string | null = null;
  for (const index of section.shotIndexes) {
    const shot = build.document.shots[index];
    if (shot) {
      if (shot.soundbiteIndex !== null || build.detail.shots) {
        children.push(shotSymbol(build, shot));
      }
      const numberText = shot.numberText;
      if (numberText !== null) {
        first ??= numberText;
        last = numberText;
      }
    }
  }
  return {
    name: section.text,
    detail: first === null ? '' : build.labels.shots(first, last === first ? null : last),
    kind: 'section',
    range,
    selectionRange: within(range, section.headingRange),
    children,
  };
}

function shotSymbol(build: Build, shot: Shot): OutlineSymbol {
  const soundbite = shot.soundbiteIndex === null ? undefined : build.document.soundbites[shot.soundbiteIndex];
  if (soundbite) {
    return soundbiteSymbol(build, soundbite);
  }
  // The whole shot is its own selection: one line, or a description wrapped over a few.
  const range = shot.range;
  const text = shot.text;
  return {
    name: shorten(shot.numberText === null ? text : `${shot.numberText}. ${text}`),
    detail: '',
    kind: 'shot',
    range,
    selectionRange: range,
    children: [],
  };
}

/** `2. Jean-Pierre Lacroix`: the number and the speaker. */
export function soundbiteName(soundbite: Soundbite, labels: OutlineLabels = englishLabels): string {
  const speaker = soundbite.speaker ?? labels.soundbite;
  return soundbite.number === null ? speaker : `${soundbite.number}. ${speaker}`;
}

/** `We're on the way to completing… · 29 s`, or the `no quote` label. */
export function soundbiteDetail(soundbite: Soundbite, labels: OutlineLabels = englishLabels, lines?: LineSource | null): string {
  const quote = soundbite.quote;
  const words = quote ? quoteWordCount(quote, lines) : 0;
  if (!quote || words === 0) {
    return labels.noQuote;
  }
  return `${quoteHead(quote, lines)} · ${formatReadTime(secondsForWords(words), labels)}`;
}

function soundbiteSymbol(build: Build, soundbite: Soundbite): OutlineSymbol {
  const range = soundbite.range;
  const speaker = soundbite.speakerRange;
  return {
    name: soundbiteName(soundbite, build.labels),
    detail: soundbiteDetail(soundbite, build.labels, build.lines),
    kind: 'soundbite',
    range,
    selectionRange: within(range, speaker ?? soundbite.lineRange),
    children: [],
  };
}

function storySymbol(build: Build, story: Story): OutlineSymbol {
  const range = storyTextRange(story);
  const heading = story.headingRange;
  const firstParagraph = story.paragraphs[0];
  const selection = heading ?? firstParagraph;
  return {
    name: build.labels.storyText,
    detail: '',
    kind: 'storyText',
    range,
    selectionRange: within(range, selection ?? null),
    children: build.detail.quotes ? story.quotes.map((quote) => quoteSymbol(build, quote)) : [],
  };
}

function quoteSymbol(build: Build, quote: Quote): OutlineSymbol {
  const range = quote.range;
  const open = quote.openMark ?? '';
  const close = quote.closed ? quote.closeMark ?? '' : '';
  const head = quoteHead(quote, build.lines);
  return {
    name: head.endsWith('…') ? `${open}${head}` : `${open}${head}${close}`,
    detail: quote.closed ? '' : build.labels.unclosedQuote,
    kind: 'quote',
    range,
    selectionRange: within(range, quote.innerRange),
    children: [],
  };
}

function spokenOutline(build: Build): OutlineSymbol[] {
  const { document } = build;
  const symbols: OutlineSymbol[] = [];
  if (document.title) {
    const range = plain(document.title.range);
    symbols.push({ name: document.title.text, detail: '', kind: 'title', range, selectionRange: range, children: [] });
  }
  const quotes = build.detail.quotes ? document.quotes : [];
  const quoteRanges = quotes.map((quote) => plain(quote.range));
  let next = 0;
  for (const turn of document.turns) {
    const range = plain(turn.range);
    const children: OutlineSymbol[] = [];
    while (next < quotes.length && comparePositions((quoteRanges[next] as OutlineRange).start, range.start) < 0) {
      symbols.push(quoteSymbol(build, quotes[next] as Quote));
      next++;
    }
    while (next < quotes.length && rangeContainsRange(range, quoteRanges[next] as OutlineRange)) {
      children.push(quoteSymbol(build, quotes[next] as Quote));
      next++;
    }
    symbols.push(turnSymbol(build, turn, range, children));
  }
  for (; next < quotes.length; next++) {
    symbols.push(quoteSymbol(build, quotes[next] as Quote));
  }
  return symbols;
}

/** `UN News`, `Q`, `01:23 Question`: the label as written, or the role. */
export function turnName(turn: Turn, labels: OutlineLabels = englishLabels): string {
  const who = turn.speaker ?? labels.roles[turn.role];
  return turn.timecode ? `${turn.timecode} ${who}` : who;
}

function turnSymbol(build: Build, turn: Turn, range: OutlineRange, children: OutlineSymbol[]): OutlineSymbol {
  const selection = plain(turn.labelRange ?? turn.textRange);
  return {
    name: turnName(turn, build.labels),
    detail: firstWords(turn.text, 8, 60),
    kind: turn.role,
    range,
    selectionRange: within(range, span(selection.start, selection.start.line === selection.end.line ? selection.end : selection.start)),
    children,
  };
}

// --- folding

export type FoldKind = 'header' | 'section' | 'soundbite' | 'story' | 'turn' | 'wholeStory';

export interface FoldRange {
  /** 0-based lines, inclusive; `end` > `start`. */
  readonly start: number;
  readonly end: number;
  readonly kind: FoldKind;
}

/** The editor's default `editor.foldingMaximumRegions`: it ignores folds past this many. */
export const defaultMaxFoldingRanges = 5000;

/**
 * Header blocks, sections, multi-line soundbites, story texts and multi-line turns, in document
 * order. Past `maxRanges` the editor would keep the first ones and drop the rest of the document, so
 * an archive gives up soundbite folds first, then section folds, and at last folds each whole story
 * (header to end) instead of its header and story text: every story stays foldable.
 */
export function foldingRanges(document: TranscriptDocument, maxRanges = defaultMaxFoldingRanges): FoldRange[] {
  const collect = (kind: FoldKind, ranges: ReadonlyArray<{ start: number; end: number }>): FoldRange[] =>
    ranges.filter((range) => range.end > range.start).map((range) => ({ start: range.start, end: range.end, kind }));
  const lines = (range: TextRange | OutlineRange): { start: number; end: number } => ({ start: range.start.line, end: range.end.line });
  const turns = collect('turn', document.turns.map((turn) => lines(turn.range)));
  const headers = collect('header', document.headers.map((header) => lines(header.range)));
  const stories = collect('story', document.stories.map((story) => lines(storyTextRange(story))));
  let folds = [...headers, ...stories, ...turns];
  if (folds.length <= maxRanges) {
    const sections = collect('section', document.sections.map((section) => ({ start: section.headingRange.start.line, end: section.range.end.line })));
    if (folds.length + sections.length <= maxRanges) {
      folds = folds.concat(sections);
      const soundbites = collect('soundbite', document.soundbites.map((soundbite) => ({ start: soundbite.lineRange.start.line, end: soundbite.range.end.line })));
      if (folds.length + soundbites.length <= maxRanges) {
        folds = folds.concat(soundbites);
      }
    }
  } else if (document.format === 'shotlist') {
    folds = collect('wholeStory', storyGroups(document).map((group) => lines(group.range)));
  }
  return folds.sort((a, b) => a.start - b.start || b.end - a.end);
}

// --- smart select

/**
 * The ranges that Expand Selection grows through from `position`, innermost first, each containing
 * the one before. Shot lists: quote text → quote with marks → soundbite → section → story (header
 * block and body) → document. Interviews: sentence or quote → paragraph → turn → document. The word
 * itself comes from the editor. `lineText` reads a line of the same document version.
 */
export function selectionChain(document: TranscriptDocument, position: OutlinePosition, lineText: (line: number) => string): OutlineRange[] {
  const candidates: OutlineRange[] = [];
  const add = (range: OutlineRange | TextRange | null | undefined): void => {
    if (range) {
      const value = 'offset' in range.start ? plain(range as TextRange) : range;
      if (rangeContainsPosition(value, position)) {
        candidates.push(value);
      }
    }
  };
  if (document.format === 'shotlist') {
    shotlistCandidates(document, position, add, lineText);
  } else {
    spokenCandidates(document, position, add, lineText);
  }
  const lastLine = Math.max(0, document.lineCount - 1);
  add(span({ line: 0, character: 0 }, { line: lastLine, character: lineText(lastLine).length }));
  return nest(candidates);
}

/**
 * Orders the ranges as the editor does (later start first, then earlier end) and keeps each one
 * that strictly contains the one kept before it. All of them contain the position.
 */
function nest(candidates: OutlineRange[]): OutlineRange[] {
  candidates.sort((a, b) => comparePositions(b.start, a.start) || comparePositions(a.end, b.end));
  const chain: OutlineRange[] = [];
  for (const range of candidates) {
    const previous = chain[chain.length - 1];
    if (!previous || (rangeContainsRange(range, previous) && !rangesEqual(range, previous))) {
      chain.push(range);
    }
  }
  return chain;
}

type Add = (range: OutlineRange | TextRange | null | undefined) => void;

function shotlistCandidates(document: TranscriptDocument, position: OutlinePosition, add: Add, lineText: (line: number) => string): void {
  const line = position.line;
  const groups = storyGroups(document);
  const group = groups[Math.max(0, lastStartingAtOrBefore(groups, line, (item) => item.range.start.line))];
  if (group) {
    add(group.range);
  }
  const header = group?.header;
  if (header && rangeContainsPosition(plain(header.range), position)) {
    add(header.range);
    for (const field of header.fields) {
      if (field.range.start.line === line) {
        add(field.range);
        add(field.valueRange);
      }
    }
    return;
  }
  const sectionIndex = lastStartingAtOrBefore(document.sections, line, (section) => section.headingRange.start.line);
  const section = document.sections[sectionIndex];
  if (section && rangeContainsPosition(plain(section.range), position)) {
    add(section.range);
    add(section.headingRange);
  }
  const shotIndex = lastStartingAtOrBefore(document.shots, line, (shot) => shot.lineRange.start.line);
  const shot = document.shots[shotIndex];
  if (shot && rangeContainsPosition(plain(shot.range), position)) {
    add(shot.range);
    add(shot.lineRange);
    const soundbite = shot.soundbiteIndex === null ? undefined : document.soundbites[shot.soundbiteIndex];
    if (soundbite) {
      add(soundbite.range);
      add(soundbite.speakerRange);
      add(soundbite.titleRange);
      add(soundbite.languageRange);
      if (soundbite.quote) {
        add(soundbite.quote.range);
        add(soundbite.quote.innerRange);
      }
    }
    return;
  }
  for (const story of group?.stories ?? []) {
    const range = storyTextRange(story);
    if (!rangeContainsPosition(range, position)) {
      continue;
    }
    add(range);
    add(story.headingRange);
    const paragraph = story.paragraphs.find((item) => item.start.line <= line && line <= item.end.line);
    add(paragraph);
    for (const quote of story.quotes) {
      add(quote.range);
      add(quote.innerRange);
    }
    if (paragraph) {
      add(sentenceAt(lineText(line), position, plain(paragraph)));
    }
  }
}

function spokenCandidates(document: TranscriptDocument, position: OutlinePosition, add: Add, lineText: (line: number) => string): void {
  const line = position.line;
  const text = lineText(line);
  const paragraph = paragraphOn(text, line);
  const turnIndex = lastStartingAtOrBefore(document.turns, line, (turn) => turn.range.start.line);
  const turn = document.turns[turnIndex];
  let bounds = paragraph;
  if (turn && rangeContainsPosition(plain(turn.range), position)) {
    add(turn.range);
    add(turn.labelRange);
    const textRange = plain(turn.textRange);
    add(textRange);
    if (paragraph && textRange.start.line === line) {
      bounds = span(textRange.start, paragraph.end);
    }
  }
  if (document.title && document.title.range.start.line === line) {
    add(document.title.range);
  }
  add(paragraph);
  add(bounds);
  // Quotes never overlap: those starting on this line, and at most one from an earlier line.
  for (let index = lastStartingAtOrBefore(document.quotes, line, (quote) => quote.range.start.line); index >= 0; index--) {
    const quote = document.quotes[index] as Quote;
    const range = plain(quote.range);
    if (rangeContainsPosition(range, position)) {
      add(range);
      add(quote.innerRange);
    }
    if (range.start.line < line) {
      break;
    }
  }
  if (bounds) {
    add(sentenceAt(text, position, bounds));
  }
}

/** The visible part of a line, or null for a blank line. */
function paragraphOn(text: string, line: number): OutlineRange | null {
  const start = firstNonSpace(text);
  const end = lastNonSpaceEnd(text);
  return end > start ? span({ line, character: start }, { line, character: end }) : null;
}

const closingAfterStop = new Set(['"', '”', '’', '»', ')', ']', '\'']);

/**
 * The sentence around the position on its line, kept inside `bounds`: from after the previous
 * `.`, `?`, `!` or `…` that is followed by white space, to the next one (with its closing marks).
 */
export function sentenceAt(text: string, position: OutlinePosition, bounds: OutlineRange): OutlineRange | null {
  const line = position.line;
  const from = bounds.start.line === line ? bounds.start.character : firstNonSpace(text);
  const to = bounds.end.line === line ? Math.min(bounds.end.character, text.length) : lastNonSpaceEnd(text);
  const at = Math.min(Math.max(position.character, from), to);
  let start = from;
  for (let index = Math.min(at, to) - 1; index > from; index--) {
    if (isSpace(text.charCodeAt(index)) && endsSentence(text, index, from)) {
      start = index + 1;
      break;
    }
  }
  while (start < to && isSpace(text.charCodeAt(start))) {
    start++;
  }
  let end = to;
  for (let index = Math.max(at, start); index < to; index++) {
    if (isSpace(text.charCodeAt(index)) && endsSentence(text, index, from)) {
      end = index;
      break;
    }
  }
  while (end > start && isSpace(text.charCodeAt(end - 1))) {
    end--;
  }
  return end > start ? span({ line, character: start }, { line, character: end }) : null;
}

/** True when the characters just before the white space at `index` close a sentence. */
function endsSentence(text: string, index: number, from: number): boolean {
  let end = index - 1;
  while (end >= from && closingAfterStop.has(text.charAt(end))) {
    end--;
  }
  const stop = text.charAt(end);
  if (stop !== '.' && stop !== '?' && stop !== '!' && stop !== '…') {
    return false;
  }
  if (stop === '.') {
    // `Mr. Lacroix`, `Lt. Col.`, `U.N.`: a short capitalised word or an initialism before the dot.
    let wordStart = end;
    while (wordStart > from && !isSpace(text.charCodeAt(wordStart - 1))) {
      wordStart--;
    }
    const word = text.slice(wordStart, end);
    if (/^(?:[A-Z][a-z]{0,3}|(?:[A-Za-z]\.)+[A-Za-z]?|[a-z]{1,2})$/u.test(word) && !/^(?:I|A)$/u.test(word)) {
      return false;
    }
  }
  return true;
}

// --- soundbite navigation

/** A place Next/Previous Soundbite and "Go to Soundbite…" move to. */
export interface SoundbiteTarget {
  /** Where the cursor goes: the first word of the quote (or of the turn). */
  readonly position: OutlinePosition;
  /** What to bring into view: the speaker line and the quote. */
  readonly revealRange: OutlineRange;
  readonly soundbite: Soundbite | null;
  readonly turn: Turn | null;
  readonly quote: Quote | null;
}

const targetCache = new WeakMap<TranscriptDocument, readonly SoundbiteTarget[]>();

/**
 * Soundbites of a shot list; answers of an interview (every turn when none is an answer); quotes
 * of prose. In document order.
 */
export function soundbiteTargets(document: TranscriptDocument): readonly SoundbiteTarget[] {
  const cached = targetCache.get(document);
  if (cached) {
    return cached;
  }
  let targets: SoundbiteTarget[];
  if (document.format === 'shotlist') {
    targets = document.soundbites.map((soundbite) => {
      const quote = soundbite.quote;
      const anchor = quote ? plain(quote.innerRange).start : plain(soundbite.speakerRange ?? soundbite.lineRange).start;
      return { position: anchor, revealRange: plain(soundbite.range), soundbite, turn: null, quote };
    });
  } else if (document.turns.length > 0) {
    const answers = document.turns.filter((turn) => turn.role === 'answer');
    targets = (answers.length > 0 ? answers : document.turns).map((turn) =>
      ({ position: plain(turn.textRange).start, revealRange: plain(turn.range), soundbite: null, turn, quote: null }));
  } else {
    targets = document.quotes.map((quote) => ({ position: plain(quote.innerRange).start, revealRange: plain(quote.range), soundbite: null, turn: null, quote }));
  }
  targetCache.set(document, targets);
  return targets;
}

export interface Step {
  readonly index: number;
  readonly target: SoundbiteTarget;
  /** True when the move went past the last (or first) one and came round. */
  readonly wrapped: boolean;
}

/**
 * The next target strictly after `position` (or the previous one strictly before it), wrapping
 * round at the ends; null when there is none at all.
 */
export function stepTarget(targets: readonly SoundbiteTarget[], position: OutlinePosition, direction: 'next' | 'previous'): Step | null {
  if (targets.length === 0) {
    return null;
  }
  // First index whose position is after `position`.
  let low = 0;
  let high = targets.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (comparePositions((targets[middle] as SoundbiteTarget).position, position) <= 0) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  if (direction === 'next') {
    const wrapped = low >= targets.length;
    const index = wrapped ? 0 : low;
    return { index, target: targets[index] as SoundbiteTarget, wrapped };
  }
  // Last index whose position is before `position`.
  let previous = low - 1;
  while (previous >= 0 && comparePositions((targets[previous] as SoundbiteTarget).position, position) === 0) {
    previous--;
  }
  const wrapped = previous < 0;
  const index = wrapped ? targets.length - 1 : previous;
  return { index, target: targets[index] as SoundbiteTarget, wrapped };
}

/** The target the position is in (or the last one before it), for the quick pick's first active item. */
export function currentTarget(targets: readonly SoundbiteTarget[], position: OutlinePosition): number {
  let found = -1;
  for (let low = 0, high = targets.length - 1; low <= high;) {
    const middle = (low + high) >> 1;
    if (comparePositions((targets[middle] as SoundbiteTarget).revealRange.start, position) <= 0) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

// --- "Go to Soundbite…" items

export interface SoundbitePickItem {
  /** `2. Jean-Pierre Lacroix` */
  readonly label: string;
  /** Read time, language and title: `29 s · English · Under-Secretary-General…` */
  readonly description: string;
  /**
   * The quote's words (up to about 1,000 characters). The list shows the first ones, as many as fit
   * on a line; typing filters on all of them.
   */
  readonly detail: string;
  /** The story slug, for a separator when an archive holds several stories. */
  readonly story: string | null;
  readonly targetIndex: number;
}

const maxDetailLength = 1000;

function pickDetail(text: string): string {
  return text.length > maxDetailLength ? firstWords(text, Infinity, maxDetailLength) : text;
}

/** One item per target of `soundbiteTargets`, in the same order. */
export function soundbitePickItems(document: TranscriptDocument, labels: OutlineLabels = englishLabels): SoundbitePickItem[] {
  const targets = soundbiteTargets(document);
  const groups = storyGroups(document);
  const several = groups.length > 1;
  return targets.map((target, targetIndex): SoundbitePickItem => {
    let story: string | null = null;
    if (several) {
      const group = groups[Math.max(0, lastStartingAtOrBefore(groups, target.revealRange.start.line, (item) => item.range.start.line))];
      story = group?.slug ?? labels.untitledStory;
    }
    const { soundbite, turn, quote } = target;
    if (soundbite) {
      const text = quote?.text ?? '';
      const parts = [
        text ? formatReadTime(readSeconds(text), labels) : null,
        soundbite.languageName ?? soundbite.language,
        soundbite.title,
      ].filter((part): part is string => Boolean(part));
      return { label: soundbiteName(soundbite, labels), description: parts.join(' · '), detail: text ? pickDetail(text) : labels.noQuote, story, targetIndex };
    }
    if (turn) {
      const text = turn.text;
      return { label: turnName(turn, labels), description: formatReadTime(readSeconds(text), labels), detail: pickDetail(text), story, targetIndex };
    }
    const text = quote?.text ?? '';
    return { label: firstWords(text), description: formatReadTime(readSeconds(text), labels), detail: pickDetail(text), story, targetIndex };
  });
}
