import { expect, test, type Page } from '@playwright/test';
import { stepThroughWithJK } from './list-keys';

/**
 * Explore at the level SREs know from Grafana (issue 16): PromQL completion from the
 * backend's names, click-to-isolate legends, drag to zoom, the log volume histogram and log
 * context, against the demo (a real Prometheus and the demo Loki).
 */

const explore = (p: Record<string, string>) => `/explore?${new URLSearchParams({ from: 'now-1h', to: 'now', ...p })}`;

async function chartReady(page: Page) {
  const chart = page.getByTestId('explore-metrics').getByTestId('time-series-chart');
  await expect(chart.locator('.recharts-line-curve').first()).toBeVisible();
  return chart;
}

/** Types the start of a metric name into an empty PromQL editor; the completion popup offers the whole name. */
async function completeMetricName(page: Page) {
  await page.goto(explore({}));
  await page.getByTestId('query-editor-promql').locator('.cm-content').click();
  await page.keyboard.type('http_requests_to');
  const popup = page.locator('.cm-tooltip-autocomplete');
  await expect(popup).toContainText('http_requests_total');
  return popup;
}

test('the PromQL editor completes metric names from Prometheus, through our API', async ({ page }) => {
  const direct: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(new URL(page.url() || 'http://127.0.0.1').origin) && /api\/v1\/(labels|label|metadata)/.test(r.url())) direct.push(r.url());
  });
  await completeMetricName(page);
  expect(direct).toEqual([]);
});

/**
 * CodeMirror ignores Enter and the arrows for 75 ms after a completion list opens
 * (`interactionDelay`, @codemirror/autocomplete), so that a list appearing under a keypress
 * does not take it; Enter then inserts a newline. A test that presses Enter the moment the
 * list is in the DOM races that guard (measured: 46-68 ms after it appeared), which left
 * `http_requests_to` plus a newline in the editor and no labels to offer for that name. A
 * person reads the list first: so does the test.
 */
const COMPLETION_INTERACTION_DELAY_MS = 75;
async function acceptCompletion(page: Page) {
  await page.waitForTimeout(COMPLETION_INTERACTION_DELAY_MS + 25);
  await page.keyboard.press('Enter');
}

test('the PromQL editor completes label names after `{` and label values after `code="`, through our API', async ({ page }) => {
  const direct: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(new URL(page.url() || 'http://127.0.0.1').origin) && /api\/v1\/(labels|label|metadata|series)/.test(r.url())) direct.push(r.url());
  });
  const popup = await completeMetricName(page);
  const editor = page.getByTestId('query-editor-promql').locator('.cm-content');
  await acceptCompletion(page);
  await expect(editor).toHaveText('http_requests_total');

  // The labels and values on offer are the ones Prometheus has for this metric.
  const ask = async (path: string) => ((await (await page.request.get(`/api/v1/query/promql/${path}`)).json()) as { data: string[] }).data;
  const match = encodeURIComponent('http_requests_total{}');
  const labels = await ask(`labels?match=${match}`);
  expect(labels).toEqual(expect.arrayContaining(['code', 'route']));
  await page.keyboard.type('{');
  await expect(editor).toHaveText('http_requests_total{}');
  for (const label of labels.filter((l) => l !== '__name__')) await expect(popup.getByRole('option', { name: label, exact: true })).toBeVisible();

  const codes = await ask(`label-values?label=code&match=${match}`);
  expect(codes.length).toBeGreaterThan(0);
  await page.keyboard.type('code="');
  for (const code of codes) await expect(popup.getByRole('option', { name: code, exact: true })).toBeVisible();
  await acceptCompletion(page);
  await expect(editor).toHaveText(new RegExp(`^http_requests_total\\{code="(${codes.join('|')})"\\}$`));
  expect(direct).toEqual([]);
});

test('the y-axis has units and distinct ticks; a legend click shows only that series, a second click all again', async ({ page }) => {
  await page.goto(explore({ query: 'sum by (code) (rate(http_requests_total[5m]))' }));
  const chart = await chartReady(page);
  // Recharts 3 draws tick labels in a layer outside the axis group: take the chart's tick
  // labels that are not times (the x-axis ones are HH:MM).
  const tickText = chart.locator('.recharts-cartesian-axis-tick-value');
  await expect(tickText.first()).toBeVisible();
  const ticks = (await tickText.allTextContents()).filter((t) => !/^\d\d:\d\d/.test(t));
  expect(ticks.length).toBeGreaterThan(1);
  expect(new Set(ticks).size).toBe(ticks.length);
  for (const t of ticks) expect(t).toMatch(/\/s$/);

  const items = page.getByTestId('explore-metrics').getByTestId('chart-legend-item');
  const count = await items.count();
  expect(count).toBeGreaterThan(1);
  await expect(chart.locator('.recharts-line-curve')).toHaveCount(count);
  await items.nth(1).click();
  await expect(chart.locator('.recharts-line-curve')).toHaveCount(1);
  await expect(items.nth(1)).toHaveAttribute('aria-pressed', 'true');
  await expect(items.nth(0)).toHaveAttribute('aria-pressed', 'false');
  await items.nth(0).click({ modifiers: ['Shift'] });
  await expect(chart.locator('.recharts-line-curve')).toHaveCount(2);
  await items.nth(0).click();
  await items.nth(0).click();
  await expect(chart.locator('.recharts-line-curve')).toHaveCount(count);
});

