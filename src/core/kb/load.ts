// Reads a knowledge file (YAML text in, entries and problems out) and merges the bundled knowledge with
// workspace files. Never throws: a broken file yields what can be read plus problems with exact
// positions, so the bundled knowledge keeps working beside it.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { kbMessage, kbTypeDescriptions } from '../messages/knowledge';
import { yamlNestingBeyond } from '../text/yamlNesting';
import { kbEntryTypes, type KbEntry, type KbEntryType, type KbProblem, type KbProblemCode, type KbProblemSeverity, type KbYear, type KnowledgeBase } from './model';

type FieldKind = 'string' | 'strings' | 'year' | 'date';

/** Every field an entry may have, with its kind. Order is the documented order. */
export const kbFields: Readonly<Record<string, FieldKind>> = {
  id: 'string',
  type: 'string',
  names: 'strings',
  acronyms: 'strings',
  aliases: 'strings',
  country: 'string',
  region: 'string',
  start: 'year',
  end: 'year',
  endDate: 'date',
  mandate: 'string',
  headquarters: 'string',
  description: 'string',
  title: 'string',
  organisation: 'string',
  since: 'year',
  until: 'year',
  sources: 'strings',
};

const rootFields = ['version', 'entries'];
const entryTypes: ReadonlySet<string> = new Set(kbEntryTypes);

interface Range {
  start: number;
  end: number;
}

/**
 * A knowledge file longer than this (UTF-16 code units, about 2 MB) is not read: YAML parsing and
 * checking run at about 1 MB in half a second, and a knowledge file is a hand-kept list, not a dump.
 */
export const maxKnowledgeFileLength = 2 * 1024 * 1024;
/** Levels a knowledge file may nest (entries nest four); deeper, it is refused before the YAML parser sees it. */
export const maxKnowledgeNesting = 32;
/** At most this many problems are listed per file; one more says how many were left out. */
export const maxKnowledgeProblems = 200;

class ProblemSink {
  readonly problems: KbProblem[] = [];
  /** Problems found past the listed ones. */
  #more = 0;
  constructor(
    private readonly origin: string,
    private readonly lines: LineCounter,
    private readonly length: number,
  ) {}

  add(code: KbProblemCode, severity: KbProblemSeverity, range: Range, data: Record<string, string | number> = {}): void {
    if (this.problems.length >= maxKnowledgeProblems) {
      this.#more++;
      return;
    }
    const start = Math.max(0, Math.min(range.start, this.length));
    const end = Math.max(start, Math.min(range.end, this.length));
    // Before the YAML is parsed (a file refused for its size) the counter knows no line yet: line 1.
    const { line, col } = this.lines.linePos(start);
    this.problems.push({ code, severity, message: kbMessage(code, data), data, origin: this.origin, start, end, line: Math.max(1, line), column: Math.max(1, col) });
  }

  position(offset: number): number {
    return this.lines.linePos(offset).line;
  }

