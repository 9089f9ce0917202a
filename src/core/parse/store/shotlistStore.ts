// The elements of one shot-list parse kept as columns (ShotlistStore), and its lists of records,
// built when first read. The builder adds a row with one add…() call per element, so the columns of
// a row are always pushed together.
import type { Header, Heading, Section, Shot, Soundbite, Story } from '../../model';
import { firstVisible, lastVisibleEnd } from '../../text/whitespace';
import type { ParseContext } from '../context';
import { readHeader } from '../header';
import { rows } from './columns';
import type { SpeakerLine } from '../speakerLine';
import { SectionRecord, ShotlistColumns, ShotRecord, SoundbiteRecord, StoryRecord, type SectionLine } from './records';

/**
 * Every list a shot-list parse makes. A segment (one story of an archive) is a run of each, so a new
 * per-parse list is added here, counted in ShotlistStore.counts() (the compiler asks for it) and
 * gathered by a getter of the document in segments.ts.
 */
export const elementLists = ['shots', 'soundbites', 'sections', 'stories', 'headers', 'headings', 'diagnostics', 'chrome', 'blocks'] as const;
export type ElementList = (typeof elementLists)[number];

/** How many elements of each list existed at one moment of the build. */
export type ElementCounts = Readonly<Record<ElementList, number>>;

/**
 * One story of an archive: lines firstLine..lastLine and the elements built from them (from `first`
 * counts up to `end` counts). Everything the builder does after a header block that stands on its
 * own depends only on the lines from there to the next one, so a re-parse may rebuild one segment
 * and keep the others.
 */
export interface StoreSegment {
  readonly firstLine: number;
  lastLine: number;
  readonly first: ElementCounts;
  end: ElementCounts;
}

/**
 * A shot-list parse's elements: rows are added by the builder (one add…() call per element, so the
 * columns of a row are always pushed together) and read as records, each list built on first read.
 */
export class ShotlistStore extends ShotlistColumns {
  /** How many elements of each list exist now (the parse's own lists and those its context keeps). */
  counts(): ElementCounts {
    const context = this.context;
    return {
      shots: this.shotLine.length,
      soundbites: this.soundbiteShot.length,
      sections: this.sectionLine.length,
      stories: this.storyFirst.length,
      headers: this.headerFirst.length,
      headings: this.headingLine.length,
      diagnostics: context.diagnostics.length,
      chrome: context.chrome.length,
      blocks: context.blockCount,
    };
  }

  addHeader(first: number, last: number): number {
    this.headerFirst.push(first);
    return this.headerLast.push(last);
  }

  /** `kind` 0 for a SHOTLIST heading, 1 for STORYLINE. */
  addHeading(line: number, kind: 0 | 1): number {
    this.headingLine.push(line);
    return this.headingKind.push(kind);
  }

  /** A section starting on `line`; its shots are those added after it, until the next section. */
  addSection(line: number, sectionLine: SectionLine): number {
    const shots = this.shotLine.length;
    this.sectionLastLine.push(line);
    this.sectionShotStart.push(shots);
    this.sectionShotEnd.push(shots);
    this.sectionLines.push(sectionLine);
    return this.sectionLine.push(line);
  }

  /** A shot on `line` (soundbite and section indexes -1 for none); it joins its section's shots. */
  addShot(line: number, soundbite: number, section: number): number {
    const index = this.shotLine.push(line);
    this.shotLastLine.push(line);
    this.shotSoundbite.push(soundbite);
    this.shotSection.push(section);
    if (section >= 0) {
      this.sectionShotEnd.set(section, index + 1);
    }
    return index;
  }

  /** A soundbite of shot `shot`, with its quote (index in the quote store, or -1) and what its SOUNDBITE line says. */
  addSoundbite(shot: number, quote: number, speakerLine: SpeakerLine, languageName: string | null): number {
    this.soundbiteQuote.push(quote);
    this.soundbiteSpeakers.push(speakerLine);
    this.soundbiteLanguages.push(languageName);
    return this.soundbiteShot.push(shot);
  }

  /** A story on lines first..last (heading line or -1) whose quotes are the quote store's from..to (exclusive). */
  addStory(first: number, last: number, heading: number, quotesFrom: number, quotesTo: number): number {
    this.storyLast.push(last);
    this.storyHeading.push(heading);
    this.storyQuoteStart.push(quotesFrom);
    this.storyQuoteEnd.push(quotesTo);
    return this.storyFirst.push(first);
  }

  #shots: ShotRecord[] | undefined;
  #soundbites: SoundbiteRecord[] | undefined;
  #sections: SectionRecord[] | undefined;
  #stories: StoryRecord[] | undefined;
  #headings: Heading[] | undefined;
  #headers: Header[] | undefined;

  // The lists, built on first read and then kept: a re-parse that keeps this store's stories hands
  // the same records to the next version.
  shots(): readonly Shot[] {
    this.#shots ??= rows(this.shotLine.length, (index) => new ShotRecord(this, index));
    return this.#shots;
  }

  soundbites(): readonly Soundbite[] {
    this.#soundbites ??= rows(this.soundbiteShot.length, (index) => new SoundbiteRecord(this, index));
    return this.#soundbites;
  }

  sections(): readonly Section[] {
    this.#sections ??= rows(this.sectionLine.length, (index) => new SectionRecord(this, index));
    return this.#sections;
  }

  stories(): readonly Story[] {
    this.#stories ??= rows(this.storyFirst.length, (index) => new StoryRecord(this, index));
    return this.#stories;
  }

  headings(): readonly Heading[] {
    this.#headings ??= rows(this.headingLine.length, (index) => headingOf(this.context, this.headingLine.get(index), this.headingKind.get(index)));
    return this.#headings;
  }

  headers(): readonly Header[] {
    this.#headers ??= rows(this.headerFirst.length, (index) => readHeader(this.context, this.headerFirst.get(index), this.headerLast.get(index)));
    return this.#headers;
  }
}

function headingOf(context: ParseContext, line: number, kind: number): Heading {
  const text = context.line(line);
  return { kind: kind === 0 ? 'shotlist' : 'storyline', text: text.trim(), range: context.table.range(line, firstVisible(text), lastVisibleEnd(text)) };
}

