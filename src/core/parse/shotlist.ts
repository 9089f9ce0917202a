// Shot-list structure: header blocks, sections, numbered shots, soundbites with their quotes, and
// the prose story that follows. Real scripts break every rule, so each step degrades to keeping
// the text in a plainer element and reporting what could not be read.
import { LineClass, readSection } from './classify';
import { ParseContext } from './context';
import { parseDateline } from './dateline';
import { checkHeader, headerBlockEnd } from './header';
import { recogniseLanguage, suggestLanguage } from './lexicon';
import { messageFragments } from '../messages/diagnostics';
import { formatMessage, type MessageData } from '../messages/format';
import type { SectionKind, TextRange } from '../model';
import { findQuotes } from './passages';
import { shotLineRange, shotNumberText, storyParagraphLines, type SectionLine } from './store/records';
import { ShotlistStore, type StoreSegment } from './store/shotlistStore';
import { closingFor, isClosingMark, isOpeningMark, marksMismatch, scanMarks, startsWithContinuationMark } from './quoteMarks';
import { keepShape } from './store/shapes';
import { firstVisible, isSpaceCode, lastVisibleEnd } from '../text/whitespace';
import { isAsciiWordCode, splitList } from '../text/words';
import { readSpeakerLine, readWrappedSpeakerLine, wrappedLines, wrappedPosition, type SpeakerLine } from './speakerLine';

export interface ShotlistParts {
  readonly title: { text: string; range: TextRange } | null;
  /** Headers, headings, sections, shots, soundbites and stories, as columns; records when read. */
  readonly store: ShotlistStore;
  /** The stories of an archive as runs of lines, each starting at a header block that stands on its own. */
  readonly segments: StoreSegment[];
  /** True when line 0 starts a header block that stands on its own (two known fields). */
  readonly startsWithStory: boolean;
}

export interface ShotlistOptions {
  /**
   * The text continues an archive after another story: a header block needs two known fields from
   * the first line on, and no title is looked for.
   */
  readonly continuing?: boolean;
}


/** Lines after which a soundbite's quote, a shot's description or the body itself cannot continue. */
function isStructural(lineClass: LineClass | undefined): boolean {
  return (
    lineClass === LineClass.Shot ||
    lineClass === LineClass.Soundbite ||
    lineClass === LineClass.FileSection ||
    lineClass === LineClass.RecentSection ||
    lineClass === LineClass.Dateline ||
    lineClass === LineClass.ShotlistHeading ||
    lineClass === LineClass.StoryHeading ||
    lineClass === LineClass.Separator
  );
}


/** Tracks shot numbers to report duplicates and breaks in the sequence without renumbering anything. */
class NumberingCheck {
  /** First line of each shot number seen (shot numbers have at most three digits). */
  private readonly used: number[] = [];
  private previous: number | null = null;
  private highest = 0;

  constructor(private readonly context: ParseContext) {}

  check(number: number, line: number): void {
    const start = this.context.numberStarts[line] ?? 0;
    const range = (): TextRange => this.context.table.range(line, start, start + (this.context.numberLengths[line] ?? 0));
    const inSequence = this.previous === null ? number === 1 : number === this.previous + 1 || number === this.highest + 1;
    const firstLine = this.used[number];
    // One finding per line: a number both repeated and out of sequence is one duplicate naming both.
    if (firstLine !== undefined) {
      const firstUse = this.context.table.lines(firstLine, firstLine);
      const data: MessageData = inSequence ? { number } : { number, expected: this.highest + 1, variant: 'out-of-sequence' };
      this.context.report('shot-number-duplicate', range(), data, firstUse, firstUse);
    } else {
      this.used[number] = line;
      if (!inSequence) {
        this.context.report('shot-number-out-of-sequence', range(), { number, expected: this.highest + 1 });
      }
    }
    this.previous = number;
    this.highest = Math.max(this.highest, number);
  }
}

export function buildShotlist(context: ParseContext, options: ShotlistOptions = {}): ShotlistParts {
  return new ShotlistBuilder(context, options.continuing ?? false).build();
}

