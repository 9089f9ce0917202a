// The symbol tree of a transcript (Outline, breadcrumbs, sticky scroll, Go to Symbol in Editor), as
// plain data, with a symbol budget for long archives. Reads the parsed model; never parses again.
import type { Header, Quote, Section, Shot, Soundbite, Story, TranscriptDocument, Turn } from '../model';
import { firstWords, trimTrailingPunctuation } from '../text/words';
import { englishLabels, type OutlineLabels } from './labels';
import { comparePositions, plain, rangeContainsRange, span, within, type OutlineRange } from './ranges';
import { formatDuration, formatReadTime, quoteHead, quoteWordCount, secondsForWords, type LineSource } from './readTime';
import { mapSteps, runToEnd, sortSteps, StepBudget, appendSteps, type Steps } from '../util/steps';
import { storyGroupSteps, storyTextRange, type StoryGroup } from './storyGroups';

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

/** Symbols (and the elements behind them) handled between two chances to yield: about a millisecond on an archive. */
const outlineElementsPerStep = 1000;

/** The children of every leaf: one frozen list, not one list per symbol (an archive has tens of thousands). */
const noChildren: readonly OutlineSymbol[] = Object.freeze([]);

const countCache = new WeakMap<TranscriptDocument, readonly number[]>();

/** How many symbols each level gives, counted from the model without building anything; once per model. */
function* symbolCountSteps(document: TranscriptDocument, budget: StepBudget): Steps<readonly number[]> {
  const cached = countCache.get(document);
  if (cached) {
    return cached;
  }
  let counts: number[];
  if (document.format !== 'shotlist') {
    const base = (document.title ? 1 : 0) + document.turns.length;
    const quotes = document.quotes.length;
    counts = detailLevels.map((detail) => base + (detail.quotes ? quotes : 0));
  } else {
    const stories = Math.max(1, document.headers.length);
    const headers = document.headers.length;
    const texts = document.stories.length;
    let fields = 0;
    for (const header of document.headers) {
      if (budget.spend()) {
        yield;
      }
      fields += header.fields.length;
    }
    let quotes = 0;
    for (const story of document.stories) {
      if (budget.spend()) {
        yield;
      }
      quotes += story.quotes.length;
    }
    const soundbites = document.soundbites.length;
    const shots = document.shots.length - soundbites;
    const sections = document.sections.length;
    counts = detailLevels.map((detail) => stories + (detail.parts ? headers + texts : 0) + (detail.fields ? fields : 0) +
      (detail.shots ? shots : 0) + (detail.quotes ? quotes : 0) + (detail.sections ? sections : 0) + (detail.soundbites ? soundbites : 0));
  }
  countCache.set(document, counts);
  return counts;
}

/** The finest level whose count fits the budget, else the stories alone. */
function levelUnder(counts: readonly number[], maxSymbols: number): number {
  const level = counts.findIndex((count) => count <= maxSymbols);
  return level < 0 ? detailLevels.length - 1 : level;
}

/**
 * The level of detail the outline uses under this budget: 0 is everything; then without header
 * fields; without plain shots; without the story's quotes; without sections (soundbites directly under
 * their story); 5 is the stories alone. Interviews drop their quotes from level 2 on.
 */
export function outlineLevel(document: TranscriptDocument, maxSymbols = defaultMaxSymbols): number {
  return levelUnder(runToEnd(symbolCountSteps(document, new StepBudget(outlineElementsPerStep))), maxSymbols);
}

interface Build {
  readonly document: TranscriptDocument;
  readonly labels: OutlineLabels;
  readonly lines: LineSource | null;
  readonly level: number;
  readonly detail: Detail;
  readonly budget: StepBudget;
}

const outlineCache = new WeakMap<TranscriptDocument, { labels: OutlineLabels; level: number; symbols: readonly OutlineSymbol[] }>();

/**
 * The symbol tree of a transcript, built once per model (label set and level). Shot lists: one story
 * per header block → header (fields), sections (shots, soundbites), story text (quotes). Interviews:
 * the title, then one symbol per turn (its quotes inside). Prose: the title, then the quotes. Past
 * `maxSymbols` the finer levels are left out (see `outlineLevel`).
 */
export function buildOutline(document: TranscriptDocument, options: OutlineOptions = {}): readonly OutlineSymbol[] {
  return runToEnd(buildOutlineSteps(document, options));
}

/**
 * buildOutline() in steps of about a thousand elements, sharing its cache (a model already outlined
 * with these labels at this level returns at the first step).
 */
