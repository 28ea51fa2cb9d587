import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as viewRoute from '@/app/api/v1/views/[id]/route';
import * as shareRoute from '@/app/api/v1/views/[id]/share/route';
import * as sharesRoute from '@/app/api/v1/views/[id]/shares/route';
import * as shareByIdRoute from '@/app/api/v1/views/[id]/shares/[shareId]/route';
import * as viewsRoute from '@/app/api/v1/views/route';
import * as revokeRoute from '@/app/api/v1/shares/[token]/route';
import * as shareLink from '@/app/s/[token]/route';
import { resetConfigForTests } from '@/lib/config';
import type { Db } from '@/lib/db';
import { startFakeApp, type FakeApp } from '@/lib/views/test-helpers';
import { hashToken } from '@/lib/views/tokens';
import { createdShare, shareList, viewList, viewRecord } from '@/lib/api/contract/views';
import { expectContract } from '../helpers/contract';
import { testDatabases, useAsProcessDb } from '../helpers/db';
import { signedInHeaders } from '../helpers/auth';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const BASE = 'http://127.0.0.1:3000';
const ctx = <P extends object>(params: P) => ({ params: Promise.resolve(params) });
const send = (method: string, path: string, body?: unknown) =>
  new Request(`${BASE}${path}`, { method, headers: signedInHeaders(undefined, { 'content-type': 'application/json' }), body: body === undefined ? undefined : JSON.stringify(body) });

let app: FakeApp;
const savedEnv = { ...process.env };
beforeAll(async () => {
  // Snapshot capture requests the app itself over loopback: point HOST/PORT at a real server.
  app = await startFakeApp();
  Object.assign(process.env, { HOST: '127.0.0.1', PORT: String(app.port), PUBLIC_URL: 'https://triangulate.example' });
  delete process.env.SNAPSHOT_MAX_BYTES;
  resetConfigForTests();
});
afterAll(async () => {
  process.env = savedEnv;
  resetConfigForTests();
  await app.close();
});

