// Who answers in an interview whose answers carry no label, so that Copy Quote can name them: the
// one person whose labelled answers there are; else the name a web page's title gives (`Name: …`,
// `… (Name, Org)`, `Interview with Name`); else the standfirst's `Name, Title, …`. The title the
// standfirst gives goes with the name when both name the same person. When sources disagree, no one
// is named: a wrong attribution is worse than none.
import type { Interviewee, Turn } from '../model';
import { answerLabels, nameHonorifics, nameParticles, titleFirstWords } from './lexicon';

/** How much of each of the first paragraphs is read for a standfirst. */
const standfirstLength = 400;
/** How many paragraphs before the first turn may hold the standfirst. */
const standfirstParagraphs = 3;

/** A capitalised word of letters (hyphens, apostrophes and an initial's dot allowed): `Jean-Pierre`, `O’Neill`, `J.` */
function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase() && /^[\p{L}\p{M}'’.-]+$/u.test(word);
}

/** 2 to 5 words that read as a person's name (particles inside allowed), after any honorific; null otherwise. */
function personName(words: readonly string[]): string | null {
  let start = 0;
  while (start < words.length && nameHonorifics.has((words[start] ?? '').toLowerCase())) {
    start++;
  }
  const name = words.slice(start);
  // An honorific inside (`Entretien de Mme Name`) means the name starts after it.
  if (name.length < 2 || name.length > 5 || name.some((word) => nameHonorifics.has(word.toLowerCase()))) {
    return null;
  }
  const ok = name.every((word, index) => (isCapitalised(word) && !titleFirstWords.has(word.toLowerCase())) ||
    (index > 0 && index < name.length - 1 && nameParticles.has(word.toLowerCase())));
  return ok ? name.join(' ') : null;
}

function wordsOf(text: string): string[] {
  return text.trim().split(/\s+/u).filter((word) => word.length > 0);
}

/** The name a page title gives: `Name: …`, `… (Name, Org)`, `Interview with Name`, `Entretien avec Name`. */
export function nameInTitle(title: string): string | null {
  const colon = title.indexOf(':');
  if (colon > 0 && colon <= 60) {
    // Aggregator copies put the date first: `12.06.2024 B. Surname: “…”`.
    const words = wordsOf(title.slice(0, colon));
    const name = personName(/^[\d./-]+$/u.test(words[0] ?? '') ? words.slice(1) : words);
    if (name) {
      return name;
    }
  }
  const open = title.lastIndexOf('(');
  const close = title.lastIndexOf(')');
  if (open >= 0 && close > open && close - open <= 80) {
    const inside = title.slice(open + 1, close);
    const comma = inside.indexOf(',');
    const name = personName(wordsOf(comma >= 0 ? inside.slice(0, comma) : inside));
    if (name) {
      return name;
    }
  }
  const words = wordsOf(title.slice(0, 200));
  for (let index = 0; index < words.length; index++) {
    const word = (words[index] ?? '').toLowerCase();
    if (word === 'with' || word === 'avec') {
      for (let length = 5; length >= 2; length--) {
        const name = personName(words.slice(index + 1, index + 1 + length).map((part) => part.replace(/[,.;:!?)]+$/u, '')));
        if (name) {
          return name;
        }
      }
    }
  }
  return null;
}

/**
 * `Name, Title, …` in a standfirst (`Mr. Jean-Pierre Lacroix, Under-Secretary-General for Peace
 * Operations, discusses …`): the name and the title between the commas, the title opening with a
 * title word.
 */
export function nameAndTitleInStandfirst(text: string): { name: string; title: string } | null {
  const parts = text.slice(0, standfirstLength).split(',');
  for (let index = 0; index + 1 < parts.length; index++) {
    const before = wordsOf(parts[index] ?? '');
    // The standfirst's sentence may end with the title: its full stop is not part of it.
    const title = (parts[index + 1] ?? '').trim().replace(/\.$/u, '');
    const titleWords = wordsOf(title);
    if (titleWords.length === 0 || !titleFirstWords.has((titleWords[0] ?? '').toLowerCase())) {
      continue;
    }
    // The name is the last words before the comma (`In an interview with UN News, Nadia Kassem`).
    for (let length = Math.min(6, before.length); length >= 2; length--) {
      const name = personName(before.slice(before.length - length));
      if (name) {
        return { name, title };
      }
    }
  }
  return null;
}

