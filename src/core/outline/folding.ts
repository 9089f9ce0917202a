// Folding ranges: header blocks, sections, soundbites, story texts and turns, kept under the editor's
// limit on folding regions so that every story stays foldable in a long archive.
import type { TextRange, TranscriptDocument } from '../model';
import type { OutlineRange } from './ranges';
import { appendSteps, runToEnd, sortSteps, StepBudget, type Steps } from '../util/steps';
import { storyGroupSteps, storyTextRange } from './storyGroups';

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
  return runToEnd(foldingRangeSteps(document, maxRanges));
}

/** Elements read (or folds sorted) between two chances to yield: a millisecond or two on an archive. */
const foldElementsPerStep = 2000;

interface LineSpan {
  readonly start: number;
  readonly end: number;
}

/** foldingRanges() in steps. Nothing is cached: the editor asks once per version. */
export function* foldingRangeSteps(document: TranscriptDocument, maxRanges = defaultMaxFoldingRanges): Steps<FoldRange[]> {
  const budget = new StepBudget(foldElementsPerStep);
  /** The folds of one kind: each element's lines, kept when they span more than one. */
  function* collect<T>(kind: FoldKind, items: readonly T[], lines: (item: T) => LineSpan): Steps<FoldRange[]> {
    const folds: FoldRange[] = [];
    for (const item of items) {
      if (budget.spend()) {
        yield;
      }
      const { start, end } = lines(item);
      if (end > start) {
        folds.push({ start, end, kind });
      }
    }
    return folds;
  }
  const lines = (range: TextRange | OutlineRange): LineSpan => ({ start: range.start.line, end: range.end.line });
  const turns = yield* collect('turn', document.turns, (turn) => lines(turn.range));
  const headers = yield* collect('header', document.headers, (header) => lines(header.range));
  const stories = yield* collect('story', document.stories, (story) => lines(storyTextRange(story)));
  let folds: FoldRange[] = [];
  yield* appendSteps(folds, headers, budget);
  yield* appendSteps(folds, stories, budget);
  yield* appendSteps(folds, turns, budget);
  if (folds.length <= maxRanges) {
    const sections = yield* collect('section', document.sections, (section) => ({ start: section.headingRange.start.line, end: section.range.end.line }));
    if (folds.length + sections.length <= maxRanges) {
      folds = folds.concat(sections);
      const soundbites = yield* collect('soundbite', document.soundbites, (soundbite) => ({ start: soundbite.lineRange.start.line, end: soundbite.range.end.line }));
      if (folds.length + soundbites.length <= maxRanges) {
        folds = folds.concat(soundbites);
      }
    }
  } else if (document.format === 'shotlist') {
    folds = yield* collect('wholeStory', yield* storyGroupSteps(document, budget), (group) => lines(group.range));
  }
  return yield* sortSteps(folds, (a, b) => a.start - b.start || b.end - a.end, budget);
}
