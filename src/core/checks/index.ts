// The checks: findings read from the parsed model after the parse (quote fidelity, header and DATELINE
// house style, timing), as opposed to the parser's own findings, which it reports while it reads.
// Computed once per document version (the model is one object per version) and shared by the
// Problems panel, the quick fixes, the hovers and the CLI.
import { formatDuration } from '../outline/readTime';
import { storyGroups, type StoryGroup } from '../outline/storyGroups';
import type { Section, TextRange, TranscriptDiagnostic, TranscriptDocument } from '../model';
import type { EditLines, TextEdit } from '../text/edits';
import { formatMessage, type MessageData } from '../messages/format';
import { localizedTemplate } from '../messages/locale';
import { messageFragments } from '../messages/diagnostics';
import { finding } from './finding';
import { checkHeaderGroup, repeatedHeaderSteps } from './header';
import { runToEnd, StepBudget, type Steps } from '../util/steps';
import { checkUnitCount, soundbitesWithin, unitFidelitySteps, type DiffHunk, type QuoteFidelity } from './quoteFidelity';
import { gapWord, type QuoteWords } from './quoteWords';
import { codesOff, effectiveSeverity, noCodesOff, type CodesOff, type DiagnosticCode, type DiagnosticSeverity, type SeverityChoice } from './registry';
import { storyTiming } from './timing';
import type { TextSource } from '../text/chunkedText';
import { firstWhere } from '../text/search';
import { appendAll } from '../util/arrays';

/** The finished checks of a document version, and the codes they were made without. */
export interface FinishedChecks {
  readonly findings: readonly TranscriptDiagnostic[];
  readonly off: CodesOff;
}

/** One list per document version: a list made without other codes replaces it (the user's choices changed). */
const cache = new WeakMap<TranscriptDocument, FinishedChecks>();

/**
 * The checks' findings on this document (not the parser's), with default severities, in document
 * order; none of the codes `off` (by default every code is checked).
 */
export function runChecks(document: TranscriptDocument, text: TextSource, off: CodesOff = noCodesOff): readonly TranscriptDiagnostic[] {
  const job = new ChecksJob(document, text, { off });
  job.step(() => false);
  return job.result() ?? [];
}

/** Where the region an edit touched lies, and how far it moved what follows (see ChecksJob). */
interface Carry {
  /** First line of the region (the same before and after the edit). */
  readonly fromLine: number;
  /** Last line of the region before the edit. */
  readonly oldToLine: number;
  readonly lineDelta: number;
  readonly offsetDelta: number;
}

/** Findings carried between two chances to yield. */
const carriedPerStep = 500;

/**
 * The previous version's findings outside the region, into `out`: those before it as they are, those
 * after it moved by the edit; the region's own are dropped (checked again), and so are the repeated
 * headers (found again over the whole document).
 */
function* carrySteps(findings: readonly TranscriptDiagnostic[], out: TranscriptDiagnostic[], carry: Carry): Steps<void> {
  const { fromLine, oldToLine, lineDelta, offsetDelta } = carry;
  const moved = (range: TextRange): TextRange => ({
    start: { line: range.start.line + lineDelta, character: range.start.character, offset: range.start.offset + offsetDelta },
    end: { line: range.end.line + lineDelta, character: range.end.character, offset: range.end.offset + offsetDelta },
  });
  let carried = 0;
  for (const found of findings) {
    if (++carried % carriedPerStep === 0) {
      yield;
    }
    if (found.code === 'header-repeated') {
      continue;
    }
    if (found.range.end.line < fromLine) {
      out.push(found);
    } else if (found.range.start.line > oldToLine) {
      const related = found.related && (found.related.start.line > oldToLine ? moved(found.related) : found.related);
      // Line numbers in the message (the soundbite compared, the section) move too: the message is
      // then made again (most findings name no line, and keep theirs).
      let data: Record<string, string | number> | undefined;
      for (const key of lineDataKeys) {
        const value = found.data[key];
        if (typeof value === 'number' && value - 1 > oldToLine && lineDelta !== 0) {
          data ??= { ...found.data };
          data[key] = value + lineDelta;
        }
      }
      out.push(data ? finding(found.code, moved(found.range), data, related) : { ...found, range: moved(found.range), ...(related ? { related } : {}) });
    }
  }
}

/** The data of a finding that are 1-based line numbers of the document (its message names them). */
const lineDataKeys = ['line', 'sectionLine', 'firstLine'] as const;

/**
 * The finished findings of the version before one edit, and where the edit fell: its offsets
 * (text/edits.ts) and lines (the first line it touched; the line its end was on before and after).
 */
