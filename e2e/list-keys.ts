import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The list keys of every list (components/ui/shortcuts.ts): with nothing focused, j goes to the
 * first item and on, k back. Leaves the second item focused.
 */
export async function stepThroughWithJK(page: Page, items: Locator): Promise<void> {
  await page.keyboard.press('j');
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(items.nth(2)).toBeFocused();
  await page.keyboard.press('k');
  await expect(items.nth(1)).toBeFocused();
}
