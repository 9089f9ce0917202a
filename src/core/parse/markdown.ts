// Markdown transcripts (`.md`): interviews and articles saved as Markdown, read with unified +
// remark-parse into the same TranscriptDocument as the line parser. Bold or heading speaker labels
// (`**UN News:** …`, `### Q: …`, `A: …`) are turns, blockquotes and quoted passages in paragraphs are
// quotes, and every line belongs to exactly one block. Ranges come from the syntax tree's offsets,
// which point into the original text; words come without Markdown markup, white space collapsed.
import { coverLines } from './context';
import { assignLabelRoles, endsWithQuestion, readLabel, weighInterviewEvidence, type Mutable, type Paragraph } from './interview';
import { answerLabels, questionLabels } from './lexicon';
import { diagnosticMessage } from '../messages/diagnostics';
import { severityOf } from '../checks/registry';
import type { Block, BlockKind, DiagnosticCode, Quote, TextRange, TranscriptDiagnostic, TranscriptDocument, Turn, TurnRole } from '../model';
import { findInterviewee } from './interviewee';
import { parseTranscript } from './lines';
import { guardMarkdown, type MarkdownNotice } from './markdownGuard';
import { closingFor, marksMismatch, quoteWordsAcross, scanMarks, startsWithContinuationMark } from './quoteMarks';
import { LineTable } from '../text/lineTable';
import { collapseWhitespace, firstVisible, isBlank, isSpaceCode, lastVisibleEnd } from '../text/whitespace';
import { appendAll } from '../util/arrays';
import { remark } from '../util/lazyModules';

/** The part of an mdast node this module reads (remark-parse always sets offsets). */
interface MdNode {
  readonly type: string;
  readonly value?: string;
  readonly depth?: number;
  readonly children?: readonly MdNode[];
  readonly position?: { readonly start: { readonly offset?: number }; readonly end: { readonly offset?: number } };
}

/** Inline text without markup, with the source offset of each of its characters. */
interface Plain {
  text: string;
  readonly offsets: number[];
}

const markdownExtensions = /\.(?:md|markdown|mdown|mdwn|mkd|mkdn)$/iu;

/** True for file names (or paths) of Markdown files: `.md`, `.markdown` and their rarer spellings. */
export function isMarkdownPath(name: string): boolean {
  return markdownExtensions.test(name.trim());
}

/**
 * Parses a Markdown interview or article. Never throws: on an unexpected failure every line becomes a
 * paragraph. What would make remark-parse slow beyond measure is neutralised first (markdownGuard.ts),
 * and a file that would still cost it more than its budget is read line by line instead; `notices`,
 * when given, receives what the guard did.
 */
export function parseMarkdownTranscript(text: string, notices?: MarkdownNotice[]): TranscriptDocument {
  try {
    const table = new LineTable(text);
    const lastFrontMatterLine = frontMatterEnd(table);
    const guarded = guardMarkdown(maskedText(table, lastFrontMatterLine), table);
    if (notices) {
      appendAll(notices, guarded.notices);
    }
    return guarded.affordable ? buildDocument(table, lastFrontMatterLine, guarded.text) : parseTranscript(text);
  } catch {
    const table = new LineTable(text);
    const blocks: Block[] = [];
    for (let line = 0; line < table.lineCount; line++) {
      blocks.push({ kind: isBlank(table.line(line)) ? 'blank' : 'paragraph', firstLine: line, lastLine: line, index: null });
    }
    return emptyDocument(table, 'prose', blocks);
  }
}

function emptyDocument(table: LineTable, format: TranscriptDocument['format'], blocks: Block[]): TranscriptDocument {
  return {
    format, lineCount: table.lineCount, length: table.text.length, title: null, header: null, headers: [], headings: [],
    sections: [], shots: [], soundbites: [], story: null, stories: [], turns: [], interviewee: null, quotes: [], chrome: [], blocks, diagnostics: [],
  };
}

