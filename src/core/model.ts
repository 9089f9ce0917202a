// The transcript model: one shape for shot lists, interviews and prose, with exact ranges.
// Every feature (outline, quotes, hovers, diagnostics, annotations, CLI) reads this model.

/** A point in the text. `line` and `character` are 0-based; `character` and `offset` count UTF-16 code units. */
export interface TextPosition {
  readonly line: number;
  readonly character: number;
  readonly offset: number;
}

/** A half-open span of text: `end` is just past the last character. */
export interface TextRange {
  readonly start: TextPosition;
  readonly end: TextPosition;
}

export type TranscriptFormat = 'shotlist' | 'interview' | 'prose';

export type { DiagnosticCode, DiagnosticSeverity } from './checks/registry';
import type { DiagnosticCode, DiagnosticSeverity } from './checks/registry';

export interface TranscriptDiagnostic {
  readonly code: DiagnosticCode;
  readonly severity: DiagnosticSeverity;
  readonly range: TextRange;
  /** Message from messages/diagnostics.ts in the active message locale (messages/locale.ts: English unless the extension chose French). */
  readonly message: string;
  /** The values the message was built from, for localized rendering and quick fixes. */
  readonly data: Readonly<Record<string, string | number>>;
  /** Where a related element sits (e.g. the first use of a duplicated shot number). */
  readonly related?: TextRange;
}

/** A calendar date as written in a dateline; parts absent from the text are null. */
export interface DatelineDate {
  readonly day: number | null;
  readonly month: number | null;
  readonly year: number | null;
  /** The date as written, e.g. `08 DECEMBER 2023`. */
  readonly text: string;
}

/** One dated place of a dateline (`08 DECEMBER 2023, NEW YORK CITY`). */
export interface DatedPlace {
  readonly date: DatelineDate | null;
  /** The place as written, e.g. `DJUGU, ITURI PROVINCE, DEMOCRATIC REPUBLIC OF THE CONGO`. */
  readonly place: string;
  readonly range: TextRange;
}

export type FootageMarker = 'file' | 'recent';

export interface Dateline {
  readonly places: readonly DatedPlace[];
  /** `FILE` or `RECENT` when the dateline marks archive footage. */
  readonly marker: FootageMarker | null;
  readonly markerRange: TextRange | null;
}

export interface HeaderField {
  /** Field name upper-cased and trimmed, e.g. `LANGUAGES`, `ASPECT RATIO`. */
  readonly name: string;
  readonly value: string;
  readonly range: TextRange;
  readonly nameRange: TextRange;
  readonly valueRange: TextRange;
}

export interface Header {
  readonly range: TextRange;
  readonly fields: readonly HeaderField[];
  /** STORY value (the slug), when present. */
  readonly story: string | null;
  /** Total running time in seconds, null when absent or unreadable. */
  readonly trtSeconds: number | null;
  /** Values of LANGUAGE/LANGUAGES split on `/`, as written (e.g. `ENGLISH`, `NATS`). */
  readonly languages: readonly string[];
  readonly dateline: Dateline | null;
}

export type SectionKind = 'file' | 'recent' | 'dateline';

/** A body section: archive footage (`FILE - …`, `RECENT - …`) or new footage under a dateline. */
export interface Section {
  readonly kind: SectionKind;
  readonly text: string;
  /** The section line itself. */
  readonly headingRange: TextRange;
  /** From the section line to the end of its last shot. */
  readonly range: TextRange;
  /** Mission or source named in `FILE - MISSION - PLACE`, when present. */
  readonly mission: string | null;
  readonly places: readonly DatedPlace[];
  /** Indexes into TranscriptDocument.shots. */
  readonly shotIndexes: readonly number[];
}

/** A quoted passage with its marks. `text` has no enclosing marks and collapsed whitespace. */
export interface Quote {
  readonly text: string;
  /** From the opening mark (or first character) to the closing mark (or last character). */
  readonly range: TextRange;
  /** The words inside the marks. */
  readonly innerRange: TextRange;
  readonly openMark: string | null;
  readonly closeMark: string | null;
  readonly closed: boolean;
}

export interface Shot {
  /** The number as written, parsed; null for an unnumbered line. */
  readonly number: number | null;
  /** The number exactly as written (`15`, `2`), null when absent. */
  readonly numberText: string | null;
  readonly numberRange: TextRange | null;
  /** The shot line (for a soundbite, the speaker line). */
  readonly lineRange: TextRange;
  /** The whole shot including a soundbite's quote. */
  readonly range: TextRange;
  /** Text after the number, trimmed. */
  readonly text: string;
  readonly textRange: TextRange;
  /** Shot type when recognised (`Wide shot`, `Various shots`), as written. */
  readonly shotType: string | null;
  readonly shotTypeRange: TextRange | null;
  /** Description after the shot type (or the whole text when there is no type). */
  readonly description: string;
  /** Index into TranscriptDocument.soundbites when this shot is a soundbite. */
  readonly soundbiteIndex: number | null;
  readonly sectionIndex: number | null;
}

