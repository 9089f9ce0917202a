// Checks language-configuration.json: valid JSON, the required bracket/auto-closing/surrounding pairs,
// and a wordPattern that keeps hyphenated names (Jean-Pierre) and acronyms (A4P+) whole.
// VS Code compiles wordPattern with the global flag and picks the match that contains the cursor.
import { readFileSync } from 'node:fs';
import { repoRoot } from './tokenize.mjs';

const problems = [];
const config = JSON.parse(readFileSync(`${repoRoot}language-configuration.json`, 'utf8'));
const PAIRS = [['“', '”'], ['‘', '’'], ['«', '»'], ['(', ')'], ['[', ']']];
const key = (open, close) => `${open}${close}`;
const brackets = new Set((config.brackets ?? []).map(([o, c]) => key(o, c)));
const autoClosing = new Set((config.autoClosingPairs ?? []).map((p) => (Array.isArray(p) ? key(p[0], p[1]) : key(p.open, p.close))));
const surrounding = new Set((config.surroundingPairs ?? []).map((p) => (Array.isArray(p) ? key(p[0], p[1]) : key(p.open, p.close))));
// ’ is also the apostrophe: as a bracket, every "don’t" would show as an unmatched closing bracket.
const NOT_BRACKETS = new Set([key('‘', '’')]);
for (const [o, c] of PAIRS) {
  if (NOT_BRACKETS.has(key(o, c))) {
    if (brackets.has(key(o, c))) { problems.push(`brackets must not include ${o}${c} (apostrophes)`); }
  } else if (!brackets.has(key(o, c))) { problems.push(`brackets lacks ${o}${c}`); }
  if (!autoClosing.has(key(o, c))) { problems.push(`autoClosingPairs lacks ${o}${c}`); }
  if (!surrounding.has(key(o, c))) { problems.push(`surroundingPairs lacks ${o}${c}`); }
}

const wordRe = new RegExp(config.wordPattern, 'g');
/** The word VS Code would select with the cursor at `offset` in `text`. */
function wordAt(text, offset) {
  for (const m of text.matchAll(wordRe)) {
    if (m.index <= offset && offset <= m.index + m[0].length) { return m[0]; }
  }
  return null;
}
const cases = [
  ['Jean-Pierre Lacroix said', 2, 'Jean-Pierre'],
  ['Jean-Pierre Lacroix said', 8, 'Jean-Pierre'],
  ['support for A4P+ commitments', 13, 'A4P+'],
  ['the A4P agenda', 5, 'A4P'],
  ['la MONUSCO, MINUSMA.', 5, 'MONUSCO'],
  ['Under-Secretary-General for', 10, 'Under-Secretary-General'],
  ['we don’t stop', 4, 'don’t'],
  ['Côte d’Ivoire', 1, 'Côte'],
  ['resolution 2719 (2023)', 12, '2719'],
  ['Name –Title', 1, 'Name'],
  ['Name –Title', 8, 'Title'],
  ['“quoted”', 3, 'quoted'],
  ['Rene\u0301 Okafor', 2, 'Rene\u0301'],
];
for (const [text, offset, expected] of cases) {
  const got = wordAt(text, offset);
  if (got !== expected) { problems.push(`wordPattern: in ${JSON.stringify(text)} at ${offset} expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`); }
}
// The pattern must not be catastrophic either.
const t0 = performance.now();
let found = 0;
for (const input of ['Jean-Pierre-'.repeat(900) + '!', 'A4P+'.repeat(2500), '’-'.repeat(5000)]) {
  found += [...input.matchAll(wordRe)].length;
}
const ms = performance.now() - t0;
if (ms > 50 || found === 0) { problems.push(`wordPattern took ${ms.toFixed(1)} ms on adversarial input`); }

if (problems.length) {
  console.error(`language-configuration: FAIL:\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
console.log(`language-configuration: OK (${PAIRS.length} pairs, ${cases.length} wordPattern cases).`);
