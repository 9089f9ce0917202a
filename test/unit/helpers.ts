// Shared helpers for unit tests: locating the real seed documents and the repository's fixtures.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LineTable } from '../../src/core/text/lineTable';

export const repositoryRoot = resolve(__dirname, '..', '..');

/**
 * The real documents live in ../shared/seeds beside the clone. Tests that need them must fail
 * loudly when they are missing, never skip: CI always has them.
 */
export function seedsDirectory(): string {
  const directory = process.env.SHOTLIST_SEEDS ?? join(repositoryRoot, '..', 'shared', 'seeds');
  if (!existsSync(directory)) {
    throw new Error(`The real seed documents are missing: expected them in ${directory} (../shared/seeds beside the clone, or set SHOTLIST_SEEDS).`);
  }
  return directory;
}

export function readSeed(name: string): string {
  return readFileSync(join(seedsDirectory(), name), 'utf8');
}

export function readFixture(relativePath: string): string {
  return readFileSync(join(repositoryRoot, 'test', 'fixtures', relativePath), 'utf8');
}

/** Builds a document from lines, so tests read like the transcripts they describe. */
export function lines(...content: string[]): string {
  return content.join('\n');
}

/** A fictional shot-list story of a generated archive, numbered so that every story differs. */
export function numberedStory(index: number, slug = 'FICTIONAL STORY'): string {
  return lines(
    `STORY: UN / ${slug} ${index}`,
    'TRT: 1:20',
    'SOURCE: UNIFEED',
    'RESTRICTIONS: NONE',
    'LANGUAGES: ENGLISH / NATS',
    `DATELINE: ${(index % 27) + 1} MARCH 2026, PORT ALDER, VALDORIA`,
    'SHOTLIST',
    'FILE - UNVAL - PORT ALDER, VALDORIA',
    '1. Wide shot, harbour at dawn.',
    `2. SOUNDBITE (English) Ines Marlow, Harbour Master ${index}:`,
    `“The ferries run again, and story ${index} says so.”`,
    '3. Close up, a ferry ticket.',
    'STORYLINE',
    `Ferries returned to Port Alder on day ${index}. The harbour master said, “We are open.”`,
    '',
  );
}

/** The 0-based line of an offset of `text`, as the parser counts lines (core/text/lineTable.ts). */
export function lineAt(text: string, offset: number): number {
  return new LineTable(text).positionAt(offset).line;
}

/**
 * The archive the after-edit tests edit: numbered stories, two fixture shot lists, then more numbered
 * stories under another slug, so that an edit has stories above and below it.
 */
export function numberedArchive(storiesEachSide = 12): string {
  return [
    ...Array.from({ length: storiesEachSide }, (_, index) => numberedStory(index)),
    readFixture('shotlists/clean.txt'),
    readFixture('shotlists/wrapped_speakers.txt'),
    ...Array.from({ length: storiesEachSide }, (_, index) => numberedStory(index + 100, 'FICTIONAL LATER STORY')),
  ].join('\n');
}

/** Runs a computation in steps to its end: its result, and how many steps it took (its yields, plus one). */
export function stepThrough<T>(steps: Generator<void, T, void>): { value: T; steps: number } {
  let count = 1;
  let step = steps.next();
  while (!step.done) {
    count++;
    step = steps.next();
  }
  return { value: step.value, steps: count };
}
