// The stories of a shot list (an archive holds several): each header block and what follows it, with
// the range that bounds it. The outline, folding, smart select and the quick picks all file elements
// under these; the checks to come group a story's quotes with its soundbites by them.
import type { Header, Story, TranscriptDocument } from '../model';
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
  const cached = groupCache.get(document);
  if (cached) {
    return cached;
  }
  const groups = buildStoryGroups(document);
  groupCache.set(document, groups);
  return groups;
}

function buildStoryGroups(document: TranscriptDocument): StoryGroup[] {
  if (document.format !== 'shotlist') {
    return [];
  }
  const headers = document.headers;
  const headerLines = headers.map((header) => header.range.start.line);
  const count = Math.max(1, headers.length);
  const stories: Story[][] = Array.from({ length: count }, () => []);
  const starts: Array<OutlinePosition | null> = Array.from({ length: count }, (_, index) => {
    const header = headers[index];
    return header ? plain(header.range).start : null;
  });
  const ends: Array<OutlinePosition | null> = Array.from({ length: count }, (_, index) => {
    const header = headers[index];
    return header ? plain(header.range).end : null;
  });
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
  const bound = <T>(items: readonly T[], firstLine: (item: T) => number, range: (item: T) => OutlineRange, onItem?: (item: T, group: number) => void): void => {
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
    items.forEach((item, index) => {
      const line = firstLine(item);
      if (line < 0) {
        return;
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
    });
    close();
  };
  bound(document.sections, (section) => section.headingRange.start.line, (section) => plain(section.range));
  bound(document.shots, (shot) => (shot.sectionIndex === null ? shot.lineRange.start.line : -1), (shot) => plain(shot.range));
  bound(document.stories, (story) => storyTextRange(story).start.line, storyTextRange, (story, group) => stories[group]?.push(story));
  const groups: StoryGroup[] = [];
  for (let index = 0; index < count; index++) {
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

