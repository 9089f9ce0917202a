// Bundles the extension, the CLI and the benchmark with esbuild. Type-checking is tsc's job (npm run check-types).
import * as esbuild from 'esbuild';

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
  loader: { '.yaml': 'text' },
};

const targets = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
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
