// The parser's entry point: text in, TranscriptDocument out, for every format. Never throws, never
// drops a line. parseTranscriptFile picks the reader by file type (Markdown through remark, the rest
// line by line); reparseTranscript re-reads only the stories an edit touched. Everything outside
// src/core/parse reaches the parser through this module alone (an ESLint rule keeps it so).
import type { TranscriptDocument } from '../model';
import { wholeText, type TextSource } from '../text/chunkedText';
import type { TextEdit } from '../text/edits';
import { isMarkdownPath, parseMarkdownTranscript } from './markdown';
import type { MarkdownNotice } from './markdownGuard';
import { parseTranscript } from './lines';
import { rebuildSegments } from './reparse';
import { parseTranscriptInSteps, type StepOptions } from './steps';
import { segmentationOf } from './store/segments';

export { parseTranscript, type ParseOptions } from './lines';
export { defaultStepChars, splitsIntoStories, splitsIntoStoriesSteps, type StepOptions } from './steps';
export { gatherListSteps } from './store/segments';
export { maxBracketsPerParagraph, maxContainerDepth, maxDelimitersPerParagraph, maxSetextHeadings, markdownBudgetMs, type MarkdownNotice, type MarkdownNoticeCode } from './markdownGuard';

/**
 * The document of `text`, which is `previous`'s text with `edit` applied. For an archive of shot
 * lists only the stories the edit touched are parsed again; the result equals parseTranscript(text).
 * The stories kept are moved, not copied, so `previous` must not be used afterwards (an editor keeps
 * one document per version and drops the old one). Anything else is parsed afresh.
 */
export function reparseTranscript(previous: TranscriptDocument, text: TextSource, edit: TextEdit): TranscriptDocument {
  return reparseInPart(previous, text, edit) ?? parseTranscript(wholeText(text));
}

/**
 * Parses `text` as the transcript in file `name` (a path or a URI path); `languageId` wins when given.
 * Markdown goes through remark-parse, guarded (see markdownGuard.ts: what it changed or refused goes
 * into `notices`, when given); everything else line by line.
 */
export function parseTranscriptFile(text: string, name: string, languageId?: string, notices?: MarkdownNotice[]): TranscriptDocument {
  return isMarkdownFile(name, languageId) ? parseMarkdownTranscript(text, notices) : parseTranscript(text);
}

/**
 * parseTranscriptFile in steps: each call of the generator's next() does a bounded unit of work
 * (about `options.chunkChars` characters of text, by default defaultStepChars) and the generator
 * returns a document equal to parseTranscriptFile(text, name, languageId, notices), re-parseable after
 * an edit the same way. An archive of shot lists is read story run by story run and its lists' records
 * built in steps too; Markdown, interviews, prose and flattened shot lists are parsed in one call (see steps.ts).
 */
export function* parseTranscriptFileSteps(text: TextSource, name: string, languageId?: string, notices?: MarkdownNotice[],
  options?: StepOptions): Generator<void, TranscriptDocument, void> {
  if (isMarkdownFile(name, languageId)) {
    return parseMarkdownTranscript(wholeText(text), notices);
  }
  return yield* parseTranscriptInSteps(text, options);
}

/**
 * The document after an edit of the text `previous` was parsed from. The line-oriented parser then
 * re-reads only the stories the edit touched (see reparseTranscript); `previous` must not be used
 * afterwards. Markdown is parsed afresh.
 */
export function reparseTranscriptFile(previous: TranscriptDocument, text: TextSource, edit: TextEdit, name: string, languageId?: string,
  notices?: MarkdownNotice[]): TranscriptDocument {
  return isMarkdownFile(name, languageId) ? parseMarkdownTranscript(wholeText(text), notices) : reparseTranscript(previous, text, edit);
}

/**
 * The line-parsed document after an edit when only the stories the edit touched need reading again
 * (see reparseTranscript); null when the whole text would have to be parsed again. `previous` is then
 * left as it was, unless re-parsing failed (never expected): it is consumed, and the text read afresh.
 */
export function reparseInPart(previous: TranscriptDocument, text: TextSource, edit: TextEdit): TranscriptDocument | null {
  try {
    return rebuildSegments(previous, text, edit);
  } catch {
    const state = segmentationOf(previous);
    if (state) {
      state.consumed = true;
    }
    return null;
  }
}

/**
 * Whether reparseTranscriptFile re-reads only part of this document after an edit: a line-parsed
 * archive of several stories, not yet re-parsed from. Anything else is parsed whole again.
 */
export function reparsesInPart(document: TranscriptDocument): boolean {
  const state = segmentationOf(document);
  return state !== undefined && !state.consumed && state.segments.length >= 2;
}

/**
 * A document of `lineCount` lines and `length` characters with nothing read in it: what the editor
 * shows for a file the parser could not read (the caller says why), rather than a guess.
 */
export function unreadTranscript(lineCount: number, length: number): TranscriptDocument {
  return {
    format: 'prose', lineCount, length, title: null, header: null, headers: [], headings: [], sections: [], shots: [], soundbites: [],
    story: null, stories: [], turns: [], interviewee: null, quotes: [], chrome: [], blocks: [], diagnostics: [],
  };
}

export function isMarkdownFile(name: string, languageId: string | undefined): boolean {
  return languageId === 'markdown' || isMarkdownPath(name);
}
