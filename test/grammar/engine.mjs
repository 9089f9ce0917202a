// The tokenizer VS Code 1.100 runs (vscode-textmate 9.2.0 + vscode-oniguruma 1.7.0, both direct
// devDependencies), for the performance checks: test/grammar/adversarial.mjs and
// scripts/bench-grammar.mjs. The assertion and snapshot tests keep the copies vscode-tmgrammar-test
// bundles (see tokenize.mjs); token output is the same, timings are not.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const grammarPath = `${repoRoot}syntaxes/unifeed.tmLanguage.json`;
export const INITIAL = vsctm.INITIAL;

const packageVersion = (name) => JSON.parse(readFileSync(`${repoRoot}node_modules/${name}/package.json`, 'utf8')).version;
export const versions = () => ({
  'vscode-textmate': packageVersion('vscode-textmate'),
  'vscode-oniguruma': packageVersion('vscode-oniguruma'),
});

let wasmLoaded;
/**
 * A registry that knows text.unifeed and, if given, other grammars by scope name
 * (`{ 'text.html.markdown': { text, path } }`); every other scope (embedded languages) stays unresolved.
 */
export async function createRegistry(extra = {}) {
  wasmLoaded ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  })();
  await wasmLoaded;
  const sources = { 'text.unifeed': { text: readFileSync(grammarPath, 'utf8'), path: grammarPath }, ...extra };
  return new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      const source = sources[scopeName];
      return source ? vsctm.parseRawGrammar(source.text, source.path) : null;
    },
  });
}

/** Loads text.unifeed with the VS Code engine; throws if it is missing or broken. */
export async function loadUnifeed() {
  const grammar = await (await createRegistry()).loadGrammar('text.unifeed');
  if (!grammar) { throw new Error(`could not load text.unifeed from ${grammarPath}`); }
  return grammar;
}

/** The rule stack after tokenizing `lines` from the start of a document, as the editor carries it. */
export function stateAfter(grammar, lines) {
  let state = INITIAL;
  for (const line of lines) { state = grammar.tokenizeLine2(line, state).ruleStack; }
  return state;
}

/** Milliseconds to tokenize one line as the editor does (binary tokens, no time limit). */
export function timeLine(grammar, line, state) {
  const t0 = performance.now();
  grammar.tokenizeLine2(line, state);
  return performance.now() - t0;
}
