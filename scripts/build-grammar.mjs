// Builds syntaxes/unifeed.tmLanguage.json from the human-maintained YAML source.
//   node scripts/build-grammar.mjs          write the JSON
//   node scripts/build-grammar.mjs --check  exit 1 if the committed JSON is not what the YAML builds
// The YAML may hold a top-level `variables` map: `{{name}}` inside any regex (match/begin/end/while)
// is replaced by the variable's value, recursively. Multi-line (block scalar) variable values are
// joined with their line breaks and indentation removed, so long alternations can be wrapped.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = `${root}syntaxes/unifeed.tmLanguage.yaml`;
const TARGET = `${root}syntaxes/unifeed.tmLanguage.json`;
const REGEX_KEYS = new Set(['match', 'begin', 'end', 'while']);

/** Expands `{{var}}` references; throws on unknown or cyclic variables. */
function makeExpander(rawVars) {
  const vars = Object.fromEntries(
    Object.entries(rawVars ?? {}).map(([k, v]) => [k, String(v).replace(/\n[ \t]*/g, '')]),
  );
  const cache = new Map();
  const expand = (text, stack = []) =>
    text.replace(/\{\{([\w-]+)\}\}/g, (_, name) => {
      if (!(name in vars)) { throw new Error(`unknown grammar variable {{${name}}}`); }
      if (stack.includes(name)) { throw new Error(`cyclic grammar variable: ${[...stack, name].join(' -> ')}`); }
      if (!cache.has(name)) { cache.set(name, expand(vars[name], [...stack, name])); }
      return cache.get(name);
    });
  return expand;
}

function transform(node, expand) {
  if (Array.isArray(node)) { return node.map((n) => transform(n, expand)); }
  if (node && typeof node === 'object') {
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (REGEX_KEYS.has(key) && typeof value === 'string') {
        const regex = expand(value);
        // In Oniguruma's default (Ruby) syntax `x{2,}+` is NOT possessive: it means `(?:x{2,})+`, a nested
        // quantifier that backtracks catastrophically. Use an atomic group `(?>x{2,})` instead.
        if (/\{\d*,?\d*\}\+/.test(regex)) { throw new Error(`grammar regex uses a {n,m}+ quantifier: ${regex}`); }
        out[key] = regex;
      } else {
        out[key] = transform(value, expand);
      }
    }
    return out;
  }
  return node;
}

export async function buildGrammar() {
  const source = parse(await readFile(SOURCE, 'utf8'));
  const { variables, ...grammar } = source;
  const expanded = transform(grammar, makeExpander(variables));
  const ordered = {
    information_for_contributors: [
      'This file is generated from syntaxes/unifeed.tmLanguage.yaml by scripts/build-grammar.mjs.',
      'Do not edit it by hand: edit the YAML and run `node scripts/build-grammar.mjs`.',
    ],
    ...expanded,
  };
  return JSON.stringify(ordered, null, '\t') + '\n';
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const json = await buildGrammar();
  if (process.argv.includes('--check')) {
    let current = '';
    try { current = await readFile(TARGET, 'utf8'); } catch { /* missing file = out of date */ }
    if (current !== json) {
      console.error('build-grammar: syntaxes/unifeed.tmLanguage.json is out of date with syntaxes/unifeed.tmLanguage.yaml.');
      console.error('Run `node scripts/build-grammar.mjs` and commit the result.');
      process.exit(1);
    }
    console.log('build-grammar: syntaxes/unifeed.tmLanguage.json is up to date.');
  } else {
    await writeFile(TARGET, json);
    console.log('build-grammar: wrote syntaxes/unifeed.tmLanguage.json');
  }
}
