import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT || 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
/** A second demo whose story was anchored two hours ago: the demo as it looks after running two hours. */
export const LATER_PORT = PORT + 1000;
export const LATER_URL = `http://127.0.0.1:${LATER_PORT}`;
/** Each demo's own process (demo/main.ts: the demo Loki at /loki, Jaeger at /jaeger, /control), one port above its app. */
export const DEMO_URL = `http://127.0.0.1:${PORT + 1}`;
export const LATER_DEMO_URL = `http://127.0.0.1:${LATER_PORT + 1}`;
/** E2E_LATER_SHIFT_MIN moves it further on, to try another phase of its 30-minute story cycle. */
const LATER_SHIFT_MS = Number(process.env.E2E_LATER_SHIFT_MIN ?? 0) * 60_000;
const LATER_ANCHOR_MS = Math.floor((Date.now() - 2 * 3_600_000 - LATER_SHIFT_MS) / 60_000) * 60_000;

/**
 * `npm run demo` on `port` (the demo process one above) as a Playwright web server, with its
 * own database; `args` pick the demo's flavour (e.g. `--stack tempo-elastic`).
 */
export function demoServer(port: number, args: string[] = [], env: Record<string, string> = {}, dbName = `e2e-${port}`) {
  return {
    command: ['node_modules/.bin/tsx scripts/run-demo.ts', ...args, `--port ${port} --demo-port ${port + 1}`].join(' '),
    cwd: '..',
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    env: { DATABASE_URL: `file:./data/${dbName}.db`, NEXT_TELEMETRY_DISABLED: '1', ...env },
  };
}

// Debian's Chromium; Playwright never downloads a browser here.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../test-results/e2e-artifacts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '../test-results/e2e.json' }]],
  globalSetup: './global-setup.ts',
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: [
    // The demo exactly as `npm run demo` runs it: real Prometheus + the demo process + the app.
    // The digest test's receiver listens on 127.0.0.1, which the egress policy denies unless listed.
    demoServer(PORT, [], { DIGEST_EGRESS_ALLOW: '127.0.0.1' }),
    // The same demo with the clock two hours on (incidents.spec.ts).
    demoServer(LATER_PORT, [], { DEMO_ANCHOR_MS: String(LATER_ANCHOR_MS) }),
  ],
});
