import { expect, test, type Page } from '@playwright/test';
import { demoTraceId } from './page-walk';

/**
 * Issue 16: the theme, the time zone and the refresh interval are the user's to choose and
 * are remembered; finding links keep a relative range; the browser does not retry 4xx nor
 * prefetch every trace link; the search box takes Jaeger UI links.
 */

test.describe('theme', () => {
  test('dark is remembered across reloads and applied before the first paint', async ({ page }) => {
    const violations: string[] = [];
    await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __cspViolation: (s: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`));
      // What the document looks like when parsing ends: the inline theme script has run, the page's effects have not.
      document.addEventListener('readystatechange', () => {
        if (document.readyState !== 'interactive') return;
        (window as unknown as { __atParse: unknown }).__atParse = { dark: document.documentElement.classList.contains('dark') };
      });
    });
    await page.goto('/views');
    await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
    await page.getByTestId('display-settings').click();
    await page.getByTestId('theme-select').selectOption('dark');
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);

    await page.reload();
    const atParse = (await page.evaluate(() => (window as unknown as { __atParse: { dark: boolean } }).__atParse))!;
    expect(atParse.dark).toBe(true);
    await page.getByTestId('display-settings').click();
    await expect(page.getByTestId('theme-select')).toHaveValue('dark');
    expect(violations).toEqual([]);

    await page.getByTestId('theme-select').selectOption('light');
    await page.reload();
    await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
  });

  test('system follows the operating system', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/views');
    await page.getByTestId('display-settings').click();
    await expect(page.getByTestId('theme-select')).toHaveValue('system');
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
  });
});

test.describe('time zone', () => {
  test.use({ timezoneId: 'Asia/Kolkata' });

  test('times are 24-hour UTC by default, local when chosen, remembered, and the header range stays on one line', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const from = '2026-12-04T09:00:00.000Z';
    const to = '2026-12-04T10:30:00.000Z';
    await page.goto(`/anomalies?from=${from}&to=${to}`);
    const button = page.getByTestId('time-range-button');
    await expect(button).toHaveText('2026-12-04 09:00 → 10:30 UTC');
    await expect(page.getByTestId('anomalies-summary')).toContainText('2026-12-04 09:00:00 → 10:30:00 UTC', { timeout: 60_000 });

    await page.getByTestId('display-settings').click();
    await page.getByTestId('time-zone-toggle').getByRole('button', { name: 'Local' }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('time-zone-toggle')).toBeHidden();
    await expect(button).toHaveText('2026-12-04 14:30 → 16:00 GMT+5:30');
    await expect(page.getByTestId('anomalies-summary')).toContainText('2026-12-04 14:30:00 → 16:00:00 GMT+5:30');
    await page.reload();
    await expect(button).toHaveText('2026-12-04 14:30 → 16:00 GMT+5:30');
    await page.getByTestId('display-settings').click();
    await expect(page.getByTestId('time-zone-toggle').getByRole('button', { name: 'Local' })).toHaveAttribute('aria-pressed', 'true');

    // One line: the button is as tall as the search box next to it, and the header is one row.
    const [b, s, h] = await Promise.all([button.boundingBox(), page.getByTestId('trace-search').boundingBox(), page.locator('header').boundingBox()]);
    expect(b!.height).toBeLessThanOrEqual(s!.height + 2);
    expect(h!.height).toBeLessThan(2 * s!.height + 8);

    await page.getByTestId('time-zone-toggle').getByRole('button', { name: 'UTC' }).click();
    await expect(button).toHaveText('2026-12-04 09:00 → 10:30 UTC');
    // The absolute inputs speak the chosen zone too.
    await page.getByTestId('time-zone-toggle').getByRole('button', { name: 'Local' }).click();
    await button.click();
    await expect(page.getByLabel('From')).toHaveValue('2026-12-04T14:30');
  });
});

async function countRequests(page: Page, test: (url: URL) => boolean): Promise<() => number> {
  let n = 0;
  page.on('request', (r) => {
    if (test(new URL(r.url()))) n++;
  });
  return () => n;
}

test('a refresh interval in the URL refetches the data; the button refreshes now', async ({ page }) => {
  const anomalies = await countRequests(page, (u) => u.pathname === '/api/v1/anomalies');
  await page.goto('/anomalies?from=now-1h&to=now');
  await expect(page.getByTestId('anomaly-row').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('refresh-interval')).toHaveValue('off');
  const first = anomalies();
  await page.getByTestId('refresh-now').click();
  await expect.poll(anomalies).toBeGreaterThan(first);

  await page.getByTestId('refresh-interval').selectOption('10s');
  await expect(page).toHaveURL(/refresh=10s/);
  const before = anomalies();
  await expect.poll(anomalies, { timeout: 25_000 }).toBeGreaterThan(before);
  await page.reload();
  await expect(page.getByTestId('refresh-interval')).toHaveValue('10s');
});

test('finding links keep "last 1 hour" instead of freezing the range', async ({ page }) => {
  await page.goto('/anomalies?from=now-1h&to=now');
  const link = page.getByTestId('anomaly-explore-link').first();
  await expect(link).toBeVisible({ timeout: 60_000 });
  const href = new URL((await link.getAttribute('href'))!, 'http://x');
  expect([href.searchParams.get('from'), href.searchParams.get('to')]).toEqual(['now-1h', 'now']);
  await link.click();
  await expect(page).toHaveURL(/\/explore\?/);
  await expect(page.getByTestId('time-range-button')).toHaveText(/Last 1 hour/);
});

test('a 4xx is asked once, and trace links are not prefetched until pointed at', async ({ page }) => {
  test.setTimeout(150_000);
  const bad = await countRequests(page, (u) => u.pathname === '/api/v1/anomalies');
  await page.goto('/anomalies?from=yesterday&to=now');
  await expect(page.getByRole('alert').filter({ hasText: 'from' }).first()).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(3_000); // a retry would have gone out by now (1 s backoff)
  expect(bad()).toBe(1);

  const prefetches = await countRequests(page, (u) => u.pathname.startsWith('/trace/'));
  await page.goto('/?from=now-1h&to=now');
  // An incident's or a worst finding's trace link, whichever the demo shows at this minute.
  const link = page.locator('[data-testid="incident-trace-link"], [data-testid="anomaly-trace-link"]').first();
  await expect(link).toBeVisible({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  expect(prefetches()).toBe(0);
  await link.hover();
  await expect.poll(prefetches).toBeGreaterThan(0);
});

test("the header's page links are prefetched only when pointed at, not with every page load", async ({ page, request }) => {
  // Seven links prefetched in three requests each competed with the trace page's stream for the server.
  const navPaths = new Set(['/', '/traces', '/map', '/explore', '/anomalies', '/views', '/digests']);
  const prefetches = await countRequests(page, (u) => u.searchParams.has('_rsc') && navPaths.has(u.pathname));
  await page.goto(`/trace/${await demoTraceId(request)}?from=now-1h&to=now`);
  await expect(page.getByTestId('span-row').first()).toBeVisible({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  expect(prefetches()).toBe(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).hover();
  await expect.poll(prefetches).toBeGreaterThan(0);
});

test('a pasted Jaeger UI link opens its trace and span; a malformed id says what is wrong', async ({ page, request }) => {
  const traceId = await demoTraceId(request);
  await page.goto('/?from=now-1h&to=now');
  await page.getByTestId('trace-search').fill(`https://jaeger.example.com/trace/${traceId}?uiFind=00f067aa0ba902b7`);
  await page.getByTestId('trace-search').press('Enter');
  await expect(page).toHaveURL(new RegExp(`/trace/${traceId}\\?.*span=00f067aa0ba902b7`));

  await page.getByTestId('trace-search').fill('4bf92f3577b34dz6');
  await page.getByTestId('trace-search').press('Enter');
  await expect(page.getByTestId('trace-search-error')).toContainText('"z" at position 15 is not a hex digit');
  await expect(page.getByTestId('trace-search')).toHaveAttribute('aria-invalid', 'true');
});
