import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { demoTraceId, SNAPSHOT_QUERY, snapshotShare, WALK_PAGE_NAMES, walkPages, type WalkPage } from './page-walk';

/**
 * Issue 16, "Accessibility" and "Done when": every page, in light and in dark theme, has no
 * serious or critical axe-core violation (WCAG 2.x A/AA rules and best practices), and is
 * photographed at 1440×900 and 1024×768. Screenshots go to test-results/screenshots/
 * (git-ignored: the test command leaves the tree clean), listed in index.md there;
 * SCREENSHOT_DIR moves them.
 */
const OUT = path.resolve(process.env.SCREENSHOT_DIR || path.join(__dirname, '..', 'test-results', 'screenshots'));
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
] as const;
const THEMES = ['light', 'dark'] as const;

let walk: WalkPage[] | null = null;

/** The walk's pages, resolved once per worker: a demo trace id and a snapshot share of an Explore query. */
async function pagesOf(request: Parameters<typeof demoTraceId>[0]): Promise<WalkPage[]> {
  if (!walk) {
    const traceId = await demoTraceId(request);
    const share = await snapshotShare(request, `/explore?${new URLSearchParams({ query: SNAPSHOT_QUERY, from: 'now-1h', to: 'now' })}`);
    walk = walkPages(traceId, share);
  }
  return walk;
}

/** The violations axe calls serious or critical, as short lines naming the rule and the elements. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`).join(' | ')}${v.nodes.length > 4 ? ` (+${v.nodes.length - 4})` : ''}`);
}

/** One line per screenshot in index.json, merged across tests (one worker; files survive worker restarts). */
function record(shot: { page: string; theme: string; size: string; file: string }) {
  const indexJson = path.join(OUT, 'index.json');
  const shots: (typeof shot)[] = fs.existsSync(indexJson) ? JSON.parse(fs.readFileSync(indexJson, 'utf8')) : [];
  const all = [...shots.filter((s) => s.file !== shot.file), shot].sort((a, b) => a.file.localeCompare(b.file));
  fs.writeFileSync(indexJson, JSON.stringify(all, null, 2));
  const lines = ['# Screenshots of every page (e2e/a11y-screenshots.spec.ts)', '', '| page | theme | size | file |', '|---|---|---|---|'];
  for (const s of all) lines.push(`| ${s.page} | ${s.theme} | ${s.size} | [${s.file}](${s.file}) |`);
  fs.writeFileSync(path.join(OUT, 'index.md'), `${lines.join('\n')}\n`);
}

test.beforeAll(() => {
  fs.mkdirSync(OUT, { recursive: true });
});

for (const theme of THEMES) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      // The theme control's storage key (components/settings/theme-script.ts), set before any page script.
      await page.addInitScript((t) => window.localStorage.setItem('triangulate.theme', t), theme);
    });

    for (const name of WALK_PAGE_NAMES) {
      test(`${name}: no serious or critical axe violation; screenshots`, async ({ page, request }) => {
        test.setTimeout(300_000); // axe over a whole waterfall is slow on a busy machine
        const p = (await pagesOf(request)).find((w) => w.name === name)!;
        let violations: string[] = [];
        for (const size of SIZES) {
          await page.setViewportSize(size);
          await page.goto(p.path);
          await expect(p.ready(page)).toBeVisible({ timeout: 60_000 });
          await expect(page.locator('html')).toHaveClass(theme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/);
          // Let late parts (charts, the investigation) settle before judging and photographing.
          await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
          if (size.width === 1440) violations = await seriousViolations(page);
          const file = `${name}-${theme}-${size.width}x${size.height}.png`;
          await page.screenshot({ path: path.join(OUT, file) });
          record({ page: name, theme, size: `${size.width}×${size.height}`, file });
        }
        expect(violations, violations.join('\n')).toEqual([]);
      });
    }
  });
}

test('the snapshot banner shows the pinned path decoded', async ({ page, request }) => {
  const share = await snapshotShare(request, `/explore?${new URLSearchParams({ query: SNAPSHOT_QUERY, from: 'now-1h', to: 'now' })}`);
  await page.goto(share);
  // A snapshot pins the range to absolute times; the query reads as typed, not percent-escaped.
  await expect(page.getByTestId('snapshot-path')).toHaveText(new RegExp(`^/explore\\?query=${SNAPSHOT_QUERY.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}&from=\\d{4}-\\d\\d-\\d\\dT[^&%]+&to=[^&%]+$`));
});
