// Archives of many stories, and how a re-parse after an edit keeps the stories it did not touch.
//
// The shot-list builder starts afresh at every header block that stands on its own (two known
// fields), so an archive splits into segments that parse independently. A document remembers its
// segments; after an edit, parse/index.ts rebuilds only the segments the edit touched and places the
// others: their records stay, their Placement (text/lineTable.ts) moves their lines, offsets and indexes.
import { coverLines, type ParseContext } from '../context';
import type { Block, BlockKind, Header, Heading, Section, Shot, Soundbite, Story, TextRange, TranscriptDiagnostic, TranscriptDocument } from '../../model';
import type { ShotlistParts } from '../shotlist';
import type { ElementList, StoreSegment } from './shotlistStore';
import { Placement } from '../../text/lineTable';
import { firstWhere } from '../../text/search';

/** One story of a document: a segment of some parse, and where that segment sits in the document now. */
export interface PlacedSegment {
  readonly context: ParseContext;
  readonly parts: ShotlistParts;
  readonly segment: StoreSegment;
  readonly placement: Placement;
}

export interface Segmentation {
  readonly segments: readonly PlacedSegment[];
  /**
   * Set once a re-parse has built on this document: the segments it kept now carry the new
   * document's placement, so a second re-parse from the same document must start afresh.
   */
  consumed: boolean;
}

const segmentations = new WeakMap<TranscriptDocument, Segmentation>();

export function segmentationOf(document: TranscriptDocument): Segmentation | undefined {
  return segmentations.get(document);
}

/** Places every segment of one parse, its first line at document line `lineDelta` and offset `offsetDelta`. */
export function placeSegments(context: ParseContext, parts: ShotlistParts, lineDelta: number, offsetDelta: number): PlacedSegment[] {
  return parts.segments.map((segment) => {
    const placement = new Placement(segment.firstLine, lineDelta, offsetDelta);
    context.table.place(placement);
    return { context, parts, segment, placement };
  });
}

/**
 * Sets each segment's index deltas so that its elements follow those of the segments before it: the
 * lists whose elements records refer to by index (a shot's soundbite, a section's shots, a block's
 * element). A new list that records point into gets a Placement delta and a line here. Written out
 * field by field: this runs over every story of an archive after each edit, and a loop over the
 * field names made it several times slower (keyed property access).
 */
export function numberSegments(segments: readonly PlacedSegment[]): void {
  let shots = 0;
  let soundbites = 0;
  let sections = 0;
  let stories = 0;
  let headers = 0;
  for (const { segment, placement } of segments) {
    const { first, end } = segment;
    placement.shotDelta = shots - first.shots;
    placement.soundbiteDelta = soundbites - first.soundbites;
    placement.sectionDelta = sections - first.sections;
    placement.storyDelta = stories - first.stories;
    placement.headerDelta = headers - first.headers;
    shots += end.shots - first.shots;
    soundbites += end.soundbites - first.soundbites;
    sections += end.sections - first.sections;
    stories += end.stories - first.stories;
    headers += end.headers - first.headers;
  }
}

/** The elements of one list over all segments, in document order (runs of one parse copied at once). */
function gather<T>(segments: readonly PlacedSegment[], key: ElementList, list: (segment: PlacedSegment) => readonly T[]): T[] {
  let total = 0;
  for (const { segment } of segments) {
    total += segment.end[key] - segment.first[key];
  }
  // Sized once: growing a list of tens of thousands by pushes copies it again and again.
  const result = new Array<T>(total);
  let filled = 0;
  for (const placed of segments) {
    const source = list(placed);
    // Bounds read once: a keyed read per element cost more than the copy.
    const end = placed.segment.end[key];
    for (let element = placed.segment.first[key]; element < end; element++) {
      result[filled++] = source[element] as T;
    }
  }
  return result;
}

