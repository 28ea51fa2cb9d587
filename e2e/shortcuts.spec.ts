import { expect, test } from '@playwright/test';
import { stepThroughWithJK } from './list-keys';

/** Issue 16, "Add – everywhere": keyboard shortcuts from one registry (components/ui/shortcuts.ts). */

test('/ focuses the search, t opens the time picker, Esc closes it, ? lists the shortcuts', async ({ page }) => {
  await page.goto('/anomalies?from=now-1h&to=now');
  await expect(page.getByTestId('anomaly-row').first()).toBeVisible({ timeout: 60_000 });

  await page.keyboard.press('/');
  await expect(page.getByTestId('trace-search')).toBeFocused();
  // Keys typed in a field are text, not shortcuts.
  await page.keyboard.type('t?');
  await expect(page.getByTestId('trace-search')).toHaveValue('t?');
  await expect(page.getByTestId('time-range-button')).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('trace-search')).toHaveValue('');
  await page.getByTestId('trace-search').blur();

  await page.keyboard.press('t');
  await expect(page.getByTestId('time-range-button')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('button', { name: 'Last 1 hour', pressed: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('time-range-button')).toHaveAttribute('aria-expanded', 'false');

  await page.keyboard.press('?');
  const dialog = page.getByTestId('shortcuts-dialog');
  await expect(dialog).toBeVisible();
  for (const key of ['/', 't', 'j', 'k', '?', 'r']) await expect(dialog.locator('kbd').getByText(key, { exact: true })).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByTestId('shortcuts-button').click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('j and k move through the findings, the search results and the incidents', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/anomalies?from=now-1h&to=now');
  const rows = page.locator('[data-testid="anomaly-row"][data-list-item]');
  await expect(rows.nth(2)).toBeVisible({ timeout: 60_000 });
  await stepThroughWithJK(page, rows);

  await page.goto('/traces?from=now-1h&to=now&service=risk-engine');
  const results = page.getByTestId('search-result');
  await expect(results.nth(1)).toBeVisible({ timeout: 60_000 });
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(results.nth(1)).toBeFocused();

  await page.goto('/?from=now-1h&to=now');
  const cards = page.getByTestId('incident-card');
  await expect(cards.first()).toBeVisible({ timeout: 60_000 });
  await page.keyboard.press('j');
  await expect(cards.first()).toBeFocused();
});