class ShotlistBuilder {
  private readonly table;
  private readonly store: ShotlistStore;
  private title: { text: string; range: TextRange } | null = null;
  /** For each line, the next structural line at or after it (or lineCount). */
  private readonly nextStructural: Int32Array;
  /** For each line, the next header block start at or after it (or lineCount). */
  private readonly nextHeader: Int32Array;
  private numbering: NumberingCheck;
  /** Index of the section shots now belong to, or -1. */
  private currentSection = -1;
  /** Speaker lines, languages and section places repeat verbatim through a script: read each once. */
  private readonly speakerLines = new Map<string, SpeakerLine>();
  private readonly languageNames = new Map<string, { name: string | null; unknown: string | null; suggestion: string | null }>();
  private readonly sectionLines = new Map<string, SectionLine>();
  private readonly segments: StoreSegment[] = [];

  constructor(private readonly context: ParseContext, private readonly continuing: boolean) {
    this.table = context.table;
    this.store = new ShotlistStore(context);
    this.numbering = new NumberingCheck(context);
    const count = context.lineCount;
    this.nextStructural = new Int32Array(count + 1).fill(count);
    this.nextHeader = new Int32Array(count + 1).fill(count);
    for (let line = count - 1; line >= 0; line--) {
      const lineClass = context.classes[line];
      this.nextStructural[line] = isStructural(lineClass) ? line : (this.nextStructural[line + 1] ?? count);
      const startsHeader = lineClass === LineClass.Field && (line === 0 || context.classes[line - 1] !== LineClass.Field) &&
        headerBlockEnd(context, line, true) >= 0;
      this.nextHeader[line] = startsHeader ? line : (this.nextHeader[line + 1] ?? count);
      if (startsHeader) {
        this.nextStructural[line] = line;
      }
    }
  }

  /** Ends the current segment before `line` and starts the next one there. */
  private startSegment(line: number): void {
    const counts = this.store.counts();
    const current = this.segments[this.segments.length - 1];
    if (current) {
      current.lastLine = line - 1;
      current.end = counts;
    }
    this.segments.push({ firstLine: line, lastLine: line, first: counts, end: counts });
  }

  build(): ShotlistParts {
    const count = this.context.lineCount;
    const classes = this.context.classes;
    const store = this.store;
    this.startSegment(0);
    let mode: 'preamble' | 'body' | 'story' = 'preamble';
    let storyStart = -1;
    let storyHeading = -1;
    /** The shot a wrapped description line joins, or -1. */
    let lastShot = -1;
    let line = 0;
    while (line < count) {
      const lineClass = classes[line];
      // A header block: the first anywhere, later ones (archives of several stories) need two known fields.
      if (lineClass === LineClass.Field && (line === 0 || classes[line - 1] !== LineClass.Field)) {
        const end = headerBlockEnd(this.context, line, this.continuing || store.headerFirst.length > 0 || mode !== 'preamble');
        if (end >= 0) {
          if (mode === 'story') {
            this.closeStory(storyStart, line - 1, storyHeading);
          }
          this.closeSection();
          if (line > 0 && this.nextHeader[line] === line) {
            this.startSegment(line);
          }
          checkHeader(this.context, line, end);
          this.context.block('header', line, end, store.addHeader(line, end));
          this.numbering = new NumberingCheck(this.context);
          mode = 'body';
          storyStart = -1;
          storyHeading = -1;
          lastShot = -1;
          line = end + 1;
          continue;
        }
      }
      switch (lineClass) {
        case LineClass.Blank:
          this.context.block('blank', line, line);
          line++;
          continue;
        case LineClass.Chrome:
          this.context.chromeLine(line);
          line++;
          continue;
        case LineClass.Separator:
          this.context.block('separator', line, line);
          line++;
          continue;
        case LineClass.ShotlistHeading:
          if (mode === 'story') {
            this.closeStory(storyStart, line - 1, storyHeading);
            storyStart = -1;
            storyHeading = -1;
          }
          this.heading(0, line);
          mode = 'body';
          line++;
          continue;
        case LineClass.StoryHeading:
          if (mode === 'story') {
            this.closeStory(storyStart, line - 1, storyHeading);
          }
          this.closeSection();
          this.heading(1, line);
          storyHeading = line;
          storyStart = line + 1;
          mode = 'story';
          line++;
          continue;
      }
      if (mode === 'story') {
        // A story under a heading may be followed by the shot list itself.
        if (storyHeading >= 0 && (lineClass === LineClass.FileSection || lineClass === LineClass.RecentSection || lineClass === LineClass.Soundbite)) {
          this.closeStory(storyStart, line - 1, storyHeading);
          storyStart = -1;
          storyHeading = -1;
          mode = 'body';
          continue;
        }
        this.context.block('story', line, line, store.storyFirst.length);
        line++;
        continue;
      }
      if (lineClass === LineClass.FileSection || lineClass === LineClass.RecentSection || lineClass === LineClass.Dateline) {
        this.section(line, lineClass);
        mode = 'body';
        lastShot = -1;
        line++;
        continue;
      }
      if (lineClass === LineClass.Shot || lineClass === LineClass.Soundbite) {
        mode = 'body';
        const end = lineClass === LineClass.Soundbite ? this.soundbite(line) : this.shot(line);
        lastShot = store.shotLine.length - 1;
        line = end + 1;
        continue;
      }
      // Plain text (or a field line outside a header block).
      const moreStructureFollows = (this.nextStructural[line] ?? count) < (this.nextHeader[line] ?? count);
      if (mode === 'preamble' && !this.continuing && this.title === null && store.headerFirst.length === 0 && lineClass === LineClass.Text) {
        const text = this.context.line(line);
        this.title = { text: text.trim(), range: this.table.range(line, firstVisible(text), lastVisibleEnd(text)) };
        this.context.block('title', line, line);
        line++;
        continue;
      }
      if (mode === 'body' && lastShot >= 0 && moreStructureFollows) {
        this.extendShot(lastShot, line);
        line++;
        continue;
      }
      if (mode === 'body' && !moreStructureFollows) {
        mode = 'story';
        storyStart = line;
        continue;
      }
      this.context.block('paragraph', line, line);
      line++;
    }
    if (mode === 'story') {
      this.closeStory(storyStart, count - 1, storyHeading);
    }
    this.closeSection();
    const last = this.segments[this.segments.length - 1];
    if (last) {
      last.lastLine = count - 1;
      last.end = this.store.counts();
    }
    return {
      segments: this.segments,
      startsWithStory: count > 0 && this.nextHeader[0] === 0,
      title: this.title,
      store,
    };
  }

