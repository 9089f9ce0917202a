// Quote extraction: the exact words of a soundbite, an interview answer or a quoted passage, with their
// attribution (speaker, title, language, shot, dateline, source, story slug, restrictions, file, line).
// Plain data in, plain data out: the editor commands and the CLI format the items with styles.ts.
import { answerLabels, recogniseLanguage, suggestLanguage } from '../parse/lexicon';
import type { Header, Quote, Soundbite, TranscriptDocument, Turn } from '../model';
import { quoteWording } from '../messages/quotes';
import { isClosingMark, isOpeningMark } from '../parse/quoteMarks';
import { textOver, wholeText, type TextLike, type TextSource } from '../text/chunkedText';
import { countLineBreaks } from '../text/lineTable';
import { headerAt } from '../checks/header';
import { lastStartingAtOrBefore } from '../outline/ranges';
import { runToEnd, sortSteps, StepBudget, type Steps } from '../util/steps';
import { collapseWhitespace, isRegExpSpaceCode } from '../text/whitespace';

export type QuoteKind = 'soundbite' | 'turn' | 'story-quote' | 'quote';

export interface QuoteItem {
  /** The words: enclosing marks stripped, white space collapsed, `…` added on a side cut mid-sentence. */
  text: string;
  speaker: string | null;
  title: string | null;
  /** The soundbite's language as written (`English`, `FRENCH`). */
  language: string | null;
  /** The language in English title case when it is not English (`French`): the quote is a translation. */
  translatedFrom: string | null;
  shot: number | null;
  /** The date of the dateline that covers the quote (section dateline, else the header's), as written. */
  date: string | null;
  place: string | null;
  /** The header's SOURCE field. */
  source: string | null;
  /** The header's STORY slug. */
  story: string | null;
  /** The header's RESTRICTIONS field, null when absent or NONE. */
  restrictions: string | null;
  file: string;
  /** 1-based line where the quoted words start. */
  line: number;
  kind: QuoteKind;
  /** Present when the speaker and title are a guess (see Soundbite.attribution): check them before use. */
  attributionUnsure?: true;
}

export interface QuoteSelection {
  /** 0-based UTF-16 offsets into the document text; equal for a cursor. */
  start: number;
  end: number;
}

/** One quotable element: where it sits, where its words are, and how it is attributed. */
interface Candidate {
  kind: QuoteKind;
  /** The whole element (for a soundbite, from the SOUNDBITE line to the end of the quote). */
  start: number;
  end: number;
  /** The words inside the marks (a turn's words after its label). */
  wordsStart: number;
  wordsEnd: number;
  /** 1-based line where the words start. */
  wordsLine: number;
  /** The element's normalised words, as the parser read them. */
  words: string;
  soundbite: Soundbite | null;
  turn: Turn | null;
}

/**
 * The quote at a cursor or selection, or null when there is none there.
 * An empty selection gives the whole soundbite, turn or quoted passage under the cursor (anywhere from the
 * SOUNDBITE line to the closing mark). A selection gives the selected words of the element its start falls in
 * (or its end, when it starts above), clipped to the element's words: a selection that runs past the closing
 * mark never drags in the next line. Partly selected words are taken whole; a side that starts or ends
 * mid-sentence gets `…`. A selection that holds none of the words (only the speaker line) gives the whole element.
 */
export function quoteAt(document: TranscriptDocument, text: TextSource, selection: QuoteSelection, file: string): QuoteItem | null {
  const start = Math.min(selection.start, selection.end);
  const end = Math.max(selection.start, selection.end);
  const candidate = candidateAt(document, start) ?? (end > start ? candidateAt(document, end) : undefined);
  if (candidate === undefined) {
    return null;
  }
  const from = Math.max(start, candidate.wordsStart);
  const to = Math.min(end, candidate.wordsEnd);
  if (end === start || from >= to) {
    return itemFor(document, text, candidate, candidate.words, candidate.wordsLine, file);
  }
  // The excerpt reads only the element's words: a long archive's text is never joined whole for it.
  const words = textOver(text, candidate.wordsStart, candidate.wordsEnd);
  const excerpt = excerptOf(words, candidate, from, to);
  if (excerpt === null) {
    return itemFor(document, text, candidate, candidate.words, candidate.wordsLine, file);
  }
  return itemFor(document, text, candidate, excerpt.text, candidate.wordsLine + countLineBreaks(words, candidate.wordsStart, excerpt.start), file);
}

