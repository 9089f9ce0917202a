// Shared state of one parse: the line table, the line classes, and the diagnostics and blocks
// collected so far. The format builders (shotlist.ts, interview.ts, prose.ts) write into it.
import { classifyLine, emptyNumberedParts, LineClass, readField } from './classify';
import { knownHeaderFields } from './lexicon';
import { diagnosticMessages, formatMessage, type MessageData } from './messages';
import type { Block, BlockKind, DiagnosticCode, DiagnosticSeverity, TextRange, TranscriptDiagnostic } from './model';
import { QuoteStore } from './quoteStore';
import { LineTable } from './text';

const severities: Readonly<Record<DiagnosticCode, DiagnosticSeverity>> = {
  'shot-number-duplicate': 'warning',
  'shot-number-out-of-sequence': 'warning',
  'shot-number-missing': 'information',
  'unclosed-quote': 'warning',
  'mismatched-quote-marks': 'warning',
  'soundbite-missing-colon': 'information',
  'soundbite-missing-quote': 'warning',
  'unknown-language': 'warning',
  'header-missing-field': 'warning',
  'header-duplicate-field': 'information',
  'dateline-format': 'warning',
  'trt-format': 'warning',
};

/** A finding whose message is rendered when read: most diagnostics of a long archive are never shown. */
class ParsedDiagnostic implements TranscriptDiagnostic {
  readonly severity: DiagnosticSeverity;
  readonly related?: TextRange;
  readonly #data: MessageData;
  readonly #firstUse: TextRange | undefined;

  constructor(readonly code: DiagnosticCode, readonly range: TextRange, data: MessageData, related: TextRange | undefined,
    firstUse: TextRange | undefined) {
    this.severity = severities[code];
    if (related) {
      this.related = related;
    }
    this.#data = data;
    this.#firstUse = firstUse;
  }

  get data(): MessageData {
    return this.#firstUse ? { ...this.#data, firstLine: this.#firstUse.start.line + 1 } : this.#data;
  }

  get message(): string {
    return formatMessage(diagnosticMessages[this.code], this.data);
  }

  toJSON(): TranscriptDiagnostic {
    const { code, severity, range, message, data, related } = this;
    return { code, severity, range, message, data, ...(related ? { related } : {}) };
  }
}

const blockKinds: readonly BlockKind[] = ['title', 'chrome', 'blank', 'separator', 'header', 'heading', 'section', 'shot', 'soundbite',
  'story', 'turn', 'paragraph'];
const blockKindCodes = Object.fromEntries(blockKinds.map((kind, code) => [kind, code])) as Record<BlockKind, number>;

export class ParseContext {
  readonly table: LineTable;
  readonly classes: LineClass[];
  // What classification read from numbered and SOUNDBITE lines, so the builders need not read it
  // again: typed arrays, because an object per shot would only add work for the garbage collector.
  /** Character where a line's shot number starts, or -1. */
  readonly numberStarts: Int32Array;
  /** Length of a line's shot number as written. */
  readonly numberLengths: Uint8Array;
  /** A line's shot number, or -1. */
  readonly numberValues: Int16Array;
  /** Character where a numbered or SOUNDBITE line's text starts. */
  readonly textStarts: Int32Array;
  readonly diagnostics: TranscriptDiagnostic[] = [];
  // Blocks as parallel arrays: a long archive has one per shot, and objects for each would only be
  // garbage until someone reads document.blocks.
  // (typed, so that they are nothing for the garbage collector to trace; -1 stands for no index).
  #blockCount = 0;
  #blockKinds = new Uint8Array(64);
  #blockFirst = new Int32Array(64);
  #blockLast = new Int32Array(64);
  #blockIndex = new Int32Array(64);
  readonly chrome: TextRange[] = [];
  /** Every quote this parse found, soundbite quotes and quotes in running text, in the order found. */
  readonly quotes = new QuoteStore(this);

  constructor(text: string) {
    this.table = new LineTable(text);
    const count = this.table.lineCount;
    this.classes = new Array<LineClass>(count);
    this.numberStarts = new Int32Array(count).fill(-1);
    this.numberLengths = new Uint8Array(count);
    this.numberValues = new Int16Array(count).fill(-1);
    this.textStarts = new Int32Array(count);
    this.#knownFields = new Uint8Array(count);
    const parts = emptyNumberedParts();
    for (let line = 0; line < count; line++) {
      const text = this.table.line(line);
      const lineClass = classifyLine(text, parts);
      this.classes[line] = lineClass;
      if (lineClass === LineClass.Shot || lineClass === LineClass.Soundbite) {
        this.numberStarts[line] = parts.numberStart;
        this.numberLengths[line] = parts.numberLength;
        this.numberValues[line] = parts.numberValue;
        this.textStarts[line] = parts.textStart;
      }
    }
  }

  get lineCount(): number {
    return this.table.lineCount;
  }

