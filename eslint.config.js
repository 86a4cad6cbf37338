// ESLint for the whole repository (`npm run lint`, also run by `npm test`): type-aware typescript-eslint rules on
// every TypeScript file, the React hooks rules on the dashboard, plain rules on the JavaScript scripts. Layering
// (which package may import which) is dependency-cruiser's job (.dependency-cruiser.cjs), formatting Prettier's.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts', '**/*.tsx', '**/*.mts'];
const JS = ['**/*.js', '**/*.mjs', '**/*.cjs'];
const TESTS = ['**/*.spec.ts', '**/*.spec-support.ts', 'test/**/*.ts'];

export default defineConfig(
  globalIgnores(['**/dist/', '**/node_modules/', 'coverage/', 'test-results/', '**/test-fixtures/', 'test/fixtures/']),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error', reportUnusedInlineConfigs: 'error' },
  },
  js.configs.recommended,
  {
    files: TS,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A switch on a union without `default` must name every member. A `default` is taken as deliberate (a few
      // parsers fall back on purpose); where each member needs its own branch, the code says so with a `never`
      // check or a mapped record (as the job ids in libs/jobs do), which the compiler enforces.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      '@typescript-eslint/no-unsafe-declaration-merging': 'error',
      '@typescript-eslint/no-unsafe-enum-comparison': 'error',
      '@typescript-eslint/no-unsafe-unary-minus': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // The code indexes arrays and records as if `noUncheckedIndexedAccess` were on (the dashboard has it on): a
      // `!` or `as T` after an index is deliberate, and stays right if the server packages turn the flag on.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // STYLE.md: string-literal unions or `as const` objects instead of TS enums (GraphQL enums are registered
      // from those); no `forwardRef` between Nest providers (a cycle to break, not to paper over).
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a string-literal union or an `as const` object, not a TS enum.' }],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@nestjs/common', importNames: ['forwardRef'], message: 'No forwardRef: break the cycle (a port, an event).' }] },
      ],
    },
  },
  {
    // STYLE.md: configuration is parsed once (libs/config) at boot; only a process's main.ts hands it the environment.
    files: ['libs/*/src/**/*.ts', 'apps/*/src/**/*.ts'],
    ignores: ['libs/config/src/**', 'apps/*/src/main.ts', ...TESTS],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration from libs/config, not process.env.' }],
    },
  },
  {
    files: TESTS,
    rules: {
      // Specs assert on untyped data on purpose: JSON answers of the api and the CLI, rows of raw SQL, values read
      // back from the browser, and Vitest's asymmetric matchers (`expect.any`, `expect.stringMatching`), which are
      // typed `any`. The assertions are what check those values; runtime code keeps every no-unsafe-* rule.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Fakes implement Promise-returning ports (and polls take async callbacks) without awaiting anything.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['apps/dashboard/**/*.ts', 'apps/dashboard/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    // The two classic hooks rules; the plugin's React Compiler rules are for code built by that compiler, which the
    // dashboard does not use.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: JS,
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // Functions this benchmark passes to the browser (page.evaluate, waitForFunction) run there.
    files: ['bench/dashboard.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
