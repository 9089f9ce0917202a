// The search regions and block spans resolveAnchor needs, read from a parsed transcript. Written
// against the few fields it reads of src/core/model.ts (TranscriptDocument satisfies this shape), so
// it stays pure and testable; the extension calls it with the document cache's current parse.
import type { Anchor, AnchorBlock, BlockSpan, SearchScope } from './anchor';
import { firstWhere } from '../text/search';

interface OffsetLike {
  readonly offset: number;
}
interface RangeLike {
  readonly start: OffsetLike;
  readonly end: OffsetLike;
}

/** The parts of TranscriptDocument read here. */
export interface ScopeSource {
  readonly length: number;
  readonly shots: readonly { readonly numberText: string | null; readonly range: RangeLike; readonly soundbiteIndex: number | null }[];
  readonly soundbites: readonly { readonly shotIndex: number; readonly range: RangeLike }[];
  readonly stories: readonly { readonly range: RangeLike }[];
  readonly turns: readonly { readonly range: RangeLike }[];
  readonly headers: readonly { readonly range: RangeLike }[];
}

/** Soundbite scopes with this number, nearest the hint first, kept per anchor (a story rarely repeats a number). */
export const maxSoundbiteScopes = 4;

/**
 * Every block of the document that an anchor can be in, sorted, without overlaps: soundbites (with
 * their shot number), other shots, the story prose, interview turns, header blocks.
 */
export function blockSpans(document: ScopeSource): BlockSpan[] {
  const spans: BlockSpan[] = [];
  const add = (range: RangeLike, kind: AnchorBlock, soundbite?: string | null): void => {
    if (range.end.offset > range.start.offset) {
      spans.push({ start: range.start.offset, end: range.end.offset, kind, ...(soundbite ? { soundbite } : {}) });
    }
  };
  for (const shot of document.shots) {
    if (shot.soundbiteIndex === null) {
      add(shot.range, 'shot');
    }
  }
  for (const soundbite of document.soundbites) {
    add(soundbite.range, 'soundbite', document.shots[soundbite.shotIndex]?.numberText ?? null);
  }
  for (const story of document.stories) {
    add(story.range, 'story');
  }
  for (const turn of document.turns) {
    add(turn.range, 'turn');
  }
  for (const header of document.headers) {
    add(header.range, 'header');
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  // Blocks never overlap in the model; should two ever do, the earlier one is cut where the next starts.
  const clean: BlockSpan[] = [];
  for (const span of spans) {
    const previous = clean[clean.length - 1];
    if (previous !== undefined && previous.end > span.start) {
      clean[clean.length - 1] = { ...previous, end: span.start };
      if (previous.start >= span.start) {
        clean.pop();
      }
    }
    clean.push(span);
  }
  return clean;
}

/** What searchScopes reads of a document, gathered once per document (a 10 MB archive has 12,000 soundbites). */
interface ScopeIndex {
  /** Soundbite ranges by shot number as written, in document order. */
  readonly soundbitesByNumber: ReadonlyMap<string, readonly RangeLike[]>;
  /** Where each header block starts, ascending. */
  readonly headerStarts: readonly number[];
  /** Story ranges, ascending. */
  readonly stories: readonly RangeLike[];
}

const indexes = new WeakMap<ScopeSource, ScopeIndex>();

function scopeIndex(document: ScopeSource): ScopeIndex {
  let index = indexes.get(document);
  if (index === undefined) {
    const soundbitesByNumber = new Map<string, RangeLike[]>();
    for (const soundbite of document.soundbites) {
      const number = document.shots[soundbite.shotIndex]?.numberText;
      if (number !== null && number !== undefined) {
        const list = soundbitesByNumber.get(number) ?? [];
        list.push(soundbite.range);
        soundbitesByNumber.set(number, list);
      }
    }
    index = {
      soundbitesByNumber,
      headerStarts: document.headers.map((header) => header.range.start.offset).sort((a, b) => a - b),
      stories: document.stories.map((story) => story.range).sort((a, b) => a.start.offset - b.start.offset),
    };
    indexes.set(document, index);
  }
  return index;
}

/** The story of an archive holding an offset: from its header block to the next one. */
function segmentAt(document: ScopeSource, index: ScopeIndex, offset: number): { start: number; end: number } {
  const starts = index.headerStarts;
  const at = firstWhere(starts.length, (i) => (starts[i] as number) > offset);
  const start = at > 0 ? (starts[at - 1] as number) : 0;
  const end = at < starts.length ? (starts[at] as number) : document.length;
  return { start: start === starts[0] ? 0 : start, end };
}

/**
 * Where to look for an anchor, narrowest first: the soundbites with its shot number (nearest the
 * hint first), or the story prose for a story anchor; then the story of the archive around the hint;
 * then the whole document.
 */
export function searchScopes(document: ScopeSource, anchor: Anchor, hintOffset: number): SearchScope[] {
  const index = scopeIndex(document);
  const scopes: SearchScope[] = [];
  const segment = segmentAt(document, index, hintOffset);
  if (anchor.soundbite !== undefined) {
    const numbered = index.soundbitesByNumber.get(anchor.soundbite) ?? [];
    // The nearest few to the hint: those around the first one that starts after it.
    const after = firstWhere(numbered.length, (i) => (numbered[i] as RangeLike).start.offset > hintOffset);
    const nearby = numbered.slice(Math.max(0, after - maxSoundbiteScopes), after + maxSoundbiteScopes)
      .sort((a, b) => distance(a, hintOffset) - distance(b, hintOffset))
      .slice(0, maxSoundbiteScopes);
    for (const range of nearby) {
      scopes.push({ start: range.start.offset, end: range.end.offset, kind: 'soundbite', soundbite: anchor.soundbite });
    }
  } else if (anchor.block === 'story') {
    const stories = index.stories;
    const first = firstWhere(stories.length, (i) => (stories[i] as RangeLike).start.offset >= segment.start);
    const story = stories[first];
    if (story !== undefined && story.end.offset <= segment.end) {
      scopes.push({ start: story.start.offset, end: story.end.offset, kind: 'story' });
    }
  }
  if (segment.start > 0 || segment.end < document.length) {
    scopes.push({ start: segment.start, end: segment.end, kind: 'segment' });
  }
  scopes.push({ start: 0, end: document.length, kind: 'document' });
  return scopes;
}

function distance(range: RangeLike, offset: number): number {
  return offset < range.start.offset ? range.start.offset - offset : offset > range.end.offset ? offset - range.end.offset : 0;
}
