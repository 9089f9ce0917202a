// Bounds what makes remark-parse slow beyond measure, before it sees a Markdown file. Measured on
// remark-parse 11 (scripts in the issue notes): its time grows with the square of
//   - container markers nested on one line (`- - - - … x`: 4 KB 1.1 s, 16 KB 33 s),
//   - emphasis delimiters in one paragraph (`*a*a*a…`: 16 KB 0.7 s, 64 KB 20 s; `***…a***…` alike),
//   - setext headings in a document (`a` / `=` repeated: 4 KB 0.2 s, 16 KB 4.3 s),
//   - link brackets in one paragraph (`[x]` repeated, found by `npm run fuzz`: 6 KB 0.3 s, 24 KB 2.2 s);
// and even where it is linear it reads list and blockquote lines at about 30 µs a byte, prose at
// 2–5 µs a byte, plus about 60–150 µs a line. One pass over the lines finds the first three and neutralises the characters past a
// bound (each replaced by a look-alike that is not Markdown, so every offset stays the same and the
// words still read); the cost of what remains is estimated, and past a budget the file is not given
// to remark at all (the line parser reads it instead). The caller is told of each, as notices.
import { isRegExpSpaceCode } from '../text/whitespace';
import type { LineTable } from '../text/lineTable';

/** Container markers (`>`, `-`, `*`, `+`, `1.`, `1)`) one line may nest; transcripts use two or three. */
export const maxContainerDepth = 8;
/** Emphasis delimiters (`*`, `_`) one paragraph may hold. */
export const maxDelimitersPerParagraph = 256;
/** Opening link brackets (`[`) one paragraph may hold. */
export const maxBracketsPerParagraph = 256;
/** Setext headings (a line of `=` or `-` under a paragraph) one document may hold. */
export const maxSetextHeadings = 128;
/** What remark may be given: its estimated time for the whole file, in milliseconds. */
export const markdownBudgetMs = 400;
/** Estimated remark time per character of a line inside a list or blockquote, and of any other line, in µs. */
const containerCostUs = 33;
const otherCostUs = 5;
/**
 * And per line that holds anything: remark's content tokenizer pays for each line of a paragraph as
 * well as for its characters (`npm run fuzz` found 5,700 short lines of one paragraph, 68 KB, taking
 * 1.3–5 s while the per-character estimate said 0.3 s).
 */
const lineCostUs = 100;

export type MarkdownNoticeCode = 'markdown-nesting' | 'markdown-delimiters' | 'markdown-brackets' | 'markdown-setext' | 'markdown-too-costly';

/** Something the guard changed or refused, with the first line (0-based) it concerns and how many lines. */
export interface MarkdownNotice {
  readonly code: MarkdownNoticeCode;
  readonly line: number;
  readonly lines: number;
}

export interface GuardedMarkdown {
  /** The text to give remark: the same length as the input, offending characters replaced. */
  readonly text: string;
  readonly notices: readonly MarkdownNotice[];
  /** Estimated remark time for `text`, in milliseconds. */
  readonly estimatedMs: number;
  /** False when remark would take longer than the budget: read the file line by line instead. */
  readonly affordable: boolean;
}

/** The look-alike each Markdown character is replaced with: same width in the text, no meaning to Markdown. */
const neutral: Readonly<Record<string, string>> = {
  '>': '\uff1e', '-': '\u2010', '*': '\u2217', '+': '\uff0b', '.': '\u2024', ')': '\uff09', '_': '\uff3f', '=': '\uff1d', '[': '\uff3b',
};

/** Counts for one notice code: the first line it concerns and how many lines. */
class NoticeTally {
  first = -1;
  lines = 0;

  add(line: number): void {
    if (this.first < 0) {
      this.first = line;
    }
    this.lines++;
  }
}

/**
 * Guards `text` (whose lines `table` holds) for remark-parse. Linear: one pass over the characters,
 * and one more to build the replaced text when something was replaced.
 */
