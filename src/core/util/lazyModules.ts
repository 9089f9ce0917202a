// Libraries the extension needs only for some files, evaluated on first use instead of when the bundle
// loads: remark (unified + remark-parse and micromark's tables, about 8 ms) for Markdown transcripts, and
// yaml (about 12 ms) for knowledge files. The bundle is loaded when VS Code activates Shotlist, so these
// would otherwise cost every window that opens a transcript. esbuild turns each require() below into a lazy
// initialiser inside the bundle (Node and web worker alike); the unit tests (tsx) run them as Node requires.
import type * as Remark from 'remark-parse';
import type * as Unified from 'unified';
import type * as Yaml from 'yaml';

// The core is type-checked against web-worker globals (tsconfig.core.json): require is the bundler's.
declare const require: (id: string) => unknown;

let remarkModules: { readonly unified: typeof Unified.unified; readonly remarkParse: typeof Remark.default } | undefined;
/** unified and remark-parse, loaded on the first call. */
export function remark(): NonNullable<typeof remarkModules> {
  if (!remarkModules) {
    const unified = require('unified') as typeof Unified;
    const remarkParse = require('remark-parse') as typeof Remark;
    remarkModules = { unified: unified.unified, remarkParse: remarkParse.default };
  }
  return remarkModules;
}

let yamlModule: typeof Yaml | undefined;
/** The yaml package, loaded on the first call. */
export function yaml(): typeof Yaml {
  yamlModule ??= require('yaml') as typeof Yaml;
  return yamlModule;
}
