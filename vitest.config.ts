import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  // SWC rather than esbuild: Nest's dependency injection needs emitted decorator metadata.
  plugins: [
    swc.vite({
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { decoratorMetadata: true, legacyDecorator: true },
        target: 'es2022',
      },
    }),
  ],
  resolve: {
    alias: [
      // graphql ships CommonJS (`main`) and ESM (`module`) builds; Vite would pick the ESM one for our sources
      // while Nest and Mercurius load the CommonJS one, and two copies of graphql refuse each other's types.
      { find: /^graphql$/, replacement: `${root}node_modules/graphql/index.js` },
      { find: /^@asr-twin\/migrations$/, replacement: `${root}migrations/index.ts` },
      { find: /^@asr-twin\/(api)$/, replacement: `${root}apps/$1/src/index.ts` },
      { find: /^@asr-twin\/([a-z-]+)$/, replacement: `${root}libs/$1/src/index.ts` },
    ],
  },
  test: {
    exclude: ['**/node_modules/**', '**/dist/**'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['libs/**/*.spec.ts', 'apps/**/*.spec.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.spec.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