const startOf = (node: MdNode): number => node.position?.start.offset ?? 0;
const endOf = (node: MdNode): number => node.position?.end.offset ?? startOf(node);

/**
 * YAML front matter: a first line `---` closed by `---` or `...`. Returns the closing line, or -1.
 * remark-parse alone would read it as a rule and a setext heading.
 */
function frontMatterEnd(table: LineTable): number {
  if (table.line(0).replace(/^\ufeff/u, '').trimEnd() !== '---') {
    return -1;
  }
  for (let line = 1; line < table.lineCount && line < 500; line++) {
    const trimmed = table.line(line).trimEnd();
    if (trimmed === '---' || trimmed === '...') {
      return line;
    }
  }
  return -1;
}

/** The text remark-parse reads: front matter and a BOM become spaces, so every offset stays the same. */
function maskedText(table: LineTable, lastFrontMatterLine: number): string {
  const text = table.text;
  const maskEnd = lastFrontMatterLine >= 0 ? (table.ends[lastFrontMatterLine] ?? 0) : text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (maskEnd === 0) {
    return text;
  }
  return text.slice(0, maskEnd).replace(/[^\r\n]/gu, ' ') + text.slice(maskEnd);
}

// ---------------------------------------------------------------------------------------------
// Plain text of inline content

function appendValue(plain: Plain, value: string, from: number, to: number, source: string): void {
  if (source.slice(from, to) === value) {
    for (let index = 0; index < value.length; index++) {
      plain.offsets.push(from + index);
    }
    plain.text += value;
    return;
  }
  // Escapes, entities and the `>` of continued blockquote lines: align each character with the source.
  // Each character is looked for a short way ahead only (what separates it from its place in the
  // source is at most a `> ` prefix, a backslash or an entity), so a node of characters the source
  // spells differently costs a bounded look each, not the rest of the node each.
  let pointer = from;
  for (const character of value) {
    let found = -1;
    let next = pointer;
    const limit = Math.min(to, pointer + alignmentLookahead);
    for (let index = pointer; index + character.length <= limit; index++) {
      if (source.startsWith(character, index)) {
        found = index;
        next = index + character.length;
        break;
      }
    }
    if (found < 0 && source.charCodeAt(pointer) === 0x26) {
      // An entity (`&amp;`, `&#65;`) stands for its character: the character sits on the entity.
      const semicolon = source.slice(pointer, limit).indexOf(';') + pointer;
      if (semicolon > pointer) {
        found = pointer;
        next = semicolon + 1;
      }
    }
    const at = found >= 0 ? found : Math.min(pointer, Math.max(from, to - 1));
    for (let unit = 0; unit < character.length; unit++) {
      plain.offsets.push(at + unit);
    }
    plain.text += character;
    pointer = next;
  }
}

/** How far ahead of its expected place a character of inline text is looked for in the source. */
const alignmentLookahead = 64;

/**
 * Visits nodes depth first, in document order, with an explicit stack rather than recursion: a
 * deeply nested document (lists in lists in quotes…) must not overflow the call stack. `visit`
 * returns true to go into the node's children.
 */
function walk(roots: readonly MdNode[], visit: (node: MdNode) => boolean): void {
  const stack: MdNode[] = [];
  for (let index = roots.length - 1; index >= 0; index--) {
    stack.push(roots[index] as MdNode);
  }
  while (stack.length > 0) {
    const node = stack.pop() as MdNode;
    const children = node.children;
    if (visit(node) && children) {
      for (let index = children.length - 1; index >= 0; index--) {
        stack.push(children[index] as MdNode);
      }
    }
  }
}

