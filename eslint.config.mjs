// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const corePatterns = [
  { group: ['vscode'], message: 'src/core must not depend on the VS Code API; put glue in src/features.' },
  { regex: '^(?:node:.*|fs|path|os|child_process|util|buffer|worker_threads)(?:/.*)?$', message: 'src/core must run in a web worker; file access goes through the caller.' },
];
const parserFenceForCore = {
  group: ['**/parse/*', '!**/parse/lexicon', '!**/parse/quoteMarks'],
  message: 'Reach the parser through src/core/parse (its index); only lexicon and quoteMarks are shared with the rest of the core.',
};
const parserFenceForGlue = {
  group: ['**/core/parse/*'],
  message: 'Features and the CLI reach the parser through src/core/parse (its index) only.',
};

/**
 * A function that calls itself by name: recursion whose depth follows the input overflows the stack
 * on a deep enough input (nested Markdown, a long chain of anything). Walk with an explicit stack
 * instead. Mutual recursion is not seen by this rule; keep an eye out for it in review.
 */
const noSelfRecursion = {
  meta: { type: 'problem', messages: { recursion: '{{name}} calls itself: use a loop with an explicit stack (recursion depth must not follow the input).' } },
  create(context) {
    const enclosing = [];
    const nameOf = (node) => {
      if ((node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression') && node.id) {
        return { kind: 'plain', name: node.id.name };
      }
      if (node.parent?.type === 'VariableDeclarator' && node.parent.id.type === 'Identifier') {
        return { kind: 'plain', name: node.parent.id.name };
      }
      if (node.parent?.type === 'MethodDefinition' || node.parent?.type === 'PropertyDefinition') {
        const key = node.parent.key;
        return { kind: 'method', name: key.type === 'PrivateIdentifier' ? `#${key.name}` : key.name };
      }
      return { kind: 'none', name: '' };
    };
    const enter = (node) => enclosing.push(nameOf(node));
    const exit = () => enclosing.pop();
    return {
      FunctionDeclaration: enter, 'FunctionDeclaration:exit': exit,
      FunctionExpression: enter, 'FunctionExpression:exit': exit,
      ArrowFunctionExpression: enter, 'ArrowFunctionExpression:exit': exit,
      CallExpression(node) {
        const callee = node.callee;
        for (const own of enclosing) {
          const direct = own.kind === 'plain' && callee.type === 'Identifier' && callee.name === own.name;
          const method = own.kind === 'method' && callee.type === 'MemberExpression' && callee.object.type === 'ThisExpression' &&
            ((callee.property.type === 'Identifier' && callee.property.name === own.name) ||
              (callee.property.type === 'PrivateIdentifier' && `#${callee.property.name}` === own.name));
          if (direct || method) {
            context.report({ node, messageId: 'recursion', data: { name: own.name } });
          }
        }
      },
    };
  },
};

export default defineConfig(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', 'node_modules/**', 'syntaxes/*.json'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { shotlist: { rules: { 'no-self-recursion': noSelfRecursion } } },
    rules: {
      curly: 'error',
      eqeqeq: 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Bounded time and stack on any input (see also shotlist/no-self-recursion): spreading an array
    // into a call puts every element on the stack, and a long enough array overflows it.
    files: ['src/**/*.ts'],
    rules: {
      'shotlist/no-self-recursion': 'error',
      'no-restricted-syntax': ['error',
        { selector: 'CallExpression > SpreadElement', message: 'Spreading into a call puts every element on the stack: use a loop (or appendAll from src/core/util/arrays.ts).' },
        { selector: 'NewExpression > SpreadElement', message: 'Spreading into a call puts every element on the stack: use a loop.' },
      ],
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
  // The worker's protocol and client run in a Node worker thread and (next) in a web worker: no VS Code
  // API, no Node module except in the Node transport and entry.
  {
    files: ['src/workers/**/*.ts'],
    ignores: ['src/workers/coreWorker.ts', 'src/workers/nodeTransport.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...corePatterns.map((pattern) => ({ ...pattern, message: pattern.message.replace('src/core', 'src/workers') })), parserFenceForGlue] }],
    },
  },
  {
    files: ['src/workers/coreWorker.ts', 'src/workers/nodeTransport.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [corePatterns[0], parserFenceForGlue] }],
    },
  },
);
