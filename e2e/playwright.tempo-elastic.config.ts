import { defineConfig } from '@playwright/test';
import base, { BASE_URL, demoServer } from './playwright.config';

/**
 * The trace-page walk (investigate*.spec.ts) on the second demo flavour (issue 17):
 * `npm run demo -- --stack tempo-elastic`, traces from the demo Tempo and logs from the demo
 * Elasticsearch. Same ports as the main config (E2E_PORT, the demo process one above), so the
 * specs' DEMO_URL holds; run it on its own:
 *   E2E_PORT=… playwright test --config e2e/playwright.tempo-elastic.config.ts
 */
const PORT = Number(new URL(BASE_URL).port);

export default defineConfig({
  ...base,
  testMatch: '**/investigate*.spec.ts',
  outputDir: '../test-results/e2e-tempo-elastic-artifacts',
  reporter: [['list'], ['json', { outputFile: '../test-results/e2e-tempo-elastic.json' }]],
  globalSetup: './global-setup-one.ts',
  webServer: [demoServer(PORT, ['--stack tempo-elastic'], {}, `e2e-tempo-elastic-${PORT}`)],
});
