import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as auditRoute from '@/app/api/v1/audit/route';
import * as digestRoute from '@/app/api/v1/digests/[id]/route';
import * as runsRoute from '@/app/api/v1/digests/[id]/runs/route';
import * as digestsRoute from '@/app/api/v1/digests/route';
import * as viewRoute from '@/app/api/v1/views/[id]/route';
import * as shareRoute from '@/app/api/v1/views/[id]/share/route';
import * as shareByIdRoute from '@/app/api/v1/views/[id]/shares/[shareId]/route';
import * as viewsRoute from '@/app/api/v1/views/route';
import type { User } from '@/lib/auth/roles';
import { resetConfigForTests } from '@/lib/config';
import { composeDigest } from '@/lib/digests/compose';
import { renderDigest } from '@/lib/digests/render';
import { GC_STORM, scanResponse } from '@/lib/digests/test-fixtures';
import { newRowId } from '@/lib/row-id';
import { signedInHeaders } from '../helpers/auth';
import { testDatabases, useAsProcessDb } from '../helpers/db';

/** Editors manage their own views, shares and digests; admins all; and the audit log says who did what. */

const BASE = 'http://127.0.0.1:3000';
const erin: User = { id: 'oidc:erin', name: 'Erin', role: 'editor', via: 'oidc' };
const eddie: User = { id: 'oidc:eddie', name: 'Eddie', role: 'editor', via: 'oidc' };
const ada: User = { id: 'oidc:ada', name: 'Ada', role: 'admin', via: 'oidc' };
const vic: User = { id: 'oidc:vic', name: 'Vic', role: 'viewer', via: 'oidc' };
const ctx = <P extends object>(params: P) => ({ params: Promise.resolve(params) });
const as = (user: User, method: string, path: string, body?: unknown) =>
  new Request(`${BASE}${path}`, { method, headers: signedInHeaders(user, { 'content-type': 'application/json' }), body: body === undefined ? undefined : JSON.stringify(body) });

const savedEnv = { ...process.env };
beforeAll(() => {
  for (const k of ['PROMETHEUS_URL', 'LOKI_URL', 'JAEGER_URL', 'DEMO_PROMETHEUS_URL', 'DEMO_LOKI_URL', 'DEMO_JAEGER_URL']) delete process.env[k];
  Object.assign(process.env, { HOST: '127.0.0.1', PORT: '39873', PUBLIC_URL: 'https://triangulate.example' });
  resetConfigForTests();
});
afterAll(() => {
  process.env = savedEnv;
  resetConfigForTests();
});

