import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { seal } from '../lib/auth/seal';
import { BASE_URL, DEMO_URL } from './playwright.config';

/**
 * Share links are capability URLs under sign-in too (docs/security.md, "Share links"): in
 * AUTH_MODE=oidc and AUTH_MODE=proxy, a browser with no account opens a live share and a
 * snapshot of a demo trace and sees the trace, reaches nothing else, and loses the view
 * the moment the link is revoked. The header shows who is signed in, their role and a
 * sign-out control. Each mode runs its own app (the demo's Loki and Jaeger; no Prometheus).
 */

const ROOT = path.resolve(__dirname, '..');
const BASE_PORT = Number(new URL(BASE_URL).port);
const SESSION_SECRET = 'e2e-session-secret-'.padEnd(48, 'x');
const HOUR_US = 3_600_000_000;

interface Mode {
  name: 'oidc' | 'proxy';
  port: number;
  env: Record<string, string>;
  /** How an editor is recognised: a session cookie (oidc) or the proxy's identity headers. */
  editorHeaders: () => Record<string, string>;
}

const MODES: Mode[] = [
  {
    name: 'oidc',
    port: BASE_PORT + 60,
    // Nobody signs in through the provider here (tests/integration/oidc.test.ts does): the editor's session is sealed directly.
    env: { AUTH_MODE: 'oidc', OIDC_ISSUER: 'http://127.0.0.1:9/', OIDC_CLIENT_ID: 'triangulate', SESSION_SECRET, AUTH_EDITOR_GROUPS: 'sre' },
    editorHeaders: () => ({
      cookie: `triangulate-session=${seal({ id: 'erin', name: 'Erin Editor', role: 'editor', via: 'oidc' }, SESSION_SECRET, 'session', Date.now() + 3_600_000)}`,
    }),
  },
  {
    name: 'proxy',
    port: BASE_PORT + 61,
    // The browser and the test connect from 127.0.0.1, standing in for the trusted proxy; without identity headers they are anonymous.
    env: { AUTH_MODE: 'proxy', AUTH_PROXY_TRUSTED: '127.0.0.1', AUTH_EDITOR_GROUPS: 'sre', AUTH_PROXY_SIGN_OUT_URL: '/oauth2/sign_out' },
    editorHeaders: () => ({ 'x-forwarded-user': 'erin@example.com', 'x-forwarded-groups': 'sre' }),
  },
];

const apps: ChildProcess[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  for (const mode of MODES) {
    const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(mode.port), DATABASE_URL: `file:./data/e2e-share-${mode.name}-${mode.port}.db`, DIGEST_RUNNER: 'off', NEXT_TELEMETRY_DISABLED: '1', ...mode.env };
    for (const k of ['PROMETHEUS_URL', 'LOKI_URL', 'JAEGER_URL', 'DEMO_PROMETHEUS_URL', 'PUBLIC_URL']) delete env[k];
    // The demo's Loki and Jaeger run in the e2e suite's demo process (demo/), not in the app.
    env.DEMO_LOKI_URL = `${DEMO_URL}/loki`;
    env.DEMO_JAEGER_URL = `${DEMO_URL}/jaeger`;
    execFileSync('node', ['scripts/db-deploy.mjs'], { cwd: ROOT, env, stdio: 'pipe' });
    apps.push(spawn('node', ['scripts/serve.mjs'], { cwd: ROOT, env, stdio: 'ignore' }));
  }
  for (const mode of MODES) {
    let up = false;
    for (let i = 0; i < 180 && !up; i++) {
      up = await fetch(`http://127.0.0.1:${mode.port}/api/health`).then((r) => r.status < 500, () => false);
      if (!up) await new Promise((r) => setTimeout(r, 500));
    }
    if (!up) throw new Error(`the ${mode.name} app did not start`);
  }
});

test.afterAll(() => {
  for (const app of apps) app.kill('SIGTERM');
});

