// Folding ranges: header blocks, sections, soundbites, story texts and turns, kept under the editor's
// limit on folding regions so that every story stays foldable in a long archive.
import type { TextRange, TranscriptDocument } from '../model';
import type { OutlineRange } from './ranges';
import { storyGroups, storyTextRange } from './storyGroups';

export type FoldKind = 'header' | 'section' | 'soundbite' | 'story' | 'turn' | 'wholeStory';

export interface FoldRange {
  /** 0-based lines, inclusive; `end` > `start`. */
  readonly start: number;
  readonly end: number;
  readonly kind: FoldKind;
}

/** The editor's default `editor.foldingMaximumRegions`: it ignores folds past this many. */
export const defaultMaxFoldingRanges = 5000;

/**
 * Header blocks, sections, multi-line soundbites, story texts and multi-line turns, in document
 * order. Past `maxRanges` the editor would keep the first ones and drop the rest of the document, so
 * an archive gives up soundbite folds first, then section folds, and at last folds each whole story
 * (header to end) instead of its header and story text: every story stays foldable.
 */
export function foldingRanges(document: TranscriptDocument, maxRanges = defaultMaxFoldingRanges): FoldRange[] {
  const collect = (kind: FoldKind, ranges: ReadonlyArray<{ start: number; end: number }>): FoldRange[] =>
    ranges.filter((range) => range.end > range.start).map((range) => ({ start: range.start, end: range.end, kind }));
  const lines = (range: TextRange | OutlineRange): { start: number; end: number } => ({ start: range.start.line, end: range.end.line });
  const turns = collect('turn', document.turns.map((turn) => lines(turn.range)));
  const headers = collect('header', document.headers.map((header) => lines(header.range)));
  const stories = collect('story', document.stories.map((story) => lines(storyTextRange(story))));
  let folds = [...headers, ...stories, ...turns];
  if (folds.length <= maxRanges) {
    const sections = collect('section', document.sections.map((section) => ({ start: section.headingRange.start.line, end: section.range.end.line })));
    if (folds.length + sections.length <= maxRanges) {
      folds = folds.concat(sections);
      const soundbites = collect('soundbite', document.soundbites.map((soundbite) => ({ start: soundbite.lineRange.start.line, end: soundbite.range.end.line })));
      if (folds.length + soundbites.length <= maxRanges) {
        folds = folds.concat(soundbites);
      }
    }
  } else if (document.format === 'shotlist') {
    folds = collect('wholeStory', storyGroups(document).map((group) => lines(group.range)));
  }
  return folds.sort((a, b) => a.start - b.start || b.end - a.end);
}