describe.each(testDatabases())('owners and the audit log on $name', ({ url }) => {
  const processDb = useAsProcessDb(url, { beforeAll, beforeEach, afterAll });

  async function erinsView() {
    const res = await viewsRoute.POST(as(erin, 'POST', '/api/v1/views', { name: 'Erin\'s view', path: '/anomalies?from=now-1h&to=now' }));
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; ownerId: string };
  }

  it('records the creator as owner; another editor gets 403, the owner and an admin may change it', async () => {
    const view = await erinsView();
    expect(view.ownerId).toBe(erin.id);
    const rename = (user: User, name: string) => viewRoute.PATCH(as(user, 'PATCH', `/api/v1/views/${view.id}`, { name }), ctx({ id: view.id }));
    expect((await rename(eddie, 'hijacked')).status).toBe(403);
    expect((await rename(vic, 'hijacked')).status).toBe(403);
    expect((await rename(erin, 'mine')).status).toBe(200);
    expect((await rename(ada, 'admin was here')).status).toBe(200);
    expect((await viewRoute.DELETE(as(eddie, 'DELETE', `/api/v1/views/${view.id}`), ctx({ id: view.id }))).status).toBe(403);
    expect((await viewRoute.DELETE(as(erin, 'DELETE', `/api/v1/views/${view.id}`), ctx({ id: view.id }))).status).toBe(200);
  });

  it('lets any editor share a view, but only the link\'s creator, the view\'s owner or an admin revoke it', async () => {
    const view = await erinsView();
    const created = await shareRoute.POST(as(eddie, 'POST', `/api/v1/views/${view.id}/share`, { expiresIn: '1h' }), ctx({ id: view.id }));
    expect(created.status).toBe(201);
    const { share } = (await created.json()) as { share: { id: string; createdBy: string } };
    expect(share.createdBy).toBe(eddie.id);
    const revoke = (user: User) => shareByIdRoute.DELETE(as(user, 'DELETE', `/api/v1/views/${view.id}/shares/${share.id}`), ctx({ id: view.id, shareId: share.id }));
    expect((await revoke(vic)).status).toBe(403);
    expect((await revoke(erin)).status).toBe(200); // the view's owner
    expect((await revoke(eddie)).status).toBe(200); // the link's creator
  });

  it('guards digest schedules the same way', async () => {
    const res = await digestsRoute.POST(as(erin, 'POST', '/api/v1/digests', { name: 'Daily', cron: '0 9 * * *', timezone: 'UTC', channels: [{ type: 'webhook', url: 'https://hooks.example/x' }] }));
    expect(res.status).toBe(201);
    const { id, ownerId } = (await res.json()) as { id: string; ownerId: string };
    expect(ownerId).toBe(erin.id);
    expect((await digestRoute.PATCH(as(eddie, 'PATCH', `/api/v1/digests/${id}`, { enabled: false }), ctx({ id }))).status).toBe(403);
    expect((await digestRoute.DELETE(as(eddie, 'DELETE', `/api/v1/digests/${id}`), ctx({ id }))).status).toBe(403);
    expect((await digestRoute.PATCH(as(ada, 'PATCH', `/api/v1/digests/${id}`, { enabled: false }), ctx({ id }))).status).toBe(200);
  });

  it('lets only an admin bind a schedule to a shared secret (secretRef); its editor may keep what the admin bound', async () => {
    const body = (channels: unknown[]) => ({ name: 'Signed', cron: '0 9 * * *', timezone: 'UTC', channels });
    const refChannel = (ref: string) => ({ type: 'webhook', url: 'https://hooks.example/x', secretRef: ref });
    const refused = await digestsRoute.POST(as(erin, 'POST', '/api/v1/digests', body([refChannel('OPS')])));
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(/only an admin can bind a schedule to a shared secret \(secretRef OPS\)/);
    const created = await digestsRoute.POST(as(erin, 'POST', '/api/v1/digests', body([{ type: 'webhook', url: 'https://hooks.example/x' }])));
    const { id } = (await created.json()) as { id: string };
    const patch = (user: User, channels: unknown[]) => digestRoute.PATCH(as(user, 'PATCH', `/api/v1/digests/${id}`, { channels }), ctx({ id }));
    expect((await patch(erin, [refChannel('OPS')])).status).toBe(403);
    expect((await patch(ada, [refChannel('OPS')])).status).toBe(200); // the admin binds it
    const kept = await digestRoute.GET(as(erin, 'GET', `/api/v1/digests/${id}`), ctx({ id }));
    const { channels } = (await kept.json()) as { channels: unknown[] };
    expect((await patch(erin, channels)).status).toBe(200); // sent back unchanged (masked URL and all)
    expect((await patch(erin, [refChannel('OPS'), refChannel('BILLING')])).status).toBe(403);
    expect((await digestsRoute.POST(as(ada, 'POST', '/api/v1/digests', body([refChannel('OPS')])))).status).toBe(201);
  });

  it('hides snapshot tokens in run history from readers who do not own the schedule', async () => {
    const res = await digestsRoute.POST(as(erin, 'POST', '/api/v1/digests', { name: 'Hourly', cron: '0 * * * *', timezone: 'UTC', channels: [{ type: 'webhook', url: 'https://hooks.example/y' }] }));
    const { id } = (await res.json()) as { id: string };
    const token = 'T'.repeat(43);
    const link = `https://triangulate.example/s/${token}`;
    // A complete rendering (the run history shows only those) whose snapshot link carries the token.
    const now = Date.now();
    const window = { fromMs: now - 3_600_000, toMs: now };
    const digest = composeDigest({
      schedule: { id, name: 'Hourly' },
      window,
      response: scanResponse([GC_STORM], window.fromMs, window.toMs),
      filters: {},
      previous: null,
      nowMs: now,
      publicUrl: 'https://triangulate.example',
      snapshots: { digest: link, byAnomaly: {} },
    });
    await processDb().digestRun.create({
      data: { id: newRowId(), scheduleId: id, scheduledFor: new Date(), status: 'sent', windowFrom: new Date(window.fromMs), windowTo: new Date(window.toMs), rendered: JSON.stringify(renderDigest(digest)) },
    });
    const runsAs = async (user: User) => JSON.stringify(await (await runsRoute.GET(as(user, 'GET', `/api/v1/digests/${id}/runs`), ctx({ id }))).json());
    expect(await runsAs(vic)).not.toContain(token);
    expect(await runsAs(eddie)).not.toContain(token);
    expect(await runsAs(vic)).toContain('/s/[redacted]');
    expect(await runsAs(erin)).toContain(token);
    expect(await runsAs(ada)).toContain(token);
  });

  it('keeps an audit log of who created, changed, shared, revoked and deleted what, readable by admins only', async () => {
    const view = await erinsView();
    await viewRoute.PATCH(as(erin, 'PATCH', `/api/v1/views/${view.id}`, { name: 'renamed' }), ctx({ id: view.id }));
    const shared = (await (await shareRoute.POST(as(erin, 'POST', `/api/v1/views/${view.id}/share`, {}), ctx({ id: view.id }))).json()) as { share: { id: string }; url: string };
    await shareByIdRoute.DELETE(as(ada, 'DELETE', `/api/v1/views/${view.id}/shares/${shared.share.id}`), ctx({ id: view.id, shareId: shared.share.id }));
    await viewRoute.DELETE(as(erin, 'DELETE', `/api/v1/views/${view.id}`), ctx({ id: view.id }));
    expect((await auditRoute.GET(as(erin, 'GET', '/api/v1/audit'))).status).toBe(403);
    const { events } = (await (await auditRoute.GET(as(ada, 'GET', '/api/v1/audit'))).json()) as { events: { action: string; actor: { id: string }; target: { id: string } }[] };
    // Sorted: events in the same millisecond have no order between them.
    expect(events.map((e) => `${e.actor.id} ${e.action}`).sort()).toEqual([`${ada.id} share.revoke`, `${erin.id} share.create`, `${erin.id} view.create`, `${erin.id} view.delete`, `${erin.id} view.update`]);
    expect(events[0].action).toBe('view.delete');
    expect(JSON.stringify(events)).not.toContain(shared.url.split('/s/')[1]);
  });
});
