// Hostile variants of real-style documents, for the robustness property test (a few thousand, in
// `npm test`) and for `npm run fuzz` (any count). Each case starts from a real seed or a committed
// fixture and applies a few mutations of the kinds that broke parsers before: flipped characters
// (NUL, lone surrogates, BOM), runs of white space, swapped and truncated lines, other line ends
// (CR, CRLF, U+2028), deep or unbalanced quote nesting, very long lines, Markdown container markers.
// It is read as plain text or as Markdown, then edited once (to compare a re-parse with a fresh parse).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { repositoryRoot, seedsDirectory } from '../unit/helpers';

export interface BaseDocument {
  readonly name: string;
  readonly text: string;
}

export interface FuzzEdit {
  /** Offsets into the mutated text: [start, end) is replaced by `insert`. */
  readonly start: number;
  readonly end: number;
  readonly insert: string;
}

export interface FuzzCase {
  readonly base: string;
  readonly mutations: readonly string[];
  readonly text: string;
  readonly markdown: boolean;
  readonly edit: FuzzEdit;
}

/** The real seeds and every committed fixture transcript (.txt, .md, .unifeed), in a stable order. */
export function baseDocuments(): BaseDocument[] {
  const documents: BaseDocument[] = [];
  const seeds = seedsDirectory();
  for (const name of readdirSync(seeds).sort()) {
    documents.push({ name: `seeds/${name}`, text: readFileSync(join(seeds, name), 'utf8') });
  }
  const fixtures = join(repositoryRoot, 'test', 'fixtures');
  for (const name of readdirSync(fixtures, { recursive: true, encoding: 'utf8' }).sort()) {
    if (/\.(?:txt|md|unifeed|shotlist)$/u.test(name) && !name.includes('-by-test.')) {
      documents.push({ name: `fixtures/${name}`, text: readFileSync(join(fixtures, name), 'utf8') });
    }
  }
  return documents;
}

/** How large the mutations may make things; `npm run fuzz --large` raises them. */
export interface FuzzSizes {
  /** Longest run of white space, NUL or markers inserted at once. */
  readonly maxRun: number;
  /** Longest line built by joining or repeating lines. */
  readonly maxLongLine: number;
}

export const testSizes: FuzzSizes = { maxRun: 2000, maxLongLine: 16_000 };
export const fuzzSizes: FuzzSizes = { maxRun: 20_000, maxLongLine: 120_000 };

type Mutation = (text: string) => string;

const oddCharacters = ['\u0000', '\ud800', '\udfff', '\ufeff', '\ufffd', '\u2028', '\u2029', '\u0085', '\u000b', '\u000c', '\u200b', '\u00a0', '\u202e', '“', '”', '"', ':', '(', '\t', '\r'];
const runUnits = [' ', '\t', '\u00a0', '\u3000', '\u0000', '> ', '- ', '1. ', '* ', '*', '_', '[', '`', '“', '‘', '«', '— ', ', ', ': ', '(', '#'];

const position = (text: string, at: number): number => (text.length === 0 ? 0 : at % (text.length + 1));

function mutations(sizes: FuzzSizes): fc.Arbitrary<[string, Mutation]> {
  return fc.oneof(
    fc.tuple(fc.nat(), fc.constantFrom(...oddCharacters)).map(([at, character]): [string, Mutation] => [`flip ${JSON.stringify(character)}`, (text) => {
      const p = position(text, at);
      return text.slice(0, p) + character + text.slice(p + 1);
    }]),
    fc.tuple(fc.nat(), fc.constantFrom(...runUnits), fc.integer({ min: 1, max: sizes.maxRun })).map(([at, unit, count]): [string, Mutation] => [`run ${JSON.stringify(unit)}×${count}`, (text) => {
      const p = position(text, at);
      return text.slice(0, p) + unit.repeat(Math.ceil(count / unit.length)) + text.slice(p);
    }]),
    fc.tuple(fc.nat(), fc.nat()).map(([a, b]): [string, Mutation] => ['swap lines', (text) => {
      const lines = text.split('\n');
      const i = a % lines.length;
      const j = b % lines.length;
      const line = lines[i] as string;
      lines[i] = lines[j] as string;
      lines[j] = line;
      return lines.join('\n');
    }]),
    fc.nat().map((at): [string, Mutation] => ['truncate', (text) => text.slice(0, position(text, at))]),
    fc.constant<[string, Mutation]>(['BOM', (text) => `\ufeff${text}`]),
    fc.constantFrom('\r\n', '\r', '\u2028', '\n\n').map((end): [string, Mutation] => [`line ends ${JSON.stringify(end)}`, (text) => text.split('\n').join(end)]),
    fc.tuple(fc.nat(), fc.integer({ min: 1, max: Math.min(sizes.maxRun, 3000) }), fc.boolean()).map(([at, depth, balanced]): [string, Mutation] => [`quotes nested ${depth}${balanced ? '' : ' unbalanced'}`, (text) => {
      const p = position(text, at);
      const open = '“‘'.repeat(depth);
      return `${text.slice(0, p)}${open}deep${balanced ? '’”'.repeat(depth) : ''}${text.slice(p)}`;
    }]),
    fc.tuple(fc.nat(), fc.integer({ min: 2, max: 400 })).map(([at, count]): [string, Mutation] => [`join ${count} lines`, (text) => {
      const lines = text.split('\n');
      const i = at % lines.length;
      const joined = lines.slice(i, i + count).join(' ').slice(0, sizes.maxLongLine);
      lines.splice(i, count, joined);
      return lines.join('\n');
    }]),
    fc.tuple(fc.nat(), fc.integer({ min: 2, max: 5000 })).map(([at, count]): [string, Mutation] => [`repeat a line ${count}× on one line`, (text) => {
      const lines = text.split('\n');
      const i = at % lines.length;
      const line = lines[i] || 'SOUNDBITE (English) Name, Title: “x”';
      lines[i] = `${line} `.repeat(Math.max(2, Math.min(count, Math.floor(sizes.maxLongLine / (line.length + 1)))));
      return lines.join('\n');
    }]),
    fc.tuple(fc.nat(), fc.integer({ min: 2, max: 2000 })).map(([at, count]): [string, Mutation] => [`repeat a line ${count}×`, (text) => {
      const lines = text.split('\n');
      const i = at % lines.length;
      const copies = Array.from({ length: Math.min(count, 1 + Math.floor(sizes.maxLongLine / ((lines[i] ?? '').length + 1))) }, () => lines[i] ?? '');
      lines.splice(i, 1, ...copies.slice(0, 2000));
      return lines.join('\n');
    }]),
  );
}

/** One hostile case: a base document, one to four mutations, Markdown or not, and an edit. */
export function fuzzCases(bases: readonly BaseDocument[], sizes: FuzzSizes): fc.Arbitrary<FuzzCase> {
  return fc
    .tuple(fc.nat(bases.length - 1), fc.array(mutations(sizes), { minLength: 1, maxLength: 4 }), fc.boolean(), fc.nat(), fc.nat(200), fc.string({ maxLength: 40 }))
    .map(([which, steps, forceMarkdown, editAt, editLength, insert]) => {
      const base = bases[which] as BaseDocument;
      let text = base.text;
      for (const [, mutate] of steps) {
        text = mutate(text);
      }
      const start = position(text, editAt);
      return {
        base: base.name,
        mutations: steps.map(([name]) => name),
        text,
        markdown: forceMarkdown || base.name.endsWith('.md'),
        edit: { start, end: Math.min(text.length, start + editLength), insert },
      };
    });
}
