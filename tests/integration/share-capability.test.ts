import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sharedViewData } from '@/lib/api/contract/views';
import { SESSION_PURPOSE } from '@/lib/auth/identity';
import { INTERNAL_HEADER } from '@/lib/auth/internal';
import type { User } from '@/lib/auth/roles';
import { seal } from '@/lib/auth/seal';
import { resetConfigForTests } from '@/lib/config';
import { startFakeApp } from '@/lib/views/test-helpers';
import { hashToken } from '@/lib/views/tokens';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { freshSqliteUrl, useAsProcessDb } from '../helpers/db';
import { appRoutes } from '../helpers/routes';

/**
 * Share links are capability URLs in both sign-in modes (docs/security.md, "Share links"):
 * someone with no account opens a live share or a snapshot and gets that view's data, and
 * nothing else; a revoked or expired link stops answering at once. Requests go over real
 * HTTP through proxy.ts to the route handlers, and snapshot capture's loopback requests come
 * back the same way, as the app's internal reader.
 */

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SESSION_SECRET = 's'.repeat(48);
const EDITOR: User = { id: 'erin', name: 'Erin Editor', role: 'editor', via: 'oidc' };
const fake = await startFakeApp(); // only its canned answers are used: the correlated body
const savedEnv = { ...process.env };
let server: AppServer;

const MODES = {
  oidc: {
    env: { AUTH_MODE: 'oidc', OIDC_ISSUER: 'http://127.0.0.1:9/', OIDC_CLIENT_ID: 'triangulate', SESSION_SECRET },
    editor: (): Record<string, string> => ({ cookie: `triangulate-session=${seal(EDITOR, SESSION_SECRET, SESSION_PURPOSE, Date.now() + 3_600_000)}` }),
  },
  proxy: {
    // The test's own requests come from 127.0.0.1: it plays the trusted proxy, and sends no identity for anonymous.
    env: { AUTH_MODE: 'proxy', AUTH_PROXY_TRUSTED: '127.0.0.1', TRIANGULATE_PEER_STAMPED: '1' },
    editor: (): Record<string, string> => ({ 'x-forwarded-user': 'erin', 'x-forwarded-groups': 'sre' }),
  },
} as const;

afterAll(async () => {
  process.env = savedEnv;
  resetConfigForTests();
  await fake.close();
});

describe.each(Object.keys(MODES) as (keyof typeof MODES)[])('share links without an account (AUTH_MODE=%s)', (mode) => {
  const processDb = useAsProcessDb(freshSqliteUrl(), { beforeAll, beforeEach, afterAll });

  beforeAll(async () => {
    server = await startAppServer(await appRoutes(), {
      // The investigation behind a trace view; its backends are not what this test is about.
      [`/api/v1/traces/${TRACE}/correlated`]: (u) => fake.correlatedBody(u.pathname.split('/')[4]),
    });
    for (const k of ['PROMETHEUS_URL', 'LOKI_URL', 'JAEGER_URL', 'PUBLIC_URL', 'SNAPSHOT_MAX_BYTES', 'OIDC_ISSUER', 'AUTH_PROXY_TRUSTED']) delete process.env[k];
    Object.assign(process.env, { HOST: '127.0.0.1', PORT: String(server.port), AUTH_EDITOR_GROUPS: 'sre', DIGEST_RUNNER: 'off' }, MODES[mode].env);
    resetConfigForTests();
  });
  afterAll(() => server.close());

  const editor = MODES[mode].editor;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers, redirect: 'manual' });
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { ...editor(), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(201);
    return res.json();
  };
  const viewPath = `/trace/${TRACE}?from=now-1h&to=now`;
  async function shareOf(snapshot: boolean): Promise<string> {
    const view = await post('/api/v1/views', { name: 'Checkout 502s', path: viewPath });
    const created = await post(`/api/v1/views/${view.id}/share`, { snapshot, expiresIn: '1d' });
    expect(created.failedParts).toEqual([]);
    return created.url.split('/s/')[1];
  }

  it('a live share opens for someone without an account: the view as of now, read-only, and nothing else', async () => {
    const token = await shareOf(false);
    const opened = await get(`/s/${token}`);
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(`/s/${token}/view`);
    expect(opened.headers.get('referrer-policy')).toBe('no-referrer');

    server.passed.length = 0;
    const res = await get(`/s/${token}/view/data`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const data = sharedViewData.parse(await res.json());
    expect(data.path).toMatch(new RegExp(`^/trace/${TRACE}\\?from=\\d{4}-.*&to=\\d{4}-`)); // pinned at this moment
    const [url] = Object.keys(data.responses);
    expect(url).toMatch(new RegExp(`^/api/v1/traces/${TRACE}/correlated\\?from=`));
    expect(data.responses[url]).toMatchObject({ traceId: TRACE, trace: { spans: [{ operation: 'POST /checkout' }] } });
    // Captured through proxy.ts as the internal reader, the only request beyond the page's own.
    expect(server.passed).toEqual([`GET /s/${token}/view/data as anonymous`, `GET /api/v1/traces/${TRACE}/correlated as system:capture`]);

    // Nothing else: not the view's page, not its API, not the list of views.
    expect((await get(viewPath)).status).toBe(mode === 'oidc' ? 303 : 401);
    expect((await get(url)).status).toBe(401);
    expect((await get('/api/v1/views')).status).toBe(401);
    expect((await get(url, { [INTERNAL_HEADER]: 'a-guess' })).status).toBe(401);
    expect(await (await get('/api/v1/me')).json()).toMatchObject({ user: null, mode });

    // Someone signed in goes to the interactive view itself.
    expect((await get(`/s/${token}`, editor())).headers.get('location')).toBe(viewPath);
  });

  it('stops at once when the link is revoked or expires', async () => {
    const live = await shareOf(false);
    const snap = await shareOf(true);
    expect((await get(`/s/${live}/view/data`)).status).toBe(200);
    expect((await get(`/s/${snap}/view/data`)).status).toBe(200);
    const revoke = await fetch(`${server.url}/api/v1/shares/${live}`, { method: 'DELETE', headers: { ...editor(), 'content-type': 'application/json' } });
    expect(revoke.status).toBe(200);
    await processDb().share.update({ where: { tokenHash: hashToken(snap) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    for (const token of [live, snap]) {
      const res = await get(`/s/${token}/view/data`);
      expect(res.status).toBe(410);
      expect(await res.text()).not.toContain(TRACE);
      expect((await get(`/s/${token}`)).status).toBe(410);
    }
  });

  it('a snapshot is captured under sign-in and streamed to anyone with the link from its stored gzip', async () => {
    const token = await shareOf(true);
    expect((await get(`/s/${token}`)).headers.get('location')).toBe(`/s/${token}/view`);
    const row = await processDb().share.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    const res = await get(`/s/${token}/view/data`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toBe(gunzipSync(row.snapshotData!).toString('utf8')); // exactly what was stored, not re-serialized
    const data = sharedViewData.parse(JSON.parse(body));
    expect(Object.values(data.responses)[0]).toMatchObject({ traceId: TRACE });
  });
});
