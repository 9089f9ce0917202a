// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

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
  // The architectural rule: the core stays free of the VS Code API and of Node, so it can run
  // in the CLI, in unit tests and in a web worker alike.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vscode'], message: 'src/core must not depend on the VS Code API; put glue in src/features.' },
          { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'util', 'buffer'], message: 'src/core must run in a web worker; file access goes through the caller.' },
        ],
      }],
    },
  },
);
