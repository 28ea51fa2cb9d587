import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { demoTraceId, SNAPSHOT_QUERY, snapshotShare, walkPages, type WalkPage } from './page-walk';

/**
 * Issue 16, "Accessibility" and "Done when": every page, in light and in dark theme, has no
 * serious or critical axe-core violation (WCAG 2.x A/AA rules), and is photographed at
 * 1440×900 and 1024×768. Screenshots go to test-results/screenshots/ (git-ignored; the test
 * command leaves the tree clean), listed in index.md there; SCREENSHOT_DIR moves them.
 */
const OUT = path.resolve(process.env.SCREENSHOT_DIR || path.join(__dirname, '..', 'test-results', 'screenshots'));
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
] as const;
const THEMES = ['light', 'dark'] as const;

interface Shot {
  page: string;
  theme: string;
  size: string;
  file: string;
}
const shots: Shot[] = [];

async function setTheme(page: Page, theme: (typeof THEMES)[number]) {
  // The theme control's storage key (components/settings/theme-script.ts), set before any page script.
  await page.addInitScript((t) => window.localStorage.setItem('triangulate.theme', t), theme);
}

/** The violations axe calls serious or critical, as short lines naming the rule and the elements. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}${v.nodes.length > 4 ? ` (+${v.nodes.length - 4})` : ''}`);
}

async function visit(page: Page, p: WalkPage) {
  await page.goto(p.path);
  await expect(p.ready(page)).toBeVisible({ timeout: 60_000 });
  // Let late parts (charts, investigation) settle before judging and photographing.
  await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => {});
}

test.describe('every page, both themes', () => {
  test.describe.configure({ mode: 'serial' });
  let pages: WalkPage[] = [];

  test.beforeAll(async ({ request }) => {
    fs.mkdirSync(OUT, { recursive: true });
    const traceId = await demoTraceId(request);
    const share = await snapshotShare(request, `/explore?${new URLSearchParams({ query: SNAPSHOT_QUERY, from: 'now-1h', to: 'now' })}`);
    pages = walkPages(traceId, share);
  });

  for (const theme of THEMES) {
    test(`no serious or critical axe violation, and screenshots, in the ${theme} theme`, async ({ page }) => {
      test.setTimeout(600_000);
      await setTheme(page, theme);
      const failures: string[] = [];
      for (const p of pages) {
        for (const size of SIZES) {
          await page.setViewportSize(size);
          await visit(page, p);
          await expect(page.locator('html')).toHaveClass(theme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/);
          if (size.width === 1440) failures.push(...(await seriousViolations(page)).map((v) => `${p.name}: ${v}`));
          const file = `${p.name}-${theme}-${size.width}x${size.height}.png`;
          await page.screenshot({ path: path.join(OUT, file), fullPage: false });
          shots.push({ page: p.name, theme, size: `${size.width}×${size.height}`, file });
        }
      }
      expect(failures, failures.join('\n')).toEqual([]);
    });
  }

  test.afterAll(() => {
    if (shots.length === 0) return;
    const lines = ['# Screenshots of every page (e2e/a11y-screenshots.spec.ts)', '', '| page | theme | size | file |', '|---|---|---|---|'];
    for (const s of shots) lines.push(`| ${s.page} | ${s.theme} | ${s.size} | [${s.file}](${s.file}) |`);
    fs.writeFileSync(path.join(OUT, 'index.md'), `${lines.join('\n')}\n`);
    fs.writeFileSync(path.join(OUT, 'index.json'), JSON.stringify(shots, null, 2));
  });
});

test('the snapshot banner shows the pinned path decoded', async ({ page, request }) => {
  const share = await snapshotShare(request, `/explore?${new URLSearchParams({ query: SNAPSHOT_QUERY, from: 'now-1h', to: 'now' })}`);
  await page.goto(share);
  await expect(page.getByTestId('snapshot-path')).toHaveText(`/explore?query=${SNAPSHOT_QUERY}&from=now-1h&to=now`);
});