export function* buildOutlineSteps(document: TranscriptDocument, options: OutlineOptions = {}): Steps<readonly OutlineSymbol[]> {
  const labels = options.labels ?? englishLabels;
  const budget = new StepBudget(outlineElementsPerStep);
  const level = levelUnder(yield* symbolCountSteps(document, budget), options.maxSymbols ?? defaultMaxSymbols);
  const cached = outlineCache.get(document);
  if (cached && cached.labels === labels && cached.level === level) {
    return cached.symbols;
  }
  const detail = detailLevels[level] as Detail;
  const build: Build = { document, labels, lines: options.lines ?? null, level, detail, budget };
  const symbols = document.format === 'shotlist' ? yield* shotlistOutline(build) : yield* spokenOutline(build);
  outlineCache.set(document, { labels, level, symbols });
  return symbols;
}

/**
 * Each story's symbol, kept with its story group for a label set and level. After an edit the story
 * groups the edit did not touch are the same objects (see `PreviousGroups`), and so are their symbols:
 * an archive's outline after a keystroke builds one story's symbol, not fourteen thousand, and the
 * editor's copies of the others are kept too (they are keyed by these symbols).
 */
const groupSymbolCaches = new WeakMap<OutlineLabels, Array<WeakMap<StoryGroup, OutlineSymbol>>>();

/**
 * The story symbols kept for a label set, a level and a way of reading quotes (through the document's
 * lines or the model's copies, which may word a summary differently): one table each, so that no
 * record per story is allocated.
 */
function groupSymbolCache(build: Build): WeakMap<StoryGroup, OutlineSymbol> {
  let tables = groupSymbolCaches.get(build.labels);
  if (!tables) {
    tables = [];
    groupSymbolCaches.set(build.labels, tables);
  }
  return (tables[build.level * 2 + (build.lines ? 1 : 0)] ??= new WeakMap());
}

/**
 * One pass over the model in document order: each element's symbol is built once and filed under
 * the story (header block) it follows, unless that story's symbol is kept from an earlier version.
 * Story ranges come from `storyGroups`, so a story spans its header and body whatever the level of detail.
 */
function* shotlistOutline(build: Build): Steps<OutlineSymbol[]> {
  const { document, detail, budget } = build;
  const groups = yield* storyGroupSteps(document, budget);
  const cache = groupSymbolCache(build);
  const kept: Array<OutlineSymbol | undefined> = [];
  for (const group of groups) {
    if (budget.spend()) {
      yield;
    }
    kept.push(cache.get(group));
  }
  const starts = groups.map((group) => group.range.start.line);
  // Made for the stories that get elements only: an archive outlined as stories alone needs none.
  const bodies: Array<OutlineSymbol[] | undefined> = [];
  const texts: Array<OutlineSymbol[] | undefined> = [];
  // Every list is in document order, so the story pointer only moves forward within one list.
  let group = 0;
  /** The story an element starting on `line` is filed under, or -1 when that story's symbol is kept. */
  const storyToBuild = (line: number): number => {
    while (group + 1 < starts.length && (starts[group + 1] as number) <= line) {
      group++;
    }
    return kept[group] === undefined ? group : -1;
  };
  let mixed = false;
  if (detail.parts && kept.includes(undefined)) {
    if (detail.sections) {
      for (const section of document.sections) {
        if (budget.spend()) {
          yield;
        }
        const story = storyToBuild(section.range.start.line);
        if (story >= 0) {
          (bodies[story] ??= []).push(yield* sectionSymbol(build, section));
        }
      }
      group = 0;
    }
    for (const shot of document.shots) {
      if (budget.spend()) {
        yield;
      }
      const inBody = !detail.sections || shot.sectionIndex === null;
      const soundbite = shot.soundbiteIndex === null ? undefined : document.soundbites[shot.soundbiteIndex];
      const wanted = shot.soundbiteIndex === null ? detail.shots : detail.soundbites;
      if (inBody && wanted) {
        const story = storyToBuild((soundbite ?? shot).range.start.line);
        if (story >= 0) {
          mixed ||= detail.sections && document.sections.length > 0;
          (bodies[story] ??= []).push(shotSymbol(build, shot));
        }
      }
    }
    group = 0;
    for (const story of document.stories) {
      if (budget.spend()) {
        yield;
      }
      const filed = storyToBuild(storyTextRange(story).start.line);
      if (filed >= 0) {
        (texts[filed] ??= []).push(yield* storySymbol(build, story));
      }
    }
  }
  const symbols: OutlineSymbol[] = [];
  for (let index = 0; index < groups.length; index++) {
    if (budget.spend()) {
      yield;
    }
    const storyGroup = groups[index] as StoryGroup;
    let symbol = kept[index];
    if (symbol === undefined) {
      symbol = yield* storyGroupSymbol(build, storyGroup, bodies[index] ?? [], texts[index] ?? [], mixed);
      cache.set(storyGroup, symbol);
    }
    symbols.push(symbol);
  }
  return symbols;
}

