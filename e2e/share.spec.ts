import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO_URL } from './playwright.config';

/**
 * Sharing what you found: one SRE shares a snapshot of a demo trace, the demo backends go
 * away, and a second person (a fresh browser context that cannot reach any data API)
 * still sees the trace and its logs from the link.
 */

const HOUR_US = 3_600_000_000;

/** A demo trace that has spans and correlated log lines, found through the app itself. */
async function demoTraceWithLogs(request: APIRequestContext): Promise<string> {
  const endUs = Date.now() * 1000;
  const search = await request.get(`${DEMO_URL}/jaeger/api/traces?service=api-gateway&limit=20&start=${endUs - 3 * HOUR_US}&end=${endUs}`);
  expect(search.ok()).toBe(true);
  const ids = ((await search.json()) as { data: { traceID: string }[] }).data.map((t) => t.traceID);
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) {
    const res = await request.get(`/api/v1/traces/${id}/correlated?from=now-3h&to=now`);
    if (!res.ok()) continue;
    const body = (await res.json()) as { trace: { spans: unknown[] } | null; logs: unknown[] };
    if ((body.trace?.spans.length ?? 0) > 0 && body.logs.length > 0) return id;
  }
  throw new Error(`none of the ${ids.length} demo api-gateway traces has correlated logs`);
}

test.describe('share links', () => {
  test.afterEach(async ({ request }) => {
    // Other specs share this server: always bring the demo backends back.
    await request.post(`${DEMO_URL}/control`, { data: { backends: true } });
  });

  test('a snapshot of a demo trace still shows its spans and logs after the backends are gone', async ({ browser, request }) => {
    const traceId = await demoTraceWithLogs(request);

    const sre1 = await browser.newContext();
    const page1 = await sre1.newPage();
    await page1.goto(`/trace/${traceId}?from=now-3h&to=now`);
    await expect(page1.getByTestId('span-row').first()).toBeVisible();
    await expect(page1.getByTestId('log-row').first()).toBeVisible();
    const firstSpanText = (await page1.getByTestId('span-row').first().innerText()).trim();

    await page1.getByTestId('share-button').click();
    const dialog = page1.getByTestId('share-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('share-kind-snapshot').check();
    await dialog.getByTestId('share-expiry').selectOption('7d');
    await dialog.getByTestId('share-create').click();
    const shareUrl = await dialog.getByTestId('share-url').inputValue();
    expect(shareUrl).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
    await expect(dialog.getByTestId('share-row')).toHaveCount(1);
    await sre1.close();

    // The demo backends go away: live views of the trace can no longer load it.
    const off = await request.post(`${DEMO_URL}/control`, { data: { backends: false } });
    expect(off.ok()).toBe(true);
    expect((await request.get(`${DEMO_URL}/jaeger/api/traces/${traceId}`)).status()).toBe(503);

    // The second SRE cannot reach any data API at all.
    const sre2 = await browser.newContext();
    const blocked: string[] = [];
    await sre2.route(/\/api\/v1\/(traces|query|anomalies)/, (route) => {
      blocked.push(route.request().url());
      return route.abort();
    });
    const page2 = await sre2.newPage();
    const response = await page2.goto(shareUrl);
    // The share link itself (a redirect to the snapshot page) keeps the token out of Referer headers.
    const linkResponse = await response?.request().redirectedFrom()?.response();
    expect(linkResponse?.status()).toBe(303);
    expect(linkResponse?.headers()['referrer-policy']).toBe('no-referrer');
    expect(linkResponse?.headers()['x-robots-tag']).toMatch(/noindex/);
    await expect(page2).toHaveURL(/\/s\/[A-Za-z0-9_-]{43}\/view$/);
    await expect(page2.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
    await expect(page2.getByTestId('snapshot-banner')).toContainText(`Snapshot of /trace/${traceId}`);
    await expect(page2.getByTestId('snapshot-banner')).toContainText('read-only');
    await expect(page2.getByTestId('span-row').first()).toBeVisible();
    expect((await page2.getByTestId('span-row').first().innerText()).trim()).toBe(firstSpanText);
    await expect(page2.getByTestId('log-row').first()).toBeVisible();
    await expect(page2.getByTestId('share-button')).toHaveCount(0); // a snapshot is read-only
    // The snapshot was streamed to the page as its stored gzip, not serialized into the HTML.
    expect(await (await page2.request.get(page2.url())).text()).not.toContain(traceId);
    expect(blocked.filter((u) => u.includes(traceId))).toEqual([]); // the data came from the snapshot
    await sre2.close();
  });

  test('an unknown or cut-off link is a clear page without data', async ({ page }) => {
    const unknown = await page.goto(`/s/${'A'.repeat(43)}`);
    expect(unknown?.status()).toBe(404);
    await expect(page.getByRole('heading')).toHaveText('This share link does not exist');
    const cut = await page.goto('/s/abc');
    expect(cut?.status()).toBe(404);
    await expect(page.getByRole('heading')).toHaveText('This is not a valid share link');
  });
});
