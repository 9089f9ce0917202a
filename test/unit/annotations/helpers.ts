// Shared by the tests: the real seed transcripts (read here, never in the modules), and the scopes
// the extension would derive from the real parser for an anchor.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTranscript } from '../../../src/core/parse';
import { seedsDirectory } from '../helpers';
import { prepareText, resolveAnchor, type Anchor, type Resolution } from '../../../src/core/annotations/anchor';
import { blockSpans, searchScopes } from '../../../src/core/annotations/scopes';

export const seedsFolder = seedsDirectory();

export const seedNames: readonly string[] = readdirSync(seedsFolder).filter((name) => name.endsWith('.txt')).sort();

export function seed(prefix: string): string {
  const name = seedNames.find((candidate) => candidate.startsWith(prefix));
  if (name === undefined) {
    throw new Error(`no seed ${prefix}`);
  }
  return readFileSync(join(seedsFolder, name), 'utf8');
}

export const allSeeds: readonly string[] = seedNames.map((name) => readFileSync(join(seedsFolder, name), 'utf8'));

/** Resolves as the extension will: scopes and blocks from a fresh parse of the current text. */
export function resolveInTranscript(anchor: Anchor, text: string): Resolution {
  const document = parseTranscript(text);
  const prepared = prepareText(text);
  const hint = prepared.lineStart(anchor.line);
  return resolveAnchor(anchor, prepared, searchScopes(document, anchor, hint), { blocks: blockSpans(document) });
}

export { parseTranscript };

/** The n-th occurrence (0-based) of `needle` in `text`, failing loudly when absent. */
export function indexOfNth(text: string, needle: string, nth = 0, from = 0): number {
  let at = text.indexOf(needle, from);
  for (let count = 0; count < nth && at >= 0; count++) {
    at = text.indexOf(needle, at + 1);
  }
  if (at < 0) {
    throw new Error(`not found: ${needle}`);
  }
  return at;
}
