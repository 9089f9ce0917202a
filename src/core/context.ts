// Shared state of one parse: the line table, the line classes, and the diagnostics and blocks
// collected so far. The format builders (shotlist.ts, interview.ts, prose.ts) write into it.
import { classifyLine, readField, type LineClass, type NumberedLine } from './classify';
import { diagnosticMessages, formatMessage, type MessageData } from './messages';
import type { Block, BlockKind, DiagnosticCode, DiagnosticSeverity, TextRange, TranscriptDiagnostic } from './model';
import { LineTable } from './text';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

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

export class ParseContext {
  readonly table: LineTable;
  readonly classes: LineClass[];
  /** Each line's text, sliced once: the builders read the same lines many times. */
  readonly texts: string[];
  /** What classification read from numbered and SOUNDBITE lines, so the builders need not read it again. */
  readonly numbered: (NumberedLine | undefined)[];
  readonly diagnostics: TranscriptDiagnostic[] = [];
  readonly blocks: Mutable<Block>[] = [];
  readonly chrome: TextRange[] = [];

  constructor(text: string) {
    this.table = new LineTable(text);
    const count = this.table.lineCount;
    this.classes = new Array<LineClass>(count);
    this.texts = new Array<string>(count);
    this.numbered = [];
    const found: { numbered: NumberedLine | null } = { numbered: null };
    for (let line = 0; line < count; line++) {
      const text = this.table.line(line);
      this.texts[line] = text;
      found.numbered = null;
      this.classes[line] = classifyLine(text, found);
      if (found.numbered) {
        this.numbered[line] = found.numbered;
      }
    }
  }

  get lineCount(): number {
    return this.table.lineCount;
  }

  /** The `NAME: value` reading of a line, computed once (header blocks are read several times). */
  field(index: number): ReturnType<typeof readField> {
    let found = this.#fields.get(index);
    if (found === undefined) {
      found = readField(this.line(index));
      this.#fields.set(index, found);
    }
    return found;
  }

  readonly #fields = new Map<number, ReturnType<typeof readField>>();

  line(index: number): string {
    return this.texts[index] ?? '';
  }

  report(code: DiagnosticCode, range: TextRange, data: MessageData = {}, related?: TextRange): void {
    const message = formatMessage(diagnosticMessages[code], data);
    this.diagnostics.push({ code, severity: severities[code], range, message, data, ...(related ? { related } : {}) });
  }

  /** Adds a block; consecutive blank lines, and consecutive lines of one story, merge into one block. */
  block(kind: BlockKind, firstLine: number, lastLine: number, index: number | null = null): void {
    const previous = this.blocks[this.blocks.length - 1];
    const mergeable = kind === 'blank' || kind === 'story';
    if (mergeable && previous && previous.kind === kind && previous.index === index && previous.lastLine === firstLine - 1) {
      previous.lastLine = lastLine;
      return;
    }
    this.blocks.push({ kind, firstLine, lastLine, index });
  }

  chromeLine(line: number): void {
    this.chrome.push(this.table.lines(line, line));
    this.block('chrome', line, line);
  }
}
