import { expect, test } from '@playwright/test';
import { DEMO_URL } from './playwright.config';

/**
 * The SRE's path through an incident (issue "Correlation"): from a risk-engine error log to
 * its trace, the logs under the right spans, the GC storm on the service's chart, an
 * exemplar to another trace, and a reload that lands on the same view.
 */

interface LogsBody {
  logs: { traceId: string | null; line: string }[];
}

test('walks the demo incident from an error log to its trace, its GC storm and an exemplar', async ({ page, request }) => {
  // A risk-engine error log line and the trace id it carries (structured metadata), asked in
  // the log source's language (LogQL, or Lucene on the tempo-elastic stack).
  const health = (await (await request.get('/api/health')).json()) as { sources: { loki: { backend?: string } } };
  const query = health.sources.loki.backend === 'elasticsearch' ? 'service.name:"risk-engine" AND "scoring failed"' : '{service_name="risk-engine"} |= "scoring failed"';
  const q = new URLSearchParams({ query, from: 'now-30m', to: 'now', limit: '20' });
  const res = await request.get(`/api/v1/query/logs?${q}`);
  expect(res.ok()).toBe(true);
  const withTrace = ((await res.json()) as LogsBody).logs.find((l) => l.traceId);
  expect(withTrace, 'a risk-engine error log that carries a trace id').toBeTruthy();
  const traceId = withTrace!.traceId!;

  // Paste it into the header's search box.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/?from=now-1h&to=now');
  await page.getByTestId('trace-search').fill(traceId.toUpperCase());
  await page.getByTestId('trace-search').press('Enter');
  await expect(page).toHaveURL(new RegExp(`/trace/${traceId}\\?`));

  // The trace, with risk-engine's logs under risk-engine's span (joined by span id).
  const riskRow = page.locator('[data-testid="span-row"][data-service="risk-engine"]').first();
  await expect(riskRow).toBeVisible();
  const riskSpanId = await riskRow.getAttribute('data-span-id');
  await expect(page.locator(`[data-testid="span-logs"][data-span-id="${riskSpanId}"]`).first()).toContainText('scoring failed');
  const joined = page.locator(`[data-testid="log-panel"] [data-testid="log-row"][data-span-id="${riskSpanId}"]`);
  await expect(joined.first()).toBeVisible();
  await expect(joined.first()).toHaveAttribute('data-joined-by', 'span_id');

  // The timeline puts the trace inside the GC storm, and its error logs on the same axis.
  const timeline = page.getByTestId('incident-timeline');
  await expect(timeline.locator('[data-lane="Findings"] [title^="GC storm on risk-engine"]').first()).toBeAttached({ timeout: 30_000 });
  await expect(timeline.locator('[data-lane="This trace"] [data-tone="trace"]')).toHaveCount(1);
  await expect(timeline.locator('[data-lane="Logs"] [data-tone="log-error"]').first()).toBeAttached();

  // The GC storm is shaded on risk-engine's charts (they load when scrolled into view).
  await page.getByRole('heading', { name: 'Metrics of the services involved' }).scrollIntoViewIfNeeded();
  const riskPanels = page.locator('[data-testid="metric-panel"][data-service="risk-engine"]');
  await expect(riskPanels.first()).toBeVisible({ timeout: 30_000 });
  await expect(riskPanels.locator('[data-testid="gc-storm-band"]').first()).toBeAttached();
  await page.evaluate(() => window.scrollTo(0, 0));
  // Test output stays outside the tree; `npm run screenshot` refreshes the README's picture.
  await page.screenshot({ path: process.env.SCREENSHOT_PATH || 'test-results/screenshot.png' });

  // Reload: the same view.
  const url = page.url();
  await page.reload();
  await expect(page).toHaveURL(url);
  await expect(page.locator(`[data-testid="span-row"][data-span-id="${riskSpanId}"]`)).toBeVisible();

  // An exemplar dot on a latency chart opens another trace.
  await page.getByRole('heading', { name: 'Metrics of the services involved' }).scrollIntoViewIfNeeded();
  const dot = page.locator(`a[data-testid="exemplar-dot"]:not([data-trace-id="${traceId}"]):not([data-trace-id=""])`).first();
  await expect(dot).toBeAttached({ timeout: 30_000 });
  const other = await dot.getAttribute('data-trace-id');
  await dot.dispatchEvent('click');
  await expect(page).toHaveURL(new RegExp(`/trace/${other}`));
  await expect(page.getByTestId('trace-view')).toBeVisible();
});

test('shows the orphaned order-service spans as orphans with their cause', async ({ page, request }) => {
  const endUs = Date.now() * 1000;
  const search = await request.get(`${DEMO_URL}/jaeger/api/traces?service=order-service&operation=publishOrderEvent&limit=5&start=${endUs - 1_800_000_000}&end=${endUs}`);
  const ids = ((await search.json()) as { data: { traceID: string }[] }).data.map((t) => t.traceID);
  expect(ids.length).toBeGreaterThan(0);
  await page.goto(`/trace/${ids[0]}?from=now-1h&to=now`);
  const orphan = page.locator('[data-testid="span-row"][data-orphan="true"]').first();
  await expect(orphan).toBeVisible();
  await expect(orphan).toHaveAttribute('data-service', 'order-service');
  await expect(orphan.getByTestId('orphan-marker')).toBeVisible();
  await orphan.click();
  await expect(page.getByTestId('span-drawer')).toBeVisible();
  await expect(page.getByTestId('span-drawer-reason')).toContainText(/context|async/i);
});

test('renders hostile span tags and log lines as text, never as HTML', async ({ page, request }) => {
  const endUs = Date.now() * 1000;
  const tags = encodeURIComponent(JSON.stringify({ 'http.target': '/api/products?q=<script>alert("xss")</script>' }));
  const search = await request.get(`${DEMO_URL}/jaeger/api/traces?service=api-gateway&tags=${tags}&limit=1&start=${endUs - 3 * 3_600_000_000}&end=${endUs}`);
  const ids = ((await search.json()) as { data: { traceID: string }[] }).data.map((t) => t.traceID);
  expect(ids.length, 'the demo plants a trace with a hostile tag').toBeGreaterThan(0);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`/trace/${ids[0]}?from=now-3h&to=now`);
  const root = page.locator('[data-testid="span-row"][data-service="api-gateway"]').first();
  await root.click();
  await expect(page.getByTestId('span-drawer')).toContainText('<script>alert("xss")</script>');
  expect(await page.locator('[data-testid="trace-view"] script').count()).toBe(0);
  expect(dialogs).toEqual([]);
});
