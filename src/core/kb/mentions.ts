// What the editor does with the mentions the matcher found in one text: which mention is under the
// cursor, the next one of the same entity (wrapping at the end), counts per entity, where each mention
// sits as lines and characters, and a short preview of its line for a list. Also the reading of the
// `shotlist.knowledge.files` setting's value. Pure: offsets in, plain data out.
import { LineTable } from '../text/lineTable';
import { firstWhere } from '../text/search';
import { appendAll } from '../util/arrays';
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

/** Lines and characters of `mentions` in `text`; the line table is built only when there is something to place. */
export function locateMentions(text: string, mentions: readonly Mention[]): MentionLocation[] {
  if (mentions.length === 0) {
    return [];
  }
  const lines = new LineTable(text);
  return mentions.map((mention) => {
    const from = lines.positionAt(mention.start);
    const to = lines.positionAt(mention.end);
    return { id: mention.id, start: mention.start, end: mention.end, startLine: from.line, startCharacter: from.character, endLine: to.line, endCharacter: to.character };
  });
}

/** Characters of a preview: the list shows one line of text, and a transcript line can run to thousands of characters. */
const previewBefore = 40;
const previewLength = 120;

export interface MentionPreview extends MentionLocation {
  /** The mention's first line, white space collapsed, cut around the mention with `…` where text was left out. */
  readonly preview: string;
}

/** Mentions with a preview of their line, for a pick list ("line 12 · …text…"). */
export function previewMentions(text: string, mentions: readonly Mention[]): MentionPreview[] {
  if (mentions.length === 0) {
    return [];
  }
  const lines = new LineTable(text);
  return locateMentions(text, mentions).map((location) => {
    const line = lines.line(location.startLine);
    let from = 0;
    let to = line.length;
    if (line.length > previewLength) {
      from = Math.max(0, location.startCharacter - previewBefore);
      to = Math.min(line.length, from + previewLength);
      from = Math.max(0, to - previewLength);
    }
    const body = line.slice(from, to).replace(/\s+/g, ' ').trim();
    return { ...location, preview: `${from > 0 ? '…' : ''}${body}${to < line.length ? '…' : ''}` };
  });
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