export interface PreviousChecks extends EditLines {
  readonly findings: readonly TranscriptDiagnostic[];
  /** The codes `findings` were made without (none when not given): carried only into a job made without the same codes. */
  readonly codesOff?: CodesOff;
  readonly edit: TextEdit;
}

/** What a ChecksJob starts from. */
export interface ChecksOptions {
  /**
   * The finished findings of the version before one edit (shot lists only): only the stories the edit
   * touched are checked again; the findings of the others are kept, moved by the edit.
   */
  readonly previous?: PreviousChecks;
  /**
   * Codes whose findings are not made: the ones the user turned off. A quote with no soundbite to
   * compare is the commonest finding of an archive and off by default; made, kept and moved after
   * every edit, those findings were most of the checks' work and memory.
   */
  readonly off?: CodesOff;
}

/** The checks' findings of a document made without the codes `off`, once they are all computed, else undefined (see ChecksJob). */
export function finishedChecks(document: TranscriptDocument, off: CodesOff = noCodesOff): readonly TranscriptDiagnostic[] | undefined {
  const finished = cache.get(document);
  return finished && finished.off.key === off.key ? finished.findings : undefined;
}

/** The last finished checks of a document version, whichever codes they were made without. */
export function lastFinishedChecks(document: TranscriptDocument): FinishedChecks | undefined {
  return cache.get(document);
}

/**
 * The checks of one document version, worked through one story at a time: an editor runs a few
 * stories of a long archive, gives the event loop back, and goes on, so that no call blocks it for
 * long. The finished list is kept for the document version (runChecks and finishedChecks read it).
 */
export class ChecksJob {
  readonly #document: TranscriptDocument;
  readonly #text: TextSource;
  readonly #off: CodesOff;
  /** The units checked are #next..#end - 1 (all of them, or those an edit touched). */
  #end: number;
  readonly #out: TranscriptDiagnostic[] = [];
  #next = 0;
  #headers: Steps<void> | undefined;
  #carried: Steps<void> | undefined;
  /** The story being checked, between two slices. */
  #unit: Steps<TranscriptDiagnostic[]> | undefined;
  /** The first unit this job checks (#next's start). */
  #first = 0;

  constructor(document: TranscriptDocument, text: TextSource, options: ChecksOptions = {}) {
    this.#document = document;
    this.#text = text;
    this.#off = options.off ?? noCodesOff;
    this.#end = this.#finished() ? 0 : checkUnitCount(document);
    const previous = options.previous;
    if (previous && this.#end > 0 && document.format === 'shotlist' && (previous.codesOff ?? noCodesOff).key === this.#off.key) {
      this.#continueFrom(previous);
    }
  }

  #finished(): boolean {
    return finishedChecks(this.#document, this.#off) !== undefined;
  }

  /** Keeps the findings of the stories before and after the edit, and limits the job to those between. */
  #continueFrom(previous: PreviousChecks): void {
    const groups = storyGroups(this.#document);
    const lineDelta = previous.newEndLine - previous.oldEndLine;
    const offsetDelta = previous.edit.newEnd - previous.edit.oldEnd;
    // The stories holding the edit, and one more on each side: an edit at a header may join or split them.
    const first = Math.max(0, firstWhere(groups.length, (index) => (groups[index] as StoryGroup).range.end.line >= previous.startLine) - 1);
    const last = Math.min(groups.length - 1, firstWhere(groups.length, (index) => (groups[index] as StoryGroup).range.start.line > previous.newEndLine));
    const fromLine = (groups[first] as StoryGroup).range.start.line;
    // Past the last story, the region runs to the end: a story's range ends at its last element, which
    // may be above the edit's end (blank or cut lines after it).
    const oldToLine = last === groups.length - 1 ? Number.POSITIVE_INFINITY : (groups[last] as StoryGroup).range.end.line - lineDelta;
    this.#carried = carrySteps(previous.findings, this.#out, { fromLine, oldToLine, lineDelta, offsetDelta });
    this.#next = first;
    this.#first = first;
    this.#end = last + 1;
  }

