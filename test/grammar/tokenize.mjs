// Shared helper for the Node grammar checks: loads syntaxes/unifeed.tmLanguage.json with the
// vscode-textmate + vscode-oniguruma copies that vscode-tmgrammar-test itself uses.
// CLI (debug aid): node test/grammar/tokenize.mjs FILE  -> prints every token with its scopes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const grammarPath = `${repoRoot}syntaxes/unifeed.tmLanguage.json`;

// Resolve from vscode-tmgrammar-test's own location so we test with the same engine versions.
const requireFromRunner = createRequire(createRequire(import.meta.url).resolve('vscode-tmgrammar-test/package.json'));
const vsctm = requireFromRunner('vscode-textmate');
const oniguruma = requireFromRunner('vscode-oniguruma');

let registryPromise;
function registry() {
  registryPromise ??= (async () => {
    const wasm = readFileSync(requireFromRunner.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) =>
        scopeName === 'text.unifeed'
          ? vsctm.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath)
          : null,
    });
  })();
  return registryPromise;
}

/** Loads the grammar; throws if it is missing or broken. */
export async function loadGrammar() {
  const grammar = await (await registry()).loadGrammar('text.unifeed');
  if (!grammar) { throw new Error(`could not load text.unifeed from ${grammarPath}`); }
  return grammar;
}

export const INITIAL = vsctm.INITIAL;

/**
 * Tokenizes a document line by line.
 * @returns {{ text: string, tokens: { text: string, startIndex: number, endIndex: number, scopes: string[] }[], ms: number }[]}
 */
export function tokenizeText(grammar, text) {
  let state = INITIAL;
  return text.split(/\r\n|\r|\n/).map((line) => {
    const t0 = performance.now();
    const r = grammar.tokenizeLine(line, state);
    const ms = performance.now() - t0;
    state = r.ruleStack;
    return {
      text: line,
      ms,
      tokens: r.tokens.map((tk) => ({ ...tk, text: line.slice(tk.startIndex, tk.endIndex) })),
    };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const grammar = await loadGrammar();
  const lines = tokenizeText(grammar, readFileSync(process.argv[2], 'utf8'));
  lines.forEach((l, i) => {
    console.log(`${i + 1}: ${l.text}`);
    for (const tk of l.tokens) {
      console.log(`    ${JSON.stringify(tk.text)}  ${tk.scopes.slice(1).map((s) => s.replace(/\.unifeed$/, '')).join(' ')}`);
    }
  });
}
