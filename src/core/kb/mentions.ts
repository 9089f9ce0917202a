// What the editor does with the mentions the matcher found in one text: which mention is under the
// cursor, the next one of the same entity (wrapping at the end), counts per entity, where each mention
// sits as lines and characters, and a short preview of its line for a list. Also the reading of the
// `shotlist.knowledge.files` setting's value. Pure: offsets in, plain data out.
import { cutAfterLineBreak, type TextSource } from '../text/chunkedText';
import { LineTable } from '../text/lineTable';
import { firstWhere } from '../text/search';
import { appendAll } from '../util/arrays';
import { runToEnd, type Steps } from '../util/steps';
import type { EntityMatcher, Mention } from './match';

/** The mention covering `offset` (start ≤ offset < end). `mentions` are in order and do not overlap, as find() returns them. */
export function mentionAt(mentions: readonly Mention[], offset: number): Mention | undefined {
  const mention = mentions[firstWhere(mentions.length, (index) => (mentions[index] as Mention).start > offset) - 1];
  return mention && offset < mention.end ? mention : undefined;
}

export interface NextMention {
  readonly mention: Mention;
  /** Its position among the entity's mentions (0-based) and their number. */
  readonly index: number;
  readonly total: number;
  /** True when no mention starts after `fromOffset`, so the first one was taken. */
  readonly wrapped: boolean;
}

/** The first mention of `id` that starts after `fromOffset`, else the first of the text; undefined when there is none. */
export function nextMentionOf(mentions: readonly Mention[], id: string, fromOffset: number): NextMention | undefined {
  const same = mentionsOf(mentions, id);
  if (same.length === 0) {
    return undefined;
  }
  const index = same.findIndex((mention) => mention.start > fromOffset);
  if (index === -1) {
    return { mention: same[0] as Mention, index: 0, total: same.length, wrapped: true };
  }
  return { mention: same[index] as Mention, index, total: same.length, wrapped: false };
}

export function mentionsOf(mentions: readonly Mention[], id: string): Mention[] {
  return mentions.filter((mention) => mention.id === id);
}

export function countMentions(mentions: readonly Mention[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mention of mentions) {
    counts.set(mention.id, (counts.get(mention.id) ?? 0) + 1);
  }
  return counts;
}

/** A mention as 0-based lines and characters (end exclusive), with offsets kept for callers that have them. */
export interface MentionLocation {
  readonly id: string;
  readonly start: number;
  readonly end: number;
  readonly startLine: number;
  readonly startCharacter: number;
  readonly endLine: number;
  readonly endCharacter: number;
}

/** Lines and characters of `mentions` (in order, as find() returns them) in `text`. */
export function locateMentions(text: string, mentions: readonly Mention[]): MentionLocation[] {
  return runToEnd(locateMentionsSteps(text, mentions));
}

/**
 * locateMentions() in steps: one walk through the text to the last mention, counting line breaks as a
 * LineTable does (LF, CRLF, a lone CR), yielding every `mentionStepChars` characters. A file of
 * Find All References can be tens of megabytes; a table of its lines would be built in one call.
 */
export function* locateMentionsSteps(text: string, mentions: readonly Mention[]): Steps<MentionLocation[]> {
  const located: MentionLocation[] = [];
  let line = 0;
  let lineStart = 0;
  let at = 0;
  let walked = 0;
  function* place(offset: number): Steps<{ line: number; character: number }> {
    const target = Math.max(0, Math.min(offset, text.length));
    while (at < target) {
      const code = text.charCodeAt(at);
      at++;
      if (code === 10 || (code === 13 && text.charCodeAt(at) !== 10)) {
        line++;
        lineStart = at;
      }
      if (++walked === mentionStepChars) {
        walked = 0;
        yield;
      }
    }
    // An offset between the two characters of a CRLF belongs to the end of its line.
    const insidePair = target > lineStart && text.charCodeAt(target - 1) === 13 && text.charCodeAt(target) === 10;
    return { line, character: target - lineStart - (insidePair ? 1 : 0) };
  }
  for (const mention of mentions) {
    const from = yield* place(mention.start);
    const to = yield* place(mention.end);
    located.push({ id: mention.id, start: mention.start, end: mention.end, startLine: from.line, startCharacter: from.character, endLine: to.line, endCharacter: to.character });
  }
  return located;
}

/** Characters of a preview: the list shows one line of text, and a transcript line can run to thousands of characters. */
const previewBefore = 40;
const previewLength = 120;

export interface MentionPreview extends MentionLocation {
  /** The mention's first line, white space collapsed, cut around the mention with `…` where text was left out. */
  readonly preview: string;
}

