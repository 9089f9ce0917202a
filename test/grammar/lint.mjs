// Static checks on the built grammar that its tests would not notice:
//  - no `{{name}` left in a regex: a variable reference with a missing brace is not expanded by
//    scripts/build-grammar.mjs and Oniguruma reads `(?<!{{alnum})` as "not after the text {{alnum}",
//    which is always true (this silently disabled every word boundary once);
//  - every factored word list (`NAME`) still matches its readable list (`NAME_words`), see trie.mjs;
//  - #inline (whose #inline-quotes lasts to the end of the line) is only used under begin/while rules:
//    under a begin/end rule it would hide that rule's `end`.
// Run by test/grammar/adversarial.mjs; `node test/grammar/lint.mjs` prints the problems.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { staleTries } from './trie.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** @returns {string[]} one message per problem */
export function lintGrammar() {
  const problems = [];
  const json = JSON.parse(readFileSync(`${root}syntaxes/unifeed.tmLanguage.json`, 'utf8'));
  (function walk(node, path) {
    if (Array.isArray(node)) { node.forEach((n, i) => walk(n, `${path}[${i}]`)); return; }
    if (!node || typeof node !== 'object') { return; }
    for (const [key, value] of Object.entries(node)) {
      if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string' && /\{\{|\}\}/.test(value)) {
        problems.push(`${path}.${key} has an unexpanded variable: ${value.match(/.{0,20}(?:\{\{|\}\}).{0,20}/)[0]}`);
      } else {
        walk(value, `${path}.${key}`);
      }
    }
  })(json.repository, 'repository');
  (function walk(node, path) {
    if (Array.isArray(node)) { node.forEach((n, i) => walk(n, `${path}[${i}]`)); return; }
    if (!node || typeof node !== 'object') { return; }
    if (Array.isArray(node.patterns) && node.patterns.some((p) => p.include === '#inline') && node.while === undefined) {
      problems.push(`${path} includes #inline but is not a begin/while rule (use #quote-dispatch + #inline-leaf)`);
    }
    for (const [key, value] of Object.entries(node)) { walk(value, `${path}.${key}`); }
  })(json.repository, 'repository');
  for (const { name, expected } of staleTries(`${root}syntaxes/unifeed.tmLanguage.yaml`)) {
    problems.push(`variable ${name} does not match ${name}_words; regenerate it: ${name}: '${expected}'`);
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const problems = lintGrammar();
  for (const p of problems) { console.error(`lint: ${p}`); }
  console.log(problems.length ? `lint: ${problems.length} problem(s)` : 'lint: OK');
  process.exitCode = problems.length ? 1 : 0;
}
