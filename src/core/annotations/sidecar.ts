// The annotations sidecar, `<transcript file name>.notes.yaml`: read and checked (never throws,
// problems with exact positions, like kb/load.ts), updated (add, change, delete on the user's word)
// and merged three ways when the file changed on disk under unsaved changes.
//
// Two rules shape everything: what cannot be read is never written over (a YAML error, a newer
// format version, a file over the limits: every write is refused with a problem), and nothing is
// dropped (a bad annotation, an unknown field, a comment stays exactly as it was).
//
// Writes are diff-friendly: a change re-renders only the annotations it touches, each through the
// yaml Document API on that annotation's own text, and splices them into the file; every other byte
// stays as it was. The result is checked against the same change applied to the whole Document,
// and that whole-Document rendering is used instead whenever the splice would differ.
// Pure: no I/O, no VS Code, no Node API; runs in a web worker.
import { Document, isMap, isScalar, isSeq, LineCounter, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { sidecarMessage } from '../messages/annotations';
import { yamlNestingBeyond } from '../text/yamlNesting';
import { anchorBlocks, maxAnchorLength, type Anchor, type AnchorBlock } from './anchor';

// ---------------------------------------------------------------------------------------------
// Limits and format
// ---------------------------------------------------------------------------------------------

/** The format version this code writes; a file with a higher one is opened read-only. */
export const sidecarVersion = 1;
/** Appended to the transcript's file name: `story.txt` → `story.txt.notes.yaml`. */
export const sidecarSuffix = '.notes.yaml';
/** Largest sidecar read (UTF-16 units, about bytes): 5,000 annotations with long notes take about 2 MB. */
export const maxSidecarLength = 2 * 1024 * 1024;
/** Most annotations in one sidecar: a 10 MB archive has about 2,000 soundbites. */
export const maxAnnotations = 5000;
/** Problems reported one by one; the rest are counted in one summary problem. */
export const maxProblems = 200;
export const maxIdLength = 128;
export const maxTags = 64;
export const maxTagLength = 200;
export const maxNoteLength = 100_000;
/** Most changes in one update (a bulk "reject all" over a 5,000-annotation archive). */
export const maxChanges = maxAnnotations * 2;
/**
 * Deepest nesting handed to the yaml parser. The format needs 5 levels. yaml 2.9 parses nesting by
 * recursion, and around 2,000 levels of `[` it takes V8 down with a fatal, uncatchable "RegExpCompiler
 * Allocation failed" (measured on Node 20): a file nested deeper than this is refused unparsed.
 */
export const maxNesting = 100;

export const annotationStatuses = ['selected', 'maybe', 'rejected'] as const;
export type AnnotationStatus = (typeof annotationStatuses)[number];

/** Fields in the order they are written; unknown fields keep their place after them. */
const fieldOrder = ['id', 'anchor', 'status', 'tags', 'note', 'order', 'created', 'updated', 'conflict'] as const;
const anchorFieldOrder = ['text', 'prefix', 'suffix', 'line', 'soundbite', 'block'] as const;
const rootFields = ['version', 'annotations'];

/** How yaml writes: no folding (a changed word must not reflow a paragraph), `[a, b]` tag lists. */
const stringifyOptions = { lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false, indent: 2, indentSeq: true } as const;

/** The sidecar's name for a transcript file name or path (a string operation: the caller owns paths). */
export function sidecarNameFor(transcriptName: string): string {
  return `${transcriptName}${sidecarSuffix}`;
}

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** One side's losing value of a field both sides changed, kept by a merge (see mergeSidecars). */
export interface ConflictEntry {
  readonly field: string;
  /** The value as plain data; null when that side had removed the field. */
  readonly value: unknown;
}

export interface Annotation {
  readonly id: string;
  readonly anchor: Anchor;
  readonly status: AnnotationStatus | null;
  readonly tags: readonly string[];
  /** Markdown, shown untrusted. */
  readonly note: string | null;
  /** The place of a selected passage in the package the editor arranged (1 = first); null: document order. */
  readonly order: number | null;
  readonly created: string | null;
  readonly updated: string | null;
  readonly conflicts: readonly ConflictEntry[];
  /** Where the annotation is in the sidecar: 0-based offsets and the 1-based line of its start. */
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

/** An entry that could not be read as an annotation: reported, listed, and kept in the file as it is. */
export interface InvalidEntry {
  readonly index: number;
  readonly id: string | null;
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

export type SidecarProblemCode =
  | 'not-text'
  | 'too-large'
  | 'too-deep'
  | 'yaml-syntax'
  | 'yaml-warning'
  | 'root-not-mapping'
  | 'missing-version'
  | 'bad-version'
  | 'newer-version'
  | 'annotations-not-sequence'
  | 'too-many-annotations'
  | 'annotation-not-mapping'
  | 'missing-id'
  | 'bad-id'
  | 'duplicate-id'
  | 'missing-anchor'
  | 'missing-anchor-text'
  | 'empty-anchor-text'
  | 'anchor-too-long'
  | 'wrong-type'
  | 'bad-status'
  | 'bad-date'
  | 'too-many-tags'
  | 'unknown-field'
  | 'unresolved-conflict'
  | 'too-many-problems'
  // Refusals and change errors (updateSidecar, mergeSidecars).
  | 'refused-unreadable'
  | 'refused-ours-unreadable'
  | 'too-many-changes'
  | 'unknown-id'
  | 'bad-change'
  | 'render-failed';

export type SidecarProblemSeverity = 'error' | 'warning' | 'info';

export interface SidecarProblem {
  readonly code: SidecarProblemCode;
  readonly severity: SidecarProblemSeverity;
  /** English text; `data` lets the glue render it in another language. */
  readonly message: string;
  readonly data: Readonly<Record<string, string | number>>;
  /** 0-based offsets into the sidecar text (end exclusive); 0, 0 for problems with no place (a change). */
  readonly start: number;
  readonly end: number;
  /** 1-based line and column of `start`. */
  readonly line: number;
  readonly column: number;
}

export interface SidecarRead {
  /** The annotations that can be shown, in file order. */
  readonly annotations: readonly Annotation[];
  /** Entries kept in the file but not usable (no id, no anchor text, a duplicate id…). */
  readonly invalid: readonly InvalidEntry[];
  readonly problems: readonly SidecarProblem[];
  /** The parsed Document (null when the text was not parsed: too large, not text). */
  readonly document: Document | null;
  /** The format version written in the file, null when absent. */
  readonly version: number | null;
  /** False when writing would destroy something: every update and merge is refused. */
  readonly writable: boolean;
}

/** A new annotation; `tags`, `status`, `note`, `created` are optional. */
export interface NewAnnotation {
  readonly id: string;
  readonly anchor: Anchor;
  readonly status?: AnnotationStatus | null;
  readonly tags?: readonly string[];
  readonly note?: string | null;
  readonly order?: number | null;
  readonly created?: string;
  readonly updated?: string;
}

/**
 * A change to the sidecar. In `update`, an absent field is left alone and `null` removes it;
 * `anchor` refreshes the stored anchor (after re-anchoring was accepted), keeping its unknown fields.
 * `delete` happens only on the user's explicit action, which the caller states.
 */
export type SidecarChange =
  | { readonly kind: 'add'; readonly annotation: NewAnnotation }
  | {
    readonly kind: 'update';
    readonly id: string;
    readonly status?: AnnotationStatus | null;
    readonly tags?: readonly string[] | null;
    readonly note?: string | null;
    readonly order?: number | null;
    readonly anchor?: Anchor;
    readonly updated?: string | null;
  }
  | { readonly kind: 'delete'; readonly id: string; readonly confirmedByUser: true };

export interface UpdateResult {
  /** The new sidecar text; null when the write is refused (the problems say why). */
  readonly text: string | null;
  readonly problems: readonly SidecarProblem[];
  /** Ids of the changes applied, in order (a refused change is reported and skipped). */
  readonly applied: readonly string[];
}

export interface MergeOptions {
  /**
   * An annotation deleted on disk that the editor still has unchanged: 'keep' (default) brings it
   * back and lists it in `keptDeletedOnDisk` (nothing is lost; the user can delete it again),
   * 'accept' follows the disk.
   */
  readonly theirDeletions?: 'keep' | 'accept';
}

export interface MergeConflict {
  readonly id: string;
  readonly field: string;
}

export interface MergeResult {
  /** The merged text (theirs with our changes), or null when refused. */
  readonly text: string | null;
  readonly problems: readonly SidecarProblem[];
  /** Fields both sides changed: theirs is kept in place, ours in the annotation's `conflict:` list. */
  readonly conflicts: readonly MergeConflict[];
  /** Annotations deleted on disk but kept (see MergeOptions.theirDeletions). */
  readonly keptDeletedOnDisk: readonly string[];
  /** Annotations we deleted that the disk had changed meanwhile: kept, with their changes. */
  readonly keptChangedOnDisk: readonly string[];
}

/** Collects problems with positions; past maxProblems only counts them. */
class ProblemSink {
  readonly problems: SidecarProblem[] = [];
  #omitted = 0;

  constructor(
    private readonly lines: LineCounter | null,
    private readonly length: number,
  ) {}

  add(code: SidecarProblemCode, severity: SidecarProblemSeverity, start: number, end: number, data: Record<string, string | number> = {}): void {
    if (this.problems.length >= maxProblems) {
      this.#omitted++;
      return;
    }
    const from = Math.max(0, Math.min(start, this.length));
    const to = Math.max(from, Math.min(end, this.length));
    const position = this.lines ? this.lines.linePos(from) : { line: 1, col: 1 };
    this.problems.push({ code, severity, message: sidecarMessage(code, data), data, start: from, end: to, line: position.line, column: position.col });
  }

  finish(): SidecarProblem[] {
    if (this.#omitted > 0) {
      const omitted = this.#omitted;
      this.#omitted = 0;
      this.problems.push({
        code: 'too-many-problems', severity: 'info', message: sidecarMessage('too-many-problems', { count: omitted }),
        data: { count: omitted }, start: 0, end: 0, line: 1, column: 1,
      });
    }
    return this.problems;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

interface Range {
  start: number;
  end: number;
}

function rangeOf(node: unknown, fallback: Range): Range {
  const range = (node as Node | null | undefined)?.range;
  return range ? { start: range[0], end: range[1] } : fallback;
}

function keyName(pair: Pair): string | null {
  return isScalar(pair.key) ? String(pair.key.value) : typeof pair.key === 'string' ? pair.key : null;
}

function firstLine(message: string): string {
  const end = message.indexOf('\n');
  return end < 0 ? message : message.slice(0, end);
}

/** An id as written: the source of a plain scalar (so `1e3` stays `1e3`), else its string value. */
function scalarText(node: unknown): string | null {
  if (!isScalar(node)) {
    return null;
  }
  if (typeof node.value === 'string') {
    return node.value;
  }
  if (typeof node.value === 'number' || typeof node.value === 'bigint') {
    const source = (node as Scalar & { source?: unknown }).source;
    return typeof source === 'string' && source !== '' ? source : String(node.value);
  }
  return null;
}

// A date-time as ISO 8601 writes it. Every quantifier is over digits followed by a fixed
// non-digit, so matching is linear.
const isoDateTime = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function hasLineBreak(text: string): boolean {
  return text.includes('\n') || text.includes('\r');
}

interface ItemRead {
  annotation: Annotation | null;
  id: string | null;
}

/** Reads and checks a sidecar. Never throws; see SidecarRead. */
export function readSidecar(text: string): SidecarRead {
  if (typeof text !== 'string') {
    const sink = new ProblemSink(null, 0);
    sink.add('not-text', 'error', 0, 0);
    return { annotations: [], invalid: [], problems: sink.finish(), document: null, version: null, writable: false };
  }
  if (text.length > maxSidecarLength) {
    const sink = new ProblemSink(null, 0);
    sink.add('too-large', 'error', 0, 0, { limit: maxSidecarLength });
    return { annotations: [], invalid: [], problems: sink.finish(), document: null, version: null, writable: false };
  }
  const lines = new LineCounter();
  const sink = new ProblemSink(lines, text.length);
  const tooDeep = yamlNestingBeyond(text, maxNesting);
  if (tooDeep >= 0) {
    // Positions come from a LineCounter fed by hand: the parser, which would feed it, must not run.
    lines.addNewLine(0);
    for (let at = text.indexOf('\n'); at >= 0 && at < tooDeep; at = text.indexOf('\n', at + 1)) {
      lines.addNewLine(at + 1);
    }
    sink.add('too-deep', 'error', tooDeep, tooDeep, { limit: maxNesting });
    return { annotations: [], invalid: [], problems: sink.finish(), document: null, version: null, writable: false };
  }
  let document: Document;
  try {
    document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    // The parser reports errors in document.errors; this only keeps the promise never to throw.
    sink.add('yaml-syntax', 'error', 0, 0, { detail: error instanceof Error ? firstLine(error.message) : String(error) });
    return { annotations: [], invalid: [], problems: sink.finish(), document: null, version: null, writable: false };
  }
  let writable = document.errors.length === 0;
  for (const error of document.errors) {
    sink.add('yaml-syntax', 'error', error.pos[0], error.pos[1], { detail: firstLine(error.message) });
  }
  for (const warning of document.warnings) {
    sink.add('yaml-warning', 'warning', warning.pos[0], warning.pos[1], { detail: firstLine(warning.message) });
  }
  const annotations: Annotation[] = [];
  const invalid: InvalidEntry[] = [];
  const root = document.contents;
  const whole = { start: 0, end: text.length };
  if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) {
    return { annotations, invalid, problems: sink.finish(), document, version: null, writable };
  }
  if (!isMap(root)) {
    sink.add('root-not-mapping', 'error', rangeOf(root, whole).start, rangeOf(root, whole).end);
    return { annotations, invalid, problems: sink.finish(), document, version: null, writable: false };
  }
  let version: number | null = null;
  const versionPair = root.items.find((pair) => keyName(pair) === 'version');
  if (versionPair === undefined) {
    sink.add('missing-version', 'warning', 0, 0, { version: sidecarVersion });
  } else {
    const value = isScalar(versionPair.value) ? versionPair.value.value : undefined;
    const where = rangeOf(versionPair.value, rangeOf(versionPair.key, whole));
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      sink.add('bad-version', 'error', where.start, where.end);
      writable = false;
    } else {
      version = value;
      if (value > sidecarVersion) {
        sink.add('newer-version', 'error', where.start, where.end, { version: value, supported: sidecarVersion });
        writable = false;
      }
    }
  }
  for (const pair of root.items) {
    const name = keyName(pair);
    if (name === null || !rootFields.includes(name)) {
      const where = rangeOf(pair.key, whole);
      sink.add('unknown-field', 'info', where.start, where.end, { field: name ?? '?' });
    }
  }
  const listPair = root.items.find((pair) => keyName(pair) === 'annotations');
  const list = listPair?.value;
  if (listPair === undefined || list === null || list === undefined || (isScalar(list) && (list.value === null || list.value === undefined))) {
    return { annotations, invalid, problems: sink.finish(), document, version, writable };
  }
  if (!isSeq(list)) {
    const where = rangeOf(list, rangeOf(listPair.key, whole));
    sink.add('annotations-not-sequence', 'error', where.start, where.end);
    return { annotations, invalid, problems: sink.finish(), document, version, writable: false };
  }
  const listRange = rangeOf(list, whole);
  if (list.items.length > maxAnnotations) {
    sink.add('too-many-annotations', 'error', listRange.start, listRange.start, { limit: maxAnnotations, count: list.items.length });
    writable = false;
  }
  const seen = new Map<string, number>();
  const count = Math.min(list.items.length, maxAnnotations);
  for (let index = 0; index < count; index++) {
    const item = list.items[index];
    const where = rangeOf(item, listRange);
    const line = lines.linePos(where.start).line;
    if (!isMap(item)) {
      sink.add('annotation-not-mapping', 'error', where.start, where.end);
      invalid.push({ index, id: null, start: where.start, end: where.end, line });
      continue;
    }
    const read = readAnnotation(item, where, lines, sink);
    if (read.id !== null) {
      const firstOffset = seen.get(read.id);
      if (firstOffset !== undefined) {
        const idNode = item.items.find((pair) => keyName(pair) === 'id')?.value;
        const idRange = rangeOf(idNode, where);
        sink.add('duplicate-id', 'error', idRange.start, idRange.end, { id: read.id, firstLine: lines.linePos(firstOffset).line });
        invalid.push({ index, id: read.id, start: where.start, end: where.end, line });
        continue;
      }
      seen.set(read.id, where.start);
    }
    if (read.annotation === null) {
      invalid.push({ index, id: read.id, start: where.start, end: where.end, line });
    } else {
      annotations.push(read.annotation);
    }
  }
  return { annotations, invalid, problems: sink.finish(), document, version, writable };
}

/** One annotation, or null (with problems) when it has no usable id or anchor text. Bad optional fields are ignored alone. */
function readAnnotation(map: YAMLMap, where: Range, lines: LineCounter, sink: ProblemSink): ItemRead {
  const head = { start: where.start, end: where.start };
  const field = (name: string): Pair | undefined => map.items.find((pair) => keyName(pair) === name);
  const idPair = field('id');
  let id: string | null = null;
  let usable = true;
  if (idPair === undefined || idPair.value === null || (isScalar(idPair.value) && idPair.value.value === null)) {
    sink.add('missing-id', 'error', head.start, head.end);
    usable = false;
  } else {
    const value = scalarText(idPair.value);
    const range = rangeOf(idPair.value, head);
    if (value === null || value.trim() === '' || value.length > maxIdLength || hasLineBreak(value)) {
      sink.add('bad-id', 'error', range.start, range.end);
      usable = false;
    } else {
      id = value;
    }
  }
  const label = id ?? '?';
  const anchorPair = field('anchor');
  let anchor: Anchor | null = null;
  if (anchorPair === undefined || anchorPair.value === null || (isScalar(anchorPair.value) && anchorPair.value.value === null)) {
    sink.add('missing-anchor', 'error', head.start, head.end, { id: label });
    usable = false;
  } else if (!isMap(anchorPair.value)) {
    const range = rangeOf(anchorPair.value, head);
    sink.add('wrong-type', 'error', range.start, range.end, { field: 'anchor', expected: 'a mapping with text, prefix, suffix, line' });
    usable = false;
  } else {
    anchor = readAnchor(anchorPair.value, label, rangeOf(anchorPair.value, head), sink);
    if (anchor === null) {
      usable = false;
    }
  }
  let status: AnnotationStatus | null = null;
  let tags: string[] = [];
  let note: string | null = null;
  let order: number | null = null;
  let created: string | null = null;
  let updated: string | null = null;
  let conflicts: ConflictEntry[] = [];
  for (const pair of map.items) {
    const name = keyName(pair);
    const value = pair.value as Node | null;
    const range = rangeOf(value, rangeOf(pair.key, head));
    switch (name) {
      case 'id':
      case 'anchor':
        break;
      case 'status': {
        if (value === null || (isScalar(value) && value.value === null)) {
          break;
        }
        const text = isScalar(value) && typeof value.value === 'string' ? value.value : null;
        if (text !== null && (annotationStatuses as readonly string[]).includes(text)) {
          status = text as AnnotationStatus;
        } else {
          sink.add('bad-status', 'error', range.start, range.end, { value: isScalar(value) ? String(value.value) : '…' });
        }
        break;
      }
      case 'tags':
        tags = readTags(value, range, sink);
        break;
      case 'note':
        if (value === null || (isScalar(value) && value.value === null)) {
          break;
        }
        if (isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number')) {
          note = String(value.value);
          if (note.length > maxNoteLength) {
            sink.add('wrong-type', 'warning', range.start, range.end, { field: 'note', expected: `at most ${maxNoteLength} characters` });
            note = note.slice(0, maxNoteLength);
          }
        } else {
          sink.add('wrong-type', 'warning', range.start, range.end, { field: 'note', expected: 'text (Markdown)' });
        }
        break;
      case 'order':
        if (value === null || (isScalar(value) && value.value === null)) {
          break;
        }
        if (isScalar(value) && validOrder(value.value)) {
          order = value.value;
        } else {
          sink.add('wrong-type', 'warning', range.start, range.end, { field: 'order', expected: 'a whole number from 1' });
        }
        break;
      case 'created':
      case 'updated': {
        const date = readDate(value, name, range, sink);
        if (name === 'created') {
          created = date;
        } else {
          updated = date;
        }
        break;
      }
      case 'conflict':
        conflicts = readConflicts(value, range, sink);
        if (conflicts.length > 0) {
          sink.add('unresolved-conflict', 'info', range.start, range.end, { id: label, fields: conflicts.map((entry) => entry.field).join(', ') });
        }
        break;
      default: {
        const keyRange = rangeOf(pair.key, head);
        sink.add('unknown-field', 'info', keyRange.start, keyRange.end, { field: name ?? '?' });
      }
    }
  }
  if (!usable || id === null || anchor === null) {
    return { annotation: null, id };
  }
  return {
    id,
    annotation: { id, anchor, status, tags, note, order, created, updated, conflicts, start: where.start, end: where.end, line: lines.linePos(where.start).line },
  };
}

function readAnchor(map: YAMLMap, id: string, where: Range, sink: ProblemSink): Anchor | null {
  const head = { start: where.start, end: where.start };
  let text: string | null = null;
  let prefix = '';
  let suffix = '';
  let line = 0;
  let soundbite: string | undefined;
  let block: AnchorBlock | undefined;
  let textSeen = false;
  for (const pair of map.items) {
    const name = keyName(pair);
    const value = pair.value as Node | null;
    const range = rangeOf(value, rangeOf(pair.key, head));
    const stringValue = isScalar(value) && typeof value.value === 'string' ? value.value : null;
    switch (name) {
      case 'text':
        textSeen = true;
        if (stringValue === null) {
          sink.add('wrong-type', 'error', range.start, range.end, { field: 'anchor.text', expected: 'text' });
        } else if (stringValue.trim() === '') {
          sink.add('empty-anchor-text', 'error', range.start, range.end, { id });
        } else if (stringValue.length > maxAnchorLength) {
          sink.add('anchor-too-long', 'error', range.start, range.end, { id, limit: maxAnchorLength });
        } else {
          text = stringValue;
        }
        break;
      case 'prefix':
      case 'suffix':
        if (stringValue === null) {
          if (!(isScalar(value) && value.value === null) && value !== null) {
            sink.add('wrong-type', 'warning', range.start, range.end, { field: `anchor.${name}`, expected: 'text' });
          }
        } else if (name === 'prefix') {
          prefix = stringValue;
        } else {
          suffix = stringValue;
        }
        break;
      case 'line':
        if (isScalar(value) && typeof value.value === 'number' && Number.isInteger(value.value) && value.value >= 1) {
          line = value.value;
        } else {
          sink.add('wrong-type', 'warning', range.start, range.end, { field: 'anchor.line', expected: 'a line number from 1' });
        }
        break;
      case 'soundbite': {
        const number = scalarText(value);
        if (number !== null && number.trim() !== '' && !hasLineBreak(number)) {
          soundbite = number.trim();
        } else if (!(isScalar(value) && value.value === null) && value !== null) {
          sink.add('wrong-type', 'warning', range.start, range.end, { field: 'anchor.soundbite', expected: 'a shot number' });
        }
        break;
      }
      case 'block':
        if (stringValue !== null && (anchorBlocks as readonly string[]).includes(stringValue)) {
          block = stringValue as AnchorBlock;
        } else {
          sink.add('wrong-type', 'warning', range.start, range.end, { field: 'anchor.block', expected: anchorBlocks.join(', ') });
        }
        break;
      default: {
        const keyRange = rangeOf(pair.key, head);
        sink.add('unknown-field', 'info', keyRange.start, keyRange.end, { field: `anchor.${name ?? '?'}` });
      }
    }
  }
  if (!textSeen) {
    sink.add('missing-anchor-text', 'error', head.start, head.end, { id });
  }
  if (text === null) {
    return null;
  }
  return { text, prefix, suffix, line, ...(soundbite !== undefined ? { soundbite } : {}), ...(block !== undefined ? { block } : {}) };
}

function readTags(value: Node | null, range: Range, sink: ProblemSink): string[] {
  if (value === null || (isScalar(value) && value.value === null)) {
    return [];
  }
  if (isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number')) {
    // `tags: divisions` reads as one tag: clearly meant, and harmless.
    const tag = String(value.value).trim();
    return tag === '' ? [] : [tag.slice(0, maxTagLength)];
  }
  if (!isSeq(value)) {
    sink.add('wrong-type', 'warning', range.start, range.end, { field: 'tags', expected: 'a list of words' });
    return [];
  }
  const tags: string[] = [];
  for (const item of value.items) {
    const tag = isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number') ? String(item.value).trim() : null;
    if (tag === null || tag === '' || hasLineBreak(tag)) {
      const where = rangeOf(item, range);
      sink.add('wrong-type', 'warning', where.start, where.end, { field: 'tags', expected: 'a list of words' });
      continue;
    }
    if (tags.length >= maxTags) {
      sink.add('too-many-tags', 'warning', range.start, range.end, { limit: maxTags });
      break;
    }
    if (!tags.includes(tag)) {
      tags.push(tag.slice(0, maxTagLength));
    }
  }
  return tags;
}

function readDate(value: Node | null, name: string, range: Range, sink: ProblemSink): string | null {
  if (value === null || (isScalar(value) && value.value === null)) {
    return null;
  }
  if (isScalar(value) && value.value instanceof Date && !Number.isNaN(value.value.getTime())) {
    // A `%YAML 1.1` file resolves timestamps to dates; the text is what we keep.
    return value.value.toISOString();
  }
  if (isScalar(value) && typeof value.value === 'string') {
    if (!isoDateTime.test(value.value)) {
      sink.add('bad-date', 'warning', range.start, range.end, { field: name, value: value.value.slice(0, 40) });
    }
    return value.value;
  }
  sink.add('wrong-type', 'warning', range.start, range.end, { field: name, expected: 'an ISO 8601 date and time' });
  return null;
}

function readConflicts(value: Node | null, range: Range, sink: ProblemSink): ConflictEntry[] {
  if (value === null || (isScalar(value) && value.value === null)) {
    return [];
  }
  if (!isSeq(value)) {
    sink.add('wrong-type', 'warning', range.start, range.end, { field: 'conflict', expected: 'a list of {field, value}' });
    return [];
  }
  const entries: ConflictEntry[] = [];
  for (const item of value.items) {
    if (!isMap(item)) {
      continue;
    }
    const fieldNode = item.items.find((pair) => keyName(pair) === 'field')?.value;
    const valueNode = item.items.find((pair) => keyName(pair) === 'value')?.value;
    const fieldName = isScalar(fieldNode) && typeof fieldNode.value === 'string' ? fieldNode.value : null;
    if (fieldName !== null) {
      entries.push({ field: fieldName, value: plain(valueNode) });
    }
  }
  return entries;
}

/** A node's value as plain data (aliases and anything unreadable as its source text). */
function plain(node: unknown): unknown {
  if (node === null || node === undefined) {
    return null;
  }
  if (isScalar(node)) {
    return node.value instanceof Date ? node.value.toISOString() : node.value;
  }
  try {
    return (node as { toJSON(): unknown }).toJSON();
  } catch {
    return String(node);
  }
}

// ---------------------------------------------------------------------------------------------
// Nodes for the fields this code writes
// ---------------------------------------------------------------------------------------------

function textScalar(value: string): Scalar {
  const scalar = new Scalar(value);
  // Double quotes show every character of the annotated words, white space and line breaks included.
  scalar.type = 'QUOTE_DOUBLE';
  return scalar;
}

/**
 * A note reads best as a literal block (`note: |`), one Markdown line a line. yaml 2.9 writes a few
 * such texts so they read back differently (a line of only spaces before the last line break), so
 * the block is used only when it reads back as the same text; double quotes otherwise.
 */
function noteScalar(value: string): Scalar {
  const scalar = new Scalar(value);
  if (hasLineBreak(value)) {
    scalar.type = 'BLOCK_LITERAL';
    try {
      const written = new Document({ note: scalar }).toString(stringifyOptions);
      const back = (parseDocument(written).toJS() as { note?: unknown } | null)?.note;
      if (back !== value) {
        scalar.type = 'QUOTE_DOUBLE';
      }
    } catch {
      scalar.type = 'QUOTE_DOUBLE';
    }
  }
  return scalar;
}

function soundbiteScalar(value: string): Scalar {
  // A shot number written as digits stays a number (`soundbite: 6`); anything else ("6A", "06") keeps its text.
  return /^(?:0|[1-9]\d{0,8})$/.test(value) ? new Scalar(Number(value)) : textScalar(value);
}

function tagsNode(tags: readonly string[]): YAMLSeq {
  const seq = new YAMLSeq();
  seq.flow = true;
  for (const tag of tags) {
    seq.items.push(new Scalar(tag));
  }
  return seq;
}

/** Sets (or, for undefined, deletes) the known anchor fields in `map`, keeping its unknown ones. */
function writeAnchorFields(map: YAMLMap, anchor: Anchor): void {
  const values: Record<(typeof anchorFieldOrder)[number], Node | undefined> = {
    text: textScalar(anchor.text),
    prefix: textScalar(anchor.prefix ?? ''),
    suffix: textScalar(anchor.suffix ?? ''),
    line: Number.isInteger(anchor.line) && anchor.line >= 1 ? new Scalar(anchor.line) : undefined,
    soundbite: anchor.soundbite !== undefined && anchor.soundbite !== '' ? soundbiteScalar(anchor.soundbite) : undefined,
    block: anchor.block !== undefined ? new Scalar(anchor.block) : undefined,
  };
  for (const name of anchorFieldOrder) {
    setOrdered(map, name, values[name], anchorFieldOrder);
  }
}

function anchorNode(anchor: Anchor): YAMLMap {
  const map = new YAMLMap();
  writeAnchorFields(map, anchor);
  return map;
}

/**
 * Sets `key` to `value` in place when present, else inserts it after the last field that comes
 * before it in `order` (new fields land where a reader expects them); undefined deletes it.
 */
function setOrdered(map: YAMLMap, key: string, value: Node | undefined, order: readonly string[]): void {
  const at = map.items.findIndex((pair) => keyName(pair) === key);
  if (value === undefined) {
    if (at >= 0) {
      map.items.splice(at, 1);
    }
    return;
  }
  if (at >= 0) {
    (map.items[at] as Pair).value = value;
    return;
  }
  const rank = order.indexOf(key);
  let insertAt = rank < 0 ? map.items.length : 0;
  if (rank >= 0) {
    for (let index = 0; index < map.items.length; index++) {
      const other = order.indexOf(keyName(map.items[index] as Pair) ?? '');
      if (other >= 0 && other < rank) {
        insertAt = index + 1;
      }
    }
  }
  map.items.splice(insertAt, 0, new Pair(new Scalar(key), value));
}

function newAnnotationNode(annotation: NewAnnotation): YAMLMap {
  const map = new YAMLMap();
  setOrdered(map, 'id', new Scalar(annotation.id), fieldOrder);
  setOrdered(map, 'anchor', anchorNode(annotation.anchor), fieldOrder);
  if (annotation.status !== undefined && annotation.status !== null) {
    setOrdered(map, 'status', new Scalar(annotation.status), fieldOrder);
  }
  if (annotation.tags !== undefined && annotation.tags.length > 0) {
    setOrdered(map, 'tags', tagsNode(annotation.tags), fieldOrder);
  }
  if (annotation.note !== undefined && annotation.note !== null) {
    setOrdered(map, 'note', noteScalar(annotation.note), fieldOrder);
  }
  if (annotation.order !== undefined && annotation.order !== null) {
    setOrdered(map, 'order', new Scalar(annotation.order), fieldOrder);
  }
  if (annotation.created !== undefined) {
    setOrdered(map, 'created', new Scalar(annotation.created), fieldOrder);
  }
  if (annotation.updated !== undefined) {
    setOrdered(map, 'updated', new Scalar(annotation.updated), fieldOrder);
  }
  return map;
}

// ---------------------------------------------------------------------------------------------
// Edits, applied two ways: spliced (only the touched annotations' lines change) and through the
// whole Document (the reference the splice must agree with)
// ---------------------------------------------------------------------------------------------

/** A change to one field of an existing annotation: a new value (a node), or removal. */
type FieldEdit =
  | { readonly kind: 'set'; readonly field: string; readonly make: () => Node }
  | { readonly kind: 'remove'; readonly field: string }
  | { readonly kind: 'anchor'; readonly anchor: Anchor };

interface EditPlan {
  /** Per item index of the annotations list: its field edits, in order. */
  readonly fields: Map<number, FieldEdit[]>;
  readonly deletes: Set<number>;
  /** New items, appended in order; each builds a fresh node every call. */
  readonly appends: (() => YAMLMap)[];
}

function applyFieldEdits(map: YAMLMap, edits: readonly FieldEdit[]): void {
  for (const edit of edits) {
    if (edit.kind === 'anchor') {
      const existing = map.items.find((pair) => keyName(pair) === 'anchor')?.value;
      if (isMap(existing)) {
        writeAnchorFields(existing, edit.anchor);
      } else {
        setOrdered(map, 'anchor', anchorNode(edit.anchor), fieldOrder);
      }
    } else if (edit.kind === 'set') {
      setOrdered(map, edit.field, edit.make(), fieldOrder);
    } else {
      setOrdered(map, edit.field, undefined, fieldOrder);
    }
  }
}

/** The edits applied to the whole Document of `text` (which must parse without errors). */
function applyToDocument(text: string, plan: EditPlan): Document {
  const document = parseDocument(text, { uniqueKeys: true });
  if (!isMap(document.contents)) {
    document.contents = new YAMLMap() as unknown as typeof document.contents;
  }
  const root = document.contents as unknown as YAMLMap;
  if (root.items.find((pair) => keyName(pair) === 'version') === undefined) {
    root.items.unshift(new Pair(new Scalar('version'), new Scalar(sidecarVersion)));
  }
  let list = root.items.find((pair) => keyName(pair) === 'annotations')?.value;
  if (!isSeq(list)) {
    list = new YAMLSeq();
    setOrdered(root, 'annotations', list as YAMLSeq, rootFields);
  }
  const seq = list as YAMLSeq;
  seq.items.forEach((item, index) => {
    const edits = plan.fields.get(index);
    if (edits !== undefined && isMap(item)) {
      applyFieldEdits(item, edits);
    }
  });
  seq.items = seq.items.filter((_, index) => !plan.deletes.has(index));
  for (const make of plan.appends) {
    seq.items.push(make());
  }
  if (seq.items.length > 0) {
    seq.flow = false;
  }
  return document;
}

/** Text of a new sidecar holding only the appended items. */
function renderNew(plan: EditPlan): string {
  const document = new Document({ version: sidecarVersion, annotations: [] });
  const seq = (document.contents as unknown as YAMLMap).get('annotations') as YAMLSeq;
  for (const make of plan.appends) {
    seq.items.push(make());
  }
  seq.flow = seq.items.length === 0;
  return document.toString(stringifyOptions);
}

interface LineInfo {
  /** Offset of the first character of each line. */
  readonly starts: number[];
}

function linesOf(text: string): LineInfo {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return { starts };
}

function lineIndexAt(lines: LineInfo, offset: number): number {
  let low = 0;
  let high = lines.starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lines.starts[middle] as number) <= offset) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return low;
}

/** Leading spaces of the line starting at `start`, or -1 for a blank line. */
function indentAt(text: string, start: number, end: number): number {
  let index = start;
  while (index < end && text.charCodeAt(index) === 32) {
    index++;
  }
  const code = text.charCodeAt(index);
  return index >= end || code === 10 || code === 13 ? -1 : index - start;
}

/** Where one item of the block list sits in the text: its whole lines, and the column of its dash. */
interface ItemSpan {
  readonly start: number;
  readonly end: number;
  readonly column: number;
}

/**
 * The lines of each item of a block sequence: from the line of its `- ` to its last line indented
 * deeper than the dash (comments inside it included, blank lines and comments at the dash's column
 * after it excluded). Null when the list is not laid out that way (flow style, a dash on its own
 * line…): the caller then renders the whole Document.
 */
function itemSpans(text: string, seq: YAMLSeq, lines: LineInfo): ItemSpan[] | null {
  if (seq.flow) {
    return null;
  }
  const spans: ItemSpan[] = [];
  for (const item of seq.items) {
    const range = (item as Node | null)?.range;
    if (!isMap(item) || !range || item.flow) {
      return null;
    }
    const lineIndex = lineIndexAt(lines, range[0]);
    const lineStart = lines.starts[lineIndex] as number;
    const column = indentAt(text, lineStart, range[0] + 1);
    // The item must start `<spaces>- <spaces><first key>` on one line.
    if (column < 0 || text.charCodeAt(lineStart + column) !== 45) {
      return null;
    }
    for (let index = lineStart + column + 1; index < range[0]; index++) {
      if (text.charCodeAt(index) !== 32) {
        return null;
      }
    }
    let end = (lines.starts[lineIndex + 1] ?? text.length) as number;
    for (let next = lineIndex + 1; next < lines.starts.length; next++) {
      const start = lines.starts[next] as number;
      const stop = (lines.starts[next + 1] ?? text.length) as number;
      if (start >= text.length) {
        break;
      }
      const indent = indentAt(text, start, stop);
      if (indent < 0) {
        continue;
      }
      if (indent <= column) {
        break;
      }
      end = stop;
    }
    if (range[1] > end) {
      return null;
    }
    spans.push({ start: lineStart, end, column });
  }
  return spans;
}

function indentLines(text: string, column: number, eol: string): string {
  const pad = ' '.repeat(column);
  const out: string[] = [];
  for (const line of text.split('\n')) {
    out.push(line === '' ? '' : pad + line);
  }
  return out.join(eol);
}

/** Renders one item alone, with its own comments, through a one-item Document. */
function renderItem(map: YAMLMap, column: number, eol: string): string {
  const document = new Document(new YAMLSeq());
  (document.contents as unknown as YAMLSeq).items.push(map);
  let rendered = document.toString(stringifyOptions);
  if (!rendered.endsWith('\n')) {
    rendered += '\n';
  }
  // The trailing newline stays a line end, not an indented empty line.
  return indentLines(rendered.slice(0, -1), column, eol) + eol;
}

/** The item's own lines, de-indented and parsed as a one-item list; null if they do not read back alone. */
function parseItemAlone(text: string, span: ItemSpan): YAMLMap | null {
  const own = text.slice(span.start, span.end);
  const dedented = own.split('\n').map((line) => {
    let cut = 0;
    while (cut < span.column && line.charCodeAt(cut) === 32) {
      cut++;
    }
    return line.slice(cut);
  }).join('\n');
  const document = parseDocument(dedented, { uniqueKeys: true });
  if (document.errors.length > 0 || !isSeq(document.contents) || document.contents.items.length !== 1 || !isMap(document.contents.items[0])) {
    return null;
  }
  return document.contents.items[0] as YAMLMap;
}

/**
 * Applies the plan by re-rendering only the items it touches and splicing them into `text`. Null
 * when the layout does not allow it (the caller falls back to the whole Document).
 */
function splice(text: string, document: Document, plan: EditPlan): string | null {
  const root = document.contents;
  if (!isMap(root)) {
    return null;
  }
  const listPair = root.items.find((pair) => keyName(pair) === 'annotations');
  const list = listPair?.value;
  if (!isSeq(list) || list.items.length === 0) {
    return null;
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = linesOf(text);
  const spans = itemSpans(text, list, lines);
  if (spans === null) {
    return null;
  }
  const pieces: { start: number; end: number; text: string }[] = [];
  for (const [index, edits] of plan.fields) {
    if (plan.deletes.has(index)) {
      continue;
    }
    const span = spans[index];
    if (span === undefined) {
      return null;
    }
    const map = parseItemAlone(text, span);
    if (map === null) {
      return null;
    }
    applyFieldEdits(map, edits);
    pieces.push({ start: span.start, end: span.end, text: renderItem(map, span.column, eol) });
  }
  for (const index of plan.deletes) {
    const span = spans[index];
    if (span === undefined) {
      return null;
    }
    pieces.push({ start: span.start, end: span.end, text: '' });
  }
  if (plan.appends.length > 0) {
    const last = spans[spans.length - 1] as ItemSpan;
    let added = last.end === text.length && !text.endsWith('\n') ? eol : '';
    for (const make of plan.appends) {
      added += renderItem(make(), last.column, eol);
    }
    pieces.push({ start: last.end, end: last.end, text: added });
  }
  // Right to left, so earlier offsets stay valid; appends (zero width) after a replaced last item.
  pieces.sort((a, b) => b.start - a.start || (b.end - b.start) - (a.end - a.start));
  let out = text;
  for (const piece of pieces) {
    out = out.slice(0, piece.start) + piece.text + out.slice(piece.end);
  }
  return out;
}

/** Plain data of a whole text, for comparing two renderings; null when it does not parse cleanly. */
function plainOf(text: string): string | null {
  try {
    const document = parseDocument(text, { uniqueKeys: true });
    if (document.errors.length > 0) {
      return null;
    }
    return JSON.stringify(document.toJS({ maxAliasCount: 1000 }));
  } catch {
    return null;
  }
}

/**
 * Applies a plan to `previous` (null for a new file) and returns the text: spliced when that gives
 * exactly what the whole-Document rendering means, else the whole-Document rendering. Null when
 * neither reads back as intended.
 */
function render(previous: string | null, plan: EditPlan): string | null {
  if (previous === null || previous.trim() === '') {
    const fresh = renderNew(plan);
    return plainOf(fresh) === null ? null : fresh;
  }
  let reference: Document;
  try {
    reference = applyToDocument(previous, plan);
  } catch {
    return null;
  }
  const expected = JSON.stringify(reference.toJS({ maxAliasCount: 1000 }));
  try {
    const spliced = splice(previous, parseDocument(previous, { uniqueKeys: true }), plan);
    if (spliced !== null && plainOf(spliced) === expected) {
      return spliced;
    }
  } catch {
    // Fall through to the whole-Document rendering.
  }
  const whole = reference.toString(stringifyOptions);
  return plainOf(whole) === expected ? whole : null;
}

// ---------------------------------------------------------------------------------------------
// Update
// ---------------------------------------------------------------------------------------------

function changeProblem(code: SidecarProblemCode, data: Record<string, string | number>): SidecarProblem {
  return { code, severity: 'error', message: sidecarMessage(code, data), data, start: 0, end: 0, line: 1, column: 1 };
}

function validAnchor(anchor: unknown): anchor is Anchor {
  if (anchor === null || typeof anchor !== 'object') {
    return false;
  }
  const value = anchor as Record<string, unknown>;
  return typeof value.text === 'string' && value.text.trim() !== '' && value.text.length <= maxAnchorLength &&
    (value.prefix === undefined || typeof value.prefix === 'string') && (value.suffix === undefined || typeof value.suffix === 'string') &&
    (value.soundbite === undefined || typeof value.soundbite === 'string') &&
    (value.block === undefined || (anchorBlocks as readonly unknown[]).includes(value.block));
}

function validTags(tags: unknown): tags is readonly string[] {
  return Array.isArray(tags) && tags.length <= maxTags &&
    tags.every((tag) => typeof tag === 'string' && tag.trim() !== '' && tag.length <= maxTagLength && !hasLineBreak(tag));
}

function validId(id: unknown): id is string {
  return typeof id === 'string' && id.trim() === id && id !== '' && id.length <= maxIdLength && !hasLineBreak(id);
}

function validStatus(status: unknown): boolean {
  return status === null || (annotationStatuses as readonly unknown[]).includes(status);
}

/** Reasons a new annotation cannot be written, or null. */
function newAnnotationError(annotation: NewAnnotation | undefined): string | null {
  if (annotation === null || typeof annotation !== 'object') {
    return 'no annotation';
  }
  if (!validId(annotation.id)) {
    return 'the id must be a short single-line text';
  }
  if (!validAnchor(annotation.anchor)) {
    return 'the anchor needs non-empty text';
  }
  if (annotation.status !== undefined && !validStatus(annotation.status)) {
    return 'the status must be selected, maybe or rejected';
  }
  if (annotation.tags !== undefined && !validTags(annotation.tags)) {
    return 'tags must be single-line words';
  }
  if (annotation.note !== undefined && annotation.note !== null && (typeof annotation.note !== 'string' || annotation.note.length > maxNoteLength)) {
    return 'the note must be text';
  }
  if (annotation.order !== undefined && annotation.order !== null && !validOrder(annotation.order)) {
    return 'the order must be a whole number from 1';
  }
  return null;
}

function validOrder(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

/**
 * Applies `changes` to the sidecar text `previous` (null: no sidecar yet) and returns the new text.
 * Refuses (text null) when `previous` cannot be read safely: never overwrite what we can't read.
 * A change that cannot apply (unknown id, bad value) is reported and skipped; the others apply.
 */
export function updateSidecar(previous: string | null, changes: readonly SidecarChange[]): UpdateResult {
  const problems: SidecarProblem[] = [];
  let read: SidecarRead | null = null;
  if (previous !== null) {
    read = readSidecar(previous);
    if (!read.writable) {
      const blocking = read.problems.find((problem) => problem.severity === 'error');
      const reason = blocking?.code ?? 'unreadable';
      return {
        text: null,
        problems: [{ ...changeProblem('refused-unreadable', { reason }), ...(blocking ? { start: blocking.start, end: blocking.end, line: blocking.line, column: blocking.column } : {}) }],
        applied: [],
      };
    }
  }
  if (!Array.isArray(changes) || changes.length > maxChanges) {
    return { text: null, problems: [changeProblem('too-many-changes', { limit: maxChanges })], applied: [] };
  }
  // Item index of every usable id, from the list as written (invalid entries keep their index).
  const indexOf = new Map<string, number>();
  const listItems = listItemsOf(read?.document ?? null);
  if (read !== null) {
    const usable = new Set(read.annotations.map((annotation) => annotation.id));
    listItems.forEach((item, index) => {
      const id = isMap(item) ? scalarText(item.items.find((pair) => keyName(pair) === 'id')?.value) : null;
      if (id !== null && usable.has(id) && !indexOf.has(id)) {
        indexOf.set(id, index);
      }
    });
  }
  const plan: EditPlan = { fields: new Map(), deletes: new Set(), appends: [] };
  const added = new Set<string>();
  const applied: string[] = [];
  for (const change of changes) {
    const id = String((change as { id?: unknown })?.id ?? (change as { annotation?: { id?: unknown } })?.annotation?.id ?? '?');
    if (change === null || typeof change !== 'object') {
      problems.push(changeProblem('bad-change', { id, detail: 'not a change' }));
      continue;
    }
    if (change.kind === 'add') {
      const error = newAnnotationError(change.annotation);
      if (error !== null) {
        problems.push(changeProblem('bad-change', { id, detail: error }));
        continue;
      }
      if (indexOf.has(change.annotation.id) || added.has(change.annotation.id)) {
        problems.push(changeProblem('duplicate-id', { id: change.annotation.id, firstLine: 0 }));
        continue;
      }
      const annotation = change.annotation;
      added.add(annotation.id);
      plan.appends.push(() => newAnnotationNode(annotation));
      applied.push(annotation.id);
      continue;
    }
    const index = indexOf.get(change.id);
    if (index === undefined || plan.deletes.has(index)) {
      problems.push(changeProblem('unknown-id', { id }));
      continue;
    }
    if (change.kind === 'delete') {
      if (change.confirmedByUser !== true) {
        problems.push(changeProblem('bad-change', { id, detail: 'a deletion must come from the user' }));
        continue;
      }
      plan.deletes.add(index);
      applied.push(change.id);
      continue;
    }
    if (change.kind !== 'update') {
      problems.push(changeProblem('bad-change', { id, detail: 'unknown kind of change' }));
      continue;
    }
    const edits: FieldEdit[] = [];
    const error = updateEdits(change, edits);
    if (error !== null) {
      problems.push(changeProblem('bad-change', { id, detail: error }));
      continue;
    }
    const existing = plan.fields.get(index);
    plan.fields.set(index, existing ? existing.concat(edits) : edits);
    applied.push(change.id);
  }
  if (plan.fields.size === 0 && plan.deletes.size === 0 && plan.appends.length === 0 && previous !== null) {
    return { text: previous, problems, applied };
  }
  const text = render(previous, plan);
  if (text === null) {
    return { text: null, problems: problems.concat(changeProblem('render-failed', {})), applied: [] };
  }
  return { text, problems, applied };
}

function listItemsOf(document: Document | null): readonly unknown[] {
  const root = document?.contents;
  if (!isMap(root)) {
    return [];
  }
  const list = root.items.find((pair) => keyName(pair) === 'annotations')?.value;
  return isSeq(list) ? list.items : [];
}

/** The field edits of an update, or the reason it cannot apply. */
function updateEdits(change: Extract<SidecarChange, { kind: 'update' }>, edits: FieldEdit[]): string | null {
  if (change.status !== undefined) {
    if (!validStatus(change.status)) {
      return 'the status must be selected, maybe or rejected';
    }
    const status = change.status;
    edits.push(status === null ? { kind: 'remove', field: 'status' } : { kind: 'set', field: 'status', make: () => new Scalar(status) });
  }
  if (change.tags !== undefined) {
    if (change.tags !== null && !validTags(change.tags)) {
      return 'tags must be single-line words';
    }
    const tags = change.tags;
    edits.push(tags === null || tags.length === 0 ? { kind: 'remove', field: 'tags' } : { kind: 'set', field: 'tags', make: () => tagsNode(tags) });
  }
  if (change.note !== undefined) {
    if (change.note !== null && (typeof change.note !== 'string' || change.note.length > maxNoteLength)) {
      return 'the note must be text';
    }
    const note = change.note;
    edits.push(note === null ? { kind: 'remove', field: 'note' } : { kind: 'set', field: 'note', make: () => noteScalar(note) });
  }
  if (change.order !== undefined) {
    if (change.order !== null && !validOrder(change.order)) {
      return 'the order must be a whole number from 1';
    }
    const order = change.order;
    edits.push(order === null ? { kind: 'remove', field: 'order' } : { kind: 'set', field: 'order', make: () => new Scalar(order) });
  }
  if (change.anchor !== undefined) {
    if (!validAnchor(change.anchor)) {
      return 'the anchor needs non-empty text';
    }
    edits.push({ kind: 'anchor', anchor: change.anchor });
  }
  if (change.updated !== undefined) {
    const updated = change.updated;
    edits.push(updated === null ? { kind: 'remove', field: 'updated' } : { kind: 'set', field: 'updated', make: () => new Scalar(String(updated)) });
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Three-way merge
// ---------------------------------------------------------------------------------------------

/** One side's annotations by id (first usable occurrence), as the item nodes of its Document. */
interface Side {
  readonly items: Map<string, YAMLMap>;
  readonly order: string[];
  /** Fingerprints of entries without a usable id, in order, with their nodes. */
  readonly loose: { fingerprint: string; node: unknown }[];
}

function sideOf(read: SidecarRead | null): Side {
  const side: Side = { items: new Map(), order: [], loose: [] };
  if (read === null) {
    return side;
  }
  const usable = new Set(read.annotations.map((annotation) => annotation.id));
  for (const item of listItemsOf(read.document)) {
    const id = isMap(item) ? scalarText(item.items.find((pair) => keyName(pair) === 'id')?.value) : null;
    if (id !== null && usable.has(id) && !side.items.has(id)) {
      side.items.set(id, item as YAMLMap);
      side.order.push(id);
    } else {
      side.loose.push({ fingerprint: fingerprint(item), node: item });
    }
  }
  return side;
}

/** A node's plain data as canonical JSON (see fingerprintValue). */
function fingerprint(node: unknown): string {
  return fingerprintValue(plain(node));
}

/** Plain data as canonical JSON: keys sorted, so two equal values compare equal as text. */
function fingerprintValue(data: unknown): string {
  try {
    return JSON.stringify(data, (_key, value: unknown) => {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const sorted: Record<string, unknown> = {};
        for (const key of Object.keys(value as Record<string, unknown>).sort()) {
          sorted[key] = (value as Record<string, unknown>)[key];
        }
        return sorted;
      }
      return value;
    }) ?? 'null';
  } catch {
    return String(data);
  }
}

function fieldNode(map: YAMLMap | undefined, field: string): Node | undefined {
  const pair = map?.items.find((p) => keyName(p) === field);
  return pair === undefined ? undefined : ((pair.value ?? new Scalar(null)) as Node);
}

function fieldNames(...maps: (YAMLMap | undefined)[]): string[] {
  const names: string[] = [];
  for (const map of maps) {
    for (const pair of map?.items ?? []) {
      const name = keyName(pair);
      if (name !== null && name !== 'id' && !names.includes(name)) {
        names.push(name);
      }
    }
  }
  return names;
}

function stringList(node: Node | undefined): string[] {
  if (node === undefined) {
    return [];
  }
  const value = plain(node);
  if (Array.isArray(value)) {
    return value.filter((entry) => typeof entry === 'string' || typeof entry === 'number').map(String);
  }
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** Tags as sets: kept when both have them, added when either added one, removed when either removed one. */
function mergeTags(base: string[], ours: string[], theirs: string[]): string[] {
  const merged: string[] = [];
  for (const tag of theirs) {
    if (ours.includes(tag) || !base.includes(tag)) {
      merged.push(tag);
    }
  }
  for (const tag of ours) {
    if (!merged.includes(tag) && !base.includes(tag)) {
      merged.push(tag);
    }
  }
  return merged;
}

function conflictListNode(entries: readonly ConflictEntry[]): YAMLSeq {
  const seq = new YAMLSeq();
  for (const entry of entries) {
    const map = new YAMLMap();
    map.items.push(new Pair(new Scalar('field'), new Scalar(entry.field)));
    const value = typeof entry.value === 'string' ? noteScalar(entry.value) : (new Document(entry.value).contents as Node);
    if (isScalar(value) && typeof value.value === 'string' && !hasLineBreak(value.value)) {
      value.type = 'QUOTE_DOUBLE';
    }
    map.items.push(new Pair(new Scalar('value'), value));
    seq.items.push(map);
  }
  return seq;
}

/**
 * Merges the editor's unsaved sidecar (`ours`) with the file as it is now on disk (`theirs`), both
 * descended from `base` (the text last read from disk; null when unknown). By id: a field changed
 * on one side takes that side's value; changed on both to different values, theirs stays in place
 * and ours goes into the annotation's `conflict:` list (both visible, nothing lost); tags merge as
 * sets; `updated` takes the later. Deleted on one side and changed on the other: kept. The result
 * is theirs' text with our changes spliced in. Refused (text null) when theirs or ours cannot be read.
 */
export function mergeSidecars(base: string | null, ours: string, theirs: string | null, options: MergeOptions = {}): MergeResult {
  const refusal = (code: SidecarProblemCode, read: SidecarRead): MergeResult => {
    const blocking = read.problems.find((problem) => problem.severity === 'error');
    return {
      text: null,
      problems: [{ ...changeProblem(code, { reason: blocking?.code ?? 'unreadable' }), ...(blocking ? { start: blocking.start, end: blocking.end, line: blocking.line, column: blocking.column } : {}) }],
      conflicts: [], keptDeletedOnDisk: [], keptChangedOnDisk: [],
    };
  };
  const theirsRead = theirs === null ? null : readSidecar(theirs);
  if (theirsRead !== null && !theirsRead.writable) {
    return refusal('refused-unreadable', theirsRead);
  }
  const oursRead = readSidecar(typeof ours === 'string' ? ours : '');
  if (!oursRead.writable) {
    return refusal('refused-ours-unreadable', oursRead);
  }
  const baseRead = base === null ? null : readSidecar(base);
  const baseSide = sideOf(baseRead !== null && baseRead.document !== null ? baseRead : null);
  const ourSide = sideOf(oursRead);
  const theirSide = sideOf(theirsRead);
  const keepDeleted = (options?.theirDeletions ?? 'keep') === 'keep';

  const plan: EditPlan = { fields: new Map(), deletes: new Set(), appends: [] };
  const conflicts: MergeConflict[] = [];
  const keptDeletedOnDisk: string[] = [];
  const keptChangedOnDisk: string[] = [];
  const theirIndex = new Map<string, number>();
  listItemsOf(theirsRead?.document ?? null).forEach((item, index) => {
    const id = isMap(item) ? scalarText(item.items.find((pair) => keyName(pair) === 'id')?.value) : null;
    if (id !== null && theirSide.items.get(id) === item) {
      theirIndex.set(id, index);
    }
  });

  for (const id of ourSide.order) {
    const mine = ourSide.items.get(id) as YAMLMap;
    const original = baseSide.items.get(id);
    const other = theirSide.items.get(id);
    if (other === undefined) {
      const changedByUs = original === undefined || fingerprint(mine) !== fingerprint(original);
      if (original !== undefined && !changedByUs && !keepDeleted) {
        continue;
      }
      if (original !== undefined && !changedByUs) {
        keptDeletedOnDisk.push(id);
      }
      plan.appends.push(() => mine.clone() as YAMLMap);
      continue;
    }
    const edits = mergeFields(original, mine, other, id, conflicts);
    if (edits.length > 0) {
      plan.fields.set(theirIndex.get(id) as number, edits);
    }
  }
  for (const id of theirSide.order) {
    if (ourSide.items.has(id)) {
      continue;
    }
    const original = baseSide.items.get(id);
    const other = theirSide.items.get(id) as YAMLMap;
    if (original === undefined) {
      continue; // Added on disk: theirs already has it.
    }
    if (fingerprint(original) === fingerprint(other)) {
      plan.deletes.add(theirIndex.get(id) as number); // We deleted it (the user did); disk did not touch it.
    } else {
      keptChangedOnDisk.push(id);
    }
  }
  // Entries without a usable id that only ours has, and base did not: ours added them; keep them.
  const theirPrints = new Set(theirSide.loose.map((entry) => entry.fingerprint));
  const basePrints = new Set(baseSide.loose.map((entry) => entry.fingerprint));
  for (const entry of ourSide.loose) {
    if (!theirPrints.has(entry.fingerprint) && !basePrints.has(entry.fingerprint)) {
      const node = entry.node;
      plan.appends.push(() => (isMap(node) ? (node.clone() as YAMLMap) : (new Document(plain(node)).contents as unknown as YAMLMap)));
    }
  }
  const text = plan.fields.size === 0 && plan.deletes.size === 0 && plan.appends.length === 0 && theirs !== null ? theirs : render(theirs, plan);
  if (text === null) {
    return { text: null, problems: [changeProblem('render-failed', {})], conflicts, keptDeletedOnDisk, keptChangedOnDisk };
  }
  return { text, problems: [], conflicts, keptDeletedOnDisk, keptChangedOnDisk };
}

/** Field by field three-way merge of one annotation; the edits turn theirs into the result. */
function mergeFields(base: YAMLMap | undefined, ours: YAMLMap, theirs: YAMLMap, id: string, conflicts: MergeConflict[]): FieldEdit[] {
  const edits: FieldEdit[] = [];
  const losing: ConflictEntry[] = [];
  for (const field of fieldNames(base, ours, theirs)) {
    const b = fieldNode(base, field);
    const o = fieldNode(ours, field);
    const t = fieldNode(theirs, field);
    if (field === 'conflict') {
      continue; // Merged below, after the new conflicts are known.
    }
    if (field === 'tags') {
      const merged = mergeTags(stringList(b), stringList(o), stringList(t));
      if (fingerprintValue(merged) !== fingerprintValue(stringList(t))) {
        edits.push(merged.length === 0 ? { kind: 'remove', field } : { kind: 'set', field, make: () => tagsNode(merged) });
      }
      continue;
    }
    const bPrint = b === undefined ? undefined : fingerprint(b);
    const oPrint = o === undefined ? undefined : fingerprint(o);
    const tPrint = t === undefined ? undefined : fingerprint(t);
    if (oPrint === tPrint || oPrint === bPrint) {
      continue;
    }
    if (tPrint === bPrint) {
      edits.push(o === undefined ? { kind: 'remove', field } : { kind: 'set', field, make: () => o.clone() as Node });
      continue;
    }
    if (field === 'updated') {
      // The later time stands for both edits; ISO 8601 times in one format order as text.
      const oValue = String(plain(o) ?? '');
      const tValue = String(plain(t) ?? '');
      if (o !== undefined && oValue > tValue) {
        edits.push({ kind: 'set', field, make: () => o.clone() as Node });
      }
      continue;
    }
    losing.push({ field, value: o === undefined ? null : plain(o) });
    conflicts.push({ id, field });
  }
  // Conflict lists: theirs, plus ours' entries it lacks, plus the new ones; never fewer.
  const existing = readConflictsQuiet(fieldNode(theirs, 'conflict'));
  const merged = existing.slice();
  const prints = new Set(merged.map((entry) => fingerprintValue(entry)));
  for (const entry of readConflictsQuiet(fieldNode(ours, 'conflict')).concat(losing)) {
    const print = fingerprintValue(entry);
    if (!prints.has(print)) {
      prints.add(print);
      merged.push(entry);
    }
  }
  if (merged.length > existing.length) {
    edits.push({ kind: 'set', field: 'conflict', make: () => conflictListNode(merged) });
  }
  return edits;
}

function readConflictsQuiet(node: Node | undefined): ConflictEntry[] {
  if (node === undefined) {
    return [];
  }
  const sink = new ProblemSink(null, 0);
  return readConflicts(node, { start: 0, end: 0 }, sink);
}