describe.each(testDatabases())('views API and share links on $name', ({ url }) => {
  // The route handlers use the process-wide client: point it at this database.
  const processDb = useAsProcessDb(url, { beforeAll, beforeEach, afterAll });
  let db: Db;
  beforeAll(() => {
    db = processDb();
  });

  async function saveView(path = `/trace/${TRACE}?from=now-1h&to=now`) {
    const res = await viewsRoute.POST(send('POST', '/api/v1/views', { name: 'Checkout 502s', path }));
    expect(res.status).toBe(201);
    return expectContract(viewRecord, await res.json());
  }
  async function shareView(id: string, body: object) {
    const res = await shareRoute.POST(send('POST', `/api/v1/views/${id}/share`, body), ctx({ id }));
    const answer = await res.json();
    if (res.status === 201) expectContract(createdShare, answer);
    return { status: res.status, body: answer };
  }
  const openLink = (token: string) => shareLink.GET(new Request(`${BASE}/s/${token}`), ctx({ token }));
  const tokenOf = (shareUrl: string) => shareUrl.split('/s/')[1];

  it('saves a view and answers {id, name, path, createdAt}; lists, searches, renames and deletes it', async () => {
    const view = await saveView();
    expect(view).toMatchObject({ name: 'Checkout 502s', path: `/trace/${TRACE}?from=now-1h&to=now` });
    expect(Date.parse(view.createdAt)).not.toBeNaN();

    const list = expectContract(viewList, await (await viewsRoute.GET(new Request(`${BASE}/api/v1/views?q=checkout`))).json());
    expect(list.views.map((v: { id: string }) => v.id)).toEqual([view.id]);
    const none = await (await viewsRoute.GET(new Request(`${BASE}/api/v1/views?q=nothing-like-this`))).json();
    expect(none.views).toEqual([]);
    // The share dialog asks whether exactly this view is saved already.
    const exact = await (await viewsRoute.GET(new Request(`${BASE}/api/v1/views?path=${encodeURIComponent(view.path)}`))).json();
    expect(exact.views.map((v: { id: string }) => v.id)).toEqual([view.id]);
    const other = await (await viewsRoute.GET(new Request(`${BASE}/api/v1/views?path=${encodeURIComponent('/anomalies')}`))).json();
    expect(other.views).toEqual([]);

    const patched = await viewRoute.PATCH(send('PATCH', `/api/v1/views/${view.id}`, { name: 'Renamed' }), ctx({ id: view.id }));
    expect((await patched.json()).name).toBe('Renamed');
    expect((await (await viewRoute.GET(new Request(`${BASE}/api/v1/views/${view.id}`), ctx({ id: view.id }))).json()).name).toBe('Renamed');

    expect((await viewRoute.DELETE(new Request(`${BASE}/api/v1/views/${view.id}`, { method: 'DELETE', headers: signedInHeaders() }), ctx({ id: view.id }))).status).toBe(200);
    const gone = await viewRoute.GET(new Request(`${BASE}/api/v1/views/${view.id}`), ctx({ id: view.id }));
    expect(gone.status).toBe(404);
    expect((await gone.json()).error.code).toBe('not_found');
  });

  it('rejects bad input with 400 and a message', async () => {
    for (const [body, code] of [
      [{ name: 'x', path: 'https://evil.example/trace/abc' }, 'bad_view_path'],
      [{ name: 'x', path: '/views' }, 'bad_view_path'],
      [{ name: '', path: '/' }, 'bad_request'],
      [{ path: '/' }, 'bad_request'],
    ] as const) {
      const res = await viewsRoute.POST(send('POST', '/api/v1/views', body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error.code).toBe(code);
    }
    const view = await saveView('/anomalies?from=nonsense');
    const share = await shareView(view.id, { snapshot: true });
    expect(share.status).toBe(400);
    expect(share.body.error.code).toBe('bad_time_range');
    expect((await shareView(view.id, { expiresIn: 'forever' })).status).toBe(400);
    expect((await shareView('missing', {})).status).toBe(404);
  });

  it('shares a snapshot: {url, expiresAt}; the link leads to the snapshot page with no-referrer and noindex', async () => {
    const view = await saveView();
    const { status, body } = await shareView(view.id, { snapshot: true, expiresIn: '7d' });
    expect(status).toBe(201);
    expect(body.url).toMatch(/^https:\/\/triangulate\.example\/s\/[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(app.requests.some((r) => r.startsWith(`/api/v1/traces/${TRACE}/correlated?from=`))).toBe(true);

    const token = tokenOf(body.url);
    const res = await openLink(token);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/s/${token}/view`);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-robots-tag')).toMatch(/noindex/);
  });

  it('redirects a live share to the view itself for someone signed in, to its read-only page otherwise, and counts the opens', async () => {
    const view = await saveView();
    const { body } = await shareView(view.id, {});
    const token = tokenOf(body.url);
    const anonymous = await openLink(token);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/s/${token}/view`);
    const res = await shareLink.GET(new Request(`${BASE}/s/${token}`, { headers: signedInHeaders() }), ctx({ token }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(view.path);
    const list = expectContract(shareList, await (await sharesRoute.GET(new Request(`${BASE}/api/v1/views/${view.id}/shares`), ctx({ id: view.id }))).json());
    expect(list.shares).toHaveLength(1);
    expect(list.shares[0]).toMatchObject({ openCount: 2, status: 'active', snapshot: false });
    expect(JSON.stringify(list)).not.toContain(tokenOf(body.url));
  });

  it('answers a snapshot over SNAPSHOT_MAX_BYTES with 413 snapshot_too_large', async () => {
    process.env.SNAPSHOT_MAX_BYTES = '64';
    try {
      const view = await saveView();
      const { status, body } = await shareView(view.id, { snapshot: true });
      expect(status).toBe(413);
      expect(body.error.code).toBe('snapshot_too_large');
      expect(body.error.message).toMatch(/over the limit of 64 B/);
    } finally {
      delete process.env.SNAPSHOT_MAX_BYTES;
    }
  });

  it('shows expired, revoked, tampered, unknown and malformed links as a clear page without data', async () => {
    const view = await saveView();
    const make = async () => tokenOf((await shareView(view.id, { snapshot: true })).body.url);
    const [expired, revokedById, revokedByToken, valid] = [await make(), await make(), await make(), await make()];
    // Expire one link by moving its expiry into the past (time cannot be waited for here).
    await db.share.update({ where: { tokenHash: hashToken(expired) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const { id: shareId } = await db.share.findUniqueOrThrow({ where: { tokenHash: hashToken(revokedById) } });
    const r1 = await shareByIdRoute.DELETE(new Request(`${BASE}/x`, { method: 'DELETE', headers: signedInHeaders() }), ctx({ id: view.id, shareId }));
    expect((await r1.json()).share.status).toBe('revoked');
    const r2 = await revokeRoute.DELETE(new Request(`${BASE}/api/v1/shares/${revokedByToken}`, { method: 'DELETE', headers: signedInHeaders() }), ctx({ token: revokedByToken }));
    expect(r2.status).toBe(200);
    const tampered = valid.slice(0, 5) + (valid[5] === 'Q' ? 'R' : 'Q') + valid.slice(6);

    const cases: [string, number, RegExp][] = [
      [expired, 410, /has expired/],
      [revokedById, 410, /was revoked/],
      [revokedByToken, 410, /was revoked/],
      [tampered, 404, /does not exist/],
      ['B'.repeat(43), 404, /does not exist/],
      ['short', 404, /not a valid share link/],
      [`${valid}x`, 404, /not a valid share link/],
    ];
    for (const [token, statusWanted, message] of cases) {
      const res = await openLink(token);
      const html = await res.text();
      expect(res.status, token).toBe(statusWanted);
      expect(html).toMatch(message);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-robots-tag')).toMatch(/noindex/);
      expect(res.headers.get('location')).toBeNull();
      expect(html).not.toContain(TRACE); // never data, not even the view's path
    }
    expect((await openLink(valid)).status).toBe(303);
    const unknownRevoke = await revokeRoute.DELETE(new Request(`${BASE}/api/v1/shares/${tampered}`, { method: 'DELETE', headers: signedInHeaders() }), ctx({ token: tampered }));
    expect(unknownRevoke.status).toBe(404);
  });
});
