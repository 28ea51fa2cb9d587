import next from 'eslint-config-next';
import nextTs from 'eslint-config-next/typescript';

/**
 * The boundaries of docs/architecture.md ("Rules of the house"), enforced:
 * - lib/ never imports app/ or components/;
 * - pure folders (model, time, correlate, anomalies, the API contract, routes) do no I/O;
 * - only lib/sources/ calls fetch. Allowed exceptions, each on purpose: the browser's API
 *   client (components/ui/use-api.ts) calls our own API; the transport's measured fetch
 *   (lib/telemetry/instrumented-fetch.ts); snapshot capture fetches our own pages
 *   (lib/views/service.ts hands it the fetch); digest channels post to webhooks and Slack
 *   (lib/digests/channels/http-post.ts). Scripts, bench and tests are outside the app.
 * - the app (app/, components/, lib/, proxy.ts) never imports demo/: the demo is its own
 *   process, reached over HTTP like any backend; demo/ in turn never imports the app's
 *   UI, framework or I/O layers (it builds on the scenario and lib's pure model only).
 */
const PURE = ['lib/model/**', 'lib/time/**', 'lib/correlate/**', 'lib/anomalies/**', 'lib/api/contract/**', 'lib/routes.ts'];
const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/test-helpers.ts', '**/test-fakes.ts', '**/test-*.ts'];
const FETCH_ALLOWED = [
  'lib/sources/**',
  'components/ui/use-api.ts',
  'lib/telemetry/instrumented-fetch.ts',
  'lib/views/service.ts',
  'lib/digests/channels/http-post.ts',
  'scripts/**',
  'bench/**',
  'tests/**',
  'e2e/**',
  ...TESTS,
];

const UI_IMPORTS = { group: ['@/app/*', '@/components/*', '**/app/*', '**/components/*'], message: 'lib/ never imports app/ or components/ (docs/architecture.md).' };
const DEMO_IMPORTS = { group: ['@/demo', '@/demo/*', '**/demo/*'], message: 'The demo is its own process (demo/, docs/architecture.md): the app reaches it over HTTP, never by import.' };
const APP_ONLY = { group: ['next', 'next/*', '@prisma/*', '**/generated/*', '**/lib/config', '**/lib/db', '**/lib/sources', '**/lib/sources/*', '**/lib/investigate/*', '**/lib/api/*'], allowTypeImports: true, message: 'The demo stands in for a backend: it uses the scenario and lib\'s pure model, never the app\'s framework or I/O layers (docs/architecture.md).' };

const config = [
  ...next,
  ...nextTs,
  {
    rules: {
      // `const { dropped: _dropped, ...rest } = obj` is how we omit fields.
      '@typescript-eslint/no-unused-vars': ['warn', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs'],
    ignores: FETCH_ALLOWED,
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Only lib/sources/ talks to backends (docs/architecture.md); see eslint.config.mjs for the allowed exceptions.' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name=/^(globalThis|window|self)$/][property.name='fetch']", message: 'Only lib/sources/ talks to backends (docs/architecture.md).' },
      ],
    },
  },
  {
    // Tests may use the demo's data as fixtures; shipped app code reaches the demo over HTTP only.
    files: ['app/**/*.ts', 'app/**/*.tsx', 'components/**/*.ts', 'components/**/*.tsx', 'proxy.ts', 'instrumentation*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [DEMO_IMPORTS] }] },
  },
  {
    // Tests beside lib code may check that a component follows a lib rule; shipped code may not import the UI.
    files: ['lib/**/*.ts', 'lib/**/*.tsx'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [UI_IMPORTS, DEMO_IMPORTS] }] },
  },
  {
    files: ['demo/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [UI_IMPORTS, APP_ONLY] }] },
  },
  {
    files: PURE,
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            UI_IMPORTS,
            DEMO_IMPORTS,
            { group: ['node:*', 'fs', 'fs/*', 'path', 'http', 'https', 'net', 'child_process', 'os'], message: 'Pure folders do no I/O (docs/architecture.md).' },
            { group: ['next', 'next/*', '@prisma/*', 'pg', 'better-sqlite3', 'nodemailer', '**/generated/*'], message: 'Pure folders do no I/O (docs/architecture.md).' },
            {
              group: ['**/sources', '**/sources/*', '**/investigate', '**/investigate/**', '**/views/*', '**/digests/*', '**/db', '**/config', '**/telemetry', '**/telemetry/*', '**/query/*'],
              allowTypeImports: true,
              message: 'Pure folders take data as arguments; only types may come from the I/O layers (docs/architecture.md).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['fetch', 'XMLHttpRequest', 'WebSocket', 'setTimeout', 'setInterval', 'localStorage', 'process'].map((name) => ({ name, message: 'Pure folders do no I/O (docs/architecture.md).' })),
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'Pure code takes `nowMs` as an argument (docs/architecture.md).' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pure code takes `nowMs` as an argument (docs/architecture.md).' },
        { selector: "MemberExpression[object.name='performance'][property.name='now']", message: 'Pure code takes `nowMs` as an argument (docs/architecture.md).' },
        { selector: "MemberExpression[object.name=/^(globalThis|window|self)$/][property.name='fetch']", message: 'Pure folders do no I/O (docs/architecture.md).' },
      ],
    },
  },
  { ignores: ['node_modules/**', '.next/**', 'generated/**', 'data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
];

export default config;
