import { expect, test, type Locator, type Page } from '@playwright/test';
import { HEALTHY_SERVICES, PLANTED } from '../demo/scenario/story';

/**
 * The SRE's path through the demo incident: the anomalies page lists exactly the planted
 * problems (and nothing about the healthy services), and the top broken-trace finding
 * leads to the trace that explains it.
 */

/** The (kind, service) pairs the demo plants (demo/scenario/story.ts PLANTED). */
const PLANTED_FINDINGS: [kind: string, service: string][] = [
  ['counter_reset', PLANTED.counterReset.service],
  ['gc_storm', PLANTED.gcStorm.service],
  ['orphan_span', PLANTED.orphanSpans.service],
  ['log_without_trace_context', PLANTED.logWithoutTraceContext.service],
  ['leak', PLANTED.leak.service],
  ['missing_trace', PLANTED.missingTrace.service],
  ['latency_spike', PLANTED.checkoutSlowdown.service],
  // The storm hurts risk-engine's own users: its p99 and its 5xx share (issue 11).
  ['latency_spike', PLANTED.gcStorm.service],
  ['error_burst', PLANTED.gcStorm.service],
];
const AFFECTED_SERVICES = new Set(PLANTED_FINDINGS.map(([, s]) => s));

/** Findings whose trace link opens a trace Jaeger has (a missing_trace link, by definition, does not). */
const TRACE_KINDS = ['orphan_span', 'multiple_roots', 'clock_skew'];

const rows = (page: Page): Locator => page.getByTestId('anomaly-row');

async function openAnomalies(page: Page): Promise<void> {
  await page.goto('/anomalies?from=now-1h&to=now');
  await expect(rows(page).first()).toBeVisible();
}

test.describe('anomalies page on the demo incident', () => {
  test('shows a finding for every planted problem', async ({ page }) => {
    await openAnomalies(page);
    for (const [kind, service] of PLANTED_FINDINGS) {
      await expect(page.locator(`[data-testid="anomaly-row"][data-kind="${kind}"][data-service="${service}"]`).first(), `${kind} on ${service}`).toBeVisible();
    }
  });

  test('says nothing about the healthy services', async ({ page }) => {
    await openAnomalies(page);
    for (const service of HEALTHY_SERVICES) {
      await expect(page.locator(`[data-testid="service-group"][data-service="${service}"]`)).toHaveCount(0);
      await expect(page.locator(`[data-testid="anomaly-row"][data-service="${service}"]`)).toHaveCount(0);
    }
    // Every service group is one of the services with a planted problem.
    const groups = await page.getByTestId('service-group').evaluateAll((els) => els.map((e) => e.getAttribute('data-service')));
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) expect(AFFECTED_SERVICES.has(g ?? ''), `unexpected service group "${g}"`).toBe(true);
  });

  test('puts the worst finding first and collapses the restart\'s counter resets', async ({ page }) => {
    await openAnomalies(page);
    const severities = await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-severity')));
    // The first group is the one with the most severe finding.
    const rank = { info: 0, warning: 1, critical: 2 } as Record<string, number>;
    expect(rank[severities[0] ?? 'info']).toBe(Math.max(...severities.map((s) => rank[s ?? 'info'])));
    const resets = page.locator('[data-testid="anomaly-row"][data-kind="counter_reset"][data-service="payment-gateway"]');
    await expect(resets.first()).toContainText(/reset/);
  });

  test('goes from the top broken-trace finding to the trace that explains it', async ({ page }) => {
    await openAnomalies(page);
    const traceRows = page.locator(TRACE_KINDS.map((k) => `[data-testid="anomaly-row"][data-kind="${k}"]`).join(', '));
    const top = traceRows.filter({ has: page.getByTestId('anomaly-trace-link') }).first();
    await expect(top).toBeVisible();
    const link = top.getByTestId('anomaly-trace-link').first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/trace\/[0-9a-f]{16,32}\?/);
    const target = new URL(href!, 'http://app.invalid');
    expect(target.searchParams.get('from')).toBeTruthy();
    expect(target.searchParams.get('to')).toBeTruthy();

    await link.click();
    await expect(page).toHaveURL(new RegExp(`${target.pathname}\\?`));
    await expect(page.getByTestId('span-row').first()).toBeVisible();
  });

  test('keeps the expanded finding in the URL', async ({ page }) => {
    await openAnomalies(page);
    const first = rows(page).first();
    await first.getByTestId('anomaly-toggle').first().click();
    await expect(page).toHaveURL(/[?&]open=/);
    await expect(rows(page).first()).toHaveAttribute('data-open', 'true');
    await page.reload();
    await expect(rows(page).first()).toHaveAttribute('data-open', 'true');
  });
});

test.describe('overview on the demo incident', () => {
  test('counts findings by service and kind and lists the worst first', async ({ page }) => {
    await page.goto('/?from=now-1h&to=now');
    await expect(page.getByTestId('count-matrix')).toBeVisible();
    await expect(page.getByTestId('worst-finding').first()).toBeVisible();
    await expect(page.getByTestId('worst-finding')).toHaveCount(5);
    for (const service of HEALTHY_SERVICES) await expect(page.locator(`[data-testid="count-row"][data-service="${service}"]`)).toHaveCount(0);
    await expect(page.getByTestId('source-card-prometheus')).toBeVisible();
    await expect(page.getByTestId('last-checked')).toContainText('refreshes every minute');
  });
});
