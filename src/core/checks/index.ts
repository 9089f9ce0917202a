// The checks: findings read from the parsed model after the parse (quote fidelity, header and DATELINE
// house style, timing), as opposed to the parser's own findings, which it reports while it reads.
// Computed once per document version (the model is one object per version) and shared by the
// Problems panel, the quick fixes, the hovers and the CLI.
import { formatDuration } from '../outline/readTime';
import { storyGroups } from '../outline/storyGroups';
import type { Section, Soundbite, TranscriptDiagnostic, TranscriptDocument } from '../model';
import { formatMessage } from '../messages/format';
import { messageFragments } from '../messages/diagnostics';
import { finding } from './finding';
import { checkHeaderGroup, checkRepeatedHeaders } from './header';
import { quoteFidelity, type DiffHunk, type QuoteFidelity } from './quoteFidelity';
import { gapWord, type QuoteWords } from './quoteWords';
import { effectiveSeverity, type DiagnosticSeverity } from './registry';
import { storyTimings } from './timing';

const cache = new WeakMap<TranscriptDocument, readonly TranscriptDiagnostic[]>();

/** The checks' findings on this document (not the parser's), with default severities, in document order. */
export function runChecks(document: TranscriptDocument, text: string): readonly TranscriptDiagnostic[] {
  const cached = cache.get(document);
  if (cached) {
    return cached;
  }
  const out: TranscriptDiagnostic[] = [];
  if (document.format === 'shotlist') {
    checkShotlist(document, out);
  }
  const inInterview = document.format !== 'shotlist';
  for (const result of quoteFidelity(document, text)) {
    const reported = fidelityFinding(result, text, inInterview);
    if (reported) {
      out.push(reported);
    }
  }
  out.sort((a, b) => a.range.start.offset - b.range.start.offset);
  cache.set(document, out);
  return out;
}

function checkShotlist(document: TranscriptDocument, out: TranscriptDiagnostic[]): void {
  const groups = storyGroups(document);
  const soundbites = document.soundbites;
  const sections = document.sections;
  let nextSoundbite = 0;
  let nextSection = 0;
  for (const group of groups) {
    const first = group.range.start.line;
    const last = group.range.end.line;
    const ownSoundbites: Soundbite[] = [];
    const ownSections: Section[] = [];
    while (nextSoundbite < soundbites.length && (soundbites[nextSoundbite] as Soundbite).lineRange.start.line <= last) {
      const soundbite = soundbites[nextSoundbite] as Soundbite;
      if (soundbite.lineRange.start.line >= first) {
        ownSoundbites.push(soundbite);
      }
      nextSoundbite++;
    }
    while (nextSection < sections.length && (sections[nextSection] as Section).headingRange.start.line <= last) {
      const section = sections[nextSection] as Section;
      if (section.headingRange.start.line >= first) {
        ownSections.push(section);
      }
      nextSection++;
    }
    checkHeaderGroup(group, ownSoundbites, ownSections, out);
  }
  checkRepeatedHeaders(document, out);
  for (const timing of storyTimings(document)) {
    if (timing.trtRange !== null && timing.trtSeconds !== null && timing.soundbiteSeconds > timing.trtSeconds) {
      out.push(finding('trt-exceeded', timing.trtRange, { soundbites: formatDuration(timing.soundbiteSeconds), trt: formatDuration(timing.trtSeconds) }));
    }
  }
}

function fidelityFinding(result: QuoteFidelity, text: string, inInterview: boolean): TranscriptDiagnostic | null {
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
    ...(result.status === 'too-long' ? { variant: 'too-long' } : source.kind === 'answer' ? { variant: 'answer' } : {}),
  };
  return finding('quote-differs', result.quote.range, data, source.range);
}

/** How many differences a message names; the rest are counted. */
const maxDifferencesShown = 3;
/** How many words of one side of a difference a message shows. */
const maxWordsShown = 8;

/** `…mission [cannot → can] operate…; …always [− very] positive…`: each difference with a word either side. */
export function describeDifferences(result: QuoteFidelity, text: string): string {
  const source = result.source;
  if (source === null) {
    return '';
  }
  const parts = result.hunks.slice(0, maxDifferencesShown).map((hunk) => describeHunk(hunk, result.words, source.words, text));
  const more = result.hunks.length - maxDifferencesShown;
  return parts.join('; ') + (more > 0 ? formatMessage(messageFragments.moreDifferences, { count: more }) : '');
}

function describeHunk(hunk: DiffHunk, story: QuoteWords, source: QuoteWords, text: string): string {
  const storyWords = wordsAsWritten(story, hunk.storyFrom, hunk.storyTo, text);
  const sourceWords = wordsAsWritten(source, hunk.sourceFrom, hunk.sourceTo, text);
  const change = storyWords === '' ? formatMessage(messageFragments.dropped, { words: sourceWords })
    : sourceWords === '' ? formatMessage(messageFragments.added, { words: storyWords })
      : formatMessage(messageFragments.changed, { from: sourceWords, to: storyWords });
  const before = hunk.storyFrom > 0 ? wordAsWritten(story, hunk.storyFrom - 1, text) : '';
  const after = hunk.storyTo < story.words.length ? wordAsWritten(story, hunk.storyTo, text) : '';
  return `${before ? `…${before} ` : ''}${change}${after ? ` ${after}…` : ''}`;
}

function wordAsWritten(words: QuoteWords, index: number, text: string): string {
  return words.words[index] === gapWord ? '…' : text.slice(words.starts[index], words.ends[index]);
}

function wordsAsWritten(words: QuoteWords, from: number, to: number, text: string): string {
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
export function allFindings(document: TranscriptDocument, text: string, choices: Readonly<Record<string, unknown>> = {}): TranscriptDiagnostic[] {
  const findings: TranscriptDiagnostic[] = [];
  const add = (list: readonly TranscriptDiagnostic[]): void => {
    for (const item of list) {
      const severity = effectiveSeverity(item.code, choices);
      if (severity !== 'off') {
        findings.push(severity === item.severity ? item : withSeverity(item, severity));
      }
    }
  };
  add(document.diagnostics);
  add(runChecks(document, text));
  return findings.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

function withSeverity(item: TranscriptDiagnostic, severity: DiagnosticSeverity): TranscriptDiagnostic {
  return { code: item.code, severity, range: item.range, message: item.message, data: item.data, ...(item.related ? { related: item.related } : {}) };
}
