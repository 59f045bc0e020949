// ESLint (flat config): typescript-eslint's recommended type-checked rules over every source file.
// A rule is switched off only here, each with the reason it does not fit this code base.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Generated code is pinned by golden tests and `evc generate --check`; the rest is build output and caches.
    ignores: ['dist/', 'node_modules/', 'generated/', 'test/golden/', 'test/fixtures/', '.cache/', '.kafka/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Transports, sources and test fakes implement Promise-returning interfaces; `async` without `await` is how
      // they return a promise and turn a synchronous throw into a rejection, which callers rely on.
      '@typescript-eslint/require-await': 'off',
      // A leading underscore marks a value destructured out on purpose (to drop it from a rest object).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // vitest's asymmetric matchers (expect.any, expect.stringContaining, …) are typed `any`, and placing them
      // inside an expected object is how they are meant to be used.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    // Not yet fixed: the docs site (generator/docs: dagre and markdown-it are untyped CommonJS) and its browser test
    // (page.evaluate callbacks run in Chromium; the tsconfig has no DOM lib) arrived from main at the deadline with
    // 60 type-checked findings. Listed file by file so nothing else escapes; remove each entry once its file is fixed.
    files: [
      'generator/docs/example-payload.ts',
      'generator/docs/graph.ts',
      'generator/docs/html.ts',
      'generator/docs/schema-table.ts',
      'test/browser/docs-site.test.ts',
    ],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