test('a sum() without labels is named after its query, and several queries share one chart', async ({ page }) => {
  await page.goto(explore({ query: 'sum(rate(http_requests_total[5m]))', queryB: 'sum(rate(http_request_duration_seconds_count[5m]))' }));
  const chart = await chartReady(page);
  await expect(chart.locator('.recharts-line-curve')).toHaveCount(2);
  const items = page.getByTestId('explore-metrics').getByTestId('chart-legend-item');
  await expect(items.nth(0)).toHaveText('A: sum(rate(http_requests_total[5m]))');
  await expect(items.nth(1)).toHaveText('B: sum(rate(http_request_duration_seconds_count[5m]))');
  await expect(page.getByTestId('metric-query-row')).toHaveCount(2);
});

test('dragging across the chart zooms the range in the URL', async ({ page }) => {
  await page.goto(explore({ query: 'sum(rate(http_requests_total[5m]))' }));
  const chart = await chartReady(page);
  const box = (await chart.locator('.recharts-cartesian-grid').boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, y, { steps: 8 });
  await expect(chart.getByTestId('zoom-selection')).toBeAttached();
  await page.mouse.move(box.x + box.width * 0.6, y, { steps: 4 });
  await page.mouse.up();
  await expect(page).toHaveURL(/from=\d{4}-\d\d-\d\dT/);
  const url = new URL(page.url());
  const from = Date.parse(url.searchParams.get('from')!);
  const to = Date.parse(url.searchParams.get('to')!);
  // About 30 % of the hour: well inside it, far shorter than it.
  expect(to - from).toBeGreaterThan(5 * 60_000);
  expect(to - from).toBeLessThan(30 * 60_000);
  expect(url.searchParams.get('cursor')).toBeNull();
});

test('log results have a volume histogram by level and show the context of one line', async ({ page }) => {
  await page.goto(explore({ logql: '{service_name="risk-engine"}' }));
  const volume = page.getByTestId('log-volume');
  // The volume is a metric query over the whole hour: give a loaded demo Loki time.
  await expect(volume).toBeVisible({ timeout: 45_000 });
  expect(Number(await volume.getAttribute('data-total'))).toBeGreaterThan(0);
  await expect(volume.getByTestId('log-volume-level').first()).toBeVisible();
  await expect(volume.locator('.recharts-bar-rectangle').first()).toBeAttached();

  const rows = page.getByTestId('explore-log-row');
  await rows.nth(5).click();
  await page.getByTestId('log-show-context').click();
  const ctx = page.getByTestId('log-context');
  await expect(ctx.getByTestId('log-context-anchor')).toBeVisible();
  await expect(ctx.getByTestId('log-context-line').first()).toBeVisible();
  await expect(ctx).toContainText('{job="risk-engine"');
  await ctx.getByTestId('log-context-close').click();
  await expect(ctx).toHaveCount(0);
});

test('a filter from a log row narrows the query, and wrap shows long lines whole', async ({ page }) => {
  await page.goto(explore({ logql: '{service_name="risk-engine"}' }));
  await page.getByTestId('explore-log-row').first().click();
  await page.getByRole('button', { name: /^Filter for level=/ }).first().click();
  await expect(page).toHaveURL(/logql=.*%7C\+level%3D/);
  await page.getByTestId('logs-wrap').check();
  await expect(page.getByTestId('explore-log-text').first()).toHaveClass(/whitespace-pre-wrap/);
});

test('j and k step through the log rows like every list, and Enter opens the focused row', async ({ page }) => {
  await page.goto(explore({ logql: '{service_name="risk-engine"}' }));
  const rows = page.locator('[data-testid="explore-log-row"][data-list-item]');
  await expect(rows.nth(2)).toBeVisible();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await stepThroughWithJK(page, rows);
  await page.keyboard.press('Enter');
  await expect(rows.nth(1).getByTestId('log-row-toggle')).toHaveAttribute('aria-expanded', 'true');
});

test('an empty |= "gc pause" suggests the case-insensitive filter that finds lines', async ({ page }) => {
  await page.goto(explore({ logql: '{service_name="risk-engine"} |= "gc pause"' }));
  const hint = page.getByTestId('logs-case-hint');
  await expect(hint).toBeVisible();
  await hint.getByTestId('logs-case-hint-run').click();
  await expect(page).toHaveURL(/%28%3Fi%29gc/);
  await expect(page.getByTestId('explore-log-row').first()).toBeVisible();
});

test('a 30-day rate([5m]) at a coarse step warns that samples are skipped and offers the safe step', async ({ page }) => {
  await page.goto(explore({ query: 'sum(rate(http_requests_total[5m]))', from: 'now-30d' }));
  const advice = page.getByTestId('step-advice');
  await expect(advice).toContainText('longer than the [5m] range');
  await advice.getByTestId('step-advice-step').click();
  await expect(page).toHaveURL(/step=5m/);
  await expect(page.getByTestId('step-advice')).toHaveCount(0);
});

test('a run query is in History, whose popover closes on Esc, on a click outside and on a pick', async ({ page }) => {
  await page.goto(explore({ query: 'sum(up)' }));
  await page.getByTestId('run-promql').click();
  const open = page.getByTestId('history-promql');
  const list = page.getByTestId('history-list-promql');
  await open.click();
  await expect(list).toContainText('sum(up)');
  await expect(page.getByRole('textbox', { name: 'Search query history' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await open.click();
  await expect(list).toBeVisible();
  await page.getByRole('heading', { name: /Logs/ }).click();
  await expect(list).toBeHidden();
  await open.click();
  await list.getByRole('button', { name: /sum\(up\)/ }).click();
  await expect(list).toBeHidden();
  await expect(open).toHaveAttribute('aria-expanded', 'false');
});