/** The text of a node's inline content without markup (images, HTML and footnote marks left out). */
function inlinePlain(node: MdNode, source: string): Plain {
  const plain: Plain = { text: '', offsets: [] };
  walk(node.children ?? [], (child) => {
    switch (child.type) {
      case 'text':
      case 'inlineCode':
        appendValue(plain, child.value ?? '', startOf(child), endOf(child), source);
        return false;
      case 'break':
        plain.text += ' ';
        plain.offsets.push(startOf(child));
        return false;
      case 'image':
      case 'imageReference':
      case 'html':
      case 'footnoteReference':
        return false;
      default:
        return true;
    }
  });
  return plain;
}

/** The plain texts of a block node's paragraphs, headings and code, in order. */
function blockPlains(node: MdNode, source: string): Plain[] {
  const found: Plain[] = [];
  walk([node], (child) => {
    if (child.type === 'paragraph' || child.type === 'heading' || child.type === 'tableCell') {
      found.push(inlinePlain(child, source));
      return false;
    }
    if (child.type === 'code') {
      const plain: Plain = { text: '', offsets: [] };
      appendValue(plain, child.value ?? '', startOf(child), endOf(child), source);
      found.push(plain);
      return false;
    }
    return true;
  });
  return found;
}

// ---------------------------------------------------------------------------------------------
// Speaker labels

interface LabelHit {
  readonly speaker: string;
  readonly labelStart: number;
  readonly labelEnd: number;
  /** Source offset where the turn's words start on the label's own line, or null for a label alone. */
  readonly textStart: number | null;
  /** The words after the label, without markup. */
  readonly words: string;
  readonly question: boolean;
}

/** A speaker label opening a paragraph or heading: `**UN News:** …`, `**Lacroix**: …`, `Q: …`, `### A:`, `### Q`. */
function readMarkdownLabel(node: MdNode, source: string): LabelHit | null {
  if (node.type !== 'paragraph' && node.type !== 'heading') {
    return null;
  }
  const plain = inlinePlain(node, source);
  const lead = firstVisible(plain.text);
  const trimmed = plain.text.slice(lead, lastVisibleEnd(plain.text));
  // A label alone on its line (`**Lacroix:**`, `### Q:`): its words are the paragraphs that follow.
  let label = readLabel(trimmed);
  if (!label && node.type === 'heading' && (questionLabels.has(trimmed.toLowerCase()) || answerLabels.has(trimmed.toLowerCase()))) {
    label = { text: trimmed, start: 0, end: trimmed.length, textStart: trimmed.length, alone: true };
  }
  const alone = label?.alone ?? false;
  if (!label || label.end <= label.start) {
    return null;
  }
  const labelStart = plain.offsets[lead + label.start] ?? startOf(node);
  const labelEnd = (plain.offsets[lead + label.end - 1] ?? labelStart) + 1;
  const words = alone ? '' : plain.text.slice(lead + label.textStart);
  let textStart: number | null = null;
  if (!alone) {
    // The words start after the colon and after any markup closing around the label (`**UN News:** `).
    const colon = plain.text.indexOf(':', lead + label.end);
    const colonOffset = colon >= 0 ? (plain.offsets[colon] ?? labelEnd) : labelEnd;
    let position = colonOffset + 1;
    for (const child of node.children ?? []) {
      if (child.type !== 'text' && startOf(child) <= colonOffset && endOf(child) > colonOffset) {
        position = endOf(child);
      }
    }
    const firstWord = plain.offsets[lead + label.textStart] ?? position;
    while (position < firstWord && isSpaceCode(source.charCodeAt(position))) {
      position++;
    }
    textStart = Math.min(position, firstWord);
  }
  return { speaker: label.text, labelStart, labelEnd, textStart, words, question: endsWithQuestion(words) };
}

/** A heading that is only a label used elsewhere in the document (`### UN News` beside `### UN News:`), read as a label alone. */
function headingNamedLabel(node: MdNode, source: string, labels: ReadonlySet<string>): LabelHit | null {
  const plain = inlinePlain(node, source);
  const lead = firstVisible(plain.text);
  const end = lastVisibleEnd(plain.text);
  const name = collapseWhitespace(plain.text.slice(lead, end));
  if (end <= lead || !labels.has(name.toLowerCase())) {
    return null;
  }
  const labelStart = plain.offsets[lead] ?? startOf(node);
  const labelEnd = (plain.offsets[end - 1] ?? labelStart) + 1;
  return { speaker: name, labelStart, labelEnd, textStart: null, words: '', question: false };
}