  /** Checks stories until `timeUp()` returns true (asked after each story); true once every story is checked. */
  step(timeUp: () => boolean): boolean {
    if (this.#finished()) {
      return true;
    }
    // The previous version's findings first, a few thousand at a time (an archive has tens of thousands).
    while (this.#carried && !this.#carried.next().done) {
      if (timeUp()) {
        return false;
      }
    }
    while (this.#next < this.#end) {
      // One story at a time, and within a story one quote at a time.
      this.#unit ??= checkUnitSteps(this.#document, this.#text, this.#next, this.#off);
      let step = this.#unit.next();
      while (!step.done) {
        if (timeUp()) {
          return false;
        }
        step = this.#unit.next();
      }
      appendAll(this.#out, step.value);
      this.#unit = undefined;
      this.#next++;
      if (this.#next < this.#end && timeUp()) {
        return false;
      }
    }
    if (this.#document.format === 'shotlist' && !this.#off.codes.has('header-repeated')) {
      // Compares every story's header with the others: tens of thousands in an archive, so in steps too.
      this.#headers ??= repeatedHeaderSteps(this.#document, this.#out);
      while (!this.#headers.next().done) {
        if (timeUp()) {
          return false;
        }
      }
    }
    this.#out.sort((a, b) => a.range.start.offset - b.range.start.offset);
    cache.set(this.#document, { findings: this.#out, off: this.#off });
    return true;
  }

  result(): readonly TranscriptDiagnostic[] | undefined {
    return finishedChecks(this.#document, this.#off);
  }

  /** How many units (stories) this job has checked: after an edit, only those it touched. */
  get checkedUnits(): number {
    return this.#next - this.#first;
  }
}

/** The findings of one story of a shot list (or of a whole interview), none of the codes `off`: see checkUnitCount. */
export function checkUnit(document: TranscriptDocument, text: TextSource, unit: number, off: CodesOff = noCodesOff): TranscriptDiagnostic[] {
  return runToEnd(checkUnitSteps(document, text, unit, off));
}

/** checkUnit in steps: the quotes are compared one per step (see unitFidelitySteps). */
export function* checkUnitSteps(document: TranscriptDocument, text: TextSource, unit: number, off: CodesOff = noCodesOff): Steps<TranscriptDiagnostic[]> {
  const out: TranscriptDiagnostic[] = [];
  if (document.format === 'shotlist') {
    const group = storyGroups(document)[unit];
    if (group) {
      const first = group.range.start.line;
      const last = group.range.end.line;
      const soundbites = soundbitesWithin(document, first, last).map((found) => found.soundbite);
      checkHeaderGroup(group, soundbites, sectionsWithin(document, first, last), out);
      const timing = storyTiming(document, unit);
      if (timing && timing.trtRange !== null && timing.trtSeconds !== null && timing.soundbiteSeconds > timing.trtSeconds) {
        out.push(finding('trt-exceeded', timing.trtRange, { soundbites: formatDuration(timing.soundbiteSeconds), trt: formatDuration(timing.trtSeconds) }));
      }
    }
  }
  const inInterview = document.format !== 'shotlist';
  const unsourcedOff = off.codes.has('quote-unsourced');
  for (const result of yield* unitFidelitySteps(document, text, unit)) {
    // Not made at all when off: most quotes of an archive have no soundbite to compare.
    const reported = result.status === 'unsourced' && unsourcedOff ? null : fidelityFinding(result, text, inInterview);
    if (reported) {
      out.push(reported);
    }
  }
  // The rest are a few per story: made, then left out.
  return off.codes.size === 0 ? out : out.filter((found) => !off.codes.has(found.code));
}

/** The sections whose heading lies on lines first..last (binary search: sections are in document order). */
function sectionsWithin(document: TranscriptDocument, first: number, last: number): Section[] {
  const sections = document.sections;
  const found: Section[] = [];
  for (let index = firstWhere(sections.length, (at) => (sections[at] as Section).headingRange.start.line >= first); index < sections.length; index++) {
    const section = sections[index] as Section;
    if (section.headingRange.start.line > last) {
      break;
    }
    found.push(section);
  }
  return found;
}

function fidelityFinding(result: QuoteFidelity, text: TextSource, inInterview: boolean): TranscriptDiagnostic | null {
  const source = result.source;
  if (result.status === 'unsourced') {
    return finding('quote-unsourced', result.quote.range, inInterview ? { variant: 'answers' } : {});
  }
  if (source === null || (result.status !== 'differs' && result.status !== 'too-long')) {
    return null;
  }
  const data = {
    source: source.number ?? '?',
    speaker: source.speaker ?? '?',
    line: source.range.start.line + 1,
    difference: result.status === 'differs' ? describeDifferences(result, text) : '',
    ...variantOf(result.status === 'too-long', source.kind === 'answer'),
  };
  return finding('quote-differs', result.quote.range, data, source.range);
}

function variantOf(tooLong: boolean, answer: boolean): { variant?: string } {
  if (answer) {
    return { variant: tooLong ? 'answer-too-long' : 'answer' };
  }
  return tooLong ? { variant: 'too-long' } : {};
}

/** How many differences a message names; the rest are counted. */
const maxDifferencesShown = 3;
/** How many words of one side of a difference a message shows. */
const maxWordsShown = 8;

/** `…mission [cannot → can] operate…; …always [− very] positive…`: each difference with a word either side. */
export function describeDifferences(result: QuoteFidelity, text: TextSource): string {
  const source = result.source;
  if (source === null) {
    return '';
  }
  const parts = result.hunks.slice(0, maxDifferencesShown).map((hunk) => describeHunk(hunk, result.words, source.words, text));
  const more = result.hunks.length - maxDifferencesShown;
  return parts.join(fragment('differenceSeparator', {})) + (more > 0 ? fragment('moreDifferences', { count: more }) : '');
}

function describeHunk(hunk: DiffHunk, story: QuoteWords, source: QuoteWords, text: TextSource): string {
  const storyWords = wordsAsWritten(story, hunk.storyFrom, hunk.storyTo, text);
  const sourceWords = wordsAsWritten(source, hunk.sourceFrom, hunk.sourceTo, text);
  const change = storyWords === '' ? fragment('dropped', { words: sourceWords })
    : sourceWords === '' ? fragment('added', { words: storyWords })
      : fragment('changed', { from: sourceWords, to: storyWords });
  const before = hunk.storyFrom > 0 ? wordAsWritten(story, hunk.storyFrom - 1, text) : '';
  const after = hunk.storyTo < story.words.length ? wordAsWritten(story, hunk.storyTo, text) : '';
  return `${before ? `…${before} ` : ''}${change}${after ? ` ${after}…` : ''}`;
}

/** A piece of a message in the active locale (see messages/locale.ts). */
function fragment(key: keyof typeof messageFragments, data: MessageData): string {
  return formatMessage(localizedTemplate('fragments', key, messageFragments[key]), data);
}

function wordAsWritten(words: QuoteWords, index: number, text: TextSource): string {
  return words.words[index] === gapWord ? '…' : text.slice(words.starts[index] ?? 0, words.ends[index] ?? 0);
}

function wordsAsWritten(words: QuoteWords, from: number, to: number, text: TextSource): string {
  const shown: string[] = [];
  for (let index = from; index < to && shown.length < maxWordsShown; index++) {
    shown.push(wordAsWritten(words, index, text));
  }
  return to - from > maxWordsShown ? `${shown.join(' ')} …` : shown.join(' ');
}

/**
 * Every finding of the document, the parser's and the checks', with the user's severities (`choices`
 * maps a code to a severity or `off`; opt-in rules are off unless chosen), in document order.
 */
export function allFindings(document: TranscriptDocument, text: TextSource, choices: Readonly<Record<string, unknown>> = {}): TranscriptDiagnostic[] {
  return withChoices([document.diagnostics, runChecks(document, text, codesOff(choices))], choices);
}

/** The findings of the lists with the user's severities, those turned off left out, in document order. */
export function withChoices(lists: readonly (readonly TranscriptDiagnostic[])[], choices: Readonly<Record<string, unknown>>): TranscriptDiagnostic[] {
  return runToEnd(withChoicesSteps(lists, choices, new StepBudget(Number.POSITIVE_INFINITY)));
}

/** withChoices in steps of `budget.perStep` findings looked at. */
export function* withChoicesSteps(lists: readonly (readonly TranscriptDiagnostic[])[], choices: Readonly<Record<string, unknown>>, budget: StepBudget): Steps<TranscriptDiagnostic[]> {
  const findings: TranscriptDiagnostic[] = [];
  const severityOf = severityChooser(choices);
  for (const list of lists) {
    for (const item of list) {
      const severity = severityOf(item.code);
      if (severity !== 'off') {
        findings.push(withSeverity(item, severity));
      }
      if (budget.spend()) {
        yield;
      }
    }
  }
  return findings.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

/** The severity the user gives each code, worked out once per code: an archive has tens of thousands of findings and a few dozen codes. */
export function severityChooser(choices: Readonly<Record<string, unknown>>): (code: DiagnosticCode) => SeverityChoice {
  const severities = new Map<DiagnosticCode, SeverityChoice>();
  return (code) => {
    let severity = severities.get(code);
    if (severity === undefined) {
      severity = effectiveSeverity(code, choices);
      severities.set(code, severity);
    }
    return severity;
  };
}

/** The finding with this severity: itself when it has it, else a copy (field by field: the parser's findings build their range when read). */
export function withSeverity(item: TranscriptDiagnostic, severity: DiagnosticSeverity): TranscriptDiagnostic {
  if (item.severity === severity) {
    return item;
  }
  return { code: item.code, severity, range: item.range, message: item.message, data: item.data, ...(item.related ? { related: item.related } : {}) };
}