/** A quote sheet: every soundbite of a shot list, every answer turn of an interview, every quoted passage of prose. */
export function allQuotes(document: TranscriptDocument, text: TextSource, file: string): QuoteItem[] {
  return runToEnd(allQuotesSteps(document, text, file));
}

/** Elements read, or quotes made, between two chances to yield: well under a millisecond. */
const sheetElementsPerStep = 500;

/** allQuotes() in steps: a 50 MB archive has 58,000 soundbites (about 400 ms in one call). */
export function* allQuotesSteps(document: TranscriptDocument, text: TextSource, file: string): Steps<QuoteItem[]> {
  const budget = new StepBudget(sheetElementsPerStep);
  const candidates = yield* collectCandidates(document, budget);
  // The label heuristic reads the whole text: once per label, not once per turn.
  const speakers = new Map<string | null, { speaker: string | null; title: string | null }>();
  const items: QuoteItem[] = [];
  for (const candidate of candidates) {
    if (budget.spend()) {
      yield;
    }
    items.push(itemFor(document, text, candidate, candidate.words, candidate.wordsLine, file, speakers));
  }
  return items;
}

function* collectCandidates(document: TranscriptDocument, budget: StepBudget): Steps<Candidate[]> {
  const candidates: Candidate[] = [];
  function* add<T>(items: readonly T[], candidateOf: (item: T) => Candidate | null): Steps<void> {
    for (const item of items) {
      if (budget.spend()) {
        yield;
      }
      const candidate = candidateOf(item);
      if (candidate !== null) {
        candidates.push(candidate);
      }
    }
  }
  // A sheet holds the format's own quotes: soundbites, answers, or quoted passages of prose.
  if (document.format === 'shotlist') {
    yield* add(document.soundbites, soundbiteCandidate);
  } else if (document.format === 'interview') {
    yield* add(document.turns, (turn) => turnCandidate(turn, 'sheet'));
  } else {
    yield* add(document.quotes, (quote) => passageCandidate('quote', quote));
  }
  // Document order; at the same place the wider element (a turn around its quoted passage) comes first.
  return yield* sortSteps(candidates, (a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start), budget);
}

function soundbiteCandidate(soundbite: Soundbite): Candidate | null {
  const quote = soundbite.quote;
  if (quote === null || quote.text === '') {
    return null;
  }
  return {
    kind: 'soundbite', start: soundbite.range.start.offset, end: soundbite.range.end.offset,
    wordsStart: quote.innerRange.start.offset, wordsEnd: quote.innerRange.end.offset, wordsLine: quote.innerRange.start.line + 1, words: quote.text, soundbite, turn: null,
  };
}

/** A turn with words; for a sheet, answers only. */
function turnCandidate(turn: Turn, purpose: 'all' | 'sheet'): Candidate | null {
  if (turn.text === '' || (purpose === 'sheet' && turn.role !== 'answer')) {
    return null;
  }
  return {
    kind: 'turn', start: turn.range.start.offset, end: turn.range.end.offset,
    wordsStart: turn.textRange.start.offset, wordsEnd: turn.textRange.end.offset, wordsLine: turn.textRange.start.line + 1, words: turn.text, soundbite: null, turn,
  };
}

function passageCandidate(kind: 'quote' | 'story-quote', quote: Quote): Candidate | null {
  if (quote.text === '') {
    return null;
  }
  return {
    kind, start: quote.range.start.offset, end: quote.range.end.offset,
    wordsStart: quote.innerRange.start.offset, wordsEnd: quote.innerRange.end.offset, wordsLine: quote.innerRange.start.line + 1, words: quote.text, soundbite: null, turn: null,
  };
}

/**
 * The element quoteAt() takes at `offset`: of the elements that hold it (start ≤ offset ≤ end), the one
 * that starts first, the wider at the same start, and on a tie the earlier kind of soundbite, turn,
 * quoted passage and story quote.
 * Each kind's elements are in document order and do not overlap, so a binary search finds the last one
 * starting at or before the offset, and at most the ones just before it (ending on the offset) can hold
 * it too. A 50 MB archive has 58,000 soundbites; collecting them all took about 100 ms a copy.
 */
