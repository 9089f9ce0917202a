// Shots, soundbites, sections and stories of a shot list: what the parse found is kept as numbers in
// columns (ShotlistColumns), and a record is a view over one row, built when a list is first read
// (shotlistStore.ts), that derives its strings and ranges from the text when they are read. An archive has
// tens of thousands of shots; an object for each made during the parse, and every field of each,
// made parsing mostly allocation and garbage collection.
import { IntColumn, rows } from './columns';
import { LineClass } from '../classify';
import type { ParseContext } from '../context';
import { shotTypeLength } from '../lexicon';
import type { ParsedDateline } from '../dateline';
import { datelineModel } from '../header';
import { wrappedPosition, type SpeakerLine } from '../speakerLine';
import type { DatedPlace, Quote, Section, SectionKind, Shot, Soundbite, Story, TextRange } from '../../model';
import { collapseWhitespace, firstVisible, lastVisibleEnd } from '../../text/whitespace';

/**
 * The elements of one shot-list parse as columns, in the order found. Indexes are the parse's own;
 * records read through the placement of their line (text/lineTable.ts) to report document indexes.
 */
export class ShotlistColumns {
  // Shots: line, last line (wrapped description or soundbite quote), soundbite and section index or -1.
  readonly shotLine = new IntColumn();
  readonly shotLastLine = new IntColumn();
  readonly shotSoundbite = new IntColumn();
  readonly shotSection = new IntColumn();
  // Soundbites: their shot, their quote (index in the context's quote store) or -1, and what the
  // SOUNDBITE line says (shared by every soundbite with the same line).
  readonly soundbiteShot = new IntColumn();
  readonly soundbiteQuote = new IntColumn();
  readonly soundbiteSpeakers: SpeakerLine[] = [];
  readonly soundbiteLanguages: (string | null)[] = [];
  // Sections: line, last line, their shots (a run of indexes, end exclusive), what the line says.
  readonly sectionLine = new IntColumn();
  readonly sectionLastLine = new IntColumn();
  readonly sectionShotStart = new IntColumn();
  readonly sectionShotEnd = new IntColumn();
  readonly sectionLines: SectionLine[] = [];
  // Stories: lines first..last (paragraphs are the lines in it that are not blank, chrome or
  // separators), heading line or -1, and their quotes (a run of the quote store, end exclusive).
  readonly storyFirst = new IntColumn();
  readonly storyLast = new IntColumn();
  readonly storyHeading = new IntColumn();
  readonly storyQuoteStart = new IntColumn();
  readonly storyQuoteEnd = new IntColumn();
  // Headings (0 SHOTLIST, 1 STORYLINE) and header blocks.
  readonly headingLine = new IntColumn();
  readonly headingKind = new IntColumn();
  readonly headerFirst = new IntColumn();
  readonly headerLast = new IntColumn();

  constructor(readonly context: ParseContext) {}
}

/** A shot's line from its first visible character to the end of its text (the builder reports on it before any record exists). */
export function shotLineRange(context: ParseContext, line: number): TextRange {
  const text = context.line(line);
  return context.table.range(line, firstVisible(text), Math.max(context.textStarts[line] ?? 0, lastVisibleEnd(text)));
}

/** A shot's number as written, or null when its line has none. */
export function shotNumberText(context: ParseContext, line: number): string | null {
  const start = context.numberStarts[line] ?? -1;
  return start < 0 ? null : context.line(line).slice(start, start + (context.numberLengths[line] ?? 0));
}

// Lines and indexes are the parse's own; the placement of the record's line turns them into the
// document's (see Placement in text/lineTable.ts: a re-parse moves untouched stories without rebuilding them).
export class ShotRecord implements Shot {
  readonly #context: ParseContext;
  readonly #line: number;
  readonly #lastLine: number;
  readonly number: number | null;
  readonly #soundbiteIndex: number | null;
  readonly #sectionIndex: number | null;