  /** The listed problems, then one that says how many more there were. */
  finish(): KbProblem[] {
    if (this.#more > 0) {
      const data = { count: this.#more, shown: maxKnowledgeProblems };
      this.problems.push({ code: 'more-problems', severity: 'warning', message: kbMessage('more-problems', data), data, origin: this.origin,
        start: 0, end: 0, line: 1, column: 1 });
    }
    return this.problems;
  }
}

function rangeOf(node: Node | null | undefined, fallback: Range): Range {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : fallback;
}

function keyName(pair: Pair): string | null {
  return isScalar(pair.key) ? String(pair.key.value) : null;
}

/** Parses one knowledge file. `origin` names it in problems and entries (`bundled`, a path or a URI). */
export function loadKnowledgeBase(text: string, origin: string): KnowledgeBase {
  const lines = new LineCounter();
  const sink = new ProblemSink(origin, lines, text.length);
  const entries: KbEntry[] = [];
  if (text.length > maxKnowledgeFileLength) {
    return oversizedKnowledgeFile(text.length, origin);
  }
  const tooDeep = yamlNestingBeyond(text, maxKnowledgeNesting);
  if (tooDeep >= 0) {
    // The parser descends by recursion: a hostile file must not reach it. Its lines are counted here instead.
    lines.addNewLine(0);
    for (let index = text.indexOf('\n'); index >= 0 && index < tooDeep; index = text.indexOf('\n', index + 1)) {
      lines.addNewLine(index + 1);
    }
    sink.add('too-deep', 'error', { start: tooDeep, end: tooDeep + 1 }, { limit: maxKnowledgeNesting });
    return { entries, problems: sink.finish() };
  }
  let document;
  try {
    document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  } catch (error) {
    // The parser reports errors in document.errors; this only guards the promise never to throw.
    sink.add('yaml-syntax', 'error', { start: 0, end: 0 }, { detail: error instanceof Error ? error.message : String(error) });
    return { entries, problems: sink.finish() };
  }
  for (const error of document.errors) {
    sink.add('yaml-syntax', 'error', { start: error.pos[0], end: error.pos[1] }, { detail: firstLine(error.message) });
  }
  for (const warning of document.warnings) {
    sink.add('yaml-syntax', 'warning', { start: warning.pos[0], end: warning.pos[1] }, { detail: firstLine(warning.message) });
  }
  const root = document.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) {
    return { entries, problems: sink.finish() };
  }
  const whole = { start: 0, end: text.length };
  if (!isMap(root)) {
    sink.add('root-not-mapping', 'error', rangeOf(root, whole));
    return { entries, problems: sink.finish() };
  }
  const seen = new Map<string, number>();
  for (const pair of root.items) {
    const name = keyName(pair);
    const keyRange = rangeOf(pair.key as Node, whole);
    if (name === 'version') {
      if (!isScalar(pair.value) || typeof pair.value.value !== 'number') {
        sink.add('wrong-type', 'warning', rangeOf(pair.value as Node, keyRange), { field: 'version', expected: kbTypeDescriptions.version, expectedType: 'version' });
      }
    } else if (name === 'entries') {
      if (!isSeq(pair.value)) {
        sink.add('entries-not-sequence', 'error', rangeOf(pair.value as Node, keyRange));
        continue;
      }
      for (const item of pair.value.items) {
        if (!isMap(item)) {
          sink.add('entry-not-mapping', 'error', rangeOf(item as Node, keyRange));
          continue;
        }
        const entry = readEntry(item, origin, sink, keyRange);
        if (entry === null) {
          continue;
        }
        const firstOffset = seen.get(entry.id);
        if (firstOffset !== undefined) {
          const idPair = item.items.find((p) => keyName(p) === 'id');
          sink.add('duplicate-id', 'error', rangeOf(idPair?.value as Node, rangeOf(item, keyRange)), { id: entry.id, firstLine: sink.position(firstOffset) });
          continue;
        }
        seen.set(entry.id, rangeOf(item, keyRange).start);
        entries.push(entry);
      }
    } else {
      sink.add('unknown-field', 'warning', keyRange, { field: name ?? '?', known: rootFields.join(', ') });
    }
  }
  return { entries, problems: sink.finish() };
}

/**
 * What a knowledge file over the limit gives: no entries and one problem on its first line. Callers
 * that can stat a file (the extension) use this without reading it; `size` in bytes or characters.
 */
