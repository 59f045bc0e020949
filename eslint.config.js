// ESLint (flat config): typescript-eslint's recommended type-checked rules over every source file.
// A rule is switched off only here, each with the reason it does not fit this code base.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Generated code is pinned by golden tests and `evc generate --check`; the rest is build output and caches.
    ignores: [
      'dist/',
      'node_modules/',
      'generated/',
      'examples/*/generated/',
      'test/golden/',
      'test/fixtures/',
      '.cache/',
      '.kafka/',
      // evc's own cache (.evc/, see README) holds compiled JavaScript that is output, not source.
      '.evc/',
      '.apicurio/',
    ],
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
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