  constructor(store: ShotlistColumns, index: number) {
    this.#context = store.context;
    this.#line = store.shotLine.get(index);
    this.#lastLine = store.shotLastLine.get(index);
    const value = this.#context.numberValues[this.#line] ?? -1;
    this.number = value < 0 ? null : value;
    const soundbite = store.shotSoundbite.get(index);
    this.#soundbiteIndex = soundbite < 0 ? null : soundbite;
    const section = store.shotSection.get(index);
    this.#sectionIndex = section < 0 ? null : section;
  }

  get soundbiteIndex(): number | null {
    return this.#soundbiteIndex === null ? null : this.#soundbiteIndex + this.#context.table.placementOf(this.#line).soundbiteDelta;
  }

  get sectionIndex(): number | null {
    return this.#sectionIndex === null ? null : this.#sectionIndex + this.#context.table.placementOf(this.#line).sectionDelta;
  }

  /** True when the shot is a soundbite (cheaper than reading soundbiteIndex). */
  get isSoundbite(): boolean {
    return this.#soundbiteIndex !== null;
  }

  get numberText(): string | null {
    return shotNumberText(this.#context, this.#line);
  }

  get numberRange(): TextRange | null {
    const start = this.#numberStart;
    return start < 0 ? null : this.#context.table.range(this.#line, start, start + (this.#context.numberLengths[this.#line] ?? 0));
  }

  get #numberStart(): number {
    return this.#context.numberStarts[this.#line] ?? -1;
  }

  get #textStart(): number {
    return this.#context.textStarts[this.#line] ?? 0;
  }

  get lineRange(): TextRange {
    return shotLineRange(this.#context, this.#line);
  }

  get range(): TextRange {
    if (this.#lastLine === this.#line) {
      return this.lineRange;
    }
    return this.#context.table.span(this.#line, firstVisible(this.#lineText), this.#lastLine,
      lastVisibleEnd(this.#context.line(this.#lastLine)));
  }

  get text(): string {
    return this.#lineText.slice(this.#textStart, this.#textEnd);
  }

  get textRange(): TextRange {
    return this.#context.table.range(this.#line, this.#textStart, this.#textEnd);
  }

  get shotType(): string | null {
    const length = this.#typeLength;
    return length > 0 ? this.text.slice(0, length) : null;
  }

  get shotTypeRange(): TextRange | null {
    const length = this.#typeLength;
    const start = this.#textStart;
    return length > 0 ? this.#context.table.range(this.#line, start, start + length) : null;
  }

  /** Text after the shot type, with a wrapped continuation joined. */
  get description(): string {
    const text = this.text;
    const length = this.#typeLength;
    let description = length > 0 ? text.slice(length).replace(/^[\s,:;.–—-]+/u, '') : text;
    for (let line = this.#line + 1; line <= this.#lastLine && this.#soundbiteIndex === null; line++) {
      description = `${description} ${this.#context.line(line)}`;
    }
    return this.#lastLine > this.#line ? collapseWhitespace(description) : description;
  }

  toJSON(): Shot {
    return {
      number: this.number, numberText: this.numberText, numberRange: this.numberRange, lineRange: this.lineRange,
      range: this.range, text: this.text, textRange: this.textRange, shotType: this.shotType,
      shotTypeRange: this.shotTypeRange, description: this.description, soundbiteIndex: this.soundbiteIndex,
      sectionIndex: this.sectionIndex,
    };
  }

  get #lineText(): string {
    return this.#context.line(this.#line);
  }

  get #textEnd(): number {
    return Math.max(this.#textStart, lastVisibleEnd(this.#lineText));
  }

  get #typeLength(): number {
    return this.#soundbiteIndex !== null ? 0 : shotTypeLength(this.text);
  }
}

export class SoundbiteRecord implements Soundbite {
  readonly #context: ParseContext;
  readonly #store: ShotlistColumns;
  readonly #index: number;
  readonly #shotIndex: number;
  readonly #line: number;
  readonly #speakerLine: SpeakerLine;
  readonly languageName: string | null;
  #shot: ShotRecord | undefined;
  #quote: Quote | null | undefined;

