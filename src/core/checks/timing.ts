// Timing: how long a story's soundbites read aloud, against the running time its header announces.
// The status bar shows it for the story under the cursor; a finding marks a TRT the soundbites alone exceed.
import type { TextRange, TranscriptDocument } from '../model';
import type { OutlineRange } from '../outline/ranges';
import { quoteWordCount, secondsForWords } from '../outline/readTime';
import { storyGroups } from '../outline/storyGroups';
import { headerField } from './header';

export interface StoryTiming {
  /** The story's range (header block to its last element). */
  readonly range: OutlineRange;
  readonly soundbites: number;
  /** The soundbites' words read at the broadcast rate (3 words a second). */
  readonly soundbiteSeconds: number;
  /** The header's TRT in seconds, null when absent or unreadable. */
  readonly trtSeconds: number | null;
  /** The TRT field's value, for a finding. */
  readonly trtRange: TextRange | null;
}

const cache = new WeakMap<TranscriptDocument, readonly StoryTiming[]>();

/** One timing per story of a shot list, in document order; none for other formats. */
export function storyTimings(document: TranscriptDocument): readonly StoryTiming[] {
  const cached = cache.get(document);
  if (cached) {
    return cached;
  }
  const timings: StoryTiming[] = [];
  const soundbites = document.soundbites;
  let next = 0;
  for (const group of storyGroups(document)) {
    let words = 0;
    let count = 0;
    // Soundbites are in document order, as the groups are: one pass over them for all the stories.
    while (next < soundbites.length && (soundbites[next]?.lineRange.start.line ?? 0) < group.range.start.line) {
      next++;
    }
    while (next < soundbites.length && (soundbites[next]?.lineRange.start.line ?? 0) <= group.range.end.line) {
      const quote = soundbites[next]?.quote;
      if (quote) {
        words += quoteWordCount(quote);
        count++;
      }
      next++;
    }
    const trt = group.header ? headerField(group.header, 'TRT') : undefined;
    timings.push({
      range: group.range,
      soundbites: count,
      soundbiteSeconds: secondsForWords(words),
      trtSeconds: group.header?.trtSeconds ?? null,
      trtRange: trt ? trt.valueRange : null,
    });
  }
  cache.set(document, timings);
  return timings;
}

/** The story timing at a line (the first story's above the first header), or null for a document without stories. */
export function timingAtLine(document: TranscriptDocument, line: number): StoryTiming | null {
  const timings = storyTimings(document);
  let found: StoryTiming | null = timings[0] ?? null;
  for (const timing of timings) {
    if (timing.range.start.line <= line) {
      found = timing;
    }
  }
  return found;
}
