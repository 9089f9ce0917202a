// Shots and soundbites as records over the text: each keeps where it is and builds its derived
// strings and ranges when they are read. An archive has tens of thousands of shots; building every
// field of every one up front made parsing mostly allocation and garbage collection.
import type { ParseContext } from './context';
import { shotTypeLength } from './lexicon';
import type { ParsedDateline } from './dateline';
import { datelineModel } from './header';
import type { DatedPlace, Quote, Section, SectionKind, Shot, Soundbite, TextRange } from './model';
import { collapseWhitespace, firstVisible, lastVisibleEnd } from './text';

// Lines and indexes are the parse's own; the placement of the record's line turns them into the
// document's (see Placement in text.ts: a re-parse moves untouched stories without rebuilding them).
export class ShotRecord implements Shot {
  readonly #context: ParseContext;
  readonly #line: number;
  #lastLine: number;
  readonly number: number | null;
  readonly #soundbiteIndex: number | null;
  readonly #sectionIndex: number | null;

  /** A shot on a line the classifier read as numbered or SOUNDBITE (see ParseContext.numberStarts). */
  constructor(context: ParseContext, line: number, soundbiteIndex: number | null, sectionIndex: number | null) {
    this.#context = context;
    this.#line = line;
    this.#lastLine = line;
    const value = context.numberValues[line] ?? -1;
    this.number = value < 0 ? null : value;
    this.#soundbiteIndex = soundbiteIndex;
    this.#sectionIndex = sectionIndex;
  }

  /** The shot now runs to `line` (a wrapped description, or a soundbite's quote). */
  extendTo(line: number): void {
    this.#lastLine = line;
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
    const start = this.#numberStart;
    return start < 0 ? null : this.#lineText.slice(start, start + (this.#context.numberLengths[this.#line] ?? 0));
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
    const text = this.#lineText;
    return this.#context.table.range(this.#line, firstVisible(text), this.#textEnd);
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

/** What a SOUNDBITE line says, read once per distinct line (the same speaker line repeats). */
export interface SpeakerLine {
  readonly language: string | null;
  readonly languageStart: number;
  readonly speaker: string | null;
  readonly speakerStart: number;
  readonly speakerEnd: number;
  readonly title: string | null;
  readonly titleStart: number;
  readonly titleEnd: number;
  readonly hasColon: boolean;
  /** Character where a one-line (Geneva) quote starts, or -1. */
  readonly quoteStart: number;
}

export class SoundbiteRecord implements Soundbite {
  readonly #context: ParseContext;
  readonly #line: number;
  readonly #shot: ShotRecord;
  readonly #speakerLine: SpeakerLine;
  readonly #shotIndex: number;
  readonly languageName: string | null;
  readonly quote: Quote | null;

  constructor(context: ParseContext, line: number, shot: ShotRecord, shotIndex: number, speakerLine: SpeakerLine,
    languageName: string | null, quote: Quote | null) {
    this.#context = context;
    this.#line = line;
    this.#shot = shot;
    this.#speakerLine = speakerLine;
    this.#shotIndex = shotIndex;
    this.languageName = languageName;
    this.quote = quote;
  }

  get shotIndex(): number {
    return this.#shotIndex + this.#context.table.placementOf(this.#line).shotDelta;
  }

  get number(): number | null {
    return this.#shot.number;
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
    return speaker === null ? null : this.#context.table.range(this.#line, speakerStart, speakerEnd);
  }

  get title(): string | null {
    return this.#speakerLine.title;
  }

  get titleRange(): TextRange | null {
    const { title, titleStart, titleEnd } = this.#speakerLine;
    return title === null ? null : this.#context.table.range(this.#line, titleStart, titleEnd);
  }

  get lineRange(): TextRange {
    return this.#shot.lineRange;
  }

  get range(): TextRange {
    return this.#shot.range;
  }

  get oneLine(): boolean {
    return this.#speakerLine.quoteStart >= 0;
  }

  toJSON(): Soundbite {
    return {
      number: this.number, shotIndex: this.shotIndex, language: this.language, languageRange: this.languageRange,
      languageName: this.languageName, speaker: this.speaker, speakerRange: this.speakerRange, title: this.title,
      titleRange: this.titleRange, lineRange: this.lineRange, range: this.range, quote: this.quote, oneLine: this.oneLine,
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
  #lastLine: number;
  /** Indexes of the section's shots in the parse's own list. */
  readonly ownShotIndexes: number[] = [];

  constructor(context: ParseContext, line: number, sectionLine: SectionLine) {
    this.#context = context;
    this.#line = line;
    this.#sectionLine = sectionLine;
    this.#lastLine = line;
  }

  /** The section now runs to `line` (its last shot so far). */
  extendTo(line: number): void {
    this.#lastLine = line;
  }

  get shotIndexes(): readonly number[] {
    const delta = this.#context.table.placementOf(this.#line).shotDelta;
    return delta === 0 ? this.ownShotIndexes : this.ownShotIndexes.map((index) => index + delta);
  }

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
