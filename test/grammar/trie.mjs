// Factored ("trie") alternations for the grammar's word lists.
//
// Oniguruma tries the branches of `(?:MINUSMA|MINUSCA|...)` one after the other at every candidate
// position, so a flat list of 60 acronyms costs ~60 failed branches per capital letter on a line of
// capitals (8 ms on a 10,000-character line). The same words factored by common prefix,
// `(?:M(?:INU(?:S(?:MA|CA|...`, cost one or two branches per position (0.3 ms).
//
// The YAML keeps each list readable in a `NAME_words` variable (space-separated, unused by any regex)
// next to the factored `NAME` variable; test/grammar/lint.mjs checks that they agree.
//   node test/grammar/trie.mjs WORD...            print the factored alternation of WORDs
//   node test/grammar/trie.mjs --yaml             print every NAME that disagrees with NAME_words
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const escape = (ch) => ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** `(?:…)` matching exactly the given words, factored by common prefix; branch order is first-seen. */
export function trie(words) {
  const root = new Map();
  for (const word of words) {
    let node = root;
    for (const ch of word) {
      if (!node.has(ch)) { node.set(ch, new Map()); }
      node = node.get(ch);
    }
    node.set('', null); // end of a word
  }
  const emit = (node) => {
    const branches = [...node.keys()].filter((k) => k !== '').map((k) => escape(k) + emit(node.get(k)));
    if (branches.length === 0) { return ''; }
    const optional = node.has('');
    if (branches.length === 1 && !optional) { return branches[0]; }
    if (branches.length === 1 && [...branches[0]].length === 1) { return `${branches[0]}?`; }
    return `(?:${branches.join('|')})${optional ? '?' : ''}`;
  };
  const body = emit(root);
  return body.startsWith('(?:') && !body.endsWith('?') ? body : `(?:${body})`;
}

/** Pairs `NAME_words` / `NAME` in the YAML `variables`; returns the names whose NAME is stale. */
export function staleTries(yamlPath) {
  const { variables } = parse(readFileSync(yamlPath, 'utf8'));
  const stale = [];
  for (const [key, value] of Object.entries(variables)) {
    if (!key.endsWith('_words')) { continue; }
    const name = key.slice(0, -'_words'.length);
    const expected = trie(String(value).trim().split(/\s+/));
    const actual = String(variables[name] ?? '').replace(/\n[ \t]*/g, '');
    // A case-insensitive list is written `(?i:TRIE)`.
    if (actual !== expected && actual !== `(?i:${expected})`) { stale.push({ name, expected }); }
  }
  return stale;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv[2] === '--yaml') {
    const stale = staleTries(fileURLToPath(new URL('../../syntaxes/unifeed.tmLanguage.yaml', import.meta.url)));
    for (const { name, expected } of stale) { console.log(`${name}: '${expected}'`); }
    if (!stale.length) { console.log('trie: every NAME matches its NAME_words.'); }
  } else {
    console.log(trie(process.argv.slice(2)));
  }
}
