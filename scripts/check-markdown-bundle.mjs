// Checks that the Markdown transcript parser (unified + remark-parse, ESM-only) bundles the way
// scripts/build.mjs bundles the extension and the CLI (CJS for Node), and as an ES module for a web
// worker, and that the CJS bundle parses a labelled interview. Until the extension or the CLI imports
// src/core/markdownTranscript.ts, `node scripts/build.mjs` does not exercise it; this script does.
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const directory = mkdtempSync(join(tmpdir(), 'shotlist-markdown-'));
try {
  const common = { entryPoints: ['src/core/markdownTranscript.ts'], bundle: true, logLevel: 'warning', logOverride: { 'empty-import-meta': 'error' } };
  await esbuild.build({ ...common, format: 'cjs', platform: 'node', target: 'node20', outfile: join(directory, 'node.cjs') });
  await esbuild.build({ ...common, format: 'esm', platform: 'browser', target: 'es2022', outfile: join(directory, 'worker.mjs') });
  const { parseMarkdownTranscript } = createRequire(import.meta.url)(join(directory, 'node.cjs'));
  const document = parseMarkdownTranscript('### Q: Why now?\n\n**A:** Because “the rains came”.\n');
  const turns = document.turns.map((turn) => `${turn.speaker}/${turn.role}`).join(', ');
  if (document.format !== 'interview' || turns !== 'Q/question, A/answer' || document.quotes[0]?.text !== 'the rains came') {
    console.error(`The bundled Markdown parser gave ${document.format}: ${turns}; quotes ${JSON.stringify(document.quotes.map((quote) => quote.text))}`);
    process.exitCode = 1;
  } else {
    console.log('markdownTranscript bundles (CJS for Node, ESM for a web worker) and parses: ok');
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
