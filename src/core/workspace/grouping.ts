// The Soundbites view's groups: every indexed soundbite by speaker (spellings that fold alike
// together) or by story.
import type { FileEntry, SoundbiteEntry, StoryEntry } from './entries';
import { compareText } from './search';
import { runToEnd, sortSteps, StepBudget, type Steps } from '../util/steps';

export type GroupBy = 'speaker' | 'story';

export interface SoundbiteGroup {
  /** Stable within the grouping: the speaker key, or `file#storyIndex`. */
  readonly key: string;
  /** The speaker as first written, or the story's name; null for unknown speakers and nameless stories. */
  readonly label: string | null;
  /** By story: the story; by speaker: null. */
  readonly story: StoryEntry | null;
  readonly soundbites: readonly SoundbiteEntry[];
}

/** The key of the group a soundbite is in (SoundbiteGroup.key): its speaker's, or its story's. */
export function groupKeyOf(soundbite: SoundbiteEntry, by: GroupBy): string {
  return by === 'speaker' ? soundbite.speakerKey : storyGroupKey(soundbite.file, soundbite.storyIndex);
}

function storyGroupKey(file: string, storyIndex: number): string {
  return `${file}#${storyIndex}`;
}

/**
 * Soundbites grouped by speaker (spellings that fold alike share a group; groups sorted by name, the
 * unknown speaker last) or by story (files in the order given, stories in document order; stories
 * without soundbites left out). Within a group: file order, then line.
 */
export function groupSoundbites(files: readonly FileEntry[], by: GroupBy): SoundbiteGroup[] {
  return runToEnd(groupSoundbitesSteps(files, by));
}

/** Soundbites looked at per step of groupSoundbitesSteps: a few milliseconds. */
const soundbitesPerStep = 5000;

/** groupSoundbites in steps of a few thousand soundbites: an archive has tens of thousands. */
export function* groupSoundbitesSteps(files: readonly FileEntry[], by: GroupBy): Steps<SoundbiteGroup[]> {
  const budget = new StepBudget(soundbitesPerStep);
  if (by === 'story') {
    const groups: SoundbiteGroup[] = [];
    for (const file of files) {
      const perStory = file.stories.map(() => [] as SoundbiteEntry[]);
      for (const soundbite of file.soundbites) {
        perStory[soundbite.storyIndex]?.push(soundbite);
        if (budget.spend()) {
          yield;
        }
      }
      for (let index = 0; index < file.stories.length; index++) {
        const story = file.stories[index] as StoryEntry;
        const soundbites = perStory[index] ?? [];
        if (soundbites.length > 0) {
          groups.push({ key: storyGroupKey(file.file, index), label: story.name, story, soundbites });
        }
        if (budget.spend()) {
          yield;
        }
      }
    }
    return groups;
  }
  const bySpeaker = new Map<string, { label: string | null; soundbites: SoundbiteEntry[] }>();
  for (const file of files) {
    for (const soundbite of file.soundbites) {
      const group = bySpeaker.get(soundbite.speakerKey);
      if (group) {
        group.soundbites.push(soundbite);
      } else {
        bySpeaker.set(soundbite.speakerKey, { label: soundbite.speakerKey === '' ? null : soundbite.speaker, soundbites: [soundbite] });
      }
      if (budget.spend()) {
        yield;
      }
    }
  }
  const groups: SoundbiteGroup[] = [];
  for (const [key, group] of bySpeaker) {
    groups.push({ key, label: group.label, story: null, soundbites: group.soundbites });
  }
  return yield* sortSteps(groups, (a, b) => (a.label === null ? 1 : b.label === null ? -1 : compareText(a.label, b.label) || (a.key < b.key ? -1 : 1)), budget);
}