  constructor(store: ShotlistColumns, index: number) {
    this.#context = store.context;
    this.#store = store;
    this.#index = index;
    this.#shotIndex = store.soundbiteShot.get(index);
    this.#line = store.shotLine.get(this.#shotIndex);
    this.#speakerLine = store.soundbiteSpeakers[index] as SpeakerLine;
    this.languageName = store.soundbiteLanguages[index] ?? null;
  }

  get #shotRecord(): ShotRecord {
    this.#shot ??= new ShotRecord(this.#store, this.#shotIndex);
    return this.#shot;
  }

  get quote(): Quote | null {
    if (this.#quote === undefined) {
      const quote = this.#store.soundbiteQuote.get(this.#index);
      this.#quote = quote < 0 ? null : this.#context.quotes.quote(quote);
    }
    return this.#quote;
  }

  get shotIndex(): number {
    return this.#shotIndex + this.#context.table.placementOf(this.#line).shotDelta;
  }

  get number(): number | null {
    return this.#shotRecord.number;
  }

  get language(): string | null {
    return this.#speakerLine.language;
  }

  get languageRange(): TextRange | null {
    const { language, languageStart } = this.#speakerLine;
    return language === null || languageStart < 0 ? null : this.#context.table.range(this.#line, languageStart, languageStart + language.length);
  }

  get speaker(): string | null {
    return this.#speakerLine.speaker;
  }

  get speakerRange(): TextRange | null {
    const { speaker, speakerStart, speakerEnd } = this.#speakerLine;
    return speaker === null ? null : this.#speakerSpan(speakerStart, speakerEnd);
  }

  get title(): string | null {
    return this.#speakerLine.title;
  }

  get titleRange(): TextRange | null {
    const { title, titleStart, titleEnd } = this.#speakerLine;
    return title === null ? null : this.#speakerSpan(titleStart, titleEnd);
  }

  get attribution(): 'sure' | 'unsure' {
    return this.#speakerLine.doubt === null ? 'sure' : 'unsure';
  }

  /** A span of the speaker line's positions, on the next lines too when the line was hard-wrapped. */
  #speakerSpan(start: number, end: number): TextRange {
    const from = wrappedPosition(this.#speakerLine, start);
    const to = wrappedPosition(this.#speakerLine, end);
    if (to.lineOffset === 0) {
      return this.#context.table.range(this.#line, start, end);
    }
    return this.#context.table.span(this.#line + from.lineOffset, from.character, this.#line + to.lineOffset, to.character);
  }

  get lineRange(): TextRange {
    return this.#shotRecord.lineRange;
  }

  get range(): TextRange {
    return this.#shotRecord.range;
  }

  get oneLine(): boolean {
    return this.#speakerLine.quoteStart >= 0;
  }

  toJSON(): Soundbite {
    return {
      number: this.number, shotIndex: this.shotIndex, language: this.language, languageRange: this.languageRange,
      languageName: this.languageName, speaker: this.speaker, speakerRange: this.speakerRange, title: this.title,
      titleRange: this.titleRange, lineRange: this.lineRange, range: this.range, quote: this.quote, oneLine: this.oneLine,
      attribution: this.attribution,
    };
  }
}

/** What a section line says, read once per distinct line (`FILE - MINUSMA - BAMAKO, MALI` repeats). */
export interface SectionLine {
  readonly kind: SectionKind;
  readonly mission: string | null;
  readonly start: number;
  readonly end: number;
  readonly placeStart: number;
  readonly places: ParsedDateline;
}

export class SectionRecord implements Section {
  readonly #context: ParseContext;
  readonly #line: number;
  readonly #sectionLine: SectionLine;
  readonly #lastLine: number;
  readonly #shotStart: number;
  readonly #shotEnd: number;

  constructor(store: ShotlistColumns, index: number) {
    this.#context = store.context;
    this.#line = store.sectionLine.get(index);
    this.#lastLine = store.sectionLastLine.get(index);
    this.#sectionLine = store.sectionLines[index] as SectionLine;
    this.#shotStart = store.sectionShotStart.get(index);
    this.#shotEnd = store.sectionShotEnd.get(index);
  }