export interface Soundbite {
  readonly number: number | null;
  readonly shotIndex: number;
  /** The language in parentheses as written (`English`, `FRENCH`, `Englsh`), null when absent. */
  readonly language: string | null;
  readonly languageRange: TextRange | null;
  /** The recognised language in English title case (`French`), null when unknown or absent. */
  readonly languageName: string | null;
  readonly speaker: string | null;
  readonly speakerRange: TextRange | null;
  readonly title: string | null;
  readonly titleRange: TextRange | null;
  /** The SOUNDBITE line. */
  readonly lineRange: TextRange;
  /** Speaker line through the end of the quote. */
  readonly range: TextRange;
  readonly quote: Quote | null;
  /** Geneva style: the quote sits on the speaker line. */
  readonly oneLine: boolean;
  /**
   * `unsure` when the name and title had to be guessed at (a speaker line hard-wrapped without clear
   * signs, a title before the name or no separator between them, read from weak evidence): check it
   * before quoting. A finding (`speaker-unsure`) marks the line.
   */
  readonly attribution: 'sure' | 'unsure';
}

export type TurnRole = 'question' | 'answer' | 'statement';

/** One speaker's turn in an interview, possibly over several paragraphs. */
export interface Turn {
  /** The label as written without the colon (`UN News`, `Q`, `RFI`), null when unlabelled. */
  readonly speaker: string | null;
  readonly labelRange: TextRange | null;
  readonly role: TurnRole;
  readonly range: TextRange;
  /** The turn's words without the label or dash, paragraphs joined by a space. */
  readonly text: string;
  readonly textRange: TextRange;
  /** `MM:SS` (or `H:MM:SS`) of a timecoded caption, null otherwise. */
  readonly timecode: string | null;
  readonly timecodeSeconds: number | null;
  /** How the turn was recognised. */
  readonly style: 'label' | 'dash' | 'paragraph' | 'timecode';
}

/** Who answers in an interview, found when the answers carry no label (see parse/interviewee.ts). */
export interface Interviewee {
  readonly speaker: string;
  readonly title: string | null;
}

export interface Story {
  /** The STORYLINE heading, when the story has one. */
  readonly headingRange: TextRange | null;
  /** From the first line of prose to the last. */
  readonly range: TextRange;
  readonly paragraphs: readonly TextRange[];
  readonly quotes: readonly Quote[];
}

/**
 * Every line of the document belongs to exactly one block; blocks are in document order,
 * never overlap and together cover every line. Structured views (header, shots, turns…) point
 * into the same text with finer ranges.
 */
export type BlockKind =
  | 'title'
  | 'chrome'
  | 'blank'
  | 'separator'
  | 'header'
  | 'heading'
  | 'section'
  | 'shot'
  | 'soundbite'
  | 'story'
  | 'turn'
  | 'paragraph';

export interface Block {
  readonly kind: BlockKind;
  /** Whole lines: first and last are 0-based line numbers, inclusive. */
  readonly firstLine: number;
  readonly lastLine: number;
  /** Index into the matching structured list (shots, turns…) where there is one. */
  readonly index: number | null;
}

export interface Heading {
  /** `shotlist` or `storyline`. */
  readonly kind: 'shotlist' | 'storyline';
  readonly text: string;
  readonly range: TextRange;
}

export interface TranscriptDocument {
  readonly format: TranscriptFormat;
  readonly lineCount: number;
  /** The document's length in UTF-16 code units. */
  readonly length: number;
  /** A title line above the header (web copies start with one), when present. */
  readonly title: { readonly text: string; readonly range: TextRange } | null;
  /** The first header block; archives of several stories have more in `headers`. */
  readonly header: Header | null;
  readonly headers: readonly Header[];
  readonly headings: readonly Heading[];
  readonly sections: readonly Section[];
  readonly shots: readonly Shot[];
  readonly soundbites: readonly Soundbite[];
  /** The first story; archives of several stories have more in `stories`. */
  readonly story: Story | null;
  readonly stories: readonly Story[];
  readonly turns: readonly Turn[];
  /** The person answering an interview, when the page says who it is; unlabelled answers are theirs. */
  readonly interviewee: Interviewee | null;
  /** Quoted passages of interview and prose text (shot-list quotes live on soundbites and the story). */
  readonly quotes: readonly Quote[];
  /** Page chrome left by web copies (`Download`, `Share this Article:`…), recognised and ignored. */
  readonly chrome: readonly TextRange[];
  readonly blocks: readonly Block[];
  readonly diagnostics: readonly TranscriptDiagnostic[];
}
