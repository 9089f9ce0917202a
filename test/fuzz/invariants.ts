// What must hold for any parse, whatever the input: checked by the property tests
// (test/unit/properties.test.ts, test/unit/robustness.test.ts) and by `npm run fuzz`.
import type { TextRange, TranscriptDocument } from '../../src/core/model';

/** Every range the model exposes, found by walking it (so a new field cannot escape the check). Iterative: models can be wide. */
export function allRanges(document: TranscriptDocument): TextRange[] {
  const found: TextRange[] = [];
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') {
      continue;
    }
    if (Array.isArray(value)) {
      value.forEach((item) => stack.push(item));
      continue;
    }
    const record = value as Record<string, unknown>;
    if (isRange(record)) {
      found.push(record as unknown as TextRange);
      continue;
    }
    // Records compute their ranges in getters; their toJSON lists every field.
    const toJSON = record['toJSON'];
    const fields = typeof toJSON === 'function' ? (toJSON.call(record) as Record<string, unknown>) : record;
    Object.values(fields).forEach((item) => stack.push(item));
  }
  return found;
}

function isRange(value: Record<string, unknown>): boolean {
  const start = value['start'] as Record<string, unknown> | undefined;
  return typeof start === 'object' && start !== null && typeof start['offset'] === 'number' && typeof value['end'] === 'object';
}

/** The number of lines as the editor counts them (CR, LF and CRLF end a line; U+2028 does not). */
export function editorLineCount(text: string): number {
  let count = 1;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10 || (code === 13 && text.charCodeAt(index + 1) !== 10)) {
      count++;
    }
  }
  return count;
}

/** Throws an Error naming the first broken invariant, else returns. */
export function checkInvariants(text: string, document: TranscriptDocument): void {
  const lineCount = editorLineCount(text);
  const fail = (why: string): never => {
    throw new Error(`invariant broken: ${why}`);
  };
  if (document.lineCount !== lineCount) {
    fail(`lineCount ${document.lineCount}, the text has ${lineCount} lines`);
  }
  for (const range of allRanges(document)) {
    if (!(range.start.offset >= 0 && range.end.offset <= text.length)) {
      fail(`range ${range.start.offset}-${range.end.offset} outside 0-${text.length}`);
    }
    if (range.start.offset > range.end.offset) {
      fail(`range ${range.start.offset}-${range.end.offset} is reversed`);
    }
    if (!(range.start.line < lineCount && range.end.line < lineCount)) {
      fail(`range on lines ${range.start.line}-${range.end.line} of ${lineCount}`);
    }
  }
  let next = 0;
  for (const block of document.blocks) {
    if (block.firstLine !== next) {
      fail(`line ${next} belongs to no block`);
    }
    if (block.lastLine < block.firstLine) {
      fail(`block ${block.firstLine}-${block.lastLine} is reversed`);
    }
    next = block.lastLine + 1;
  }
  if (next !== lineCount) {
    fail(`the blocks stop at line ${next} of ${lineCount}`);
  }
}
