// The places Next/Previous Soundbite and "Go to Soundbite…" move between (soundbites of a shot list,
// answers of an interview, quotes of prose), stepping between them, and the quick pick's items.
import type { Quote, Soundbite, TranscriptDocument, Turn } from '../model';
import { firstWhere } from '../text/search';
import { firstWords } from '../text/words';
import { englishLabels, type OutlineLabels } from './labels';
import { comparePositions, lastStartingAtOrBefore, plain, type OutlinePosition, type OutlineRange } from './ranges';
import { formatReadTime, readSeconds } from './readTime';
import { soundbiteName, turnName } from './symbols';
import { storyGroupSteps } from './storyGroups';
import { mapSteps, runToEnd, StepBudget, type Steps } from '../util/steps';

/** A place Next/Previous Soundbite and "Go to Soundbite…" move to. */
export interface SoundbiteTarget {
  /** Where the cursor goes: the first word of the quote (or of the turn). */
  readonly position: OutlinePosition;
  /** What to bring into view: the speaker line and the quote. */
  readonly revealRange: OutlineRange;
  readonly soundbite: Soundbite | null;
  readonly turn: Turn | null;
  readonly quote: Quote | null;
}

const targetCache = new WeakMap<TranscriptDocument, readonly SoundbiteTarget[]>();

// One small object per target, its position and range read from its element when asked: an archive has
// tens of thousands, built while the first reading's records fill the young generation, and five objects
// each (a target, its range, three positions) made the collections that copy them noticeably longer.
// The readers (a binary search, a reveal) ask for a handful.

class SoundbiteOfShotlist implements SoundbiteTarget {
  constructor(readonly soundbite: Soundbite) {}
  get quote(): Quote | null {
    return this.soundbite.quote;
  }
  get turn(): null {
    return null;
  }
  get position(): OutlinePosition {
    const { quote, speakerRange, lineRange } = this.soundbite;
    return plain(quote ? quote.innerRange : speakerRange ?? lineRange).start;
  }
  get revealRange(): OutlineRange {
    return plain(this.soundbite.range);
  }
  toJSON(): object {
    return targetJson(this);
  }
}

class TurnOfInterview implements SoundbiteTarget {
  constructor(readonly turn: Turn) {}
  get soundbite(): null {
    return null;
  }
  get quote(): null {
    return null;
  }
  get position(): OutlinePosition {
    return plain(this.turn.textRange).start;
  }
  get revealRange(): OutlineRange {
    return plain(this.turn.range);
  }
  toJSON(): object {
    return targetJson(this);
  }
}

class QuoteOfProse implements SoundbiteTarget {
  constructor(readonly quote: Quote) {}
  get soundbite(): null {
    return null;
  }
  get turn(): null {
    return null;
  }
  get position(): OutlinePosition {
    return plain(this.quote.innerRange).start;
  }
  get revealRange(): OutlineRange {
    return plain(this.quote.range);
  }
  toJSON(): object {
    return targetJson(this);
  }
}

/** What a target says, as plain data (the worker tests compare targets through JSON). */
function targetJson(target: SoundbiteTarget): object {
  const { position, revealRange, soundbite, turn, quote } = target;
  return { position, revealRange, soundbite, turn, quote };
}

/**
 * Soundbites of a shot list; answers of an interview (every turn when none is an answer); quotes
 * of prose. In document order; once per model.
 */
export function soundbiteTargets(document: TranscriptDocument): readonly SoundbiteTarget[] {
  return runToEnd(soundbiteTargetSteps(document));
}

/** Targets made (or turns looked at) between two chances to yield: about a millisecond on an archive. */
const targetElementsPerStep = 1000;

/** soundbiteTargets() in steps, sharing its cache. */
export function* soundbiteTargetSteps(document: TranscriptDocument): Steps<readonly SoundbiteTarget[]> {
  const cached = targetCache.get(document);
  if (cached) {
    return cached;
  }
  const budget = new StepBudget(targetElementsPerStep);
  let targets: SoundbiteTarget[];
  if (document.format === 'shotlist') {
    targets = yield* mapSteps(document.soundbites, budget, (soundbite) => new SoundbiteOfShotlist(soundbite));
  } else if (document.turns.length > 0) {
    const answers: Turn[] = [];
    for (const turn of document.turns) {
      if (budget.spend()) {
        yield;
      }
      if (turn.role === 'answer') {
        answers.push(turn);
      }
    }
    targets = yield* mapSteps(answers.length > 0 ? answers : document.turns, budget, (turn) => new TurnOfInterview(turn));
  } else {
    targets = yield* mapSteps(document.quotes, budget, (quote) => new QuoteOfProse(quote));
  }
  targetCache.set(document, targets);
  return targets;
}

export interface Step {
  readonly index: number;
  readonly target: SoundbiteTarget;
  /** True when the move went past the last (or first) one and came round. */
  readonly wrapped: boolean;
}

/**
 * The next target strictly after `position` (or the previous one strictly before it), wrapping
 * round at the ends; null when there is none at all.
 */
export function stepTarget(targets: readonly SoundbiteTarget[], position: OutlinePosition, direction: 'next' | 'previous'): Step | null {
  if (targets.length === 0) {
    return null;
  }
  // First index whose position is after `position`.
  const low = firstWhere(targets.length, (index) => comparePositions((targets[index] as SoundbiteTarget).position, position) > 0);
  if (direction === 'next') {
    const wrapped = low >= targets.length;
    const index = wrapped ? 0 : low;
    return { index, target: targets[index] as SoundbiteTarget, wrapped };
  }
  // Last index whose position is before `position`.
  let previous = low - 1;
  while (previous >= 0 && comparePositions((targets[previous] as SoundbiteTarget).position, position) === 0) {
    previous--;
  }
  const wrapped = previous < 0;
  const index = wrapped ? targets.length - 1 : previous;
  return { index, target: targets[index] as SoundbiteTarget, wrapped };
}

