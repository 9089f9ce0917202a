// Shared helpers for unit tests: locating the real seed documents and the repository's fixtures.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

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