// ---------------------------------------------------------------------------------------------
// Quotes

interface QuoteSink {
  readonly table: LineTable;
  readonly quotes: Quote[];
  readonly diagnostics: TranscriptDiagnostic[];
}

function report(sink: QuoteSink, code: DiagnosticCode, range: TextRange, data: Record<string, string>): void {
  sink.diagnostics.push({ code, severity: severityOf(code), range, message: diagnosticMessage(code, data), data });
}

interface OpenMark {
  readonly paragraph: number;
  readonly index: number;
  readonly mark: string;
  last: number;
}

/** The words of a quote from (paragraph, index) to (paragraph, index) exclusive, continuation marks dropped. */
function quoteText(run: readonly Plain[], fromParagraph: number, fromIndex: number, toParagraph: number, toIndex: number): string {
  return quoteWordsAcross(fromParagraph, toParagraph, (paragraph) => run[paragraph]?.text ?? '', fromIndex, toIndex);
}

/**
 * Quoted passages in a run of paragraphs (one paragraph alone, or the paragraphs of a blockquote).
 * A quote may continue into a paragraph that opens with a mark; a paragraph that does not ends an
 * open quote there, unclosed.
 */
function scanRun(run: readonly Plain[], sink: QuoteSink): number {
  const before = sink.quotes.length;
  const state: { open: OpenMark | null; depth: number } = { open: null, depth: 0 };
  const closeUnclosed = (open: OpenMark): void => {
    const plain = run[open.last];
    const startOffset = run[open.paragraph]?.offsets[open.index] ?? 0;
    const lastEnd = plain ? lastVisibleEnd(plain.text) : 0;
    const endOffset = Math.max(startOffset + 1, plain && lastEnd > 0 ? (plain.offsets[lastEnd - 1] ?? startOffset) + 1 : startOffset + 1);
    const endIndex = open.last === open.paragraph ? Math.max(lastEnd, open.index + 1) : lastEnd;
    sink.quotes.push({
      text: quoteText(run, open.paragraph, open.index + 1, open.last, endIndex),
      range: sink.table.rangeFromOffsets(startOffset, endOffset),
      innerRange: sink.table.rangeFromOffsets(Math.min(startOffset + 1, endOffset), endOffset),
      openMark: open.mark,
      closeMark: null,
      closed: false,
    });
    report(sink, 'unclosed-quote', sink.table.rangeFromOffsets(startOffset, startOffset + 1), { mark: open.mark, expected: closingFor(open.mark) });
  };
  for (let paragraph = 0; paragraph < run.length; paragraph++) {
    const plain = run[paragraph];
    if (!plain) {
      continue;
    }
    const open = state.open;
    if (open) {
      if (startsWithContinuationMark(plain.text)) {
        open.last = paragraph;
      } else {
        closeUnclosed(open);
        state.open = null;
        state.depth = 0;
      }
    }
    state.depth = scanMarks(plain.text, state.depth, state.open !== null, { onMark: (event) => {
      const current = state.open;
      if (event.opens && event.depth === 1 && current === null) {
        state.open = { paragraph, index: event.index, mark: event.mark, last: paragraph };
      } else if (!event.opens && event.depth === 0 && current !== null) {
        const startOffset = run[current.paragraph]?.offsets[current.index] ?? 0;
        const closeOffset = plain.offsets[event.index] ?? startOffset;
        const range = sink.table.rangeFromOffsets(startOffset, closeOffset + 1);
        sink.quotes.push({
          text: quoteText(run, current.paragraph, current.index + 1, paragraph, event.index),
          range,
          innerRange: sink.table.rangeFromOffsets(Math.min(startOffset + 1, closeOffset), closeOffset),
          openMark: current.mark,
          closeMark: event.mark,
          closed: true,
        });
        if (marksMismatch(current.mark, event.mark)) {
          report(sink, 'mismatched-quote-marks', range, { open: current.mark, close: event.mark });
        }
        state.open = null;
      }
    } });
  }
  if (state.open) {
    closeUnclosed(state.open);
  }
  return sink.quotes.length - before;
}