  get shotIndexes(): readonly number[] {
    // Kept while the section stays where it is: the outline and folding read every section's shots
    // after every edit, and a re-parse moves most sections without changing them.
    const delta = this.#context.table.placementOf(this.#line).shotDelta;
    if (this.#shotIndexes === undefined || this.#shotIndexesDelta !== delta) {
      this.#shotIndexes = rows(this.#shotEnd - this.#shotStart, (position) => this.#shotStart + position + delta);
      this.#shotIndexesDelta = delta;
    }
    return this.#shotIndexes;
  }

  #shotIndexes: readonly number[] | undefined;
  #shotIndexesDelta = 0;

  get kind(): SectionKind {
    return this.#sectionLine.kind;
  }

  get mission(): string | null {
    return this.#sectionLine.mission;
  }

  get text(): string {
    return this.#context.line(this.#line).slice(this.#sectionLine.start, this.#sectionLine.end);
  }

  get headingRange(): TextRange {
    return this.#context.table.range(this.#line, this.#sectionLine.start, this.#sectionLine.end);
  }

  get range(): TextRange {
    return this.#context.table.span(this.#line, this.#sectionLine.start, this.#lastLine, lastVisibleEnd(this.#context.line(this.#lastLine)));
  }

  get places(): readonly DatedPlace[] {
    return datelineModel(this.#context, this.#line, this.#sectionLine.placeStart, this.#sectionLine.places).places;
  }

  toJSON(): Section {
    return {
      kind: this.kind, text: this.text, headingRange: this.headingRange, range: this.range, mission: this.mission,
      places: this.places, shotIndexes: this.shotIndexes,
    };
  }
}

/** A story: the prose after the shots, its paragraphs and the quotes in them. */
export class StoryRecord implements Story {
  readonly #context: ParseContext;
  readonly #first: number;
  readonly #last: number;
  readonly #heading: number;
  readonly #quoteStart: number;
  readonly #quoteEnd: number;
  #quotes: readonly Quote[] | undefined;

  constructor(store: ShotlistColumns, index: number) {
    this.#context = store.context;
    this.#first = store.storyFirst.get(index);
    this.#last = store.storyLast.get(index);
    this.#heading = store.storyHeading.get(index);
    this.#quoteStart = store.storyQuoteStart.get(index);
    this.#quoteEnd = store.storyQuoteEnd.get(index);
  }

  get headingRange(): TextRange | null {
    return this.#heading < 0 ? null : this.#context.table.lines(this.#heading, this.#heading);
  }

  get range(): TextRange {
    const lines = storyParagraphLines(this.#context, this.#first, this.#last);
    const first = lines[0] ?? this.#first;
    const last = lines[lines.length - 1] ?? this.#last;
    return this.#context.table.span(first, firstVisible(this.#context.line(first)), last, lastVisibleEnd(this.#context.line(last)));
  }

  get paragraphs(): readonly TextRange[] {
    return storyParagraphLines(this.#context, this.#first, this.#last).map((line) => {
      const text = this.#context.line(line);
      return this.#context.table.range(line, firstVisible(text), lastVisibleEnd(text));
    });
  }

  get quotes(): readonly Quote[] {
    this.#quotes ??= this.#context.quotes.quotes(this.#quoteStart, this.#quoteEnd);
    return this.#quotes;
  }

  toJSON(): Story {
    return { headingRange: this.headingRange, range: this.range, paragraphs: this.paragraphs, quotes: this.quotes };
  }
}

/** The paragraphs of a story on lines first..last: every line that is not blank, chrome or a separator. */
export function storyParagraphLines(context: ParseContext, first: number, last: number): number[] {
  const paragraphs: number[] = [];
  for (let line = first; line <= last; line++) {
    const lineClass = context.classes[line];
    if (lineClass !== LineClass.Blank && lineClass !== LineClass.Chrome && lineClass !== LineClass.Separator) {
      paragraphs.push(line);
    }
  }
  return paragraphs;
}