/**
 * What a preview reads of a text: where an offset is, and the text of a line. A LineTable of a string,
 * or the editor's own document (whose whole text a long archive should not be copied into).
 */
export interface MentionLines {
  positionAt(offset: number): { readonly line: number; readonly character: number };
  line(index: number): string;
}

/** Mentions with a preview of their line, for a pick list ("line 12 · …text…"). */
export function previewMentions(text: string | MentionLines, mentions: readonly Mention[]): MentionPreview[] {
  return runToEnd(previewMentionsSteps(text, mentions));
}

/** Previews made between two chances to yield: an archive's most named mission has tens of thousands of mentions. */
const previewsPerStep = 1000;

/** previewMentions() in steps. */
export function* previewMentionsSteps(text: string | MentionLines, mentions: readonly Mention[]): Steps<MentionPreview[]> {
  if (mentions.length === 0) {
    return [];
  }
  const lines = typeof text === 'string' ? new LineTable(text) : text;
  const previews: MentionPreview[] = [];
  for (const mention of mentions) {
    if (previews.length % previewsPerStep === previewsPerStep - 1) {
      yield;
    }
    const from = lines.positionAt(mention.start);
    const to = lines.positionAt(mention.end);
    const line = lines.line(from.line);
    let cutFrom = 0;
    let cutTo = line.length;
    if (line.length > previewLength) {
      cutFrom = Math.max(0, from.character - previewBefore);
      cutTo = Math.min(line.length, cutFrom + previewLength);
      cutFrom = Math.max(0, cutTo - previewLength);
    }
    const body = line.slice(cutFrom, cutTo).replace(/\s+/g, ' ').trim();
    previews.push({
      id: mention.id, start: mention.start, end: mention.end, startLine: from.line, startCharacter: from.character, endLine: to.line, endCharacter: to.character,
      preview: `${cutFrom > 0 ? '…' : ''}${body}${cutTo < line.length ? '…' : ''}`,
    });
  }
  return previews;
}

/**
 * The paths of the `shotlist.knowledge.files` setting: strings only, trimmed, empty ones and repeats
 * dropped, in the order written (a later file overrides an earlier one).
 */
export function knowledgeFilePaths(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  const paths: string[] = [];
  for (const item of value) {
    if (typeof item === 'string' && item.trim() !== '' && !paths.includes(item.trim())) {
      paths.push(item.trim());
    }
  }
  return paths;
}

/** Whether a path from the setting is absolute (POSIX `/…`, Windows `C:\…` or `C:/…`, UNC `\\server\…`); others are relative to a workspace folder. */
export function isAbsoluteKnowledgePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/** A relative path's segments, for joining to a folder: either slash separates, `.` and empty segments are dropped. */
export function relativeKnowledgeSegments(path: string): string[] {
  return path.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.');
}

/** What changed between two versions of a text (the same shape as the parser's TextEdit). */
export interface MentionEdit {
  readonly start: number;
  /** Just past the replaced text in the old version. */
  readonly oldEnd: number;
  /** Just past the replacing text in the new version. */
  readonly newEnd: number;
}

/**
 * The mentions of `text`, which is the text `previous` was found in with `edit` applied, equal to
 * matcher.find(text). Only the lines around the edit are matched again: a scan that starts at a line
 * start outside any mention finds what a scan of the whole text finds from there, and once both
 * scans stand at the same line start past the edit, outside any mention, the rest is the old
 * mentions moved. A 10 MB archive then costs a few lines per keystroke instead of a full pass.
 */
export function updateMentions(matcher: EntityMatcher, previous: readonly Mention[], text: string, edit: MentionEdit): Mention[] {
  const delta = edit.newEnd - edit.oldEnd;
  // Start one line above the edit, and further up while an old mention runs across that line start.
  let from = lineStartBefore(text, lineStartBefore(text, edit.start));
  for (let covering = mentionAt(previous, from - 1); from > 0 && covering; covering = mentionAt(previous, from - 1)) {
    from = lineStartBefore(text, covering.start);
  }
  // End one line below the edit, and further down until neither scan has a mention across the line start.
  let until = nextLineStart(text, nextLineStart(text, edit.newEnd));
  for (;;) {
    const found = matcher.find(text, from, until);
    const last = found[found.length - 1];
    const oldUntil = until - delta;
    const crossing = until < text.length && ((last !== undefined && last.end > until) || mentionAt(previous, oldUntil) !== undefined &&
      (mentionAt(previous, oldUntil)?.start ?? oldUntil) < oldUntil);
    if (!crossing) {
      // Mentions are in order and do not overlap: both ends of the kept lists are found by bisection.
      const result = previous.slice(0, firstIndex(previous, (mention) => mention.end > from));
      appendAll(result, found);
      if (until < text.length) {
        for (let index = firstIndex(previous, (mention) => mention.start >= oldUntil); index < previous.length; index++) {
          result.push(moved(previous[index] as Mention, delta));
        }
      }
      return result;
    }
    until = nextLineStart(text, until + 1);
  }
}