function* storyGroupSymbol(build: Build, story: StoryGroup, body: OutlineSymbol[], texts: readonly OutlineSymbol[], mixed: boolean): Steps<OutlineSymbol> {
  const { labels, detail, budget } = build;
  if (mixed) {
    // Section-less shots before the first section interleave with sections: keep document order.
    yield* sortSteps(body, (x, y) => x.range.start.line - y.range.start.line, budget);
  }
  const header = story.header;
  const children: OutlineSymbol[] = [];
  if (header && detail.parts) {
    children.push(yield* headerSymbol(build, header));
  }
  yield* appendSteps(children, body, budget);
  yield* appendSteps(children, texts, budget);
  const storyField = header?.fields.find((field) => field.name === 'STORY');
  const trt = header?.trtSeconds ?? null;
  return {
    name: story.slug ?? labels.untitledStory,
    detail: trt === null ? '' : formatDuration(trt),
    kind: 'story',
    range: story.range,
    selectionRange: within(story.range, storyField ? storyField.valueRange : header ? header.range : children[0]?.selectionRange ?? null),
    children: children.length > 0 ? children : noChildren,
  };
}

function* headerSymbol(build: Build, header: Header): Steps<OutlineSymbol> {
  const range = header.range;
  const children = !build.detail.fields || header.fields.length === 0 ? noChildren : yield* mapSteps(header.fields, build.budget, (field): OutlineSymbol => {
    const fieldRange = field.range;
    return { name: field.name, detail: field.value, kind: 'field', range: fieldRange, selectionRange: within(fieldRange, field.nameRange), children: noChildren };
  });
  const first = header.fields[0];
  return { name: build.labels.header, detail: '', kind: 'header', range, selectionRange: within(range, first ? first.nameRange : null), children };
}

function* sectionSymbol(build: Build, section: Section): Steps<OutlineSymbol> {
  const range = section.range;
  const children: OutlineSymbol[] = [];
  let first: string | null = null;
  let last: string | null = null;
  for (const index of section.shotIndexes) {
    if (build.budget.spend()) {
      yield;
    }
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
    children: children.length > 0 ? children : noChildren,
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
    children: noChildren,
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
    children: noChildren,
  };
}

function* storySymbol(build: Build, story: Story): Steps<OutlineSymbol> {
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
    children: build.detail.quotes && story.quotes.length > 0 ? yield* mapSteps(story.quotes, build.budget, (quote) => quoteSymbol(build, quote)) : noChildren,
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
    children: noChildren,
  };
}

function* spokenOutline(build: Build): Steps<OutlineSymbol[]> {
  const { document, budget } = build;
  const symbols: OutlineSymbol[] = [];
  if (document.title) {
    const range = plain(document.title.range);
    symbols.push({ name: document.title.text, detail: '', kind: 'title', range, selectionRange: range, children: noChildren });
  }
  const quotes = build.detail.quotes ? document.quotes : [];
  const quoteRanges = yield* mapSteps(quotes, budget, (quote) => plain(quote.range));
  let next = 0;
  for (const turn of document.turns) {
    if (budget.spend()) {
      yield;
    }
    const range = plain(turn.range);
    const children: OutlineSymbol[] = [];
    while (next < quotes.length && comparePositions((quoteRanges[next] as OutlineRange).start, range.start) < 0) {
      if (budget.spend()) {
        yield;
      }
      symbols.push(quoteSymbol(build, quotes[next] as Quote));
      next++;
    }
    while (next < quotes.length && rangeContainsRange(range, quoteRanges[next] as OutlineRange)) {
      if (budget.spend()) {
        yield;
      }
      children.push(quoteSymbol(build, quotes[next] as Quote));
      next++;
    }
    symbols.push(turnSymbol(build, turn, range, children));
  }
  for (; next < quotes.length; next++) {
    if (budget.spend()) {
      yield;
    }
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
    children: children.length > 0 ? children : noChildren,
  };
}

/** Cuts a one-line name to `maxLength` characters at a word boundary. */
function shorten(text: string, maxLength = 60): string {
  if (text.length <= maxLength) {
    return text;
  }
  const cut = text.lastIndexOf(' ', maxLength);
  return `${trimTrailingPunctuation(text.slice(0, cut > maxLength / 2 ? cut : maxLength))}…`;
}