  private heading(kind: 0 | 1, line: number): void {
    this.store.addHeading(line, kind);
    this.context.block('heading', line, line);
  }

  private closeSection(): void {
    this.currentSection = -1;
  }

  private section(line: number, lineClass: LineClass): void {
    const text = this.context.line(line);
    let sectionLine = this.sectionLines.get(text);
    if (!sectionLine) {
      sectionLine = readSectionLine(text, lineClass);
      this.sectionLines.set(text, sectionLine);
    }
    this.currentSection = this.store.addSection(line, sectionLine);
    this.context.block('section', line, line, this.currentSection);
  }

  /** Records a shot line; returns the last line it covers. */
  private shot(line: number): number {
    this.addShot(line, -1);
    return line;
  }

  /** Records a shot (soundbiteIndex -1 for none); returns its index. */
  private addShot(line: number, soundbiteIndex: number): number {
    const index = this.store.addShot(line, soundbiteIndex, this.currentSection);
    const number = this.context.numberValues[line] ?? -1;
    if (number >= 0) {
      this.numbering.check(number, line);
    } else if (soundbiteIndex >= 0) {
      this.context.report('shot-number-missing', shotLineRange(this.context, line));
    }
    this.context.block(soundbiteIndex >= 0 ? 'soundbite' : 'shot', line, line, index);
    this.growSection(line);
    return index;
  }

  private growSection(lastLine: number): void {
    if (this.currentSection >= 0) {
      this.store.sectionLastLine.set(this.currentSection, lastLine);
    }
  }

  /** A wrapped shot description: the line joins the shot above. */
  private extendShot(shot: number, line: number): void {
    this.store.shotLastLine.set(shot, line);
    this.context.extendLastBlock(line);
    this.growSection(line);
  }