function candidateAt(document: TranscriptDocument, offset: number): Candidate | undefined {
  let best: Candidate | undefined;
  const consider = (candidate: Candidate): void => {
    if (candidate.start <= offset && offset <= candidate.end &&
      (best === undefined || candidate.start < best.start || (candidate.start === best.start && candidate.end - candidate.start > best.end - best.start))) {
      best = candidate;
    }
  };
  /** The candidates of `items` that hold the offset, earliest first. */
  const near = <T>(items: readonly T[], startOf: (item: T) => number, endOf: (item: T) => number, candidateOf: (item: T) => Candidate | null): void => {
    const last = lastStartingAtOrBefore(items, offset, startOf);
    let first = last;
    while (first > 0 && endOf(items[first - 1] as T) >= offset) {
      first--;
    }
    for (let index = Math.max(0, first); index <= last; index++) {
      const candidate = candidateOf(items[index] as T);
      if (candidate !== null) {
        consider(candidate);
      }
    }
  };
  near(document.soundbites, (soundbite) => soundbite.range.start.offset, (soundbite) => soundbite.range.end.offset, soundbiteCandidate);
  near(document.turns, (turn) => turn.range.start.offset, (turn) => turn.range.end.offset, (turn) => turnCandidate(turn, 'all'));
  near(document.quotes, (quote) => quote.range.start.offset, (quote) => quote.range.end.offset, (quote) => passageCandidate('quote', quote));
  near(document.stories, (story) => story.range.start.offset, (story) => story.range.end.offset, (story) => {
    near(story.quotes, (quote) => quote.range.start.offset, (quote) => quote.range.end.offset, (quote) => passageCandidate('story-quote', quote));
    return null;
  });
  return best;
}

