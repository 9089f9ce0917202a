// Timing: how long a story's soundbites read aloud, against the running time its header announces.
// The status bar shows it for the story under the cursor; a finding marks a TRT the soundbites alone exceed.
import type { TextRange, TranscriptDocument } from '../model';
import type { OutlineRange } from '../outline/ranges';
import { quoteWordCount, secondsForWords } from '../outline/readTime';
import { storyGroups } from '../outline/storyGroups';
import { headerField } from './header';
import { soundbitesWithin, unitAtLine } from './quoteFidelity';

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

const cache = new WeakMap<TranscriptDocument, Array<StoryTiming | undefined>>();

/** The timing of one story of a shot list (by its index among storyGroups), computed once per document version. */
export function storyTiming(document: TranscriptDocument, index: number): StoryTiming | null {
  const group = storyGroups(document)[index];
  if (!group) {
    return null;
  }
  let timings = cache.get(document);
  if (!timings) {
    timings = [];
    cache.set(document, timings);
  }
  const known = timings[index];
  if (known) {
    return known;
  }
  let words = 0;
  let count = 0;
  for (const { soundbite } of soundbitesWithin(document, group.range.start.line, group.range.end.line)) {
    if (soundbite.quote) {
      words += quoteWordCount(soundbite.quote);
      count++;
    }
  }
  const trt = group.header ? headerField(group.header, 'TRT') : undefined;
  const timing: StoryTiming = {
    range: group.range,
    soundbites: count,
    soundbiteSeconds: secondsForWords(words),
    trtSeconds: group.header?.trtSeconds ?? null,
    trtRange: trt ? trt.valueRange : null,
  };
  timings[index] = timing;
  return timing;
}

/** One timing per story of a shot list, in document order; none for other formats. */
export function storyTimings(document: TranscriptDocument): StoryTiming[] {
  const timings: StoryTiming[] = [];
  const count = document.format === 'shotlist' ? storyGroups(document).length : 0;
  for (let index = 0; index < count; index++) {
    const timing = storyTiming(document, index);
    if (timing) {
      timings.push(timing);
    }
  }
  return timings;
}

/** The timing of the story at a line (the first story above the first header), or null for a document without stories. */
export function timingAtLine(document: TranscriptDocument, line: number): StoryTiming | null {
  return document.format === 'shotlist' ? storyTiming(document, unitAtLine(document, line)) : null;
}
