// Checks that the Markdown transcript parser (unified + remark-parse, ESM-only) bundles on its own as
// CJS for Node and as an ES module for a web worker, and that the CJS bundle parses a labelled
// interview. The extension and the CLI bundle it through src/core/parse/index.ts; this also proves the
// browser build (platform browser) of remark loads without a DOM.
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const directory = mkdtempSync(join(tmpdir(), 'shotlist-markdown-'));
try {
  const common = { entryPoints: ['src/core/parse/markdown.ts'], bundle: true, logLevel: 'warning', logOverride: { 'empty-import-meta': 'error' } };
  await esbuild.build({ ...common, format: 'cjs', platform: 'node', target: 'node20', outfile: join(directory, 'node.cjs') });
  await esbuild.build({ ...common, format: 'esm', platform: 'browser', target: 'es2022', outfile: join(directory, 'worker.mjs') });
  const { parseMarkdownTranscript } = createRequire(import.meta.url)(join(directory, 'node.cjs'));
  const document = parseMarkdownTranscript('### Q: Why now?\n\n**A:** Because “the rains came”.\n');
  const turns = document.turns.map((turn) => `${turn.speaker}/${turn.role}`).join(', ');
  if (document.format !== 'interview' || turns !== 'Q/question, A/answer' || document.quotes[0]?.text !== 'the rains came') {
    console.error(`The bundled Markdown parser gave ${document.format}: ${turns}; quotes ${JSON.stringify(document.quotes.map((quote) => quote.text))}`);
    process.exitCode = 1;
  } else {
    console.log('parse/markdown.ts bundles (CJS for Node, ESM for a web worker) and parses: ok');
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
