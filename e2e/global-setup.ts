import type { FullConfig } from '@playwright/test';
import { LATER_URL } from './playwright.config';

/**
 * The demo's metrics history is backfilled, but exemplars only arrive when Prometheus
 * scrapes the demo process's live exporter. Wait for the first successful scrape so the specs see
 * the incident the way a user a minute later would.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  await Promise.all([waitForScrape(config.projects[0].use.baseURL!), waitForScrape(LATER_URL)]);
}

export async function waitForScrape(base: string): Promise<void> {
  const q = new URLSearchParams({ query: 'up{job="triangulate-demo"} == 1', from: 'now-5m', to: 'now', step: '5' });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${base}/api/v1/query/metrics?${q}`);
      const body = (await res.json()) as { series?: { points: unknown[] }[] };
      if (res.ok && (body.series?.[0]?.points.length ?? 0) > 0) return;
    } catch {
      /* the server is still starting */
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`the demo Prometheus of ${base} never scraped the demo exporter: exemplars will be missing`);
}