export function oversizedKnowledgeFile(size: number, origin: string): KnowledgeBase {
  const sink = new ProblemSink(origin, new LineCounter(), 0);
  sink.add('too-large', 'error', { start: 0, end: 0 }, { size: Math.round(size / 1024), limit: maxKnowledgeFileLength / 1024 });
  return { entries: [], problems: sink.finish() };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

type MutableEntry = { -readonly [K in keyof KbEntry]?: KbEntry[K] };

/** One entry, or null (with a problem) when it lacks a usable id or type. Bad fields are dropped alone. */
function readEntry(map: YAMLMap, origin: string, sink: ProblemSink, fallback: Range): KbEntry | null {
  const entryRange = rangeOf(map, fallback);
  // A missing field is reported on the entry's first line, not across the whole mapping.
  const head = { start: entryRange.start, end: entryRange.start };
  const fields: MutableEntry = {};
  for (const pair of map.items) {
    const name = keyName(pair);
    const keyRange = rangeOf(pair.key as Node, entryRange);
    const kind = name === null ? undefined : kbFields[name];
    if (name === null || kind === undefined) {
      sink.add('unknown-field', 'warning', keyRange, { field: name ?? '?', known: Object.keys(kbFields).join(', ') });
      continue;
    }
    const valueNode = pair.value as Node | null;
    const valueRange = rangeOf(valueNode, keyRange);
    const value = readValue(valueNode, kind);
    if (value === undefined) {
      sink.add('wrong-type', 'error', valueRange, { field: name, expected: kbTypeDescriptions[kind], expectedType: kind });
      continue;
    }
    if (name === 'type' && !entryTypes.has(value as string)) {
      sink.add('unknown-entry-type', 'error', valueRange, { value: String(value), known: kbEntryTypes.join(', ') });
      continue;
    }
    if (name === 'id' && (value as string).trim() === '') {
      sink.add('wrong-type', 'error', valueRange, { field: name, expected: kbTypeDescriptions.string, expectedType: 'string' });
      continue;
    }
    (fields as Record<string, unknown>)[name] = value;
  }
  let usable = true;
  for (const required of ['id', 'type'] as const) {
    if (fields[required] === undefined) {
      // Only report "missing" when the field is absent, not when it was present but wrong (reported above).
      if (!map.items.some((p) => keyName(p) === required)) {
        sink.add('missing-field', 'error', head, { field: required });
      }
      usable = false;
    }
  }
  if (!usable) {
    return null;
  }
  return {
    ...fields,
    id: fields.id as string,
    type: fields.type as KbEntryType,
    names: fields.names ?? [],
    acronyms: fields.acronyms ?? [],
    aliases: fields.aliases ?? [],
    sources: fields.sources ?? [],
    origin,
  } as KbEntry;
}

function readValue(node: Node | null, kind: FieldKind): string | readonly string[] | KbYear | undefined {
  if (kind === 'strings' && isSeq(node)) {
    const list: string[] = [];
    for (const item of node.items) {
      if (!isScalar(item) || (typeof item.value !== 'string' && typeof item.value !== 'number') || String(item.value).trim() === '') {
        return undefined;
      }
      list.push(String(item.value));
    }
    return list;
  }
  if (!isScalar(node)) {
    return undefined;
  }
  const value = node.value;
  switch (kind) {
    case 'string':
      return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
    case 'strings':
      return typeof value === 'string' && value.trim() !== '' ? [value] : undefined;
    case 'year':
      if (typeof value === 'number' && Number.isInteger(value)) {
        return value;
      }
      return value === 'active' ? 'active' : undefined;
    case 'date':
      // YAML 1.1 documents may resolve an unquoted date to a Date; 1.2 (the default) keeps the text.
      return isoDate(value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value);
  }
}

/** The text when it is a real calendar date written YYYY-MM-DD (no 2023-02-30), else undefined. */
function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) {
    return undefined;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? value : undefined;
}

/**
 * The bundled entries overridden by workspace files, in order: a later file's entry REPLACES an earlier
 * entry with the same id as a whole (at its place in the list); new ids are appended. Whole-entry
 * replacement keeps every card's facts and sources from one file: a newsroom's correction never
 * shows beside bundled fields it did not check, and removing a field in the workspace file removes it.
 */
export function mergeKnowledgeBases(bundled: readonly KbEntry[], ...workspace: readonly (readonly KbEntry[])[]): KbEntry[] {
  const merged: KbEntry[] = [...bundled];
  const index = new Map<string, number>();
  merged.forEach((entry, i) => index.set(entry.id, i));
  for (const file of workspace) {
    for (const entry of file) {
      const at = index.get(entry.id);
      if (at === undefined) {
        index.set(entry.id, merged.length);
        merged.push(entry);
      } else {
        merged[at] = entry;
      }
    }
  }
  return merged;
}