/** `Spokesperson` for `Spokesperson for the Secretary-General`: a label made of title words that opens the title. */
function isRoleOf(label: string, title: string): boolean {
  const words = wordsOf(label.toLowerCase());
  return words.length > 0 && words.every((word) => titleFirstWords.has(word)) &&
    title.toLowerCase().startsWith(words.join(' ')) && /^(?:$|[\s,])/u.test(title.slice(label.length));
}

/** Verbs a standfirst puts right after the name it opens with (`Inspector Jane Roe has served …`). */
const standfirstVerbs = new Set(['has', 'had', 'is', 'was', 'spent', 'served', 'leads', 'led', 'heads', 'headed', 'joined', 'runs', 'ran', 'works', 'worked']);

/** The name a standfirst opens with, a verb right after it (`Inspector Jane Roe has served …`); null otherwise. */
export function nameOpeningStandfirst(text: string): string | null {
  const words = wordsOf(text.slice(0, 120));
  for (let length = 2; length <= 6 && length < words.length; length++) {
    if (standfirstVerbs.has(words[length] ?? '')) {
      return personName(words.slice(0, length));
    }
  }
  return null;
}

function sameName(a: string, b: string): boolean {
  const last = (name: string): string => (name.split(' ').pop() ?? '').toLowerCase();
  return last(a) === last(b);
}

/**
 * The person answering in an interview, or null. `title` is the page title, `lead` the paragraphs
 * before the first turn (the standfirst), `turns` the interview's turns.
 */
export function findInterviewee(title: string | null, lead: readonly string[], turns: readonly Turn[]): Interviewee | null {
  const answerers = new Map<string, number>();
  let answers = 0;
  for (const turn of turns) {
    if (turn.role === 'answer' && turn.speaker !== null && !answerLabels.has(turn.speaker.toLowerCase())) {
      answerers.set(turn.speaker, (answerers.get(turn.speaker) ?? 0) + 1);
      answers++;
    }
  }
  // A title of the `Interview with Name, head of …` kind gives the title when no standfirst does.
  const standfirst = lead.slice(0, standfirstParagraphs).map(nameAndTitleInStandfirst).find((found) => found !== null) ??
    (title === null ? null : nameAndTitleInStandfirst(title));
  // A briefing labels its main answerer by role (`Spokesperson:`), and its introduction names the
  // person with that role (`… by Jane Roe, Spokesperson for the Secretary-General`): the label is hers
  // when she answers more than two answers in three.
  let main: string | null = null;
  for (const [label, count] of answerers) {
    if (main === null || count > (answerers.get(main) ?? 0)) {
      main = label;
    }
  }
  if (main !== null && standfirst !== null && answerers.size >= 1 && (answerers.get(main) ?? 0) * 3 > answers * 2 && isRoleOf(main, standfirst.title)) {
    return { speaker: standfirst.name, title: standfirst.title };
  }
  // The page title, else a headline among the first paragraphs (web copies keep site chrome above it).
  const headlines = [title, ...lead.slice(0, standfirstParagraphs + 2).filter((paragraph) => paragraph.length <= 200)];
  const titled = headlines.map((headline) => (headline === null ? null : nameInTitle(headline))).find((name) => name !== null) ?? null;
  if (answerers.size === 1) {
    const speaker = [...answerers.keys()][0] as string;
    return { speaker, title: standfirst && sameName(standfirst.name, speaker) ? standfirst.title : null };
  }
  if (answerers.size > 1) {
    return null;
  }
  if (titled) {
    if (standfirst && !sameName(standfirst.name, titled)) {
      return null;
    }
    return { speaker: titled, title: standfirst ? standfirst.title : null };
  }
  if (standfirst) {
    return { speaker: standfirst.name, title: standfirst.title };
  }
  const opening = lead.slice(0, standfirstParagraphs).map(nameOpeningStandfirst).find((name) => name !== null) ?? null;
  return opening === null ? null : { speaker: opening, title: null };
}