/** The target the position is in (or the last one before it), for the quick pick's first active item. */
export function currentTarget(targets: readonly SoundbiteTarget[], position: OutlinePosition): number {
  return firstWhere(targets.length, (index) => comparePositions((targets[index] as SoundbiteTarget).revealRange.start, position) > 0) - 1;
}


export interface SoundbitePickItem {
  /** `2. Jean-Pierre Lacroix` */
  readonly label: string;
  /** Read time, language and title: `29 s · English · Under-Secretary-General…` */
  readonly description: string;
  /**
   * The quote's words (up to about 1,000 characters). The list shows the first ones, as many as fit
   * on a line; typing filters on all of them.
   */
  readonly detail: string;
  /** The story slug, for a separator when an archive holds several stories. */
  readonly story: string | null;
  readonly targetIndex: number;
}

const maxDetailLength = 1000;

function pickDetail(text: string): string {
  return text.length > maxDetailLength ? firstWords(text, Infinity, maxDetailLength) : text;
}

/** One item per target of `soundbiteTargets`, in the same order. */
export function soundbitePickItems(document: TranscriptDocument, labels: OutlineLabels = englishLabels): SoundbitePickItem[] {
  return runToEnd(soundbitePickItemSteps(document, labels));
}

/**
 * Items made between two chances to yield: each finds its story (a binary search) and keeps its target,
 * about a microsecond in plain Node once the code is optimised, several before.
 */
const pickItemsPerStep = 250;

/** What an item says: worked out when the quick pick shows or searches the item. */
interface PickWords {
  readonly label: string;
  readonly description: string;
  readonly detail: string;
}

/**
 * Words the items of one list, and remembers the last item worded: the quick pick reads an item's
 * label, description and detail one after the other.
 */
class PickItemWording {
  readonly #labels: OutlineLabels;
  // Read times repeat (whole seconds): each is worded once, not once per item through the display language's formatter.
  readonly #readTimes = new Map<number, string>();
  #lastTarget: SoundbiteTarget | undefined;
  #lastWords: PickWords | undefined;

  constructor(labels: OutlineLabels) {
    this.#labels = labels;
  }

  wordsOf(target: SoundbiteTarget): PickWords {
    if (target !== this.#lastTarget || !this.#lastWords) {
      this.#lastWords = this.#word(target);
      this.#lastTarget = target;
    }
    return this.#lastWords;
  }

  #word({ soundbite, turn, quote }: SoundbiteTarget): PickWords {
    const labels = this.#labels;
    if (soundbite) {
      const text = quote?.text ?? '';
      const parts = [
        text ? this.#readTime(readSeconds(text)) : null,
        soundbite.languageName ?? soundbite.language,
        soundbite.title,
      ].filter((part): part is string => Boolean(part));
      return { label: soundbiteName(soundbite, labels), description: parts.join(' · '), detail: text ? pickDetail(text) : labels.noQuote };
    }
    if (turn) {
      const text = turn.text;
      return { label: turnName(turn, labels), description: this.#readTime(readSeconds(text)), detail: pickDetail(text) };
    }
    const text = quote?.text ?? '';
    return { label: firstWords(text), description: this.#readTime(readSeconds(text)), detail: pickDetail(text) };
  }

  #readTime(seconds: number): string {
    let worded = this.#readTimes.get(seconds);
    if (worded === undefined) {
      worded = formatReadTime(seconds, this.#labels);
      this.#readTimes.set(seconds, worded);
    }
    return worded;
  }
}

/**
 * One item of the list, its words read from its target when asked. A long archive has tens of thousands
 * of soundbites, and the list shows about a thousand until the user searches: worded up front, their
 * quotes (up to 1,000 characters each) made 600 ms of work and tens of megabytes of strings at once.
 */
class SoundbitePickEntry implements SoundbitePickItem {
  readonly story: string | null;
  readonly targetIndex: number;
  readonly #target: SoundbiteTarget;
  readonly #wording: PickItemWording;

  constructor(target: SoundbiteTarget, targetIndex: number, story: string | null, wording: PickItemWording) {
    this.#target = target;
    this.targetIndex = targetIndex;
    this.story = story;
    this.#wording = wording;
  }

  get label(): string {
    return this.#wording.wordsOf(this.#target).label;
  }

  get description(): string {
    return this.#wording.wordsOf(this.#target).description;
  }

  get detail(): string {
    return this.#wording.wordsOf(this.#target).detail;
  }

  toJSON(): SoundbitePickItem {
    const { label, description, detail, story, targetIndex } = this;
    return { label, description, detail, story, targetIndex };
  }
}

/** soundbitePickItems() in steps (the targets and story groups through their own steps and caches). */
export function* soundbitePickItemSteps(document: TranscriptDocument, labels: OutlineLabels = englishLabels): Steps<SoundbitePickItem[]> {
  const targets = yield* soundbiteTargetSteps(document);
  const groups = yield* storyGroupSteps(document);
  const several = groups.length > 1;
  const wording = new PickItemWording(labels);
  return yield* mapSteps(targets, new StepBudget(pickItemsPerStep), (target, targetIndex): SoundbitePickItem => {
    let story: string | null = null;
    if (several) {
      const group = groups[Math.max(0, lastStartingAtOrBefore(groups, target.revealRange.start.line, (item) => item.range.start.line))];
      story = group?.slug ?? labels.untitledStory;
    }
    return new SoundbitePickEntry(target, targetIndex, story, wording);
  });
}