  /** Records a soundbite and its quote; returns the last line it covers. */
  private soundbite(line: number): number {
    const store = this.store;
    const soundbiteIndex = store.soundbiteShot.length;
    const shot = this.addShot(line, soundbiteIndex);
    const text = this.context.line(line);
    const speakerLine = this.speakerLineAt(line, text);
    // A hard-wrapped speaker line ends on the next line, and the quote comes after it.
    const speakerLast = line + wrappedLines(speakerLine);
    let quote = -1;
    let lastLine = speakerLast;
    if (speakerLine.quoteStart >= 0) {
      const start = wrappedPosition(speakerLine, speakerLine.quoteStart);
      const quoteLine = line + start.lineOffset;
      const character = start.character;
      const end = this.quoteEnd(quoteLine, character);
      quote = this.quoteFromLines(quoteLine, character, end);
      lastLine = end;
    } else {
      const first = this.firstQuoteLine(speakerLast + 1);
      if (first >= 0) {
        const end = this.quoteEnd(first, firstVisible(this.context.line(first)));
        quote = this.quoteFromLines(first, firstVisible(this.context.line(first)), end);
        lastLine = end;
      }
    }
    if (!speakerLine.hasColon) {
      const at = speakerLine.speakerEnd > speakerLine.speakerStart ? speakerLine.speakerEnd : lastVisibleEnd(text);
      this.context.report('soundbite-missing-colon', this.table.range(line, Math.max(0, at - 1), at));
    }
    if (speakerLine.doubt !== null) {
      const range = speakerLast > line ? this.table.span(line, speakerLine.speakerStart, speakerLast, lastVisibleEnd(this.context.line(speakerLast)))
        : this.table.range(line, speakerLine.speakerStart, Math.max(speakerLine.speakerEnd, speakerLine.titleEnd));
      this.context.report('speaker-unsure', range, { variant: speakerLine.doubt });
    }
    let languageName: string | null = null;
    if (speakerLine.language !== null && speakerLine.languageStart >= 0) {
      languageName = this.checkLanguage(speakerLine.language, line, speakerLine.languageStart);
    }
    if (quote < 0) {
      this.context.report('soundbite-missing-quote', shotLineRange(this.context, line), { number: shotNumberText(this.context, line) ?? '?' });
    }
    store.shotLastLine.set(shot, lastLine);
    store.addSoundbite(shot, quote, speakerLine, languageName);
    for (let covered = line + 1; covered <= lastLine; covered++) {
      if (this.context.classes[covered] === LineClass.Chrome) {
        this.context.chrome.push(this.table.lines(covered, covered));
      }
    }
    this.context.extendLastBlock(lastLine);
    this.growSection(lastLine);
    return lastLine;
  }

  /**
   * What the SOUNDBITE line on `line` says, read once per distinct line (the same speaker line repeats
   * through a script); a line without its colon that was hard-wrapped onto the next is read with it.
   */
  private speakerLineAt(line: number, text: string): SpeakerLine {
    const speakerStart = this.context.textStarts[line] ?? firstVisible(text);
    let speakerLine = this.speakerLines.get(text);
    if (!speakerLine) {
      speakerLine = readSpeakerLine(text, speakerStart);
      this.speakerLines.set(text, speakerLine);
    }
    // The next line may continue it when it is text, or a `NAME:` line that is no header field
    // (`UNMISS:` is the end of a title, `SOURCE: UNIFEED` a header).
    const nextClass = this.context.classes[line + 1];
    const continues = nextClass === LineClass.Text || (nextClass === LineClass.Field && !this.context.isKnownField(line + 1));
    if (speakerLine.hasColon || speakerLine.quoteStart >= 0 || !continues) {
      return speakerLine;
    }
    const next = this.context.line(line + 1);
    // The line after may end a speaker line wrapped twice (`(DPO):`).
    const afterClass = this.context.classes[line + 2];
    const after = afterClass === LineClass.Text || (afterClass === LineClass.Field && !this.context.isKnownField(line + 2))
      ? this.context.line(line + 2) : null;
    const key = after === null ? `${text}\n${next}` : `${text}\n${next}\n${after}`;
    let wrapped = this.speakerLines.get(key);
    if (!wrapped) {
      wrapped = readWrappedSpeakerLine(text, next, speakerStart, after) ?? speakerLine;
      this.speakerLines.set(key, wrapped);
    }
    return wrapped;
  }