/** The selected words, widened to whole words, stripped of unbalanced edge marks, with ellipses. */
function excerptOf(text: TextLike, candidate: Candidate, from: number, to: number): { text: string; start: number } | null {
  let start = from;
  let end = to;
  const charAt = (offset: number): string => text.slice(offset, offset + 1);
  while (start > candidate.wordsStart && isWordCharacter(charAt(start - 1)) && isWordCharacter(charAt(start))) {
    start--;
  }
  while (end < candidate.wordsEnd && isWordCharacter(charAt(end - 1)) && isWordCharacter(charAt(end))) {
    end++;
  }
  let words = text.slice(start, end);
  // Leading white space and unbalanced marks (the opening mark of a passage inside a turn) are not words.
  const leading = /^[\s\u00a0]*/u.exec(words)?.[0].length ?? 0;
  start += leading;
  words = words.slice(leading);
  words = trimUnbalancedMarks(words);
  const startShift = text.slice(start, end).indexOf(words);
  start += Math.max(0, startShift);
  const body = collapseWhitespace(words);
  if (body === '') {
    return null;
  }
  const before = collapseWhitespace(text.slice(candidate.wordsStart, start));
  const after = collapseWhitespace(text.slice(start + words.length, candidate.wordsEnd));
  const cutBefore = before !== '' && !endsSentence(before);
  const cutAfter = after !== '' && !endsSentence(body) && !/^[\s”»›"’)\]]*$/u.test(after);
  let result = body;
  if (cutBefore) {
    result = quoteWording.ellipsis + result.replace(/^[,;:–—-]+\s*/u, '');
  }
  if (cutAfter) {
    result = result.replace(/\s*[,;:–—-]+$/u, '') + quoteWording.ellipsis;
  }
  return { text: result, start };
}

/**
 * Drops an opening mark at the start or a closing mark at the end when the excerpt does not also hold
 * its partner. The marks are counted once and the ends moved inwards: counting again after each mark
 * dropped cost the square of the length of a run of marks.
 */
function trimUnbalancedMarks(words: string): string {
  let start = 0;
  let end = words.length;
  while (end > start && isRegExpSpaceCode(words.charCodeAt(end - 1))) {
    end--;
  }
  let opens = 0;
  let closes = 0;
  let straight = 0;
  for (let index = start; index < end; index++) {
    const character = words.charAt(index);
    if (isOpeningMark(character)) {
      opens++;
    } else if (isClosingMark(character)) {
      closes++;
    } else if (character === '"') {
      straight++;
    }
  }
  for (;;) {
    const first = words.charAt(start);
    if (start < end && ((isOpeningMark(first) && opens > closes) || (first === '"' && straight % 2 === 1))) {
      if (first === '"') {
        straight--;
      } else {
        opens--;
      }
      start++;
      while (start < end && isRegExpSpaceCode(words.charCodeAt(start))) {
        start++;
      }
      continue;
    }
    const last = words.charAt(end - 1);
    if (end > start && ((isClosingMark(last) && closes > opens) || (last === '"' && straight % 2 === 1))) {
      if (last === '"') {
        straight--;
      } else {
        closes--;
      }
      end--;
      while (end > start && isRegExpSpaceCode(words.charCodeAt(end - 1))) {
        end--;
      }
      continue;
    }
    return words.slice(start, end);
  }
}

function isWordCharacter(character: string): boolean {
  return /[\p{L}\p{N}'’]/u.test(character);
}

/** True when the text ends a sentence: `.`, `!`, `?` or `…`, possibly followed by closing marks or brackets. */
function endsSentence(text: string): boolean {
  return /[.!?…][\s”»›"’)\]]*$/u.test(text);
}

function itemFor(
  document: TranscriptDocument, text: TextSource, candidate: Candidate, words: string, line: number, file: string,
  speakers = new Map<string | null, { speaker: string | null; title: string | null }>(),
): QuoteItem {
  const header = headerFor(document, candidate.start);
  const field = (name: string): string | null => {
    const value = header?.fields.find((entry) => entry.name === name)?.value.trim() ?? '';
    return value === '' ? null : value;
  };
  const restrictions = field('RESTRICTIONS');
  const dated = datelineFor(document, header, candidate);
  const soundbite = candidate.soundbite;
  let speaker: string | null = null;
  let title: string | null = null;
  if (soundbite !== null) {
    speaker = soundbite.speaker;
    title = soundbite.title;
  } else if (candidate.turn !== null) {
    const label = candidate.turn.speaker;
    // An interview's labels are read against its whole text (joined here when it is kept in pieces).
    const expanded = speakers.get(label) ?? expandSpeaker(wholeText(text), label);
    speakers.set(label, expanded);
    ({ speaker, title } = expanded);
    // An answer or an opening statement without a named speaker (unlabelled, or labelled `A:`) is the interviewee's.
    if (speaker === null && candidate.turn.role !== 'question' && document.interviewee !== null) {
      ({ speaker, title } = document.interviewee);
    }
  }
  const language = soundbite?.language ?? null;
  const languageName = language === null ? null : soundbite?.languageName ?? recogniseLanguage(language) ?? suggestLanguage(language);
  return {
    text: words,
    speaker,
    title,
    language,
    translatedFrom: languageName !== null && languageName.toLowerCase() !== 'english' && !/^nat/iu.test(languageName) ? languageName : null,
    shot: soundbite?.number ?? null,
    date: dated.date,
    place: dated.place,
    source: field('SOURCE'),
    story: header?.story ?? null,
    restrictions: restrictions === null || /^none\.?$/iu.test(restrictions) ? null : restrictions,
    file,
    line,
    kind: candidate.kind,
    ...(soundbite?.attribution === 'unsure' ? { attributionUnsure: true as const } : {}),
  };
}

/**
 * The header block above the element (archives hold several stories), else the first one. Found by
 * binary search (headerAt): a sheet of a 50 MB archive asks for 58,000 elements among 14,600 headers.
 */
function headerFor(document: TranscriptDocument, offset: number): Header | null {
  return headerAt(document, offset) ?? document.header;
}

/** The dated place of the soundbite's section when it has one, else the header's first dated place. */
function datelineFor(document: TranscriptDocument, header: Header | null, candidate: Candidate): { date: string | null; place: string | null } {
  const fallback = header?.dateline?.places[0];
  const sectionIndex = candidate.soundbite !== null ? document.shots[candidate.soundbite.shotIndex]?.sectionIndex ?? null : null;
  const section = sectionIndex !== null ? document.sections[sectionIndex] : undefined;
  const own = section?.places[0];
  const date = own?.date?.text ?? fallback?.date?.text ?? null;
  const place = (own?.place ?? '') !== '' ? own?.place ?? null : fallback?.place ?? null;
  return { date, place: place === '' ? null : place };
}

// Words that precede a name without being part of it (`Chief Jean-Pierre Lacroix`, `In Geneva, Lacroix`).
const notNameWords = new Set([
  'a', 'an', 'the', 'in', 'on', 'at', 'as', 'and', 'but', 'when', 'while', 'with', 'for', 'by', 'of', 'to', 'from',
  'chief', 'head', 'president', 'minister', 'secretary-general', 'under-secretary-general', 'ambassador', 'director',
  'general', 'commander', 'colonel', 'captain', 'major', 'lieutenant', 'sergeant', 'judge', 'senator', 'governor',
  'mayor', 'professor', 'doctor', 'dr', 'mr', 'mrs', 'ms', 'miss', 'sir', 'dame', 'lord', 'lady', 'prime', 'deputy',
  'special', 'envoy', 'representative', 'coordinator', 'spokesperson', 'spokesman', 'spokeswoman', 'peacekeeping',
  'monsieur', 'madame', 'interview', 'with', 'says', 'said', 'according',
]);
const nameWord = String.raw`\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)*\.?`;
/** Words that end a title: a verb or relative pronoun after the comma (`, said`, `, who`). */
const titleEnd = /,\s+(?:who|which|said|says|told|tells|added|adds|has|had|is|was|will|would|speaking|noted|stressed)\b/u;

/**
 * Expands an interview label to the speaker's full name and title when the transcript names them.
 * Heuristic: the first place in the text where up to three capitalised words directly precede the label on
 * one line (`Jean-Pierre Lacroix` for `Lacroix`; honorifics, titles and sentence words such as `Chief` or `In`
 * are not part of the name) gives the full name; an occurrence followed by `, Title` (a capitalised phrase up
 * whose comma-separated parts are capitalised, up to the end of the sentence, a line break, a bracket, a quote
 * mark or `, said`/`, who`…) is preferred and
 * gives the title. Generic answer labels (`A`, `Answer`) are no speaker at all.
 */
export function expandSpeaker(text: string, label: string | null): { speaker: string | null; title: string | null } {
  const written = label?.trim() ?? '';
  if (written === '' || answerLabels.has(written.toLowerCase())) {
    return { speaker: null, title: null };
  }
  const escaped = written.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(String.raw`((?:${nameWord}[ \t\u00a0]+){0,3})${escaped}(?![\p{L}\p{N}-])`, 'gu');
  let fullName: string | null = null;
  for (const match of text.matchAll(pattern)) {
    const index = match.index;
    if (index > 0 && /[\p{L}\p{N}-]/u.test(text.charAt(index - 1))) {
      continue;
    }
    const prefix = (match[1] ?? '').split(/[ \t\u00a0]+/u).filter((word) => word !== '');
    while (prefix.length > 0 && notNameWords.has((prefix[0] ?? '').toLowerCase().replace(/\.$/u, ''))) {
      prefix.shift();
    }
    const name = [...prefix, written].join(' ');
    const title = titleAfter(text, index + match[0].length);
    if (title !== null) {
      return { speaker: name, title };
    }
    if (fullName === null && prefix.length > 0) {
      fullName = name;
    }
  }
  return { speaker: fullName ?? written, title: null };
}

/** `, Under-Secretary-General for Peace Operations, United Nations` after a name, or null. */
function titleAfter(text: string, offset: number): string | null {
  const rest = /^,[ \t\u00a0]+(\p{Lu}[^\n.;:()“”«»"!?]*)/u.exec(text.slice(offset, offset + 200));
  if (rest === null) {
    return null;
  }
  let title = rest[1] ?? '';
  const stop = titleEnd.exec(title);
  if (stop !== null) {
    title = title.slice(0, stop.index);
  }
  // A title's comma-separated parts are capitalised (`…Operations, United Nations`); `, about the floods` is the sentence again.
  const lowerPart = /,\s+\P{Lu}/u.exec(title);
  if (lowerPart !== null) {
    title = title.slice(0, lowerPart.index);
  }
  title = title.replace(/[\s,–—-]+$/u, '');
  return title === '' || title.length > 150 ? null : title;
}
