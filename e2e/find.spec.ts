import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

/**
 * Finding the trace (issue 15) on the demo: trace search, the service page, the service map
 * and the span tools inside a trace.
 */

/** Opens the most recent risk-engine trace of the last hour (found through the search API) and waits for its rows. */
async function openRiskEngineTrace(page: Page, request: APIRequestContext): Promise<void> {
  const res = await request.get('/api/v1/traces?service=risk-engine&from=now-1h&to=now&limit=5');
  const { results } = (await res.json()) as { results: { traceId: string }[] };
  expect(results.length).toBeGreaterThan(0);
  await page.goto(`/trace/${results[0].traceId}?from=now-1h&to=now`);
  await expect(page.getByTestId('span-row').first()).toBeVisible({ timeout: 30_000 });
}

test('searches risk-engine for failing traces: every result has an error span, plot and list agree, a result opens its trace', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/traces?from=now-1h&to=now');
  await expect(page.getByTestId('search-needs-service')).toContainText('one service at a time');

  await expect(page.getByTestId('search-service').locator('option[value="risk-engine"]')).toBeAttached();
  await page.getByTestId('search-service').selectOption('risk-engine');
  await page.getByTestId('search-errors').check();
  await page.getByTestId('search-submit').click();
  await expect(page).toHaveURL(/service=risk-engine/);
  await expect(page).toHaveURL(/errors=true/);

  const rows = page.getByTestId('search-result');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  for (const errors of await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-errors'))))) expect(errors).toBeGreaterThan(0);

  // The scatter plot draws one dot per listed result.
  const scatter = page.getByTestId('search-scatter');
  await expect(scatter).toHaveAttribute('data-points', String(count));
  await expect(scatter.locator('.recharts-scatter-symbol')).toHaveCount(count);

  // A result opens its trace, which has an error span.
  const first = rows.first();
  const traceId = await first.getAttribute('data-trace-id');
  await first.getByTestId('search-result-link').click();
  await expect(page).toHaveURL(new RegExp(`/trace/${traceId}`));
  await expect(page.locator('[data-testid="span-row"][data-error="true"]').first()).toBeVisible({ timeout: 30_000 });
});

test('a bad tag expression gets a clear message, and an empty answer says what was searched', async ({ page }) => {
  await page.goto('/traces?from=now-1h&to=now&service=risk-engine&tags=error');
  await expect(page.getByTestId('search-error')).toContainText('"error" has no value');
  await page.goto('/traces?from=now-1h&to=now&service=risk-engine&tags=nothing.has%3Dthis');
  await expect(page.getByTestId('search-empty')).toContainText('service risk-engine, tags nothing.has=this');
});

test('the service page of risk-engine shows its GC storm, the storm incident and its failing traces', async ({ page }) => {
  await page.goto('/services/risk-engine?from=now-1h&to=now');
  await expect(page.getByRole('heading', { name: 'risk-engine' })).toBeVisible();
  await expect(page.locator('[data-testid="service-finding"][data-kind="gc_storm"]').first()).toBeVisible({ timeout: 60_000 });
  // The incident the storm belongs to, as the overview tells it, with risk-engine's name linking back here.
  const storm = page.getByTestId('service-incidents').getByTestId('incident-card').filter({ has: page.locator('[data-testid="incident-finding"][data-kind="gc_storm"]') });
  await expect(storm.first()).toBeVisible({ timeout: 60_000 });
  await expect(storm.first().getByTestId('incident-sentence')).toContainText(/risk-engine (has been|was) in a GC storm/);
  await expect(storm.first().getByTestId('incident-services').getByRole('link', { name: 'risk-engine', exact: true })).toHaveAttribute('href', /^\/services\/risk-engine\?/);
  await expect(page.getByTestId('service-failing').getByTestId('search-result').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('service-callers').locator('[data-neighbour="payment-gateway"]')).toBeVisible();
  await expect(page.getByTestId('log-volume')).toBeVisible();
});

test('the map shows risk-engine with its caller and marks where order-service loses trace context', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/map?from=now-1h&to=now');
  await expect(page.locator('[data-testid="map-node"][data-service="risk-engine"]')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('rf__edge-payment-gateway->risk-engine')).toBeAttached();
  const broken = page.locator('.react-flow__edge.edge-broken');
  await expect(broken).toHaveCount(1);
  await expect(broken).toHaveAttribute('data-testid', /->order-service$/);
  await expect(page.locator('.react-flow__edge-text', { hasText: 'context lost' })).toHaveCount(1);

  await page.locator('[data-testid="map-node"][data-service="risk-engine"]').click();
  await expect(page).toHaveURL(/\/services\/risk-engine\?/);
});