  private checkLanguage(language: string, line: number, start: number): string | null {
    let known = this.languageNames.get(language);
    if (!known) {
      known = readLanguage(language);
      this.languageNames.set(language, known);
    }
    if (known.unknown !== null) {
      this.context.report('unknown-language', this.table.range(line, start, start + language.length), {
        language: known.unknown,
        suggestion: known.suggestion ? formatMessage(messageFragments.didYouMean, { suggestion: known.suggestion }) : '',
        ...(known.suggestion ? { suggested: known.suggestion } : {}),
      });
    }
    return known.name;
  }

  /** The first line of a soundbite's quote after the speaker line, or -1 when the next line is structure. */
  private firstQuoteLine(from: number): number {
    const classes = this.context.classes;
    for (let line = from; line < this.context.lineCount; line++) {
      const lineClass = classes[line];
      if (lineClass === LineClass.Blank || lineClass === LineClass.Chrome) {
        // A blank line is tolerated before the quote only when the quote then clearly starts.
        continue;
      }
      if (isStructural(lineClass) || line >= (this.nextHeader[line] ?? this.context.lineCount)) {
        return -1;
      }
      if (line > from && !this.startsWithQuoteMark(line) && (this.nextStructural[line] ?? 0) >= (this.nextHeader[line] ?? 0)) {
        // After a gap, unquoted prose with no more shots below is the story, not this soundbite's quote.
        return -1;
      }
      return line;
    }
    return -1;
  }

  private startsWithQuoteMark(line: number): boolean {
    return startsWithContinuationMark(this.context.line(line));
  }

  /**
   * The last line of a quote starting at (line, character). Between two shots the structure bounds
   * it; after the last shot the story may follow, so the quote runs only as far as its marks say.
   */
  private quoteEnd(line: number, character: number): number {
    const count = this.context.lineCount;
    const next = this.nextStructural[line + 1] ?? count;
    const header = this.nextHeader[line + 1] ?? count;
    const lastBefore = (limit: number): number => {
      let last = line;
      for (let index = line + 1; index < limit; index++) {
        const lineClass = this.context.classes[index];
        if (lineClass !== LineClass.Blank && lineClass !== LineClass.Chrome) {
          last = index;
        }
      }
      return last;
    };
    const nextClass = this.context.classes[next];
    const shotsFollow = next < header && nextClass !== LineClass.StoryHeading && nextClass !== LineClass.Separator;
    if (shotsFollow) {
      return lastBefore(next);
    }
    let depth = scanMarks(this.context.line(line), 0, false, undefined, character);
    if (depth === 0) {
      return line;
    }
    let lastContinuation = line;
    const limit = Math.min(next, header, line + 40);
    for (let index = line + 1; index < limit; index++) {
      const lineClass = this.context.classes[index];
      if (lineClass === LineClass.Blank || lineClass === LineClass.Chrome) {
        break;
      }
      if (this.startsWithQuoteMark(index)) {
        lastContinuation = index;
      }
      depth = scanMarks(this.context.line(index), depth, true);
      if (depth === 0) {
        return index;
      }
    }
    // Never closed and nothing bounds it: keep only the lines that continue it by convention;
    // if the story's own quotes follow, they must not be swallowed.
    return nextClass === LineClass.StoryHeading || next < header ? lastBefore(Math.min(next, header)) : lastContinuation;
  }

