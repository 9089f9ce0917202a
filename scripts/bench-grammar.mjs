// `npm run bench:grammar`: TextMate grammar throughput and worst-case line cost.
//
// 1. Throughput: 1 MB of transcripts (the synthetic fixtures in test/fixtures/shotlists,
//    test/fixtures/interviews and test/grammar/snap, concatenated repeatedly, a blank line between
//    documents) tokenized line by line, carrying the rule stack from line to line as the editor does,
//    with OUR grammar (text.unifeed) and with VS Code's Markdown grammar (text.html.markdown, from
//    @shikijs/langs; embedded languages in fenced code blocks stay unresolved) in the same run, through
//    vscode-textmate + vscode-oniguruma at the versions VS Code 1.100 ships (test/grammar/engine.mjs).
//    Two warm-up passes each, then BENCH_RUNS (default 9, at least 5) passes of each grammar, alternated.
//    Prints each grammar's median throughput and the median of the per-run ratios (each run pairs the
//    two grammars back to back, so load from other processes hits both alike).
//    Target: ours at least as fast per byte as Markdown's (ratio >= 1).
// 2. Worst line: the adversarial 10,000-character lines of test/grammar/adversarial-cases.mjs, each in
//    every state listed there (top level, inside open quotes, inside a soundbite's quote); per line the
//    median of 5 timings after a warm-up. Target: the slowest line under 10 ms.
// Exit code 1 if a target is missed. Option: --markdown-grammar=FILE, a markdown.tmLanguage.json to use
// instead of @shikijs/langs (e.g. the one in a VS Code install: extensions/markdown-basics/syntaxes/).
import { recordTarget } from './benchResults.mjs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cases, states, LENGTH } from '../test/grammar/adversarial-cases.mjs';
import { createRegistry, INITIAL, repoRoot, stateAfter, timeLine, versions } from '../test/grammar/engine.mjs';

const MB = 1024 * 1024;
const TARGET_BYTES = MB;
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 9));
const LINE_RUNS = 5;
const LINE_LIMIT_MS = 10;
const SOURCES = ['test/fixtures/shotlists', 'test/fixtures/interviews', 'test/grammar/snap'];
const markdownArg = process.argv.find((a) => a.startsWith('--markdown-grammar='))?.slice('--markdown-grammar='.length);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// ------------------------------------------------------------------ grammars
async function markdownSource() {
  if (markdownArg) { return { text: readFileSync(markdownArg, 'utf8'), path: markdownArg, label: markdownArg }; }
  const md = (await import('@shikijs/langs/markdown')).default.find((g) => g.scopeName === 'text.html.markdown');
  if (!md) { throw new Error('@shikijs/langs/markdown has no text.html.markdown grammar'); }
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'node_modules/@shikijs/langs/package.json'), 'utf8'));
  return { text: JSON.stringify(md), path: 'markdown.tmLanguage.json', label: `@shikijs/langs@${version}` };
}

const md = await markdownSource();
const registry = await createRegistry({ 'text.html.markdown': md });
const unifeed = await registry.loadGrammar('text.unifeed');
const markdown = await registry.loadGrammar('text.html.markdown');
if (!unifeed || !markdown) { throw new Error('could not load both grammars'); }
const v = versions();
console.log(`bench-grammar: vscode-textmate@${v['vscode-textmate']}, vscode-oniguruma@${v['vscode-oniguruma']}, ` +
  `Markdown grammar from ${md.label}, node ${process.version}`);

// ------------------------------------------------------------------ 1 MB corpus
function buildCorpus() {
  const docs = [];
  for (const dir of SOURCES) {
    for (const file of readdirSync(join(repoRoot, dir)).sort()) {
      if (file.endsWith('.snap')) { continue; }
      docs.push(readFileSync(join(repoRoot, dir, file), 'utf8').replace(/^\uFEFF/, ''));
    }
  }
  const lines = [];
  let bytes = 0;
  for (let i = 0; ; i = (i + 1) % docs.length) {
    const docLines = `${docs[i]}\n`.split(/\r\n|\r|\n/);
    const docBytes = docLines.reduce((n, l) => n + Buffer.byteLength(l, 'utf8') + 1, 0);
    if (bytes + docBytes > TARGET_BYTES) { break; }
    lines.push(...docLines);
    bytes += docBytes;
  }
  return { lines, bytes, docs: docs.length };
}

