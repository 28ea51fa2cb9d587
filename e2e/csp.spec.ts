import http from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { BASE_URL } from './playwright.config';

/**
 * Every page carries a nonce-based CSP and a Referrer-Policy, and a full walk through the
 * app (overview, anomalies, explore with the editor, views, digests, a trace, a snapshot
 * share) makes the browser report no CSP violation at all: Next.js's own scripts carry
 * the nonce, nothing else runs. docs/security.md, "CSP".
 */

async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) seen.push(m.text());
  });
  await page.exposeFunction('__cspViolation', (v: string) => seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __cspViolation: (s: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return seen;
}

test('every page has the CSP and Referrer-Policy, and a full walk triggers no violation', async ({ page, request }) => {
  test.setTimeout(300_000); // eleven pages, each given time to finish loading its data
  const logs = await request.get(`/api/v1/query/logs?${new URLSearchParams({ query: '{service_name="risk-engine"} |= "scoring failed"', from: 'now-30m', to: 'now', limit: '20' })}`);
  const traceId = ((await logs.json()) as { logs: { traceId: string | null }[] }).logs.find((l) => l.traceId)!.traceId!;
  const view = await request.post('/api/v1/views', { data: { name: 'CSP walk', path: `/trace/${traceId}?from=now-1h&to=now` } });
  expect(view.status()).toBe(201);
  const share = await request.post(`/api/v1/views/${(await view.json()).id}/share`, { data: { snapshot: true } });
  expect(share.status()).toBe(201);
  const shareUrl = new URL((await share.json()).url as string);

  const liveShare = await request.post(`/api/v1/views/${(await view.json()).id}/share`, { data: {} });
  const liveToken = new URL((await liveShare.json()).url as string).pathname.split('/')[2];
  const violations = await watchViolations(page);
  const pages = [
    '/',
    '/anomalies?from=now-1h&to=now',
    '/explore?query=up&logql=%7Bservice_name%3D%22risk-engine%22%7D&from=now-1h&to=now',
    '/traces?from=now-1h&to=now',
    '/map?from=now-1h&to=now',
    '/views',
    '/digests',
    `/trace/${traceId}?from=now-1h&to=now`,
    shareUrl.pathname,
    `/s/${liveToken}/view`,
    '/no-such-page',
  ];
  for (const path of pages) {
    const res = await page.goto(path);
    const headers = res!.headers();
    const csp = headers['content-security-policy'] ?? '';
    expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp, path).toContain("frame-ancestors 'none'");
    // Styles only from files or with the nonce: no 'unsafe-inline' at all (docs/security.md, "CSP").
    expect(csp, path).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]+';/);
    expect(csp, path).not.toContain('unsafe-inline');
    expect(headers['referrer-policy'], path).toBe(path.startsWith('/s/') ? 'no-referrer' : 'same-origin');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    // Give late chunks and data requests time to run under the policy; polling pages may never go idle.
    await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => undefined);
  }
  // The editor inserted its theme as a nonce'd <style> element, which applied.
  await page.goto('/explore?query=up&from=now-1h&to=now');
  await expect(page.locator('.cm-editor').first()).toBeVisible({ timeout: 30_000 }); // loaded after the page (next/dynamic)
  expect(await page.evaluate(() => getComputedStyle(document.querySelector('.cm-editor .cm-line')!).paddingLeft)).toBe('8px');
  // A gone share link's plain page styles itself with the nonce too.
  await page.goto('/s/' + 'A'.repeat(43));
  await expect(page.getByTestId('share-error')).toBeVisible();
  expect(await page.evaluate(() => getComputedStyle(document.body).maxWidth)).not.toBe('none');
  // Hydrated: client-side navigation works, so Next.js's scripts ran under the policy.
  await page.goto('/explore?from=now-1h&to=now');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Anomalies' }).click();
  await expect(page).toHaveURL(/\/anomalies/);
  expect(violations).toEqual([]);
});

/** A raw request whose Host header we choose (a browser cannot be made to lie about it). */
function rawGet(path: string, host: string): Promise<{ status: number; body: string }> {
  const u = new URL(BASE_URL);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname: u.hostname, port: u.port, path, headers: { host } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      })
      .on('error', reject);
  });
}

test('a wrong Host (DNS rebinding) is refused on pages and the API; a malformed %-escape is a 400', async ({ request }) => {
  const port = new URL(BASE_URL).port;
  expect((await rawGet('/', `rebind.attacker.example:${port}`)).status).toBe(421);
  expect((await rawGet('/api/v1/views', `rebind.attacker.example:${port}`)).status).toBe(421);
  expect((await rawGet('/api/v1/views', `127.0.0.1:${port}`)).status).toBe(200);
  expect((await rawGet('/api/v1/views', `localhost:${port}`)).status).toBe(200);
  for (const path of ['/trace/%E0%A4%A', '/views/%', '/s/%zz']) expect((await request.get(path)).status(), path).toBe(400);
});

test('a text/plain or cross-site POST from a hostile page is refused and changes nothing', async ({ page, request }) => {
  const schedules = async () => ((await (await request.get('/api/v1/digests')).json()) as { schedules: unknown[] }).schedules.length;
  const before = await schedules();
  // The hostile page: another origin, no CSP of ours to stop it from trying.
  const evil = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>evil</title>'));
  await new Promise<void>((r) => evil.listen(0, '127.0.0.2', r));
  try {
    await page.goto(`http://127.0.0.2:${(evil.address() as { port: number }).port}/`);
    const statuses = await page.evaluate(async (target) => {
      const body = JSON.stringify({ name: 'exfil', cron: '*/5 * * * *', timezone: 'UTC', channels: [{ type: 'webhook', url: 'https://evil.example/hook' }] });
      const plain = await fetch(`${target}/api/v1/digests`, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body }).then((r) => r.type, () => 'network error');
      const json = await fetch(`${target}/api/v1/digests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.type, () => 'network error');
      return { plain, json };
    }, BASE_URL);
    // The text/plain one is sent (an opaque answer: the page cannot read it); the JSON one dies in its CORS preflight.
    expect(statuses).toEqual({ plain: 'opaque', json: 'network error' });
  } finally {
    evil.closeAllConnections();
    evil.close();
  }
  expect(await schedules()).toBe(before);
  const direct = await request.post('/api/v1/digests', { headers: { 'content-type': 'text/plain' }, data: '{}' });
  expect(direct.status()).toBe(415);
});
