import { expect, test } from '@playwright/test';

test.describe('app shell', () => {
  test('shows the header, navigation and the three source pills', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('link', { name: /Triangulate/ })).toBeVisible();
    for (const name of ['Overview', 'Explore', 'Anomalies', 'Views', 'Digests']) {
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name })).toBeVisible();
    }
    for (const source of ['prometheus', 'loki', 'jaeger']) {
      await expect(page.getByTestId(`source-pill-${source}`)).toBeVisible();
      // Demo mode: every source answers.
      await expect(page.getByTestId(`source-pill-${source}`)).toHaveAttribute('data-status', 'ok');
    }
  });

  test('keeps the time range in the URL across a reload', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('time-range-button').click();
    await page.getByRole('button', { name: 'Last 6 hours' }).click();
    await expect(page).toHaveURL(/from=now-6h/);
    await expect(page.getByTestId('time-range-button')).toContainText('Last 6 hours');
    await page.reload();
    await expect(page).toHaveURL(/from=now-6h/);
    await expect(page.getByTestId('time-range-button')).toContainText('Last 6 hours');
    // Navigation carries the range along.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Explore' }).click();
    await expect(page).toHaveURL(/\/explore\?.*from=now-6h/);
  });

  test('rejects a malformed trace id in the search box with a message', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('trace-search').fill('not-a-trace');
    await page.getByTestId('trace-search').press('Enter');
    await expect(page.getByTestId('trace-search-error')).toContainText('Not a trace id');
    await expect(page).toHaveURL(/\/$|\/\?/);
  });
});