/** One editor-like pass: every line, binary tokens (as VS Code asks for them), rule stack carried over. */
function pass(grammar, lines) {
  let state = INITIAL;
  const t0 = performance.now();
  for (const line of lines) { state = grammar.tokenizeLine2(line, state).ruleStack; }
  return performance.now() - t0;
}

/** Tokens with their scopes (untimed, for information). */
function countTokens(grammar, lines) {
  let state = INITIAL;
  let tokens = 0;
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, state);
    tokens += r.tokens.length;
    state = r.ruleStack;
  }
  return tokens;
}

const corpus = buildCorpus();
console.log(`corpus: ${corpus.lines.length} lines, ${corpus.bytes} bytes (${(corpus.bytes / MB).toFixed(3)} MB) from ${corpus.docs} synthetic documents`);

const grammars = [['unifeed', unifeed], ['markdown', markdown]];
for (let i = 0; i < 2; i++) { for (const [, g] of grammars) { pass(g, corpus.lines); } }
const times = { unifeed: [], markdown: [] };
for (let run = 0; run < RUNS; run++) {
  for (const [name, g] of run % 2 ? [...grammars].reverse() : grammars) { times[name].push(pass(g, corpus.lines)); }
}
const mbps = (ms) => corpus.bytes / MB / (ms / 1000);
for (const [name, g] of grammars) {
  const ms = median(times[name]);
  console.log(`  ${name.padEnd(9)} ${mbps(ms).toFixed(2).padStart(6)} MB/s  (median ${ms.toFixed(1)} ms of ${RUNS} runs, ` +
    `min ${Math.min(...times[name]).toFixed(1)}, max ${Math.max(...times[name]).toFixed(1)}; ${countTokens(g, corpus.lines)} tokens)`);
}
const ratio = median(times.unifeed.map((ours, i) => times.markdown[i] / ours));
const throughputOk = ratio >= 1;
console.log(`  ratio unifeed/markdown: ${ratio.toFixed(2)}x per byte (median of ${RUNS} paired runs; ` +
  `ratio of medians ${(median(times.markdown) / median(times.unifeed)).toFixed(2)}x; target >= 1.00) ${throughputOk ? 'OK' : 'MISSED'}`);

// ------------------------------------------------------------------ adversarial lines
const stateStacks = Object.entries(states).map(([name, lines]) => [name, stateAfter(unifeed, lines)]);
const results = [];
for (const [caseName, make] of Object.entries(cases)) {
  const line = make(LENGTH);
  if (line.length !== LENGTH) { throw new Error(`case "${caseName}" built a line of ${line.length} chars`); }
  for (const [stateName, state] of stateStacks) {
    timeLine(unifeed, make(200), state);
    timeLine(unifeed, line, state); // warm-up: compile the scanners this line reaches
    const runs = Array.from({ length: LINE_RUNS }, () => timeLine(unifeed, line, state));
    results.push({ name: `${caseName} (${stateName})`, ms: median(runs), min: Math.min(...runs) });
  }
}
results.sort((a, b) => b.ms - a.ms);
const worst = results[0];
const lineOk = worst.ms < LINE_LIMIT_MS;
console.log(`adversarial: ${results.length} lines of ${LENGTH} chars (${Object.keys(cases).length} cases x ${stateStacks.length} states), ` +
  `median of ${LINE_RUNS} runs each; slowest:`);
for (const r of results.slice(0, 5)) { console.log(`  ${r.ms.toFixed(2).padStart(6)} ms (min ${r.min.toFixed(2)})  ${r.name}`); }
console.log(`  slowest line: ${worst.ms.toFixed(2)} ms "${worst.name}" (target < ${LINE_LIMIT_MS} ms) ${lineOk ? 'OK' : 'MISSED'}`);

recordTarget({ bench: 'bench:grammar', name: 'grammar throughput per byte', value: mbps(median(times.unifeed)), unit: 'MB/s', op: '>=', limit: mbps(median(times.markdown)),
  baseline: 'Markdown grammar', baselineValue: mbps(median(times.markdown)) });
recordTarget({ bench: 'bench:grammar', name: `slowest adversarial line (${LENGTH} chars)`, value: worst.ms, unit: 'ms', op: '<', limit: LINE_LIMIT_MS });
if (throughputOk && lineOk) {
  console.log('bench-grammar: targets met');
} else {
  console.log('bench-grammar: TARGETS MISSED');
  process.exitCode = 1;
}