async function demoTrace(request: APIRequestContext): Promise<string> {
  const endUs = Date.now() * 1000;
  const res = await request.get(`${DEMO_URL}/jaeger/api/traces?service=api-gateway&limit=5&start=${endUs - 3 * HOUR_US}&end=${endUs}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { data: { traceID: string }[] }).data[0].traceID;
}

async function anonymousPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

for (const mode of MODES) {
  test.describe(`AUTH_MODE=${mode.name}`, () => {
    const base = `http://127.0.0.1:${mode.port}`;

    test('someone without an account opens a live share and a snapshot, sees the trace, and nothing else', async ({ browser, request }) => {
      const traceId = await demoTrace(request);
      const editor = { headers: { ...mode.editorHeaders(), 'content-type': 'application/json' } };
      const view = await request.post(`${base}/api/v1/views`, { ...editor, data: { name: 'Checkout', path: `/trace/${traceId}?from=now-3h&to=now` } });
      expect(view.status(), await view.text()).toBe(201);
      const viewId = ((await view.json()) as { id: string }).id;
      const share = async (snapshot: boolean) => {
        const res = await request.post(`${base}/api/v1/views/${viewId}/share`, { ...editor, data: { snapshot } });
        expect(res.status(), await res.text()).toBe(201);
        const body = (await res.json()) as { url: string; failedParts: string[] };
        expect(body.failedParts).toEqual([]); // captured under sign-in, as the app's internal reader
        return new URL(body.url).pathname;
      };
      const [live, snapshot] = [await share(false), await share(true)];

      const { context, page } = await anonymousPage(browser);
      await page.goto(`${base}${live}`);
      await expect(page).toHaveURL(new RegExp(`${live}/view$`));
      await expect(page.getByTestId('snapshot-banner')).toContainText(`Live view of /trace/${traceId}`);
      await expect(page.getByTestId('span-row').first()).toBeVisible();
      // The page's HTML carried no data: it was loaded after the page, from /view/data.
      const html = await (await page.request.get(`${base}${live}/view`)).text();
      expect(html).not.toContain(traceId);
      if (mode.name === 'oidc') await expect(page.getByTestId('sign-in')).toBeVisible();
      await expect(page.getByTestId('user-menu')).toHaveCount(0);

      await page.goto(`${base}${snapshot}`);
      await expect(page.getByTestId('snapshot-banner')).toContainText(`Snapshot of /trace/${traceId}`);
      await expect(page.getByTestId('span-row').first()).toBeVisible();

      // Nothing else: the view itself, its API, other pages and the API at large stay closed.
      const closed = mode.name === 'oidc' ? 303 : 401;
      for (const p of [`/trace/${traceId}?from=now-3h&to=now`, '/views', '/explore']) expect((await page.request.get(`${base}${p}`, { maxRedirects: 0 })).status(), p).toBe(closed);
      for (const p of [`/api/v1/traces/${traceId}/correlated?from=now-3h&to=now`, '/api/v1/views', '/api/v1/anomalies', '/api/v1/digests']) expect((await page.request.get(`${base}${p}`)).status(), p).toBe(401);

      // Revoked: the live view is gone at once, for a page already open too.
      const revoke = await request.delete(`${base}/api/v1/shares/${live.split('/')[2]}`, { headers: mode.editorHeaders() });
      expect(revoke.status()).toBe(200);
      const gone = await page.goto(`${base}${live}/view`);
      expect(gone?.status()).toBe(410);
      await expect(page.getByRole('heading')).toHaveText('This share link was revoked');
      expect((await page.request.get(`${base}${live}/view/data`)).status()).toBe(410);
      await context.close();
    });

    test('the header shows who is signed in, their role and a sign-out control', async ({ browser }) => {
      const context = await browser.newContext(mode.name === 'proxy' ? { extraHTTPHeaders: mode.editorHeaders() } : {});
      if (mode.name === 'oidc') {
        const value = mode.editorHeaders().cookie.split('=').slice(1).join('=');
        await context.addCookies([{ name: 'triangulate-session', value, url: base }]);
      }
      const page = await context.newPage();
      await page.goto(`${base}/views`);
      const menu = page.getByTestId('user-menu');
      await expect(menu.getByTestId('user-name')).toHaveText(mode.name === 'oidc' ? 'Erin Editor' : 'erin@example.com');
      await expect(menu.getByTestId('user-role')).toHaveText('editor');
      if (mode.name === 'proxy') {
        await expect(menu.getByRole('link', { name: 'Sign out' })).toHaveAttribute('href', '/oauth2/sign_out');
      } else {
        await page.route(`${base}/`, (route) => route.fulfill({ body: 'signed out' })); // the provider is not running: stop at home
        await menu.getByRole('button', { name: 'Sign out' }).click();
        await expect(page).toHaveURL(`${base}/`);
        expect((await context.cookies(base)).find((c) => c.name === 'triangulate-session')).toBeUndefined();
      }
      await context.close();
    });
  });
}
