// The search regions and block spans resolveAnchor needs, read from a parsed transcript. Written
// against the few fields it reads of src/core/model.ts (TranscriptDocument satisfies this shape), so
// it stays pure and testable; the extension calls it with the document cache's current parse.
import type { Anchor, AnchorBlock, BlockSpan, SearchScope } from './anchor';

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

/** The story of an archive holding an offset: from its header block to the next one. */
function segmentAt(document: ScopeSource, offset: number): { start: number; end: number } {
  let start = 0;
  let end = document.length;
  for (const header of document.headers) {
    const at = header.range.start.offset;
    if (at <= offset) {
      start = at;
    } else {
      end = at;
      break;
    }
  }
  return { start: start === document.headers[0]?.range.start.offset ? 0 : start, end };
}

/**
 * Where to look for an anchor, narrowest first: the soundbites with its shot number (nearest the
 * hint first), or the story prose for a story anchor; then the story of the archive around the hint;
 * then the whole document.
 */
export function searchScopes(document: ScopeSource, anchor: Anchor, hintOffset: number): SearchScope[] {
  const scopes: SearchScope[] = [];
  const segment = segmentAt(document, hintOffset);
  if (anchor.soundbite !== undefined) {
    const matching = document.soundbites
      .filter((soundbite) => document.shots[soundbite.shotIndex]?.numberText === anchor.soundbite)
      .sort((a, b) => distance(a.range, hintOffset) - distance(b.range, hintOffset))
      .slice(0, maxSoundbiteScopes);
    for (const soundbite of matching) {
      scopes.push({ start: soundbite.range.start.offset, end: soundbite.range.end.offset, kind: 'soundbite', soundbite: anchor.soundbite });
    }
  } else if (anchor.block === 'story') {
    const story = document.stories.find((s) => s.range.start.offset >= segment.start && s.range.end.offset <= segment.end);
    if (story !== undefined) {
      scopes.push({ start: story.range.start.offset, end: story.range.end.offset, kind: 'story' });
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