  /**
   * True when the line is a `NAME: value` line with a known header field name. Computed once per
   * line and kept as a number: header blocks are measured several times while an archive is read.
   */
  isKnownField(index: number): boolean {
    let known = this.#knownFields[index] ?? 0;
    if (known === 0) {
      const field = readField(this.line(index));
      known = field && knownHeaderFields.has(field.name) ? 2 : 1;
      this.#knownFields[index] = known;
    }
    return known === 2;
  }

  /** Per line: 0 not yet read, 1 not a known header field, 2 a known header field. */
  readonly #knownFields: Uint8Array;

  line(index: number): string {
    // Sliced again on every read rather than kept: a slice kept for each line lives through the
    // whole parse and costs the garbage collector more than slicing again costs.
    return index >= 0 && index < this.table.lineCount ? this.table.line(index) : '';
  }

  /**
   * Records a finding. `firstUse` is the line a duplicate refers back to: its number goes into the
   * data as `firstLine` when read, so it stays right when a re-parse moves the story.
   */
  report(code: DiagnosticCode, range: TextRange, data: MessageData = {}, related?: TextRange, firstUse?: TextRange): void {
    this.diagnostics.push(new ParsedDiagnostic(code, range, data, related, firstUse));
  }

  /** Adds a block; consecutive blank lines, and consecutive lines of one story, merge into one block. */
  block(kind: BlockKind, firstLine: number, lastLine: number, index: number | null = null): void {
    const last = this.#blockCount - 1;
    const mergeable = kind === 'blank' || kind === 'story';
    const kindCode = blockKindCodes[kind];
    const indexCode = index ?? -1;
    if (mergeable && last >= 0 && this.#blockKinds[last] === kindCode && this.#blockIndex[last] === indexCode &&
      this.#blockLast[last] === firstLine - 1) {
      this.#blockLast[last] = lastLine;
      return;
    }
    if (this.#blockCount === this.#blockKinds.length) {
      this.#growBlocks();
    }
    const position = this.#blockCount++;
    this.#blockKinds[position] = kindCode;
    this.#blockFirst[position] = firstLine;
    this.#blockLast[position] = lastLine;
    this.#blockIndex[position] = indexCode;
  }

  #growBlocks(): void {
    const size = this.#blockKinds.length * 2;
    const kinds = new Uint8Array(size);
    kinds.set(this.#blockKinds);
    this.#blockKinds = kinds;
    const first = new Int32Array(size);
    first.set(this.#blockFirst);
    this.#blockFirst = first;
    const last = new Int32Array(size);
    last.set(this.#blockLast);
    this.#blockLast = last;
    const index = new Int32Array(size);
    index.set(this.#blockIndex);
    this.#blockIndex = index;
  }

  get blockCount(): number {
    return this.#blockCount;
  }

  /** The last block added now runs to `line` (a soundbite's quote, a wrapped shot description). */
  extendLastBlock(line: number): void {
    const last = this.#blockCount - 1;
    if (last >= 0) {
      this.#blockLast[last] = line;
    }
  }

  /** Blocks from..to (positions in the order they were added), in the parse's own lines and indexes. */
  rawBlocks(from = 0, to = this.#blockCount): Block[] {
    const blocks: Block[] = [];
    for (let position = from; position < to; position++) {
      blocks.push({
        kind: blockKinds[this.#blockKinds[position] ?? 0] ?? 'paragraph',
        firstLine: this.#blockFirst[position] ?? 0,
        lastLine: this.#blockLast[position] ?? 0,
        index: (this.#blockIndex[position] ?? -1) < 0 ? null : (this.#blockIndex[position] ?? null),
      });
    }
    return blocks;
  }

  /** The blocks in document order with every line covered (see coverLines). */
  blockList(): Block[] {
    return coverLines(this.rawBlocks(), this.lineCount);
  }

  chromeLine(line: number): void {
    this.chrome.push(this.table.lines(line, line));
    this.block('chrome', line, line);
  }
}

/**
 * Blocks in document order, any gap filled with a paragraph block, so that every line belongs to
 * exactly one block even if a builder missed one: losing text silently is the one thing the parser
 * must not do.
 */
export function coverLines(blocks: Block[], lineCount: number): Block[] {
  // Builders add blocks in document order; sort only when one did not.
  if (!blocks.every((block, position) => position === 0 || (blocks[position - 1]?.firstLine ?? 0) <= block.firstLine)) {
    blocks.sort((a, b) => a.firstLine - b.firstLine || a.lastLine - b.lastLine);
  }
  const covered: Block[] = [];
  let next = 0;
  for (const block of blocks) {
    if (block.lastLine < next) {
      continue;
    }
    if (block.firstLine > next) {
      covered.push({ kind: 'paragraph', firstLine: next, lastLine: block.firstLine - 1, index: null });
    }
    covered.push(block.firstLine >= next ? block : { ...block, firstLine: next });
    next = block.lastLine + 1;
  }
  if (next < lineCount) {
    covered.push({ kind: 'paragraph', firstLine: next, lastLine: lineCount - 1, index: null });
  }
  return covered;
}
