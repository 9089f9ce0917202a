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
  /**
   * The folds of one kind: each element's lines, kept when they span more than one. Null as soon as
   * there are more than `room`: an archive's 14,000 headers then stop being read at the 5,001st, and
   * the ranges never read are never built (each read makes a few objects, tens of megabytes a version).
   */
  function* collect<T>(kind: FoldKind, items: readonly T[], lines: (item: T) => LineSpan, room = Infinity): Steps<FoldRange[] | null> {
    const folds: FoldRange[] = [];
    for (const item of items) {
      if (budget.spend()) {
        yield;
      }
      const { start, end } = lines(item);
      if (end > start) {
        if (folds.length >= room) {
          return null;
        }
        folds.push({ start, end, kind });
      }
    }
    return folds;
  }
  const lines = (range: TextRange | OutlineRange): LineSpan => ({ start: range.start.line, end: range.end.line });
  // Only a shot list has a fallback (whole stories); other formats keep every fold even past the limit.
  const room = document.format === 'shotlist' ? maxRanges : Infinity;
  const turns = yield* collect('turn', document.turns, (turn) => lines(turn.range), room);
  const headers = turns && (yield* collect('header', document.headers, (header) => lines(header.range), room - turns.length));
  const stories = turns && headers && (yield* collect('story', document.stories, (story) => lines(storyTextRange(story)), room - turns.length - headers.length));
  if (!turns || !headers || !stories) {
    const groups = yield* storyGroupSteps(document, budget);
    const wholeStories = (yield* collect('wholeStory', groups, (group) => lines(group.range))) ?? [];
    return yield* sortSteps(wholeStories, byStartThenLongest, budget);
  }
  let folds: FoldRange[] = [];
  yield* appendSteps(folds, headers, budget);
  yield* appendSteps(folds, stories, budget);
  yield* appendSteps(folds, turns, budget);
  const sections = folds.length <= maxRanges
    ? yield* collect('section', document.sections, (section) => ({ start: section.headingRange.start.line, end: section.range.end.line }), maxRanges - folds.length)
    : null;
  if (sections) {
    folds = folds.concat(sections);
    const soundbites = yield* collect('soundbite', document.soundbites, (soundbite) => ({ start: soundbite.lineRange.start.line, end: soundbite.range.end.line }), maxRanges - folds.length);
    if (soundbites) {
      folds = folds.concat(soundbites);
    }
  }
  return yield* sortSteps(folds, byStartThenLongest, budget);
}

/** Document order; of two folds starting on one line, the longer first. */
const byStartThenLongest = (a: FoldRange, b: FoldRange): number => a.start - b.start || b.end - a.end;