function moved(mention: Mention, delta: number): Mention {
  if (delta === 0) {
    return mention;
  }
  const { id, type, start, end, text, alternatives } = mention;
  return alternatives ? { id, type, start: start + delta, end: end + delta, text, alternatives } : { id, type, start: start + delta, end: end + delta, text };
}

/** The first index whose mention satisfies `test` (which, once true, stays true to the end), or the length. */
function firstIndex(mentions: readonly Mention[], test: (mention: Mention) => boolean): number {
  return firstWhere(mentions.length, (index) => test(mentions[index] as Mention));
}

/** The start of the line holding `offset` when offset > 0 is a line start, of the line before. */
function lineStartBefore(text: string, offset: number): number {
  if (offset <= 0) {
    return 0;
  }
  return text.lastIndexOf('\n', offset - 2) + 1;
}

/** The start of the line after the one holding `offset`, or the text's length. */
function nextLineStart(text: string, offset: number): number {
  if (offset >= text.length) {
    return text.length;
  }
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/**
 * Characters matched in one step of findMentionsSteps: a third of a millisecond in plain Node (a 50 MB
 * archive takes a second in all, whatever the step). Four times that ran 1.3 ms, but the extension host,
 * reading each window from the editor on a busy machine, took 15-20 ms for a slice of 6: a slice ends
 * after the step that overran it.
 */
export const mentionStepChars = 16 * 1024;

/** Characters read past a step's end at most at first, for the mentions that start in the step and end after it. */
const mentionLookaheadChars = 4096;

/**
 * Every mention of `text` (a string, or a text kept in pieces that is never joined whole), equal to
 * matcher.find(text), in steps of about `stepChars` characters: for a long document in the editor's
 * thread, where one pass over 50 MB holds it for a second.
 *
 * Each step matches a window of the text from where a scan of the whole text would stand (a line start
 * outside any mention, or the end of a mention) and keeps the mentions that start before the step's
 * end, a later line start; the next step goes on from there, or from the end of the last mention when
 * it runs past. The window reaches past the step's end until no match can reach the window's end
 * (EntityMatcher.walksEndWithin); past a long run of white space, the step takes the run in, the
 * window's reach doubling each time, so no text is read more than a few times.
 */
export function* findMentionsSteps(matcher: EntityMatcher, text: TextSource, stepChars = mentionStepChars): Steps<Mention[]> {
  const mentions: Mention[] = [];
  const length = text.length;
  const chunk = Math.max(1, Math.floor(stepChars));
  // The first steps run code the engine has not optimised yet (20-30 times slower): they start at a
  // sixteenth of the step and double up to it.
  let size = Math.max(1, chunk >> 4);
  // Where the scan goes on: a line start outside any mention, or the end of the last mention found.
  // A scan of the whole text stands at either with nothing carried over but whether the character
  // before is part of a word, so each window starts one character early to show it.
  let from = 0;
  while (from < length) {
    let until = cutAfterLineBreak(text, from + size);
    // As far past the step as the step is long, at most mentionLookaheadChars: usually plenty.
    let lookahead = Math.min(mentionLookaheadChars, Math.max(256, size));
    size = Math.min(chunk, size * 2);
    const base = Math.max(0, from - 1);
    let window: string;
    for (;;) {
      const windowEnd = Math.min(length, until + lookahead);
      window = text.slice(base, windowEnd);
      if (windowEnd >= length || matcher.walksEndWithin(window, until - base)) {
        break;
      }
      until = cutAfterLineBreak(text, windowEnd);
      lookahead *= 2;
    }
    const found = matcher.find(window, from - base, until - base);
    for (const mention of found) {
      mentions.push(base === 0 ? mention : { ...mention, start: mention.start + base, end: mention.end + base });
    }
    // A mention that runs past the step's end: the next step goes on from its end (a name across every
    // line break, hostile or not, is then read once, not again with each line added to the step).
    const last = found[found.length - 1];
    from = last !== undefined && base + last.end > until ? base + last.end : until;
    if (from < length) {
      yield;
    }
  }
  return mentions;
}