/**
 * A block of one segment that reads its lines and index through the segment's placement, so that a
 * re-parse that moves the segment moves its blocks without rebuilding them (as records do).
 */
class PlacedBlock implements Block {
  readonly kind: BlockKind;
  readonly #firstLine: number;
  readonly #lastLine: number;
  readonly #index: number | null;
  readonly #placement: Placement;

  constructor(block: Block, placement: Placement) {
    this.kind = block.kind;
    this.#firstLine = block.firstLine;
    this.#lastLine = block.lastLine;
    this.#index = block.index;
    this.#placement = placement;
  }

  get firstLine(): number {
    return this.#firstLine + this.#placement.lineDelta;
  }

  get lastLine(): number {
    return this.#lastLine + this.#placement.lineDelta;
  }

  get index(): number | null {
    return this.#index === null ? null : this.#index + indexDelta(this.kind, this.#placement);
  }

  toJSON(): Block {
    return { kind: this.kind, firstLine: this.firstLine, lastLine: this.lastLine, index: this.index };
  }
}

/**
 * Each segment's blocks, every line of the segment covered, kept for as long as the segment: a new
 * version of the document then only gathers them. Null when the segment's blocks leave its own lines
 * (or its lines were cut finer than the document's): the document then covers all its blocks at once.
 */
const coveredBlocks = new WeakMap<PlacedSegment, readonly Block[] | null>();

function segmentBlocks(placed: PlacedSegment): readonly Block[] | null {
  let blocks = coveredBlocks.get(placed);
  if (blocks === undefined) {
    blocks = coverSegment(placed);
    coveredBlocks.set(placed, blocks);
  }
  return blocks;
}

function coverSegment({ context, segment, placement }: PlacedSegment): Block[] | null {
  if (context.table.isCut) {
    return null;
  }
  const raw = context.rawBlocks(segment.first.blocks, segment.end.blocks);
  for (const block of raw) {
    if (block.firstLine < segment.firstLine || block.lastLine > segment.lastLine) {
      return null;
    }
  }
  // Every segment but the first starts with its header block, so no gap runs from one segment into
  // the next: covering each segment alone covers the document as coverLines over all would.
  return coverLines(raw, segment.lastLine + 1, undefined, segment.firstLine).map((block) => new PlacedBlock(block, placement));
}

/** The document's blocks gathered from its segments' covered blocks, or null when one segment has none. */
function gatherBlocks(segments: readonly PlacedSegment[], lineCount: number): Block[] | null {
  const first = segments[0];
  const last = segments[segments.length - 1];
  if (!first || !last || segmentFirstLine(first) !== 0 || segmentLastLine(last) !== lineCount - 1) {
    return null;
  }
  let total = 0;
  for (const placed of segments) {
    const blocks = segmentBlocks(placed);
    if (blocks === null) {
      return null;
    }
    total += blocks.length;
  }
  const result = new Array<Block>(total);
  let filled = 0;
  for (const placed of segments) {
    for (const block of segmentBlocks(placed) ?? []) {
      result[filled++] = block;
    }
  }
  return result;
}

/** A segment's blocks with the document's lines and indexes. */
function placedBlocks({ context, segment, placement }: PlacedSegment): Block[] {
  const blocks = context.rawBlocks(segment.first.blocks, segment.end.blocks);
  if (placement.lineDelta === 0 && placement.shotDelta === 0 && placement.sectionDelta === 0 && placement.storyDelta === 0 &&
    placement.headerDelta === 0) {
    return blocks;
  }
  return blocks.map((block) => {
    const delta = block.index === null ? 0 : indexDelta(block.kind, placement);
    return { kind: block.kind, firstLine: block.firstLine + placement.lineDelta, lastLine: block.lastLine + placement.lineDelta,
      index: block.index === null ? null : block.index + delta };
  });
}

