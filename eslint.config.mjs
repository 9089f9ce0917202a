// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const corePatterns = [
  { group: ['vscode'], message: 'src/core must not depend on the VS Code API; put glue in src/features.' },
  { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'util', 'buffer'], message: 'src/core must run in a web worker; file access goes through the caller.' },
];
const parserFenceForCore = {
  group: ['**/parse/*', '!**/parse/lexicon', '!**/parse/quoteMarks'],
  message: 'Reach the parser through src/core/parse (its index); only lexicon and quoteMarks are shared with the rest of the core.',
};
const parserFenceForGlue = {
  group: ['**/core/parse/*'],
  message: 'Features and the CLI reach the parser through src/core/parse (its index) only.',
};

export default defineConfig(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', 'node_modules/**', 'syntaxes/*.json'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      curly: 'error',
      eqeqeq: 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Code passed to page.evaluate() runs in the workbench page.
    files: ['test/vscode-host/*.mjs', 'scripts/try.mjs'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly', getComputedStyle: 'readonly', MouseEvent: 'readonly' } },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly', TextDecoder: 'readonly', Buffer: 'readonly' } },
  },
  // The architectural rules. The core stays free of the VS Code API and of Node, so it can run in the
  // CLI, in unit tests and in a web worker alike. The parser's machinery (its per-parse state, the
  // column stores, the builders) is fenced: outside src/core/parse the parser is reached through its
  // entry point (src/core/parse/index.ts), and the rest of the core may also read its vocabulary
  // (lexicon) and its quote-mark rules (quoteMarks).
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/parse/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...corePatterns, parserFenceForCore] }],
    },
  },
  {
    files: ['src/core/parse/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: corePatterns }],
    },
  },
  {
    files: ['src/features/**/*.ts', 'src/cli/**/*.ts', 'src/extension.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [parserFenceForGlue] }],
    },
  },
);