/**
 * A blockquote is a quote. When its words open with a quote mark, the marks bound the quote (an
 * attribution line after the closing mark stays out); otherwise its whole text is one quote without marks.
 */
function blockquoteQuotes(node: MdNode, source: string, sink: QuoteSink): void {
  const run = blockPlains(node, source).filter((plain) => firstVisible(plain.text) < plain.text.length);
  const first = run[0];
  const last = run[run.length - 1];
  if (!first || !last) {
    return;
  }
  const firstIndex = firstVisible(first.text);
  if (startsWithContinuationMark(first.text, firstIndex) && scanRun(run, sink) > 0) {
    return;
  }
  const start = first.offsets[firstIndex] ?? startOf(node);
  const end = Math.max(start, (last.offsets[lastVisibleEnd(last.text) - 1] ?? start) + 1);
  const range = sink.table.rangeFromOffsets(start, end);
  sink.quotes.push({
    text: collapseWhitespace(run.map((plain) => plain.text).join(' ')),
    range,
    innerRange: range,
    openMark: null,
    closeMark: null,
    closed: true,
  });
}

/** Quotes of a block node: blockquotes (outermost only) and quoted passages in each other paragraph. */
function collectQuotes(node: MdNode, source: string, sink: QuoteSink): void {
  walk([node], (child) => {
    if (child.type === 'blockquote') {
      blockquoteQuotes(child, source, sink);
      return false;
    }
    if (child.type === 'paragraph') {
      scanRun([inlinePlain(child, source)], sink);
      return false;
    }
    return child.type !== 'heading' && child.type !== 'code';
  });
}

// ---------------------------------------------------------------------------------------------
// The document

interface TurnDraft {
  /** Null for an unlabelled turn (a briefing's remarks under topic headings, a bold question, a blockquote answer). */
  readonly hit: LabelHit | null;
  readonly nodes: MdNode[];
  /** The role of an unlabelled turn; labelled turns take theirs from their label. */
  readonly role?: TurnRole;
}

/** A paragraph that is one bold question and nothing else (`**What does an adviser do?**`). */
function isBoldQuestion(node: MdNode, source: string): boolean {
  const children = node.children ?? [];
  return node.type === 'paragraph' && children.length === 1 && children[0]?.type === 'strong' &&
    endsWithQuestion(inlinePlain(node, source).text);
}

/**
 * Where bold questions answered by blockquotes make an unlabelled interview (UN News web copies): the
 * index of each such question node, when there are two or more; empty otherwise.
 */
function boldQuestionsAnswered(nodes: readonly MdNode[], source: string): Set<number> {
  const questions = new Set<number>();
  nodes.forEach((node, index) => {
    if (nodes[index + 1]?.type === 'blockquote' && isBoldQuestion(node, source)) {
      questions.add(index);
    }
  });
  return questions.size >= 2 ? questions : new Set();
}

