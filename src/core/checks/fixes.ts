// Quick fixes: for a finding, the replacements that repair it, as offsets into the text the model was
// parsed from. Pure: the editor turns them into one WorkspaceEdit (one undo step), the tests apply them
// to the string. A fix is offered only where the right text is known; otherwise there is none.
import type { Header, HeaderField, Quote, TextRange, TranscriptDiagnostic, TranscriptDocument } from '../model';
import { lastStartingAtOrBefore } from '../outline/ranges';
import { storyGroups, storyGroupSteps } from '../outline/storyGroups';
import { runToEnd, StepBudget, type Steps } from '../util/steps';
import { recogniseLanguage, requiredHeaderFields } from '../parse/lexicon';
import { closingFor } from '../parse/quoteMarks';
import { cutAfterLineBreak, type TextSource } from '../text/chunkedText';
import { collapseWhitespace } from '../text/whitespace';
import { headerField, houseDate, languageItems, headerAt } from './header';
import { fidelityAt, soundbitesWithin } from './quoteFidelity';
import { gapWord } from './quoteWords';

/** One replacement: the text from `start` to `end` (UTF-16 offsets) becomes `newText`. */
export interface TextReplacement {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export type FixId =
  | 'renumber-shots'
  | 'close-quote'
  | 'match-quote-marks'
  | 'use-soundbite-words'
  | 'correct-language'
  | 'add-language'
  | 'add-header-field'
  | 'fix-dateline-date'
  | 'add-dateline-marker';

export interface QuickFix {
  readonly id: FixId;
  /** What the title shows (`{field}`, `{language}`, `{mark}`…). */
  readonly data: Readonly<Record<string, string | number>>;
  /** Replacements that do not overlap, in document order. */
  readonly edits: readonly TextReplacement[];
  /** The fix an editor would almost always want (offered first, applied by "Auto Fix"). */
  readonly preferred: boolean;
}

/** The fixes for one finding of `document` (parsed from `text`); none when the repair is not known. */
export function quickFixesFor(document: TranscriptDocument, text: TextSource, finding: TranscriptDiagnostic): QuickFix[] {
  const fix = fixFor(document, text, finding);
  return fix === null || fix.edits.length === 0 ? [] : [fix];
}

function fixFor(document: TranscriptDocument, text: TextSource, finding: TranscriptDiagnostic): QuickFix | null {
  switch (finding.code) {
    case 'shot-number-duplicate':
    case 'shot-number-out-of-sequence':
    case 'shot-number-missing':
      return renumberFix(renumberShots(document));
    case 'unclosed-quote':
      return closeQuote(document, finding);
    case 'mismatched-quote-marks':
      return matchQuoteMarks(text, finding);
    case 'quote-differs':
      return useSoundbiteWords(document, text, finding);
    case 'unknown-language':
      return correctLanguage(text, finding);
    case 'header-language-missing':
      return addLanguage(document, finding);
    case 'header-missing-field':
      return addHeaderField(document, text, finding);
    case 'dateline-month-not-english':
    case 'dateline-day-padding':
      return fixDatelineDate(document, finding);
    case 'dateline-marker-missing':
      return { id: 'add-dateline-marker', data: { marker: String(finding.data.marker) }, edits: [insertAt(finding.range.end.offset, ` / ${String(finding.data.marker)}`)], preferred: true };
    default:
      return null;
  }
}

function insertAt(offset: number, newText: string): TextReplacement {
  return { start: offset, end: offset, newText };
}

/** True for the findings that renumbering every shot repairs. */
export function isNumberingFinding(code: string): boolean {
  return code === 'shot-number-duplicate' || code === 'shot-number-out-of-sequence' || code === 'shot-number-missing';
}

/** The renumbering fix with its edits (see renumberShots). */
export function renumberFix(edits: readonly TextReplacement[]): QuickFix {
  return { id: 'renumber-shots', data: {}, edits, preferred: false };
}

/**
 * Every shot numbered 1, 2, 3… in document order, starting again at each header block (as the parser
 * counts); an unnumbered shot gets its number. Only the numbers that change are replaced.
 */
export function renumberShots(document: TranscriptDocument): TextReplacement[] {
  return runToEnd(renumberShotsSteps(document));
}

/** Shots numbered between two chances to yield: an archive has 175,000 (60-400 ms in one call). */
const shotsPerStep = 2000;

/** renumberShots() in steps. */
export function* renumberShotsSteps(document: TranscriptDocument): Steps<TextReplacement[]> {
  const budget = new StepBudget(shotsPerStep);
  const edits: TextReplacement[] = [];
  const groups = yield* storyGroupSteps(document, budget);
  const firstLines = groups.map((group) => group.range.start.line);
  yield;
  let group = -1;
  let next = 1;
  for (const shot of document.shots) {
    if (budget.spend()) {
      yield;
    }
    const line = shot.lineRange.start.line;
    let current = group;
    while (current + 1 < firstLines.length && (firstLines[current + 1] as number) <= line) {
      current++;
    }
    if (current !== group) {
      group = current;
      next = 1;
    }
    const number = String(next++);
    if (shot.numberRange === null) {
      edits.push(insertAt(shot.lineRange.start.offset, `${number}. `));
    } else if (shot.numberText !== number) {
      edits.push({ start: shot.numberRange.start.offset, end: shot.numberRange.end.offset, newText: number });
    }
  }
  return edits;
}

/**
 * The quote that starts at `offset`: a soundbite's, a story's or the running text's, in that order.
 * Each list is in document order, so each is searched by halves (an archive holds 58,000 soundbites).
 */
function quoteStartingAt(document: TranscriptDocument, offset: number, accept: (quote: Quote) => boolean): Quote | undefined {
  const lastFrom = <T>(items: readonly T[], startOf: (item: T) => number): T | undefined => items[lastStartingAtOrBefore(items, offset, startOf)];
  const starting = (quote: Quote | null | undefined): Quote | undefined =>
    quote && quote.range.start.offset === offset && accept(quote) ? quote : undefined;
  const soundbite = lastFrom(document.soundbites, (candidate) => candidate.range.start.offset);
  const story = lastFrom(document.stories, (candidate) => candidate.range.start.offset);
  return starting(soundbite?.quote) ??
    starting(story && lastFrom(story.quotes, (quote) => quote.range.start.offset)) ??
    starting(lastFrom(document.quotes, (quote) => quote.range.start.offset));
}

/** Where the line break after `offset` ends, and whether it is a CRLF; null when the text ends first. Read a window at a time. */
function lineBreakAfter(text: TextSource, offset: number): { end: number; crlf: boolean } | null {
  const end = cutAfterLineBreak(text, offset + 1);
  if (end <= offset || (end === text.length && !/[\r\n]$/u.test(text.slice(end - 1, end)))) {
    return null;
  }
  return { end, crlf: text.slice(end - 2, end) === '\r\n' };
}

/** The closing mark after the quote's last visible character. */
function closeQuote(document: TranscriptDocument, finding: TranscriptDiagnostic): QuickFix | null {
  const start = finding.range.start.offset;
  const quote = quoteStartingAt(document, start, (candidate) => !candidate.closed && candidate.openMark !== null);
  if (!quote || quote.openMark === null) {
    return null;
  }
  const mark = closingFor(quote.openMark);
  return { id: 'close-quote', data: { mark }, edits: [insertAt(quote.range.end.offset, mark)], preferred: true };
}

/** A straight mark paired with a curly one becomes curly (the house style). */
function matchQuoteMarks(text: TextSource, finding: TranscriptDiagnostic): QuickFix | null {
  const openAt = finding.range.start.offset;
  const closeAt = finding.range.end.offset - 1;
  const open = text.slice(openAt, openAt + 1);
  const close = text.slice(closeAt, closeAt + 1);
  if (open !== finding.data.open || close !== finding.data.close || closeAt <= openAt) {
    return null;
  }
  if (open === '"' && close !== '"') {
    return { id: 'match-quote-marks', data: { mark: '“' }, edits: [{ start: openAt, end: openAt + 1, newText: '“' }], preferred: true };
  }
  if (close === '"' && open !== '"') {
    return { id: 'match-quote-marks', data: { mark: closingFor(open) }, edits: [{ start: closeAt, end: closeAt + 1, newText: closingFor(open) }], preferred: true };
  }
  return null;
}

/**
 * The quote's differing words replaced by the soundbite's, each run of them on its own: cuts marked
 * with an ellipsis or brackets, the marks and the punctuation around stay as the story wrote them.
 */
function useSoundbiteWords(document: TranscriptDocument, text: TextSource, finding: TranscriptDiagnostic): QuickFix | null {
  const result = fidelityAt(document, text, finding.range.start);
  if (!result || result.status !== 'differs' || result.source === null) {
    return null;
  }
  const story = result.words;
  const source = result.source.words;
  const edits: TextReplacement[] = [];
  for (const hunk of result.hunks) {
    let words = hunk.sourceTo > hunk.sourceFrom
      ? collapseWhitespace(text.slice(source.starts[hunk.sourceFrom] ?? 0, source.ends[hunk.sourceTo - 1] ?? 0))
      : '';
    if (hunk.storyFrom === 0 && words !== '') {
      // The story's first letter keeps its case (`we're` where the soundbite opens `We're`).
      const first = story.starts[0] ?? 0;
      words = withFirstLetterCaseOf(text.slice(first, first + 1), words);
    }
    if (hunk.storyTo > hunk.storyFrom && words !== '') {
      edits.push({ start: story.starts[hunk.storyFrom] as number, end: story.ends[hunk.storyTo - 1] as number, newText: words });
    } else if (hunk.storyTo > hunk.storyFrom) {
      // Added words go, with the white space after them (before them, at the end of the quote).
      const atEnd = hunk.storyTo >= story.words.length;
      const start = atEnd && hunk.storyFrom > 0 ? (story.ends[hunk.storyFrom - 1] as number) : (story.starts[hunk.storyFrom] as number);
      const end = atEnd ? (story.ends[hunk.storyTo - 1] as number) : (story.starts[hunk.storyTo] as number);
      edits.push({ start, end, newText: '' });
    } else if (hunk.storyFrom > 0 && story.words[hunk.storyFrom - 1] !== gapWord) {
      edits.push(insertAt(story.ends[hunk.storyFrom - 1] as number, ` ${words}`));
    } else {
      edits.push(insertAt(story.starts[hunk.storyFrom] as number, `${words} `));
    }
  }
  return { id: 'use-soundbite-words', data: { source: String(finding.data.source ?? '') }, edits, preferred: true };
}

function withFirstLetterCaseOf(model: string, words: string): string {
  const first = words.charAt(0);
  if (model !== model.toUpperCase()) {
    return first.toLowerCase() + words.slice(1);
  }
  if (model !== model.toLowerCase()) {
    return first.toUpperCase() + words.slice(1);
  }
  return words;
}

/** `Englsh` becomes `English`, written in the case the line uses (`ENGLSH` becomes `ENGLISH`). */
function correctLanguage(text: TextSource, finding: TranscriptDiagnostic): QuickFix | null {
  const suggested = finding.data.suggested;
  if (typeof suggested !== 'string') {
    return null;
  }
  const written = text.slice(finding.range.start.offset, finding.range.end.offset);
  const replacement = written === written.toUpperCase() ? suggested.toUpperCase() : written === written.toLowerCase() ? suggested.toLowerCase() : suggested;
  return { id: 'correct-language', data: { language: replacement }, edits: [{ start: finding.range.start.offset, end: finding.range.end.offset, newText: replacement }], preferred: true };
}

/** The soundbite's language added to LANGUAGES, before NATS when the list ends with it. */
function addLanguage(document: TranscriptDocument, finding: TranscriptDiagnostic): QuickFix | null {
  const related = finding.related;
  const upper = finding.data.upper;
  if (!related || typeof upper !== 'string') {
    return null;
  }
  const header = headerAt(document, related.start.offset);
  const field = header && headerField(header, 'LANGUAGES');
  if (!field || field.range.start.offset !== related.start.offset) {
    return null;
  }
  const valueStart = field.valueRange.start.offset;
  const natural = languageItems(field.value).find((item) => {
    const known = recogniseLanguage(item.text);
    return known === 'Nats' || known === 'Natural sound' || known === 'Natsound';
  });
  const edit = natural ? insertAt(valueStart + natural.start, `${upper} / `) : insertAt(field.valueRange.end.offset, field.value.length > 0 ? ` / ${upper}` : upper);
  return { id: 'add-language', data: { language: upper }, edits: [edit], preferred: true };
}

/** What a missing field is given: a value to replace, in brackets, except LANGUAGES, which the soundbites tell. */
const placeholders: Readonly<Record<string, string>> = {
  STORY: '[STORY SLUG]',
  TRT: '[MM:SS]',
  SOURCE: '[SOURCE]',
  RESTRICTIONS: '[RESTRICTIONS]',
  DATELINE: '[DD MONTH YYYY], [PLACE]',
};

/** The missing field on its own line, where the usual order puts it, with a placeholder value. */
function addHeaderField(document: TranscriptDocument, text: TextSource, finding: TranscriptDiagnostic): QuickFix | null {
  const name = finding.data.field;
  const header = headerAt(document, finding.range.start.offset);
  if (typeof name !== 'string' || !header || header.range.start.line !== finding.range.start.line || header.fields.length === 0) {
    return null;
  }
  const value = name === 'LANGUAGES' ? languagesFor(document, header) : (placeholders[name] ?? `[${name}]`);
  const order = requiredHeaderFields.indexOf(name);
  let after: HeaderField | undefined;
  for (let index = order - 1; index >= 0 && after === undefined; index--) {
    after = headerField(header, requiredHeaderFields[index] as string);
  }
  const first = header.fields[0] as HeaderField;
  // The header's own line breaks (a pasted header can differ from the rest of a file), read from its first line.
  const firstBreak = lineBreakAfter(text, first.range.end.offset);
  const lineBreak = firstBreak !== null && firstBreak.crlf ? '\r\n' : '\n';
  const line = `${name}: ${value}`;
  if (after === undefined) {
    const lineStart = first.range.start.offset - first.range.start.character;
    return { id: 'add-header-field', data: { field: name }, edits: [insertAt(lineStart, `${line}${lineBreak}`)], preferred: true };
  }
  const breakAt = lineBreakAfter(text, after.range.end.offset);
  const edit = breakAt === null ? insertAt(text.length, `${lineBreak}${line}`) : insertAt(breakAt.end, `${line}${lineBreak}`);
  return { id: 'add-header-field', data: { field: name }, edits: [edit], preferred: true };
}

/** `FRENCH / ENGLISH / NATS` from the story's soundbites, in order of first use. */
function languagesFor(document: TranscriptDocument, header: Header): string {
  const groups = storyGroups(document);
  const line = header.range.start.line;
  const group = groups[lastStartingAtOrBefore(groups, line, (candidate) => candidate.range.start.line)];
  const names: string[] = [];
  if (group && group.header === header) {
    for (const { soundbite } of soundbitesWithin(document, group.range.start.line, group.range.end.line)) {
      const name = soundbite.languageName?.toUpperCase();
      if (name && !names.includes(name)) {
        names.push(name);
      }
    }
  }
  names.push('NATS');
  return names.join(' / ');
}

/** The DATELINE's date in the house form, `08 DECEMBER 2023`. */
function fixDatelineDate(document: TranscriptDocument, finding: TranscriptDiagnostic): QuickFix | null {
  const offset = finding.range.start.offset;
  const header = headerAt(document, finding.range.start.offset);
  if (header) {
    for (const place of header.dateline?.places ?? []) {
      const range: TextRange = place.range;
      const date = place.date;
      if (date === null || offset < range.start.offset || offset >= range.end.offset) {
        continue;
      }
      const fixed = houseDate(date.day, date.month, date.year);
      if (fixed === null || fixed === date.text) {
        return null;
      }
      const start = range.start.offset;
      return { id: 'fix-dateline-date', data: { date: fixed }, edits: [{ start, end: start + date.text.length, newText: fixed }], preferred: true };
    }
  }
  return null;
}

/** `text` with the replacements made (they must not overlap); what the editor does, for tests and tools. */
export function applyReplacements(text: string, edits: readonly TextReplacement[]): string {
  const sorted = edits.slice().sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let at = 0;
  for (const edit of sorted) {
    parts.push(text.slice(at, edit.start), edit.newText);
    at = edit.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