  /** Adds a soundbite quote over lines first..last, starting at `character` on the first line; returns its index. */
  private quoteFromLines(first: number, character: number, last: number): number {
    const firstText = this.context.line(first);
    let openIndex = character;
    while (openIndex < firstText.length && isSpaceCode(firstText.charCodeAt(openIndex))) {
      openIndex++;
    }
    const openCandidate = firstText.charAt(openIndex);
    const openMark = isOpeningMark(openCandidate) || openCandidate === '"' ? openCandidate : null;
    let depth = 0;
    for (let line = first; line <= last; line++) {
      if (this.context.classes[line] === LineClass.Chrome) {
        continue;
      }
      depth = line === first ? scanMarks(firstText, depth, false, undefined, openIndex) : scanMarks(this.context.line(line), depth, true);
    }
    const lastText = this.context.line(last);
    const endIndex = lastVisibleEnd(lastText);
    const closeCandidate = lastText.charAt(endIndex - 1);
    const closed = depth === 0;
    const closeMark = (isClosingMark(closeCandidate) || (closeCandidate === '"' && (last > first || endIndex - 1 > openIndex))) &&
      (closed || openMark === null) ? closeCandidate : null;
    let innerStart = openIndex + (openMark ? 1 : 0);
    while (innerStart < firstText.length && /\s/u.test(firstText.charAt(innerStart)) && (first < last || innerStart < endIndex)) {
      innerStart++;
    }
    let innerEnd = endIndex - (closeMark ? 1 : 0);
    while (innerEnd > 0 && /\s/u.test(lastText.charAt(innerEnd - 1)) && (first < last || innerEnd > innerStart)) {
      innerEnd--;
    }
    if (first === last && innerEnd < innerStart) {
      innerEnd = innerStart;
    }
    if (openMark && !closed) {
      this.context.report('unclosed-quote', this.table.range(first, openIndex, openIndex + 1), { mark: openMark, expected: closingFor(openMark) });
    } else if (marksMismatch(openMark, closeMark)) {
      this.context.report('mismatched-quote-marks', this.table.span(first, openIndex, last, endIndex), { open: openMark ?? '', close: closeMark ?? '' });
    }
    return this.context.quotes.add(first, last, openIndex, innerStart, innerEnd, endIndex, openMark, closeMark, openMark === null || closed);
  }

  private closeStory(first: number, last: number, heading: number): void {
    const paragraphs = storyParagraphLines(this.context, first, last);
    if (paragraphs.length === 0) {
      return;
    }
    const quotes = findQuotes(this.context, paragraphs);
    this.store.addStory(first, last, heading, quotes.from, quotes.to);
  }
}

// See store/shapes.ts: the builder's hidden class must outlive each parse, or its optimised methods go with it.
keepShape(new ShotlistBuilder(new ParseContext(''), false));

/** `/`, `,`, `&`, and the words `and` and `et` (any case) separate the languages of one soundbite. */
export function languageSeparatorAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code === 0x2f || code === 0x2c || code === 0x26) {
    return 1;
  }
  if (index > 0 && isAsciiWordCode(text.charCodeAt(index - 1))) {
    return 0;
  }
  for (const word of ['and', 'et']) {
    const end = index + word.length;
    if (text.slice(index, end).toLowerCase() === word && (end >= text.length || !isAsciiWordCode(text.charCodeAt(end)))) {
      return word.length;
    }
  }
  return 0;
}

/** Recognises each part of `English/French`; the first unknown part is named with a suggestion. */
function readLanguage(language: string): { name: string | null; unknown: string | null; suggestion: string | null } {
  const parts = splitList(language, languageSeparatorAt);
  const names: string[] = [];
  for (const part of parts) {
    const name = recogniseLanguage(part);
    if (name === null) {
      return { name: null, unknown: part, suggestion: suggestLanguage(part) };
    }
    names.push(name);
  }
  return { name: names.length > 0 ? names.join(' / ') : null, unknown: null, suggestion: null };
}

/** Reads a section line: FILE, RECENT or a dateline, the mission if named, and the dated places. */
function readSectionLine(text: string, lineClass: LineClass): SectionLine {
  const start = firstVisible(text);
  const end = lastVisibleEnd(text);
  let kind: SectionKind = 'dateline';
  let mission: string | null = null;
  let placeStart = start;
  if (lineClass !== LineClass.Dateline) {
    const found = readSection(text);
    kind = found?.keyword ?? 'file';
    placeStart = found?.restStart ?? start;
    // `FILE – RECENT, PLACE` marks recent footage.
    const recent = /^RECENT\s*[-–—,:]\s*/iu.exec(text.slice(placeStart));
    if (recent) {
      kind = 'recent';
      placeStart += recent[0].length;
    }
    // `FILE - MINUSMA - BAMAKO, MALI`: a short capitalised word before a dash names the mission or source.
    const missionMatch = /^([A-Z][A-Za-z0-9+&/]{1,15})\s+[-–—]\s+/u.exec(text.slice(placeStart, end));
    if (missionMatch && missionMatch[1] && /[A-Z]{2}/u.test(missionMatch[1])) {
      mission = missionMatch[1];
      placeStart += missionMatch[0].length;
    }
  }
  return { kind, mission, start, end, placeStart, places: parseDateline(text.slice(placeStart, end)) };
}
