// Resolve times on seed 000 repeated to 1 MB and 10 MB: `node --import tsx scripts/bench-anchors.ts` (the
// extension's figures, 1,000 annotations on a 10 MB archive, are in bench-annotations.ts).
// Each figure is the median of several runs; "cold" includes normalising the searched region (a new
// PreparedText each run), "warm" reuses one PreparedText (the extension resolves every anchor of a
// document version with one).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { captureAnchor, prepareText, resolveAnchor, type Anchor, type SearchScope } from '../src/core/annotations/anchor';

const seedsFolder = join(__dirname, '..', '..', 'shared', 'seeds');
const seedName = readdirSync(seedsFolder).find((name) => name.startsWith('000_'));
if (seedName === undefined) {
  throw new Error('seed 000 not found');
}
const seed = readFileSync(join(seedsFolder, seedName), 'utf8');
const soundbite6 = seed.slice(seed.indexOf('“The multiplication') + 1, seed.indexOf('for their protection.”') + 'for their protection.'.length);
const sentence = 'they have been very active in providing protection to civilians';

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function time(runs: number, body: () => void): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    body();
    times.push(performance.now() - started);
  }
  return median(times);
}

function anchorAt(text: string, words: string, from: number): Anchor {
  const at = text.indexOf(words, from);
  const captured = captureAnchor(text, at, at + words.length);
  if (!captured.ok) {
    throw new Error('capture failed');
  }
  return captured.anchor;
}

const rows: string[][] = [['text', 'case', 'anchor', 'scopes', 'cold ms', 'warm ms', 'status']];
for (const megabytes of [1, 10]) {
  const copies = Math.ceil((megabytes * 1024 * 1024) / (seed.length + 1));
  const text = Array.from({ length: copies }, () => seed).join('\n');
  const middle = Math.floor(copies / 2) * (seed.length + 1);
  const soundbiteScope: SearchScope = { start: middle, end: middle + seed.length, kind: 'segment' };
  const long = seed.slice(seed.indexOf('FILE - MINUSMA - MENAKA'), seed.indexOf('FILE - MINUSMA - MENAKA') + 5000);
  const cases: [string, Anchor, string][] = [
    ['exact', anchorAt(text, soundbite6, middle), `${soundbite6.length} ch`],
    ['exact', anchorAt(text, sentence, middle), `${sentence.length} ch`],
    ['exact', anchorAt(text, long, middle), `${long.length} ch`],
  ];
  const edited = (anchor: Anchor): Anchor => ({ ...anchor, text: anchor.text.replace('very active', 'quite active').replace('exacerbated', 'exasperated').replace('Various shots', 'Various shot') });
  cases.push(['fuzzy (2 words edited)', edited(cases[0]![1]), `${soundbite6.length} ch`]);
  cases.push(['fuzzy (1 word edited)', edited(cases[1]![1]), `${sentence.length} ch`]);
  cases.push(['fuzzy (edited)', edited(cases[2]![1]), `${long.length} ch`]);
  cases.push(['absent (detached)', { text: 'A sentence that appears nowhere in this archive, about fisheries in the Baltic.', prefix: '', suffix: '', line: 100 }, '79 ch']);
  for (const [name, anchor, size] of cases) {
    for (const [scopeName, scopes] of [['document', [] as SearchScope[]], ['story, document', [soundbiteScope]]] as const) {
      const runs = megabytes === 10 ? 3 : 7;
      let status = '';
      const cold = time(runs, () => {
        status = resolveAnchor(anchor, prepareText(text), scopes).status;
      });
      const prepared = prepareText(text);
      resolveAnchor(anchor, prepared, scopes);
      const warm = time(runs, () => {
        resolveAnchor(anchor, prepared, scopes);
      });
      rows.push([`${megabytes} MB`, name, size, scopeName, cold.toFixed(1), warm.toFixed(1), status]);
    }
  }
}
const widths = (rows[0] as string[]).map((_, column) => Math.max(...rows.map((row) => (row[column] as string).length)));
for (const row of rows) {
  console.log(row.map((cell, column) => cell.padEnd(widths[column] as number)).join('  '));
}
