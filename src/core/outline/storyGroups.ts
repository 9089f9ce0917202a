// The stories of a shot list (an archive holds several): each header block and what follows it, with
// the range that bounds it. The outline, folding, smart select and the quick picks all file elements
// under these; the checks to come group a story's quotes with its soundbites by them.
import type { Header, Section, Shot, Story, TranscriptDocument } from '../model';
import type { EditLines } from '../text/edits';
import { firstWhere } from '../text/search';
import { appendAll } from '../util/arrays';
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
 * The story groups of the version before one edit, and where the edit fell (its first line, and the
 * line its end was on before and after): the groups the edit did not touch are kept (moved when below
 * it) instead of made again, as the index and the checks do. The result is the same; only less is
 * allocated, and what an archive's 14,000 groups allocated after each keystroke outlived the young
 * generation and was copied by the garbage collector.
 */
export interface PreviousGroups extends EditLines {
  readonly groups: readonly StoryGroup[];
}

/** The groups already made for this document version, without making them. */
export function knownStoryGroups(document: TranscriptDocument): readonly StoryGroup[] | undefined {
  return groupCache.get(document);
}

/**
 * storyGroups() in steps, sharing its cache: a caller building on the groups passes its own budget,
 * so that the groups' elements count towards its steps. With `previous` (the document was re-parsed
 * from that version), the groups away from the edit are taken from it.
 */
export function* storyGroupSteps(document: TranscriptDocument, budget = new StepBudget(groupElementsPerStep), previous?: PreviousGroups): Steps<readonly StoryGroup[]> {
  const cached = groupCache.get(document);
  if (cached) {
    return cached;
  }
  if (document.format !== 'shotlist') {
    return [];
  }
  const groups = (previous && (yield* groupsAfterEdit(document, budget, previous))) ?? (yield* groupsBetween(document, budget, 0, Math.max(1, document.headers.length) - 1));
  groupCache.set(document, groups);
  return groups;
}

/**
 * The groups after an edit: the previous ones before the touched region as they were, those after it
 * moved, and those of the region (the stories holding the edit and one more on each side: an edit at
 * a header may join or split them) made again. Null when the previous groups cannot be kept (no header,
 * or a kept story's header is not the same record: the parse did not keep it), to be made afresh.
 */
function* groupsAfterEdit(document: TranscriptDocument, budget: StepBudget, previous: PreviousGroups): Steps<StoryGroup[] | null> {
  const old = previous.groups;
  const headers = yield* listOf(() => document.headers);
  // Every header makes one group, numbered as the header: then old group k is old header k.
  if (headers.length === 0 || old.length === 0 || old.some((group, index) => group.index !== index || group.header === null)) {
    return null;
  }
  const lineDelta = previous.newEndLine - previous.oldEndLine;
  const headerDelta = headers.length - old.length;
  const first = Math.max(0, firstWhere(old.length, (index) => (old[index] as StoryGroup).range.end.line >= previous.startLine) - 1);
  const last = Math.min(old.length - 1, firstWhere(old.length, (index) => (old[index] as StoryGroup).range.start.line > previous.oldEndLine));
  const lastMade = last + headerDelta;
  if (lastMade < first - 1 || lastMade >= headers.length) {
    return null;
  }
  const groups: StoryGroup[] = [];
  for (let index = 0; index < first; index++) {
    const group = old[index] as StoryGroup;
    if (headers[index] !== group.header) {
      return null;
    }
    groups.push(group);
  }
  appendAll(groups, yield* groupsBetween(document, budget, first, lastMade));
  for (let index = last + 1; index < old.length; index++) {
    if (budget.spend()) {
      yield;
    }
    const group = old[index] as StoryGroup;
    const header = headers[index + headerDelta];
    if (header !== group.header) {
      return null;
    }
    const moved = index + headerDelta;
    groups.push(lineDelta === 0 && headerDelta === 0 ? group
      : { ...group, index: moved, range: movedRange(group.range, lineDelta), slug: moved === 0 ? header.story ?? document.title?.text ?? null : group.slug });
  }
  return groups;
}

/**
 * One of the model's lists, read in a step of its own: the first read of a list in a new version
 * gathers it from the archive's stories (a few milliseconds each for tens of thousands of elements).
 */