function indexDelta(kind: Block['kind'], placement: Placement): number {
  switch (kind) {
    case 'shot':
    case 'soundbite':
      return placement.shotDelta;
    case 'section':
      return placement.sectionDelta;
    case 'story':
      return placement.storyDelta;
    case 'header':
      return placement.headerDelta;
    default:
      return 0;
  }
}

/**
 * The shot-list document made of these segments; the segments are remembered for the next re-parse.
 * Each list is gathered from the segments' stores when first read (and its records built then, or
 * taken from a store that built them for an earlier version).
 */
export function shotlistFromSegments(segments: readonly PlacedSegment[], lineCount: number, length: number, reparseable = true): TranscriptDocument {
  let headers: readonly Header[] | undefined;
  let headings: readonly Heading[] | undefined;
  let sections: readonly Section[] | undefined;
  let shots: readonly Shot[] | undefined;
  let soundbites: readonly Soundbite[] | undefined;
  let stories: readonly Story[] | undefined;
  let chrome: readonly TextRange[] | undefined;
  let diagnostics: readonly TranscriptDiagnostic[] | undefined;
  let blocks: Block[] | undefined;
  // Property order is the JSON order of the CLI's and the tests' output.
  const document: TranscriptDocument = {
    format: 'shotlist',
    lineCount,
    length,
    title: segments[0]?.parts.title ?? null,
    get header(): Header | null {
      return this.headers[0] ?? null;
    },
    get headers(): readonly Header[] {
      headers ??= gather(segments, 'headers', (s) => s.parts.store.headers());
      return headers;
    },
    get headings(): readonly Heading[] {
      headings ??= gather(segments, 'headings', (s) => s.parts.store.headings());
      return headings;
    },
    get sections(): readonly Section[] {
      sections ??= gather(segments, 'sections', (s) => s.parts.store.sections());
      return sections;
    },
    get shots(): readonly Shot[] {
      shots ??= gather(segments, 'shots', (s) => s.parts.store.shots());
      return shots;
    },
    get soundbites(): readonly Soundbite[] {
      soundbites ??= gather(segments, 'soundbites', (s) => s.parts.store.soundbites());
      return soundbites;
    },
    get story(): Story | null {
      return this.stories[0] ?? null;
    },
    get stories(): readonly Story[] {
      stories ??= gather(segments, 'stories', (s) => s.parts.store.stories());
      return stories;
    },
    turns: [],
    interviewee: null,
    quotes: [],
    get chrome(): readonly TextRange[] {
      chrome ??= gather(segments, 'chrome', (s) => s.context.chrome);
      return chrome;
    },
    get diagnostics(): readonly TranscriptDiagnostic[] {
      diagnostics ??= gather(segments, 'diagnostics', (s) => s.context.diagnostics);
      return diagnostics;
    },
    get blocks(): Block[] {
      blocks ??= gatherBlocks(segments, lineCount) ?? coverLines(segments.flatMap(placedBlocks), lineCount);
      return blocks;
    },
  };
  if (reparseable) {
    segmentations.set(document, { segments, consumed: false });
  }
  return document;
}

/** Where a segment starts in the document, and where its last line ends (before the line break). */
export function segmentStart({ context, segment, placement }: PlacedSegment): number {
  return (context.table.starts[segment.firstLine] ?? 0) + placement.offsetDelta;
}

export function segmentEnd({ context, segment, placement }: PlacedSegment): number {
  return (context.table.ends[segment.lastLine] ?? 0) + placement.offsetDelta;
}

export function segmentFirstLine({ segment, placement }: PlacedSegment): number {
  return segment.firstLine + placement.lineDelta;
}

export function segmentLastLine({ segment, placement }: PlacedSegment): number {
  return segment.lastLine + placement.lineDelta;
}

/** The segment holding a document offset (a line break belongs to the line before it). */
export function segmentAt(segments: readonly PlacedSegment[], offset: number): number {
  return Math.max(0, firstWhere(segments.length, (index) => segmentStart(segments[index] as PlacedSegment) > offset) - 1);
}