/** The document of a Markdown text: `masked` is the text remark reads (front matter blanked, guarded). */
function buildDocument(table: LineTable, lastFrontMatterLine: number, masked: string): TranscriptDocument {
  const { unified, remarkParse } = remark();
  const root = unified().use(remarkParse).parse(masked) as unknown as MdNode;
  const nodes = root.children ?? [];

  // Labels, weighed as prose.ts weighs them: a label counts when it recurs or is a known interview label.
  const hits = nodes.map((node) => readMarkdownLabel(node, masked));
  // `### Name` without a colon is a label alone when the same name labels a turn elsewhere (`### Name:`).
  const labelTexts = new Set(hits.map((hit) => hit?.speaker.toLowerCase()).filter((speaker) => speaker !== undefined));
  nodes.forEach((node, index) => {
    if (hits[index] === null && node.type === 'heading' && (node.depth ?? 0) >= 2) {
      hits[index] = headingNamedLabel(node, masked, labelTexts);
    }
  });
  const paragraphs: Paragraph[] = [];
  nodes.forEach((node, index) => {
    if (node.type !== 'paragraph' && node.type !== 'heading') {
      return;
    }
    const hit = hits[index];
    paragraphs.push({
      line: table.positionAt(startOf(node)).line,
      label: hit ? { text: hit.speaker, start: 0, end: 0, textStart: 0, alone: hit.textStart === null } : null,
      timecode: null,
      dashTextStart: -1,
      question: hit ? hit.question : false,
    });
  });
  const evidence = weighInterviewEvidence(paragraphs);
  const labelled = evidence.style === 'label';

  // Title: a first-level heading before anything else.
  const firstNode = nodes[0];
  let title: TranscriptDocument['title'] = null;
  if (firstNode && firstNode.type === 'heading' && firstNode.depth === 1 && !(labelled && hits[0])) {
    const plain = inlinePlain(firstNode, masked);
    const from = firstVisible(plain.text);
    const to = lastVisibleEnd(plain.text);
    if (to > from) {
      title = { text: collapseWhitespace(plain.text), range: table.rangeFromOffsets(plain.offsets[from] ?? 0, (plain.offsets[to - 1] ?? 0) + 1) };
    }
  }

  // Turns: a label starts one; paragraphs, lists and blockquotes continue it; a rule or another heading ends it.
  const drafts: TurnDraft[] = [];
  const segments: { kind: BlockKind; first: number; last: number; index: number | null }[] = [];
  const chrome: TextRange[] = [];
  if (lastFrontMatterLine >= 0) {
    segments.push({ kind: 'chrome', first: 0, last: lastFrontMatterLine, index: null });
    chrome.push(table.lines(0, lastFrontMatterLine));
  }
  const lineOf = (offset: number): number => table.positionAt(offset).line;
  let current: TurnDraft | null = null;
  const startsTurn = (index: number): boolean => {
    const hit = hits[index];
    return labelled && hit !== null && hit !== undefined && evidence.labels.has(hit.speaker.toLowerCase());
  };
  let firstLabelled = nodes.length;
  for (let index = 0; index < nodes.length && firstLabelled === nodes.length; index++) {
    if (startsTurn(index)) {
      firstLabelled = index;
    }
  }
  // Before the first label of a labelled document, paragraphs under a topic heading (`## Lebanon`)
  // are the opening remarks: one statement per topic.
  let remarksOpen = false;
  const boldQuestions = labelled ? new Set<number>() : boldQuestionsAnswered(nodes, masked);
  nodes.forEach((node, index) => {
    const hit = hits[index];
    if (hit && startsTurn(index)) {
      current = { hit, nodes: [node] };
      drafts.push(current);
      return;
    }
    if (boldQuestions.has(index) || (boldQuestions.has(index - 1) && node.type === 'blockquote')) {
      // A bold question, then its blockquote answer: the blockquote is the answer, not someone quoted.
      current = { hit: null, nodes: [node], role: boldQuestions.has(index) ? 'question' : 'answer' };
      drafts.push(current);
      return;
    }
    const first = lineOf(startOf(node));
    const last = lineOf(Math.max(startOf(node), lastVisibleEnd(masked, endOf(node), startOf(node))));
    if (node.type === 'thematicBreak') {
      current = null;
      segments.push({ kind: 'separator', first, last, index: null });
    } else if (node.type === 'heading') {
      current = null;
      remarksOpen = labelled && index < firstLabelled && (node.depth ?? 1) >= 2;
      segments.push({ kind: index === 0 && title ? 'title' : 'heading', first, last, index: null });
    } else if (!current && remarksOpen && node.type === 'paragraph') {
      current = { hit: null, nodes: [node] };
      drafts.push(current);
    } else if (current) {
      (current as TurnDraft).nodes.push(node);
    } else {
      segments.push({ kind: 'paragraph', first, last, index: null });
    }
  });

  const turns: Mutable<Turn>[] = drafts.map((draft, index) => {
    const { hit } = draft;
    const labelNode = draft.nodes[0] as MdNode;
    const pieces = hit === null ? [] : [hit.words];
    let textStart = hit === null ? null : hit.textStart;
    for (const node of draft.nodes.slice(hit === null ? 0 : 1)) {
      for (const plain of blockPlains(node, masked)) {
        const visible = firstVisible(plain.text);
        if (textStart === null && visible < plain.text.length) {
          textStart = plain.offsets[visible] ?? startOf(node);
        }
        pieces.push(plain.text);
      }
    }
    const lastNode = draft.nodes[draft.nodes.length - 1] ?? labelNode;
    const end = Math.max(hit === null ? 0 : hit.labelEnd, lastVisibleEnd(masked, endOf(lastNode), startOf(lastNode)));
    const start = startOf(labelNode);
    const range = table.rangeFromOffsets(start, end);
    segments.push({ kind: 'turn', first: range.start.line, last: range.end.line, index });
    return {
      speaker: hit === null ? null : hit.speaker,
      labelRange: hit === null ? null : table.rangeFromOffsets(hit.labelStart, hit.labelEnd),
      role: draft.role ?? 'statement',
      range,
      text: collapseWhitespace(pieces.join(' ')),
      textRange: table.rangeFromOffsets(Math.min(textStart ?? end, end), end),
      timecode: null,
      timecodeSeconds: null,
      style: hit === null ? 'paragraph' : 'label',
    };
  });
  assignLabelRoles(turns);

  const sink: QuoteSink = { table, quotes: [], diagnostics: [] };
  for (const node of nodes) {
    collectQuotes(node, masked, sink);
  }
  sink.quotes.sort((a, b) => a.range.start.offset - b.range.start.offset);
  sink.diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);

  const firstTurnStart = turns[0]?.range.start.offset ?? masked.length;
  const lead = nodes.filter((node) => node.type === 'paragraph' && endOf(node) <= firstTurnStart).map((node) => inlinePlain(node, masked).text);
  const interviewee = turns.length > 0 ? findInterviewee(title?.text ?? null, lead, turns) : null;
  const document = emptyDocument(table, turns.length > 0 ? 'interview' : 'prose', markdownBlocks(table, segments));
  return { ...document, title, turns, interviewee, quotes: sink.quotes, chrome, diagnostics: sink.diagnostics };
}

/**
 * Blocks over every line: the segments in document order, blank lines between them as `blank`
 * (consecutive ones merged), and anything else left over as one-line paragraphs.
 */
function markdownBlocks(table: LineTable, segments: readonly { kind: BlockKind; first: number; last: number; index: number | null }[]): Block[] {
  const blocks = segments.map((segment): Block => ({ kind: segment.kind, firstLine: segment.first, lastLine: segment.last, index: segment.index }));
  return coverLines(blocks, table.lineCount, (first, last, covered) => {
    for (let line = first; line <= last; line++) {
      const previous = covered[covered.length - 1];
      if (!isBlank(table.line(line))) {
        covered.push({ kind: 'paragraph', firstLine: line, lastLine: line, index: null });
      } else if (previous && previous.kind === 'blank' && previous.lastLine === line - 1) {
        covered[covered.length - 1] = { ...previous, lastLine: line };
      } else {
        covered.push({ kind: 'blank', firstLine: line, lastLine: line, index: null });
      }
    }
  });
}