function* listOf<T>(read: () => readonly T[]): Steps<readonly T[]> {
  yield;
  return read();
}

function movedRange(range: OutlineRange, lines: number): OutlineRange {
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}

/**
 * The groups of headers `firstHeader`..`lastHeader` (all of them: 0 and the last; a document with no
 * header is one group), from the elements that start on their lines: from the first header's line
 * (the document's start for the first header) to the line before the next header.
 */
function* groupsBetween(document: TranscriptDocument, budget: StepBudget, firstHeader: number, lastHeader: number): Steps<StoryGroup[]> {
  const headers = yield* listOf(() => document.headers);
  const count = lastHeader - firstHeader + 1;
  if (count <= 0) {
    return [];
  }
  const headerLines: number[] = [];
  const stories: Story[][] = [];
  const starts: Array<OutlinePosition | null> = [];
  const ends: Array<OutlinePosition | null> = [];
  for (let index = firstHeader; index <= lastHeader; index++) {
    if (budget.spend()) {
      yield;
    }
    const header = headers[index];
    const range = header ? plain(header.range) : null;
    if (range) {
      headerLines.push(range.start.line);
    }
    stories.push([]);
    starts.push(range ? range.start : null);
    ends.push(range ? range.end : null);
  }
  const fromLine = firstHeader === 0 ? 0 : (headerLines[0] ?? 0);
  const nextHeader = headers[lastHeader + 1];
  const toLine = nextHeader ? nextHeader.range.start.line - 1 : Number.POSITIVE_INFINITY;
  const extend = (group: number, range: OutlineRange): void => {
    const start = starts[group];
    const end = ends[group];
    starts[group] = start && comparePositions(start, range.start) <= 0 ? start : range.start;
    ends[group] = end && comparePositions(end, range.end) >= 0 ? end : range.end;
  };
  /**
   * Files each element of a list (in document order) under its story by its first line, and reads
   * the whole range only of the first and last element of each story: they bound it. An archive has
   * tens of thousands of shots and sections; their ranges are built on every read. `startLine` is
   * where the element starts, in document order; `firstLine` the line it is filed by, or -1 (not filed).
   */
  function* bound<T>(items: readonly T[], startLine: (item: T) => number, firstLine: (item: T) => number, range: (item: T) => OutlineRange,
    onItem?: (item: T, group: number) => void): Steps<void> {
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
    for (let index = fromLine === 0 ? 0 : firstWhere(items.length, (at) => startLine(items[at] as T) >= fromLine); index < items.length; index++) {
      if (budget.spend()) {
        yield;
      }
      const item = items[index] as T;
      if (startLine(item) > toLine) {
        break;
      }
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
  const sectionLine = (section: Section): number => section.headingRange.start.line;
  const shotLine = (shot: Shot): number => shot.lineRange.start.line;
  const storyLine = (story: Story): number => storyTextRange(story).start.line;
  yield* bound(yield* listOf(() => document.sections), sectionLine, sectionLine, (section) => plain(section.range));
  yield* bound(yield* listOf(() => document.shots), shotLine, (shot) => (shot.sectionIndex === null ? shotLine(shot) : -1), (shot) => plain(shot.range));
  yield* bound(yield* listOf(() => document.stories), storyLine, storyLine, storyTextRange, (story, group) => stories[group]?.push(story));
  const groups: StoryGroup[] = [];
  for (let offset = 0; offset < count; offset++) {
    if (budget.spend()) {
      yield;
    }
    const index = firstHeader + offset;
    const header = headers[index] ?? null;
    const start = starts[offset];
    const end = ends[offset];
    if (!start || !end) {
      continue;
    }
    const slug = header?.story ?? (index === 0 ? document.title?.text ?? null : null);
    groups.push({ index, header, stories: stories[offset] ?? [], range: span(start, end), slug });
  }
  return groups;
}

/** The story text from its STORYLINE heading (when there is one) to its last line. */
export function storyTextRange(story: Story): OutlineRange {
  const range = plain(story.range);
  const heading = story.headingRange ? plain(story.headingRange) : null;
  return heading && comparePositions(heading.start, range.start) < 0 ? span(heading.start, range.end) : range;
}

