import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO_URL } from './playwright.config';

/**
 * The trace page's issue-16 behaviour on the demo: the incident timeline groups findings by
 * kind and service in a capped box, the span drawer closes on Escape and leaves the header
 * usable, every service with RED metrics has an error-rate panel, and a trace that exemplars
 * have named for longer than the late-arrival window is called a dead link, with the named
 * service's metrics.
 */

interface TraceList {
  data: { traceID: string }[];
}

async function demoTrace(request: APIRequestContext, service: string, operation: string): Promise<string> {
  const endUs = Date.now() * 1000;
  const res = await request.get(`${DEMO_URL}/jaeger/api/traces?service=${service}&operation=${operation}&limit=5&start=${endUs - 1_800_000_000}&end=${endUs}`);
  const ids = ((await res.json()) as TraceList).data.map((t) => t.traceID);
  expect(ids.length, `a demo trace of ${service} ${operation}`).toBeGreaterThan(0);
  return ids[0];
}

test('groups the timeline findings by kind and service in a box that does not push the waterfall down', async ({ page, request }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const id = await demoTrace(request, 'order-service', 'publishOrderEvent');
  await page.goto(`/trace/${id}?from=now-1h&to=now`);
  const findings = page.locator('[data-testid="incident-timeline"] [data-lane="Findings"]');
  await expect(page.getByTestId('investigation-pending')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('timeline-finding-row').first()).toBeAttached();
  const rows = await page.getByTestId('timeline-finding-row').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}/${e.getAttribute('data-service')}`));
  expect(new Set(rows).size, 'one row per kind and service').toBe(rows.length);
  expect(rows).toContain('orphan_span/order-service');
  const box = await findings.boundingBox();
  expect(box!.height).toBeLessThanOrEqual(6 * 20 + 1);
  // The waterfall's first rows are on screen with the investigation landed.
  const firstRow = page.getByTestId('span-row').first();
  const rowBox = await firstRow.boundingBox();
  expect(rowBox!.y + rowBox!.height).toBeLessThan(900);
});

test('the span drawer shows log messages, closes on Escape (not on an Escape typed in the header search) and leaves the header search usable', async ({ page, request }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const q = new URLSearchParams({ query: '{service_name="risk-engine"} |= "scoring failed"', from: 'now-30m', to: 'now', limit: '20' });
  const logs = (await (await request.get(`/api/v1/query/logs?${q}`)).json()) as { logs: { traceId: string | null }[] };
  const traceId = logs.logs.find((l) => l.traceId)!.traceId!;
  await page.goto(`/trace/${traceId}?from=now-1h&to=now`);
  await expect(page.getByTestId('investigation-pending')).toHaveCount(0, { timeout: 60_000 });
  const risk = page.locator('[data-testid="span-row"][data-service="risk-engine"]').first();
  await risk.click();
  const drawer = page.getByTestId('span-drawer');
  await expect(drawer).toBeVisible();

  // A log row shows its message, and opens on click (whole line, a link to Explore around it).
  const row = drawer.getByTestId('drawer-log-row').filter({ hasText: 'scoring failed' }).first();
  await expect(row.getByTestId('drawer-log-message')).toContainText('scoring failed', { timeout: 30_000 });
  await row.locator('button').first().click();
  await expect(row).toHaveAttribute('data-open', 'true');
  await expect(row.getByTestId('drawer-log-explore')).toHaveAttribute('href', /^\/explore\?logql=/);

  // The header's search and time picker are not under the drawer.
  const search = page.getByTestId('trace-search');
  const searchBox = (await search.boundingBox())!;
  const drawerBox = (await drawer.boundingBox())!;
  expect(drawerBox.y).toBeGreaterThanOrEqual(searchBox.y + searchBox.height);
  await search.click();
  await expect(search).toBeFocused();

  // Escape typed in the search box is the search box's: it clears it, the drawer stays.
  await page.keyboard.type('not a trace');
  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(search).toBeFocused();
  await expect(drawer).toBeVisible();

  // Outside a field Escape closes the drawer.
  await search.blur();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(page).not.toHaveURL(/[?&]span=/);
});

test('shows an error-rate panel for the services with request metrics, the ones with findings open', async ({ page, request }) => {
  const q = new URLSearchParams({ query: '{service_name="risk-engine"} |= "scoring failed"', from: 'now-30m', to: 'now', limit: '20' });
  const logs = (await (await request.get(`/api/v1/query/logs?${q}`)).json()) as { logs: { traceId: string | null }[] };
  const traceId = logs.logs.find((l) => l.traceId)!.traceId!;
  await page.goto(`/trace/${traceId}?from=now-1h&to=now`);
  await page.getByRole('heading', { name: 'Metrics of the services involved' }).scrollIntoViewIfNeeded();
  const risk = page.locator('[data-testid="metric-service"][data-service="risk-engine"]');
  await expect(risk).toHaveAttribute('open', '', { timeout: 30_000 });
  const panel = risk.locator('[data-testid="metric-panel"][data-panel="error_rate"]');
  await expect(panel).toBeVisible();
  await expect(panel.locator('h4')).toHaveText('Error rate');
  await expect(panel.locator('.recharts-line').first()).toBeAttached();
  // A service without findings starts collapsed: its panels are not drawn.
  const closed = page.locator('[data-testid="metric-service"]:not([open])').first();
  if ((await closed.count()) > 0) await expect(closed.getByTestId('metric-panel')).toHaveCount(0);
});

test('calls a trace that exemplars have named for longer than the late-arrival window a dead link, with the named service\'s metrics', async ({ page, request }) => {
  test.setTimeout(240_000);
  // The demo's sampled-out trace: an exemplar of risk-engine points at it on every scrape.
  const find = async () => {
    const res = await request.get('/api/v1/anomalies?from=now-1h&to=now&kind=missing_trace');
    const body = (await res.json()) as { anomalies: { subject: { traceId?: string }; evidence: { firstSeen?: string; cause?: string } }[] };
    return body.anomalies.find((a) => a.subject.traceId);
  };
  let missing = await find();
  await expect.poll(async () => (missing = await find()) !== undefined, { timeout: 60_000 }).toBe(true);
  const traceId = missing!.subject.traceId!;
  // Wait until its first sighting is past the late-arrival window (2 min), as an SRE later would.
  const firstSeen = Date.parse(missing!.evidence.firstSeen!);
  const wait = firstSeen + 2 * 60_000 + 5_000 - Date.now();
  if (wait > 0) await page.waitForTimeout(wait);

  await page.goto(`/trace/${traceId}?from=now-1h&to=now`);
  await expect(page.getByTestId('trace-missing')).toBeVisible();
  await expect(page.getByTestId('trace-missing-reason')).toContainText('dead link', { timeout: 30_000 });
  await expect(page.getByTestId('trace-missing-reason')).not.toContainText('Look again');
  const anomalies = await (await request.get('/api/v1/anomalies?from=now-1h&to=now&kind=missing_trace')).json();
  expect((anomalies as { anomalies: { subject: { traceId?: string }; evidence: { cause?: string } }[] }).anomalies.find((a) => a.subject.traceId === traceId)?.evidence.cause).toBe('dead_exemplar_link');

  await page.getByRole('heading', { name: 'Metrics of the services involved' }).scrollIntoViewIfNeeded();
  await expect(page.locator('[data-testid="metric-service"][data-service="risk-engine"]')).toBeAttached({ timeout: 30_000 });
  await expect(page.getByText('No metrics for the services of this trace')).toHaveCount(0);
});

test('a well-formed id nothing refers to gets a clear message, not a finding', async ({ page }) => {
  await page.goto('/trace/0123456789abcdef0123456789abcdee?from=now-15m&to=now');
  await expect(page.getByTestId('trace-missing-reason')).toContainText('check it for a typo', { timeout: 30_000 });
  await expect(page.locator('[data-testid="finding"][data-kind="missing_trace"]')).toHaveCount(0);
  await page.goto('/trace/not-a-trace?from=now-15m&to=now');
  await expect(page.getByTestId('not-a-trace-id')).toBeVisible();
});
