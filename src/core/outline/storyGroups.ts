// The stories of a shot list (an archive holds several): each header block and what follows it, with
// the range that bounds it. The outline, folding, smart select and the quick picks all file elements
// under these; the checks to come group a story's quotes with its soundbites by them.
import type { Header, Story, TranscriptDocument } from '../model';
import { runToEnd, StepBudget, type Steps } from '../util/steps';
import { comparePositions, plain, span, type OutlinePosition, type OutlineRange } from './ranges';

/** One story of a shot list (an archive holds several): a header block and what follows it. */
export interface StoryGroup {
  readonly index: number;
  readonly header: Header | null;
  readonly stories: readonly Story[];
  /** Header block start to the end of the story's last element. */
  readonly range: OutlineRange;
  /** The slug, or the page title for the first story, or null. */
  readonly slug: string | null;
}

const groupCache = new WeakMap<TranscriptDocument, readonly StoryGroup[]>();

/** The stories of a shot list in document order (one per header block; one in all when there is no header). */
export function storyGroups(document: TranscriptDocument): readonly StoryGroup[] {
  return runToEnd(storyGroupSteps(document));
}

/** Headers, sections, shots or stories filed between two chances to yield (a few milliseconds on an archive). */
const groupElementsPerStep = 2000;

/**
 * storyGroups() in steps, sharing its cache: a caller building on the groups passes its own budget,
 * so that the groups' elements count towards its steps.
 */
export function* storyGroupSteps(document: TranscriptDocument, budget = new StepBudget(groupElementsPerStep)): Steps<readonly StoryGroup[]> {
  const cached = groupCache.get(document);
  if (cached) {
    return cached;
  }
  const groups = yield* buildStoryGroups(document, budget);
  groupCache.set(document, groups);
  return groups;
}

function* buildStoryGroups(document: TranscriptDocument, budget: StepBudget): Steps<StoryGroup[]> {
  if (document.format !== 'shotlist') {
    return [];
  }
  const headers = document.headers;
  const count = Math.max(1, headers.length);
  const headerLines: number[] = [];
  const stories: Story[][] = [];
  const starts: Array<OutlinePosition | null> = [];
  const ends: Array<OutlinePosition | null> = [];
  for (let index = 0; index < count; index++) {
    if (budget.spend()) {
      yield;
    }
    const header = headers[index];
    const range = header ? plain(header.range) : null;
    if (header) {
      headerLines.push(header.range.start.line);
    }
    stories.push([]);
    starts.push(range ? range.start : null);
    ends.push(range ? range.end : null);
  }
  const extend = (group: number, range: OutlineRange): void => {
    const start = starts[group];
    const end = ends[group];
    starts[group] = start && comparePositions(start, range.start) <= 0 ? start : range.start;
    ends[group] = end && comparePositions(end, range.end) >= 0 ? end : range.end;
  };
  /**
   * Files each element of a list (in document order) under its story by its first line, and reads
   * the whole range only of the first and last element of each story: they bound it. An archive has
   * tens of thousands of shots and sections; their ranges are built on every read.
   */
  function* bound<T>(items: readonly T[], firstLine: (item: T) => number, range: (item: T) => OutlineRange, onItem?: (item: T, group: number) => void): Steps<void> {
    let group = 0;
    let first = -1;
    let last = -1;
    const close = (): void => {
      if (first >= 0) {
        extend(group, range(items[first] as T));
        if (last !== first) {
          extend(group, range(items[last] as T));
        }
      }
    };
    for (let index = 0; index < items.length; index++) {
      if (budget.spend()) {
        yield;
      }
      const item = items[index] as T;
      const line = firstLine(item);
      if (line < 0) {
        continue;
      }
      let next = group;
      while (next + 1 < headerLines.length && (headerLines[next + 1] as number) <= line) {
        next++;
      }
      if (next !== group) {
        close();
        group = next;
        first = -1;
      }
      if (first < 0) {
        first = index;
      }
      last = index;
      onItem?.(item, group);
    }
    close();
  }
  yield* bound(document.sections, (section) => section.headingRange.start.line, (section) => plain(section.range));
  yield* bound(document.shots, (shot) => (shot.sectionIndex === null ? shot.lineRange.start.line : -1), (shot) => plain(shot.range));
  yield* bound(document.stories, (story) => storyTextRange(story).start.line, storyTextRange, (story, group) => stories[group]?.push(story));
  const groups: StoryGroup[] = [];
  for (let index = 0; index < count; index++) {
    if (budget.spend()) {
      yield;
    }
    const header = headers[index] ?? null;
    const start = starts[index];
    const end = ends[index];
    if (!start || !end) {
      continue;
    }
    const slug = header?.story ?? (index === 0 ? document.title?.text ?? null : null);
    groups.push({ index, header, stories: stories[index] ?? [], range: span(start, end), slug });
  }
  return groups;
}

/** The story text from its STORYLINE heading (when there is one) to its last line. */
export function storyTextRange(story: Story): OutlineRange {
  const range = plain(story.range);
  const heading = story.headingRange ? plain(story.headingRange) : null;
  return heading && comparePositions(heading.start, range.start) < 0 ? span(heading.start, range.end) : range;
}

