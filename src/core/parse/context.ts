// Shared state of one parse: the line table, the line classes, and the diagnostics and blocks
// collected so far. The format builders (shotlist.ts, interview.ts, prose.ts) write into it.
// Like store/, it is the parser's own: nothing outside src/core/parse imports it (ESLint).
import { classifyLine, emptyNumberedParts, LineClass, readField, startsLikeStructure } from './classify';
import { flattenedCuts, minimumFlattenedLength } from './flattened';
import { knownHeaderFields } from './lexicon';
import { diagnosticMessage } from '../messages/diagnostics';
import type { MessageData } from '../messages/format';
import { severityOf } from '../checks/registry';
import type { Block, BlockKind, DiagnosticCode, DiagnosticSeverity, TextRange, TranscriptDiagnostic } from '../model';
import { IntColumn, rows } from './store/columns';
import { QuoteStore } from './store/quoteStore';
import { LineTable } from '../text/lineTable';

/** A finding whose message is rendered when read: most diagnostics of a long archive are never shown. */
class ParsedDiagnostic implements TranscriptDiagnostic {
  readonly severity: DiagnosticSeverity;
  readonly related?: TextRange;
  readonly #data: MessageData;
  readonly #firstUse: TextRange | undefined;

  constructor(readonly code: DiagnosticCode, readonly range: TextRange, data: MessageData, related: TextRange | undefined,
    firstUse: TextRange | undefined) {
    this.severity = severityOf(code);
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
    return diagnosticMessage(this.code, this.data);
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
  // Blocks as columns (kind code, first and last line, index or -1): a long archive has one per shot,
  // and objects for each would only be garbage until someone reads document.blocks.
  readonly #blockKinds = new IntColumn(64);
  readonly #blockFirst = new IntColumn(64);
  readonly #blockLast = new IntColumn(64);
  readonly #blockIndex = new IntColumn(64);
  readonly chrome: TextRange[] = [];
  /** Every quote this parse found, soundbite quotes and quotes in running text, in the order found. */
  readonly quotes = new QuoteStore(this);

  constructor(text: string) {
    const table = new LineTable(text);
    // A shot list flattened onto one line is read as the lines it had (flattened.ts): the lines that
    // start like structure and are long enough are read closely, and the table cut if they are one.
    const candidates: number[] = [];
    for (let line = 0; line < table.lineCount; line++) {
      if (table.lineLength(line) >= minimumFlattenedLength && startsLikeStructure(table.line(line))) {
        candidates.push(line);
      }
    }
    const cuts = candidates.length > 0 ? flattenedCuts(text, table.starts, table.ends, candidates) : [];
    this.table = cuts.length > 0 ? new LineTable(text, cuts) : table;
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

  /** The parse's lines (more than the document's when a flattened shot list was cut; see flattened.ts). */
  get lineCount(): number {
    return this.table.lineCount;
  }

  /** The document's own lines. */
  get documentLineCount(): number {
    return this.table.documentLineCount;
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

  /**
   * For the run of field and blank lines that starts at `line`: its last field line and how many of
   * its fields are known header fields (-1 and 0 outside a run). Computed for every line at once,
   * backwards, on first use: measuring a run from each of its lines would read it again and again
   * (an interview of `Q:`/`A:` lines between blank lines is one long run).
   */
  headerRun(line: number): { readonly lastField: number; readonly known: number } {
    if (!this.#runLastField || !this.#runKnown) {
      const count = this.lineCount;
      const lastField = new Int32Array(count + 1).fill(-1);
      const known = new Int32Array(count + 1);
      for (let index = count - 1; index >= 0; index--) {
        const lineClass = this.classes[index];
        if (lineClass !== LineClass.Field && lineClass !== LineClass.Blank) {
          continue;
        }
        const next = index + 1 < count && (this.classes[index + 1] === LineClass.Field || this.classes[index + 1] === LineClass.Blank) ? index + 1 : count;
        const isField = lineClass === LineClass.Field;
        lastField[index] = next < count && (lastField[next] ?? -1) >= 0 ? (lastField[next] as number) : isField ? index : -1;
        known[index] = (isField && this.isKnownField(index) ? 1 : 0) + (next < count ? (known[next] ?? 0) : 0);
      }
      this.#runLastField = lastField;
      this.#runKnown = known;
    }
    return { lastField: this.#runLastField[line] ?? -1, known: this.#runKnown[line] ?? 0 };
  }

  #runLastField: Int32Array | undefined;
  #runKnown: Int32Array | undefined;

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

  /** The diagnostics in document order (builders report them as they go, not always in order). */
  sortDiagnostics(): TranscriptDiagnostic[] {
    return this.diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
  }

  /** Adds a block; consecutive blank lines, and consecutive lines of one story, merge into one block. */
  block(kind: BlockKind, firstLine: number, lastLine: number, index: number | null = null): void {
    const last = this.#blockKinds.length - 1;
    const mergeable = kind === 'blank' || kind === 'story';
    const kindCode = blockKindCodes[kind];
    const indexCode = index ?? -1;
    if (mergeable && last >= 0 && this.#blockKinds.get(last) === kindCode && this.#blockIndex.get(last) === indexCode &&
      this.#blockLast.get(last) === firstLine - 1) {
      this.#blockLast.set(last, lastLine);
      return;
    }
    this.#blockKinds.push(kindCode);
    this.#blockFirst.push(firstLine);
    this.#blockLast.push(lastLine);
    this.#blockIndex.push(indexCode);
  }

  get blockCount(): number {
    return this.#blockKinds.length;
  }

  /** The last block added now runs to `line` (a soundbite's quote, a wrapped shot description). */
  extendLastBlock(line: number): void {
    const last = this.#blockKinds.length - 1;
    if (last >= 0) {
      this.#blockLast.set(last, line);
    }
  }

  /** Blocks from..to (positions in the order they were added), in the parse's own lines and indexes. */
  rawBlocks(from = 0, to = this.blockCount): Block[] {
    return rows(Math.max(0, to - from), (offset) => {
      const position = from + offset;
      const index = this.#blockIndex.get(position);
      // In the document's lines: the pieces of a flattened line share it (coverLines keeps the first).
      return {
        kind: blockKinds[this.#blockKinds.get(position)] ?? 'paragraph',
        firstLine: this.table.documentLineOf(this.#blockFirst.get(position)),
        lastLine: this.table.documentLineOf(this.#blockLast.get(position)),
        index: index < 0 ? null : index,
      };
    });
  }

  /** The blocks in document order with every line covered (see coverLines). */
  blockList(): Block[] {
    return coverLines(this.rawBlocks(), this.documentLineCount);
  }

  chromeLine(line: number): void {
    this.chrome.push(this.table.lines(line, line));
    this.block('chrome', line, line);
  }
}

/** Adds blocks for lines first..last, which no block holds, to `covered`. */
export type GapFiller = (first: number, last: number, covered: Block[]) => void;

/** A gap becomes one paragraph block. */
const oneParagraph: GapFiller = (first, last, covered) => {
  covered.push({ kind: 'paragraph', firstLine: first, lastLine: last, index: null });
};

/**
 * Blocks in document order, every gap filled (one paragraph by default), so that every line belongs
 * to exactly one block even if a builder missed one: losing text silently is the one thing the
 * parser must not do. Blocks that overlap one before them are cut to start after it. Lines
 * `fromLine`..lineCount - 1 are covered (one story of an archive covers its own lines).
 */
export function coverLines(blocks: Block[], lineCount: number, fillGap: GapFiller = oneParagraph, fromLine = 0): Block[] {
  // Builders add blocks in document order; sort only when one did not.
  const ordered = blocks.every((block, position) => {
    const previous = blocks[position - 1];
    return !previous || previous.firstLine < block.firstLine || (previous.firstLine === block.firstLine && previous.lastLine <= block.lastLine);
  });
  if (!ordered) {
    blocks.sort((a, b) => a.firstLine - b.firstLine || a.lastLine - b.lastLine);
  }
  const covered: Block[] = [];
  let next = fromLine;
  for (const block of blocks) {
    const lastLine = Math.min(block.lastLine, lineCount - 1);
    if (lastLine < next) {
      continue;
    }
    if (block.firstLine > next) {
      fillGap(next, Math.min(block.firstLine, lastLine + 1) - 1, covered);
    }
    const firstLine = Math.max(next, Math.min(block.firstLine, lastLine));
    covered.push(firstLine === block.firstLine && lastLine === block.lastLine ? block : { ...block, firstLine, lastLine });
    next = lastLine + 1;
  }
  if (next < lineCount) {
    fillGap(next, lineCount - 1, covered);
  }
  return covered;
}
