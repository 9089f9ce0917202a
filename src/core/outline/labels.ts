// The words the outline shows around the model's own text. The extension passes translated ones;
// the English set is the default for the CLI and the tests.
import type { TurnRole } from '../model';

/** The words shown around the model's own text; the extension passes translated ones. */
export interface OutlineLabels {
  /** A story with neither a STORY slug nor a page title. */
  readonly untitledStory: string;
  readonly header: string;
  /** The story text when it has no STORYLINE heading. */
  readonly storyText: string;
  /** A soundbite whose speaker could not be read. */
  readonly soundbite: string;
  readonly noQuote: string;
  readonly unclosedQuote: string;
  readonly roles: Readonly<Record<TurnRole, string>>;
  /** A read time under a minute, e.g. `42 s`. */
  readonly seconds: (seconds: number) => string;
  /** The shots a section holds, numbers as written: `shots 1–2`, `shot 3`. */
  readonly shots: (first: string, last: string | null) => string;
}

export const englishLabels: OutlineLabels = {
  untitledStory: 'Story',
  header: 'Header',
  storyText: 'Storyline',
  soundbite: 'SOUNDBITE',
  noQuote: 'no quote',
  unclosedQuote: 'unclosed',
  roles: { question: 'Question', answer: 'Answer', statement: 'Statement' },
  seconds: (seconds) => `${seconds} s`,
  shots: (first, last) => (last === null ? `shot ${first}` : `shots ${first}–${last}`),
};

