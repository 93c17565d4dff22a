// Lint rules for the whole workspace: typescript-eslint's recommended set with type information
// (recommendedTypeChecked), plus the habits of docs/coding-habits.md that a linter can check: no
// floating
// promises and no promise where a plain callback is expected, in long-running processes and in
// tests alike. Types come from each package's tsconfig.json (src) and tsconfig.test.json (the
// unit tests and the e2e scenarios); plain JavaScript (scripts, benchmarks, fixtures) is linted
// without types.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/build/**', '**/node_modules/**', 'packages/proto/src/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        project: ['./packages/*/tsconfig.json', './examples/*/tsconfig.json', './tsconfig.test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['**/*.ts', '**/*.mts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // node:test's test() and describe() return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', {
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }],
      }],
      '@typescript-eslint/no-misused-promises': 'error',
      // Off: an `async` function without `await` is how a gRPC handler or a fake of a
      // promise-returning interface turns a throw into a rejection, which callers rely on.
      '@typescript-eslint/require-await': 'off',
      'no-console': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
);