export function guardMarkdown(text: string, table: LineTable): GuardedMarkdown {
  const replacements: number[] = [];
  const nesting = new NoticeTally();
  const delimiters = new NoticeTally();
  const brackets = new NoticeTally();
  const setext = new NoticeTally();
  let costUs = 0;
  let paragraphDelimiters = 0;
  let paragraphBrackets = 0;
  let setextHeadings = 0;
  let previousVisible = false;
  for (let line = 0; line < table.lineCount; line++) {
    const start = table.starts[line] ?? 0;
    const end = table.ends[line] ?? start;
    let index = start;
    while (index < end && isRegExpSpaceCode(text.charCodeAt(index))) {
      index++;
    }
    if (index === end) {
      paragraphDelimiters = 0;
      paragraphBrackets = 0;
      previousVisible = false;
      costUs += (end - start) * otherCostUs;
      continue;
    }
    // Container markers at the start of the line; those past the bound are neutralised.
    let depth = 0;
    let nested = false;
    for (;;) {
      const marker = containerMarkerAt(text, index, end);
      if (marker === 0) {
        break;
      }
      depth++;
      if (depth > maxContainerDepth) {
        // The marker's last character is what makes it a marker (`-`, `>`, the `.` of `12.`).
        replacements.push(index + marker - 1);
        nested = true;
      }
      index += marker;
      while (index < end && isRegExpSpaceCode(text.charCodeAt(index))) {
        index++;
      }
    }
    if (nested) {
      nesting.add(line);
    }
    if (previousVisible && isSetextUnderline(text, index, end)) {
      setextHeadings++;
      if (setextHeadings > maxSetextHeadings) {
        for (let position = index; position < end; position++) {
          if (!isRegExpSpaceCode(text.charCodeAt(position))) {
            replacements.push(position);
          }
        }
        setext.add(line);
      }
    }
    let crowded = false;
    let bracketed = false;
    for (let position = index; position < end; position++) {
      const code = text.charCodeAt(position);
      if (code === 0x2a || code === 0x5f) {
        paragraphDelimiters++;
        if (paragraphDelimiters > maxDelimitersPerParagraph) {
          replacements.push(position);
          crowded = true;
        }
      } else if (code === 0x5b) {
        paragraphBrackets++;
        if (paragraphBrackets > maxBracketsPerParagraph) {
          replacements.push(position);
          bracketed = true;
        }
      }
    }
    if (crowded) {
      delimiters.add(line);
    }
    if (bracketed) {
      brackets.add(line);
    }
    costUs += (end - start) * (depth > 0 ? containerCostUs : otherCostUs) + lineCostUs;
    previousVisible = true;
  }
  const notices: MarkdownNotice[] = [];
  for (const [code, tally] of [['markdown-nesting', nesting], ['markdown-delimiters', delimiters], ['markdown-brackets', brackets], ['markdown-setext', setext]] as const) {
    if (tally.first >= 0) {
      notices.push({ code, line: tally.first, lines: tally.lines });
    }
  }
  const estimatedMs = costUs / 1000;
  const affordable = estimatedMs <= markdownBudgetMs;
  if (!affordable) {
    notices.push({ code: 'markdown-too-costly', line: 0, lines: table.lineCount });
  }
  return { text: replaced(text, replacements), notices, estimatedMs, affordable };
}

/**
 * Length of the container marker at `index` (`>`, a bullet `-` `*` `+`, or `1.` `1)` with up to nine
 * digits), each followed by white space or the end of the line except `>`; 0 when there is none.
 */
function containerMarkerAt(text: string, index: number, end: number): number {
  const code = text.charCodeAt(index);
  if (code === 0x3e) {
    return 1;
  }
  const followedBySpace = (at: number): boolean => at === end || isRegExpSpaceCode(text.charCodeAt(at));
  if ((code === 0x2d || code === 0x2a || code === 0x2b) && followedBySpace(index + 1)) {
    return 1;
  }
  let digits = 0;
  while (digits < 9 && index + digits < end && isDigit(text.charCodeAt(index + digits))) {
    digits++;
  }
  const after = text.charCodeAt(index + digits);
  return digits > 0 && (after === 0x2e || after === 0x29) && followedBySpace(index + digits + 1) ? digits + 1 : 0;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** True when the line from `index` is only `=` or only `-` (then white space): a setext underline under a paragraph. */
function isSetextUnderline(text: string, index: number, end: number): boolean {
  const mark = text.charCodeAt(index);
  if (mark !== 0x3d && mark !== 0x2d) {
    return false;
  }
  let position = index;
  while (position < end && text.charCodeAt(position) === mark) {
    position++;
  }
  while (position < end && isRegExpSpaceCode(text.charCodeAt(position))) {
    position++;
  }
  return position === end;
}

/** `text` with the characters at `positions` (in increasing order) replaced by their look-alikes. */
function replaced(text: string, positions: readonly number[]): string {
  if (positions.length === 0) {
    return text;
  }
  const pieces: string[] = [];
  let from = 0;
  for (const position of positions) {
    pieces.push(text.slice(from, position), neutral[text.charAt(position)] ?? text.charAt(position));
    from = position + 1;
  }
  pieces.push(text.slice(from));
  return pieces.join('');
}
