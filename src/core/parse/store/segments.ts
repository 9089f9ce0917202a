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
import { runToEnd, type Steps } from '../../util/steps';

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
  return runToEnd(gatherSteps(segments, key, list, Infinity));
}

/**
 * gather() in steps of `perStep` elements: an archive's shots or soundbites are a few hundred thousand,
 * and copying them into one list took 10-15 ms of the extension host on a busy machine.
 */
function* gatherSteps<T>(segments: readonly PlacedSegment[], key: ElementList, list: (segment: PlacedSegment) => readonly T[], perStep: number): Steps<T[]> {
  let total = 0;
  for (const { segment } of segments) {
    total += segment.end[key] - segment.first[key];
  }
  // Sized once: growing a list of tens of thousands by pushes copies it again and again.
  const result = new Array<T>(total);
  let filled = 0;
  let leftInStep = perStep;
  for (const placed of segments) {
    const source = list(placed);
    // Bounds read once: a keyed read per element cost more than the copy.
    const end = placed.segment.end[key];
    let element = placed.segment.first[key];
    while (element < end) {
      const until = Math.min(end, element + leftInStep);
      leftInStep -= until - element;
      for (; element < until; element++) {
        result[filled++] = source[element] as T;
      }
      if (leftInStep === 0) {
        leftInStep = perStep;
        yield;
      }
    }
  }
  return result;
}

/** The lists of a document made of segments, each gathered from the segments on its first read. */
interface GatheredLists {
  headers: readonly Header[];
  headings: readonly Heading[];
  sections: readonly Section[];
  shots: readonly Shot[];
  soundbites: readonly Soundbite[];
  stories: readonly Story[];
  chrome: readonly TextRange[];
  diagnostics: readonly TranscriptDiagnostic[];
}
type GatheredList = keyof GatheredLists & ElementList;
const gatheredLists: readonly GatheredList[] = ['headers', 'headings', 'sections', 'shots', 'soundbites', 'stories', 'chrome', 'diagnostics'];

/** Where each list's elements are in one segment (a store's records are built on first read). */
const listSources: { readonly [K in GatheredList]: (segment: PlacedSegment) => GatheredLists[K] } = {
  headers: (segment) => segment.parts.store.headers(),
  headings: (segment) => segment.parts.store.headings(),
  sections: (segment) => segment.parts.store.sections(),
  shots: (segment) => segment.parts.store.shots(),
  soundbites: (segment) => segment.parts.store.soundbites(),
  stories: (segment) => segment.parts.store.stories(),
  chrome: (segment) => segment.context.chrome,
  diagnostics: (segment) => segment.context.diagnostics,
};

/** A list's source with its elements' type left aside, for the code shared by every list. */
function sourceOf(key: GatheredList): (segment: PlacedSegment) => readonly unknown[] {
  return listSources[key];
}

/** How a document made of segments gathers its lists ahead of their first read, in steps (see gatherListSteps). */
const listGatherers = new WeakMap<TranscriptDocument, (perStep: number) => Steps<void>>();

/** Elements copied into a document's list per step of gatherListSteps: a fraction of a millisecond. */
export const listElementsPerStep = 16 * 1024;

/**
 * Gathers, in steps of about `perStep` elements, every list of a document made of segments that has
 * not been read yet, so that its first read costs nothing; does nothing for any other document. A
 * first parse in steps does it; so does the extension host after each re-parse of an archive, whose
 * new version would otherwise gather its shots or soundbites in one call when a feature first reads them.
 */
export function* gatherListSteps(document: TranscriptDocument, perStep = listElementsPerStep): Steps<void> {
  const gatherer = listGatherers.get(document);
  if (gatherer) {
    yield* gatherer(perStep);
    listGatherers.delete(document);
  }
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
  const lists: { -readonly [K in GatheredList]?: GatheredLists[K] } = {};
  const read = <K extends GatheredList>(key: K): GatheredLists[K] => {
    // One assignment per list, whichever of the getter and the steps gets there first.
    lists[key] ??= gather(segments, key, sourceOf(key)) as GatheredLists[K];
    return lists[key] as GatheredLists[K];
  };
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
      return read('headers');
    },
    get headings(): readonly Heading[] {
      return read('headings');
    },
    get sections(): readonly Section[] {
      return read('sections');
    },
    get shots(): readonly Shot[] {
      return read('shots');
    },
    get soundbites(): readonly Soundbite[] {
      return read('soundbites');
    },
    get story(): Story | null {
      return this.stories[0] ?? null;
    },
    get stories(): readonly Story[] {
      return read('stories');
    },
    turns: [],
    interviewee: null,
    quotes: [],
    get chrome(): readonly TextRange[] {
      return read('chrome');
    },
    get diagnostics(): readonly TranscriptDiagnostic[] {
      return read('diagnostics');
    },
    get blocks(): Block[] {
      blocks ??= gatherBlocks(segments, lineCount) ?? coverLines(segments.flatMap(placedBlocks), lineCount);
      return blocks;
    },
  };
  if (reparseable) {
    segmentations.set(document, { segments, consumed: false });
  }
  listGatherers.set(document, function* (perStep) {
    for (const key of gatheredLists) {
      yield;
      if (lists[key] === undefined) {
        const gathered = yield* gatherSteps(segments, key, sourceOf(key), perStep);
        // A getter read between two steps has gathered the list already: every reader sees that array.
        (lists as Record<GatheredList, unknown>)[key] ??= gathered;
      }
    }
  });
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
