// Bundles the extension (desktop and web), the CLI and the benchmark with esbuild. Type-checking is
// tsc's job (npm run check-types; tsconfig.web.json checks the web build against web-worker globals).
import * as esbuild from 'esbuild';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';

/**
 * `import entries from './bundled.yaml?entries'`: the knowledge file read and checked at build time by
 * the core's own loader, embedded as its entries. The extension then never parses the 110 KB of YAML
 * (about 70 ms that would hold the host on the first hover). A problem in the file fails the build.
 */
const knowledgeEntriesPlugin = {
  name: 'knowledge-entries',
  setup(build) {
    build.onResolve({ filter: /\.yaml\?entries$/ }, (args) => ({ path: resolve(args.resolveDir, args.path.slice(0, -'?entries'.length)), namespace: 'knowledge-entries' }));
    build.onLoad({ filter: /.*/, namespace: 'knowledge-entries' }, async (args) => {
      const { loadKnowledgeBase } = await knowledgeLoader();
      const knowledge = loadKnowledgeBase(await readFile(args.path, 'utf8'), 'bundled');
      if (knowledge.problems.length > 0) {
        return { errors: knowledge.problems.map((problem) => ({ text: `${problem.line}:${problem.column} ${problem.message}` })) };
      }
      return { contents: JSON.stringify(knowledge.entries), loader: 'json', watchFiles: [args.path] };
    });
  },
};

let loader;
/** src/core/kb/load.ts, bundled in memory and loaded once. */
async function knowledgeLoader() {
  if (!loader) {
    const entry = resolve(dirname(new URL(import.meta.url).pathname), '..', 'src', 'core', 'kb', 'load.ts');
    const bundle = await esbuild.build({ entryPoints: [entry], bundle: true, write: false, format: 'cjs', platform: 'node', logLevel: 'warning' });
    const module = { exports: {} };
    new Function('module', 'exports', 'require', bundle.outputFiles[0].text)(module, module.exports, createRequire(entry));
    loader = module.exports;
  }
  return loader;
}

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  // An empty import.meta in CJS output breaks packages that read it: fail the build instead.
  logOverride: { 'empty-import-meta': 'error' },
  // The bundled knowledge base (src/core/kb/bundled.yaml) is embedded as text; src/yaml.d.ts types it.
  // The walkthrough's sample shot list (samples/01-shot-list.unifeed) likewise; src/yaml.d.ts types both.
  loader: { '.yaml': 'text', '.unifeed': 'text' },
  plugins: [knowledgeEntriesPlugin],
};

/**
 * The web build (package.json "browser"): the same sources for the web worker extension host of VS Code
 * for the Web, where only `require('vscode')` exists and there is no Node. `.web.ts` files are
 * preferred to their desktop twins (coreWorkerTransport.web.ts starts a Web Worker, not a worker
 * thread); the `worker` condition keeps DOM-only variants of packages out (decode-named-character-reference
 * touches `document` at load in its browser build). A Node module reached from here fails the build
 * (esbuild cannot resolve node:* for the browser); a global of Node fails `npm run check-types`
 * (tsconfig.web.json), and scripts/test-web.mjs loads the bundle in a context without Node first.
 */
const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  conditions: ['worker'],
  resolveExtensions: ['.web.ts', '.ts', '.js', '.mjs', '.cjs', '.json'],
  define: { global: 'globalThis' },
};

const targets = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  { ...web, entryPoints: ['src/extension.ts'], outfile: 'dist/web/extension.js' },
  { ...web, format: 'iife', entryPoints: ['src/workers/webCoreWorker.ts'], outfile: 'dist/web/coreWorker.js' },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['src/workers/coreWorker.ts'], outfile: 'dist/coreWorker.js' },
];
if (!production) {
  // The baseline is bundled from its ES module sources, as editors ship it, not from its transpiled CJS build.
  targets.push({ ...common, entryPoints: ['scripts/bench.ts'], outfile: 'dist/bench.js', mainFields: ['module', 'main'] });
}

const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