test('inside a trace: filter spans, step through matches with n, and read span statistics', async ({ page, request }) => {
  test.setTimeout(120_000); // a dozen steps, each a render of the whole trace page
  await openRiskEngineTrace(page, request);

  await page.getByTestId('span-filter-service').selectOption('inventory-service');
  await expect(page.getByTestId('span-match-count')).toContainText('2 matches');
  await expect(page.locator('[data-testid="span-row"][data-dimmed="true"]').first()).toBeAttached();
  await page.getByRole('heading', { name: 'Trace', exact: true }).click(); // leave the select: keys go to the page
  await page.keyboard.press('n');
  await expect(page).toHaveURL(/span=/);
  await expect(page.locator('[data-testid="span-row"][aria-selected="true"]')).toHaveAttribute('data-service', 'inventory-service');
  await expect(page.getByTestId('span-match-count')).toContainText('1 of 2');

  await page.getByTestId('span-drawer-close').click();
  await page.getByTestId('span-stats-toggle').click();
  await expect(page.getByTestId('span-stats-row')).toHaveCount(2); // the two inventory-service operations

  // Only the critical path: every span left undimmed is on it.
  await page.getByTestId('span-filter-service').selectOption('');
  // The checkbox follows the URL, which updates a moment after the click.
  await page.getByTestId('span-filter-critical').click();
  await expect(page.getByTestId('span-filter-critical')).toBeChecked();
  await expect(page.getByTestId('span-match-count')).toContainText(/[1-9]\d* match/);
  const undimmed = page.locator('[data-testid="span-row"]:not([data-dimmed="true"])');
  expect(await undimmed.count()).toBeGreaterThan(0);
  for (const critical of await undimmed.evaluateAll((els) => els.map((e) => e.getAttribute('data-critical')))) expect(critical).toBe('true');
});

test('a span filter shows before the address follows; the address stays the truth for reload, a new range and Back', async ({ page, request }) => {
  test.setTimeout(120_000);
  await openRiskEngineTrace(page, request);

  await page.getByTestId('span-filter-service').selectOption('inventory-service');
  await expect(page.getByTestId('span-match-count')).toContainText('2 matches');
  await expect(page).toHaveURL(/fsvc=inventory-service/);
  await page.getByTestId('span-filter-errors').click();
  await expect(page).toHaveURL(/ferr=1/);
  await expect(page.getByTestId('span-filter-errors')).toBeChecked();

  await page.reload();
  await expect(page.getByTestId('span-filter-service')).toHaveValue('inventory-service', { timeout: 30_000 });
  await expect(page.getByTestId('span-filter-errors')).toBeChecked();

  // A navigation (a new range) carries the filter; Back returns to the address before it.
  await page.getByTestId('span-filter-errors').click();
  await expect(page.getByTestId('span-filter-errors')).not.toBeChecked();
  await page.getByTestId('time-range-button').click();
  await page.getByRole('button', { name: 'Last 6 hours' }).click();
  await expect(page).toHaveURL(/from=now-6h/);
  await expect(page).toHaveURL(/fsvc=inventory-service/);
  await expect(page).not.toHaveURL(/ferr=/);
  await expect(page.getByTestId('span-filter-errors')).not.toBeChecked();
  await page.goBack();
  await expect(page).toHaveURL(/from=now-1h/);
  await expect(page.getByTestId('span-filter-service')).toHaveValue('inventory-service');
  await expect(page.getByTestId('span-filter-errors')).not.toBeChecked();
  await expect(page.getByTestId('span-match-count')).toContainText('2 matches');

  // The other state of the page goes the same way: a collapsed span is in the address and survives a reload.
  const toggle = page.getByTestId('span-toggle').first();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page).toHaveURL(/collapsed=/);
  await page.reload();
  await expect(page.getByTestId('span-toggle').first()).toHaveAttribute('aria-expanded', 'false', { timeout: 30_000 });
});

test('a service name links to its page wherever it is shown: overview, anomalies, incidents, search results, a trace, explore legends', async ({ page }) => {
  test.setTimeout(120_000); // six pages, each waiting on a scan or a search
  const toRiskEngine = 'a[href^="/services/risk-engine?"]';
  await page.goto('/?from=now-1h&to=now');
  await expect(page.locator(`[data-testid="count-row"][data-service="risk-engine"] ${toRiskEngine}`)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('incident-services').locator(toRiskEngine).first()).toBeVisible({ timeout: 60_000 });

  await page.goto('/anomalies?from=now-1h&to=now');
  await expect(page.locator(`[data-testid="service-group"][data-service="risk-engine"] ${toRiskEngine}`).first()).toBeVisible({ timeout: 60_000 });

  await page.goto('/traces?from=now-1h&to=now&service=risk-engine&limit=5');
  const result = page.getByTestId('search-result').first();
  await expect(result.locator(toRiskEngine)).toBeVisible({ timeout: 30_000 });
  await result.getByTestId('search-result-link').click();
  await expect(page.getByTestId('span-row').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator(`[data-testid="trace-view"] ${toRiskEngine}`).first()).toBeVisible();

  // A chart legend: each series of the Go services names its service (worker leaks goroutines).
  await page.goto(`/explore?from=now-1h&to=now&query=go_goroutines`);
  const legend = page.getByTestId('chart-legend').locator('a[href^="/services/worker?"]');
  await expect(legend.first()).toBeVisible({ timeout: 30_000 });
  await legend.first().click();
  await expect(page).toHaveURL(/\/services\/worker\?/);
  await expect(page.getByRole('heading', { name: 'worker' })).toBeVisible();
});
