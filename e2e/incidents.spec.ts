import { expect, test, type Page } from '@playwright/test';
import { cyclesBetween } from '../demo/scenario/story';
import { BASE_URL, DEMO_URL, LATER_DEMO_URL, LATER_URL } from './playwright.config';

/**
 * The incident story on the demo, as a user opening the Overview sees it: right after the
 * demo starts, and on a demo whose clock is two hours on (its story anchored two hours
 * back). The default hour always holds a whole planted incident, restart included.
 */

const MIN = 60_000;

/** The story cycle the default hour should show: the latest whose storm has run long enough to detect. */
async function expectedCycle(page: Page, demoUrl: string) {
  const res = await page.request.get(`${demoUrl}/control`);
  const { anchor } = (await res.json()) as { anchor: string };
  const now = Date.now();
  return cyclesBetween(Date.parse(anchor), now - 60 * MIN, now).filter((c) => c.stormStartMs <= now - 5 * MIN).at(-1)!;
}

for (const [when, baseURL, demoUrl] of [
  ['at the demo\'s start', BASE_URL, DEMO_URL],
  ['with the clock two hours later', LATER_URL, LATER_DEMO_URL],
] as const) {
  test.describe(`incidents on the Overview ${when}`, () => {
    test.use({ baseURL });

    test('the first card names risk-engine\'s GC storm as the cause candidate of the checkout slowdown, with the right start', async ({ page }) => {
      const cycle = await expectedCycle(page, demoUrl);
      await page.goto('/');
      const card = page.getByTestId('incident-card').first();
      await expect(card).toBeVisible({ timeout: 60_000 });
      await expect(card.getByTestId('incident-sentence')).toContainText(/risk-engine (has been|was) in a GC storm/);
      await card.locator('summary').click();
      const first = card.getByTestId('incident-finding').first();
      await expect(first).toHaveAttribute('data-role', 'cause_candidate');
      await expect(first).toHaveAttribute('data-kind', 'gc_storm');
      await expect(first).toHaveAttribute('data-service', 'risk-engine');
      await expect(card.locator('[data-testid="incident-finding"][data-role="symptom"][data-service="api-gateway"]').first()).toContainText('calls risk-engine');
      // The incident starts with its cycle's restart of payment-gateway (its earliest finding), shown as context.
      const start = Date.parse((await card.getByTestId('incident-start').locator('time').first().getAttribute('datetime')) ?? '');
      expect(start).toBeGreaterThanOrEqual(cycle.restartMs);
      expect(start).toBeLessThan(cycle.restartMs + MIN);
      await expect(card.locator('[data-testid="incident-finding"][data-role="context"][data-kind="counter_reset"][data-service="payment-gateway"]').first()).toBeVisible();
    });

    test('orphan spans appear under Telemetry health, not as an incident', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByTestId('incident-card').first()).toBeVisible({ timeout: 60_000 });
      await expect(page.locator('[data-testid="telemetry-health-item"][data-kind="orphan_span"][data-service="order-service"]').first()).toBeVisible();
      await expect(page.locator('[data-testid="incident-finding"][data-kind="orphan_span"]')).toHaveCount(0);
    });

    test('opening the card leads to a trace through risk-engine with the storm on its timeline', async ({ page }) => {
      await page.goto('/');
      const card = page.getByTestId('incident-card').first();
      await expect(card).toBeVisible({ timeout: 60_000 });
      await card.getByTestId('incident-trace-link').click();
      await expect(page).toHaveURL(/\/trace\/[0-9a-f]{32}/);
      await expect(page.locator('[data-testid="span-row"]', { hasText: 'risk-engine' }).first()).toBeVisible({ timeout: 30_000 });
      const timeline = page.getByTestId('incident-timeline');
      await expect(timeline.locator('[data-lane="Findings"] [title^="GC storm on risk-engine"]').first()).toBeAttached({ timeout: 30_000 });
    });
  });
}

test.describe('incidents elsewhere on the demo', () => {
  test('the anomalies page groups findings by incident, the storm first with its role', async ({ page }) => {
    await page.goto('/anomalies?from=now-1h&to=now&group=incident');
    const group = page.locator('[data-testid="incident-group"][data-kind="incident"]').first();
    await expect(group).toBeVisible({ timeout: 60_000 });
    await expect(group.getByTestId('incident-role').first()).toContainText('Cause candidate');
    await expect(group.getByTestId('anomaly-row').first()).toHaveAttribute('data-kind', 'gc_storm');
    await expect(page.locator('[data-testid="incident-group"][data-kind="health"] [data-kind="orphan_span"]').first()).toBeVisible();
  });

  test('a person acknowledges a finding for a time, saying who and why, and the card shows it', async ({ page }) => {
    await page.goto('/');
    const card = page.getByTestId('incident-card').first();
    await expect(card).toBeVisible({ timeout: 60_000 });
    await card.locator('summary').click();
    // A finding nobody acknowledged yet (the e2e database outlives one run).
    const id = await card.locator('[data-testid="incident-finding"]:has([data-testid="mute-open"])').first().getAttribute('data-finding');
    // Held by its id: once the form opens, the row no longer has the button the first locator matched on.
    const finding = card.locator(`[data-testid="incident-finding"][data-finding="${id}"]`);
    await finding.getByTestId('mute-open').click();
    const form = finding.getByTestId('mute-form');
    const why = `heap fix <b>rolling</b> out ${Date.now()}`;
    await form.getByLabel('Who').fill('ana');
    await form.getByLabel('Why').fill(why);
    await form.getByRole('button', { name: 'Save' }).click();
    const shown = card.locator(`[data-testid="incident-finding"][data-finding="${id}"] [data-testid="finding-mute"]`);
    await expect(shown).toContainText('Acknowledged by ana until');
    // Typed text stays text.
    await expect(shown).toContainText(why);
  });
});
