import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ANSI, BIDI, startHostileBackends, TRACE_ID, XSS } from './hostile-fixture';

/**
 * The hostile-text corpus (e2e/hostile-fixture.ts) through a second app pointed at
 * backends that serve it: no script runs, nothing the backends sent becomes markup, and
 * the layout holds (no page-wide horizontal overflow, the header stays usable).
 */

const ROOT = path.resolve(__dirname, '..');
let backends: Awaited<ReturnType<typeof startHostileBackends>>;
let app: ChildProcess;
let base: string;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  backends = await startHostileBackends();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, HOST: '127.0.0.1', PORT: String(port), PROMETHEUS_URL: backends.url, LOKI_URL: backends.url, JAEGER_URL: backends.url, JAEGER_API: 'v1', DATABASE_URL: `file:./data/e2e-hostile-${port}.db`, DIGEST_RUNNER: 'off', NEXT_TELEMETRY_DISABLED: '1' };
  execFileSync('node', ['scripts/db-deploy.mjs'], { cwd: ROOT, env, stdio: 'pipe' });
  app = spawn('node', ['scripts/serve.mjs'], { cwd: ROOT, env, stdio: 'ignore' });
  for (let i = 0; i < 120; i++) {
    if (await fetch(`${base}/api/health`).then((r) => r.status < 500, () => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the hostile-text app did not start');
});

test.afterAll(async () => {
  app?.kill('SIGTERM');
  await backends?.close();
});

async function assertInert(page: Page) {
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
    injectedImages: document.querySelectorAll('img[src="x"]').length,
    injectedSvgs: document.querySelectorAll('svg[onload]').length,
    injectedScripts: [...document.scripts].filter((s) => s.textContent?.includes('__pwned')).length,
    javascriptLinks: document.querySelectorAll('a[href^="javascript:"]').length,
    title: document.title,
    overflowX: document.documentElement.scrollWidth - window.innerWidth,
  }));
  expect(state).toMatchObject({ pwned: null, injectedImages: 0, injectedSvgs: 0, injectedScripts: 0, javascriptLinks: 0 });
  expect(state.title).not.toContain('owned-title');
  // The layout holds: long lines scroll or wrap inside their panels, never widen the page.
  expect(state.overflowX).toBeLessThanOrEqual(1);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Explore' })).toBeInViewport();
}

test('a trace whose span names, services, tags and logs are hostile renders as text', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${base}/trace/${TRACE_ID}?from=now-1h&to=now`);
  // The span filter's service list holds the same names as hidden <option>s: look at what is shown.
  await expect(page.getByText(XSS[1]).filter({ visible: true }).first()).toBeVisible();
  await expect(page.getByText('<img src=x onerror="window.__pwned=1">', { exact: false }).first()).toBeAttached();
  await page.waitForLoadState('networkidle');
  await assertInert(page);
  expect(dialogs).toEqual([]);
});

test('log lines, stream labels and metric labels in Explore render as text', async ({ page }) => {
  const q = new URLSearchParams({ logql: '{service_name="checkout"}', query: 'http_requests_total', from: 'now-1h', to: 'now' });
  await page.goto(`${base}/explore?${q}`);
  await expect(page.getByText(ANSI.slice(0, 3), { exact: false }).or(page.getByText('RED', { exact: false })).first()).toBeAttached();
  await expect(page.getByText(BIDI.slice(0, 4), { exact: false }).first()).toBeAttached();
  await page.waitForLoadState('networkidle');
  await assertInert(page);
});

test('the overview and anomalies pages over the same backends stay inert', async ({ page }) => {
  for (const p of ['/?from=now-1h&to=now', '/anomalies?from=now-1h&to=now']) {
    await page.goto(`${base}${p}`);
    await page.waitForLoadState('networkidle');
    await assertInert(page);
  }
});
