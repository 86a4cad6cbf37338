// Dependency rules of the house style (STYLE.md, "Layout"), checked by `npm run lint` (depcruise):
//   domain ← simulator, scenario, ios-cli (and forecast, reporting) ← persistence, jobs (with config, logging) ← apps/*
// Nothing in libs/ imports from apps/; apps do not import each other; the pure libraries import no framework and no
// I/O; the dashboard (a browser bundle) imports no server code; packages reach each other through their
// `@asr-twin/…` names, never a relative path; no cycles; runtime code uses no devDependency.

/** The pure libraries: the model, the simulator and what only computes on them. */
const PURE = '^libs/(domain|simulator|scenario|ios-cli|forecast|reporting)/';
/** Specs and their helpers: they may use test tooling (vitest, fast-check, ajv) and fixtures. */
const SPECS = '\\.spec(-support)?\\.ts$';
/** Frameworks and I/O clients a pure library must not reach. */
const FRAMEWORK_OR_IO =
  '^(@nestjs|@fastify|fastify|typeorm|pg|pg-copy-streams|bullmq|ioredis|pino|prom-client|mercurius|graphql|dataloader|helmet|rxjs|reflect-metadata)(/|$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle of run-time imports; break it by moving the shared part down (a type-only cycle, such as TypeORM ' +
        'entities naming each other, vanishes at build time).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'libs-not-to-apps',
      severity: 'error',
      comment: 'Libraries are capabilities; apps are processes that compose them. Nothing in libs/ imports from apps/.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-not-to-other-apps',
      severity: 'error',
      comment: 'Each app is its own composition root; what two apps share belongs in a library.',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'domain-imports-nothing-internal',
      severity: 'error',
      comment: 'libs/domain is the bottom layer: it depends on no other package of the repository.',
      from: { path: '^libs/domain/' },
      to: { path: '^(libs|apps|migrations)/', pathNot: '^libs/domain/' },
    },
    {
      name: 'pure-libs-only-to-pure-libs',
      severity: 'error',
      comment: 'The pure libraries (domain, simulator, scenario, ios-cli, forecast, reporting) build only on each other.',
      from: { path: PURE },
      to: { path: '^(libs|apps|migrations)/', pathNot: PURE },
    },
    {
      name: 'pure-libs-no-framework-or-io',
      severity: 'error',
      comment: 'Pure libraries import no framework and no I/O (node built-ins, Nest, TypeORM, BullMQ, Redis, pino...).',
      from: { path: PURE, pathNot: SPECS },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'pure-libs-no-framework-or-io-packages',
      severity: 'error',
      comment: 'Pure libraries import no framework and no I/O client.',
      from: { path: PURE },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-no-pkg', 'npm-unknown'], path: `node_modules/${FRAMEWORK_OR_IO.slice(1)}` },
    },
    {
      name: 'dashboard-no-server-code',
      severity: 'error',
      comment: 'The dashboard is a browser bundle: of the repository it may use the pure model only, and no node built-in.',
      from: { path: '^apps/dashboard/' },
      to: { path: '^(apps/(?!dashboard/)|libs/(?!domain/)|migrations/)' },
    },
    {
      name: 'dashboard-no-node-built-ins',
      severity: 'error',
      comment: 'The dashboard is a browser bundle: no node built-in (its vite.config.ts and its unit specs run in node and may).',
      from: { path: '^apps/dashboard/src/', pathNot: '\\.spec\\.tsx?$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-relative-import-across-packages',
      severity: 'error',
      comment: 'Packages reach each other through their `@asr-twin/…` name, never a relative path (`../../..`).',
      from: { path: '^(libs|apps)/([^/]+)/' },
      to: { dependencyTypes: ['local'], dependencyTypesNot: ['aliased'], path: '^(libs|apps|migrations)/', pathNot: '^$1/$2/' },
    },
    {
      name: 'migrations-not-to-packages',
      severity: 'error',
      comment: 'Migrations are reviewed SQL: they import TypeORM only, never the code of the day.',
      from: { path: '^migrations/' },
      to: { path: '^(libs|apps)/' },
    },
    {
      name: 'runtime-not-to-dev-dependencies',
      severity: 'error',
      comment:
        'Runtime code of the server packages must not need a devDependency: `npm ci --omit=dev` (the image) would miss it. ' +
        'Type-only imports vanish at build time. The dashboard is bundled at build time, so its packages are devDependencies.',
      from: { path: '^(libs/[^/]+|apps/(?!dashboard/)[^/]+)/src/|^migrations/', pathNot: SPECS },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unlisted-package',
      severity: 'error',
      comment:
        'A package imported but listed in no package.json: it works only by accident of hoisting. The dashboard build ' +
        "script runs the dashboard's own Vite.",
      from: { pathNot: '^scripts/build-dashboard\\.mjs$' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to no file.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A module nothing imports and that imports nothing: dead code. Scripts of bench/ and scripts/ run on their own.',
      from: {
        orphan: true,
        pathNot: [
          '^(bench|scripts)/[^/]+\\.mjs$',
          '\\.d\\.m?ts$',
          '(^|/)[^/]+\\.config\\.(js|cjs|mjs|ts)$',
          '^\\.dependency-cruiser\\.cjs$',
          '^eslint\\.config\\.js$',
          SPECS,
        ],
      },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['^(apps/[^/]+|libs/[^/]+|migrations)/dist/', '^coverage/', '^test-results/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'require', 'node', 'default'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
