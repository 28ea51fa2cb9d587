import type { FullConfig } from '@playwright/test';
import { waitForScrape } from './global-setup';

/** As global-setup.ts, for a config with one demo (playwright.tempo-elastic.config.ts). */
export default async function globalSetup(config: FullConfig): Promise<void> {
  await waitForScrape(config.projects[0].use.baseURL!);
}
