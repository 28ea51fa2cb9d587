import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { apiUrlsForView } from '@/lib/views/api-urls';
import { createView, deleteView, getView, listViews, updateView } from '@/lib/views/saved-views';
import { createShareInput } from '@/lib/api/contract/views';
import {
  createShare,
  findShare,
  listShares,
  openShare,
  revokeShareById,
  revokeShareByToken,
  type CreateShareDeps,
} from '@/lib/views/shares';
import { loadSharedView } from '@/lib/views/shared-view';
import { captureSnapshot } from '@/lib/views/snapshot-capture';
import { DEFAULT_SNAPSHOT_MAX_BYTES, rawSnapshotBudget, SnapshotTooLargeError } from '@/lib/views/snapshot-codec';
import { hashToken } from '@/lib/views/tokens';
import { openMigrated, testDatabases, wipe } from '../helpers/db';
import { startFakeApp, type FakeApp } from '@/lib/views/test-helpers';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const DAY = 86_400_000;

let app: FakeApp;
beforeAll(async () => {
  app = await startFakeApp();
});
afterAll(() => app.close());

describe.each(testDatabases())('views and shares on $name', ({ url }) => {
  let db: Db;
  const deps = (over: Partial<CreateShareDeps> = {}): CreateShareDeps => ({
    nowMs: NOW,
    publicUrl: 'https://triangulate.example/',
    maxSnapshotBytes: DEFAULT_SNAPSHOT_MAX_BYTES,
    capture: (p) => captureSnapshot(p, { baseUrl: app.url, fetch, nowMs: NOW, maxRawBytes: rawSnapshotBudget(DEFAULT_SNAPSHOT_MAX_BYTES) }),
    ...over,
  });
  const share = (viewId: string, body: object, over?: Partial<CreateShareDeps>) => createShare(db, viewId, createShareInput.parse(body), deps(over));

  beforeAll(() => {
    db = openMigrated(url);
  });
  beforeEach(() => wipe(db));
  afterAll(() => db?.$disconnect());

  it('saves, lists, searches, renames and deletes views', async () => {
    const a = await createView(db, { name: 'Checkout 502s', path: `/trace/${TRACE}?from=now-1h&to=now` });
    const b = await createView(db, { name: 'GC storm', description: 'risk-engine young GCs', path: '/anomalies?kind=gc_storm' });
    expect(a).toMatchObject({ name: 'Checkout 502s', description: '', path: `/trace/${TRACE}?from=now-1h&to=now` });
    expect(await getView(db, a.id)).toEqual(a);
    expect((await listViews(db)).map((v) => v.id).sort()).toEqual([a.id, b.id].sort());
    expect((await listViews(db, { q: 'RISK' })).map((v) => v.name)).toEqual(['GC storm']);
    expect((await listViews(db, { q: TRACE.slice(0, 8) })).map((v) => v.name)).toEqual(['Checkout 502s']);

    await new Promise((r) => setTimeout(r, 5));
    const renamed = await updateView(db, a.id, { name: 'Checkout 502s (resolved)' });
    expect(renamed?.name).toBe('Checkout 502s (resolved)');
    expect(Date.parse(renamed!.updatedAt)).toBeGreaterThan(Date.parse(a.updatedAt));
    expect(await updateView(db, 'missing', { name: 'x' })).toBeNull();

    expect(await deleteView(db, b.id)).toBe(true);
    expect(await deleteView(db, b.id)).toBe(false);
    expect(await getView(db, b.id)).toBeNull();
  });

  it('lists only views people saved unless digest-made ones are asked for; search and path respect the origin', async () => {
    const mine = await createView(db, { name: 'Anomalies this morning', path: '/anomalies?from=now-6h&to=now' });
    const digest = await createView(db, { name: 'Digest: Mornings', path: '/anomalies?from=now-6h&to=now' }, 'digest');
    expect(mine.origin).toBe('user');
    expect(digest.origin).toBe('digest');
    expect((await listViews(db)).map((v) => v.id)).toEqual([mine.id]);
    expect((await listViews(db, { origin: 'digest' })).map((v) => v.id)).toEqual([digest.id]);
    expect((await listViews(db, { origin: 'all' })).map((v) => v.id).sort()).toEqual([mine.id, digest.id].sort());
    expect(await listViews(db, { q: 'Digest' })).toEqual([]);
    expect((await listViews(db, { q: 'Digest', origin: 'all' })).map((v) => v.id)).toEqual([digest.id]);
    // The share dialog's "already saved?" must not count a digest's view as the user's.
    expect((await listViews(db, { path: '/anomalies?from=now-6h&to=now' })).map((v) => v.id)).toEqual([mine.id]);
    expect(await getView(db, digest.id)).toEqual(digest); // its share links keep working
  });

  it('creates a live share whose token is stored only as a hash', async () => {
    const v = await createView(db, { name: 'live', path: '/anomalies?from=now-6h&to=now' });
    const created = (await share(v.id, {}))!;
    expect(created.url).toBe(`https://triangulate.example/s/${created.token}`);
    expect(created.expiresAt).toBe(new Date(NOW + 30 * DAY).toISOString());
    expect(created.share).toMatchObject({ snapshot: false, path: v.path, openCount: 0, status: 'active' });
    const rows = await db.share.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(rows[0])).not.toContain(created.token);
    expect(await share('missing', {})).toBeNull();
  });

  it('pins the range of a live share when asked ("share as of now")', async () => {
    const v = await createView(db, { name: 'pinned', path: '/anomalies?from=now-6h&to=now' });
    const created = (await share(v.id, { pinRange: true, expiresIn: 'never' }))!;
    expect(created.share.path).toBe('/anomalies?from=2026-11-23T06%3A00%3A00.000Z&to=2026-11-23T12%3A00%3A00.000Z');
    expect(created.expiresAt).toBeNull();
  });

  it('round-trips a snapshot through the database: pinned path, the exact responses, failed parts', async () => {
    const v = await createView(db, { name: 'trace', path: `/trace/${TRACE}?from=now-1h&to=now&span=00f067aa0ba902b7` });
    const created = (await share(v.id, { snapshot: true, expiresIn: '7d' }))!;
    const pinned = `/trace/${TRACE}?from=2026-11-23T11%3A00%3A00.000Z&to=2026-11-23T12%3A00%3A00.000Z&span=00f067aa0ba902b7`;
    expect(created.share).toMatchObject({ snapshot: true, path: pinned });
    expect(created.share.snapshotBytes).toBeGreaterThan(20);
    expect(created.failedParts).toEqual([]);

    const opened = await openShare(db, created.token, NOW + DAY);
    if (opened.state !== 'ok') throw new Error(`expected ok, got ${opened.state}`);
    const [correlated] = apiUrlsForView(pinned);
    expect(opened.data).toEqual({ version: 1, takenAt: '2026-11-23T12:00:00.000Z', path: pinned, responses: { [correlated]: app.correlatedBody(TRACE) }, failed: {} });
    // The frozen data does not depend on the backend any more.
    app.failEverything = true;
    try {
      const again = await openShare(db, created.token, NOW + 2 * DAY);
      expect(again.state === 'ok' && again.data?.responses[correlated]).toEqual(app.correlatedBody(TRACE));
    } finally {
      app.failEverything = false;
    }
  });

  it('stores the parts that failed at capture time so the page can say so', async () => {
    const v = await createView(db, { name: 'explore', path: '/explore?query=up&logql=%7Bjob%3D%22x%22%7D' });
    app.failEverything = true;
    try {
      const created = (await share(v.id, { snapshot: true }))!;
      const opened = await openShare(db, created.token, NOW);
      if (opened.state !== 'ok') throw new Error(`share is ${opened.state}`);
      // Every part Explore fetches for the pinned range (metrics, its charts' anomaly markers, logs) failed.
      const parts = apiUrlsForView(opened.data!.path);
      expect(created.failedParts).toHaveLength(parts.length);
      expect(Object.keys(opened.data!.failed).sort()).toEqual([...parts].sort());
      expect(Object.values(opened.data!.failed).map((f) => f.status)).toEqual(parts.map(() => 503));
    } finally {
      app.failEverything = false;
    }
  });

  it('refuses a snapshot over the size cap and stores nothing', async () => {
    const v = await createView(db, { name: 'big', path: `/trace/${TRACE}` });
    await expect(share(v.id, { snapshot: true }, { maxSnapshotBytes: 64 })).rejects.toThrow(SnapshotTooLargeError);
    expect(await db.share.count()).toBe(0);
  });

  it('counts opens and the last open time', async () => {
    const v = await createView(db, { name: 'count', path: '/' });
    const created = (await share(v.id, {}))!;
    await Promise.all([openShare(db, created.token, NOW + 1000), openShare(db, created.token, NOW + 2000), openShare(db, created.token, NOW + 1500)]);
    const [listed] = (await listShares(db, v.id, NOW + 3000))!;
    expect(listed.openCount).toBe(3);
    expect([NOW + 1000, NOW + 1500, NOW + 2000].map((t) => new Date(t).toISOString())).toContain(listed.lastOpenedAt);
  });

  it('answers expired, revoked, tampered, unknown and malformed tokens with their state and no data', async () => {
    const v = await createView(db, { name: 'states', path: `/trace/${TRACE}` });
    const short = (await share(v.id, { snapshot: true, expiresIn: '1d' }))!;
    const revoked = (await share(v.id, { snapshot: true }))!;
    expect(await revokeShareByToken(db, revoked.token, NOW + 10)).toBe(true);
    expect(await revokeShareByToken(db, revoked.token, NOW + 20)).toBe(true); // idempotent, keeps the first time
    const tampered = short.token.slice(0, 20) + (short.token[20] === 'x' ? 'y' : 'x') + short.token.slice(21);

    expect(await openShare(db, short.token, NOW + DAY - 1)).toMatchObject({ state: 'ok' });
    expect(await openShare(db, short.token, NOW + DAY)).toEqual({ state: 'expired' });
    expect(await openShare(db, revoked.token, NOW + 30)).toEqual({ state: 'revoked' });
    expect(await openShare(db, tampered, NOW)).toEqual({ state: 'unknown' });
    expect(await openShare(db, 'A'.repeat(43), NOW)).toEqual({ state: 'unknown' });
    expect(await openShare(db, 'not-a-token', NOW)).toEqual({ state: 'malformed' });
    expect(await revokeShareByToken(db, tampered, NOW)).toBe(false);

    const listed = (await listShares(db, v.id, NOW + DAY))!;
    expect(listed.map((s) => s.status).sort()).toEqual(['expired', 'revoked']);
    expect(listed.find((s) => s.status === 'revoked')?.revokedAt).toBe(new Date(NOW + 10).toISOString());
    // Failed opens are not counted.
    expect(listed.find((s) => s.status === 'revoked')?.openCount).toBe(0);
  });

  it('revokes by share id only within its own view', async () => {
    const v = await createView(db, { name: 'mine', path: '/' });
    const other = await createView(db, { name: 'other', path: '/' });
    const created = (await share(v.id, {}))!;
    expect(await revokeShareById(db, other.id, created.share.id, NOW)).toBeNull();
    expect((await findShare(db, created.token, NOW)).state).toBe('ok');
    expect((await revokeShareById(db, v.id, created.share.id, NOW))?.status).toBe('revoked');
    expect((await findShare(db, created.token, NOW)).state).toBe('revoked');
  });

  it('kills the share links of a deleted view', async () => {
    const v = await createView(db, { name: 'gone', path: '/' });
    const created = (await share(v.id, {}))!;
    await deleteView(db, v.id);
    expect((await findShare(db, created.token, NOW)).state).toBe('unknown');
  });

  it('serves a share page\'s data only for ok shares: a snapshot streamed from its stored gzip, a live share captured now', async () => {
    const v = await createView(db, { name: 'page', path: `/trace/${TRACE}?from=now-1h&to=now` });
    const live = (await share(v.id, {}))!;
    const snap = (await share(v.id, { snapshot: true, expiresIn: '1d' }))!;
    const captured: string[] = [];
    const sharedDeps = (nowMs = NOW) => ({ nowMs, capture: async (p: string) => (captured.push(p), deps().capture(p)) });
    const stored = await db.share.findFirstOrThrow({ where: { id: snap.share.id } });
    const streamed = await loadSharedView(db, snap.token, sharedDeps());
    expect(streamed.kind).toBe('snapshot');
    expect(streamed.kind === 'snapshot' && (await new Response(streamed.json).text())).toBe(gunzipSync(stored.snapshotData!).toString('utf8'));
    expect(captured).toEqual([]);
    const now = await loadSharedView(db, live.token, sharedDeps());
    expect(now.kind === 'live' && Object.keys(now.data.responses)).toEqual(apiUrlsForView(captured[0]));
    expect(captured).toEqual([`/trace/${TRACE}?from=2026-11-23T11%3A00%3A00.000Z&to=2026-11-23T12%3A00%3A00.000Z`]);
    expect(await loadSharedView(db, snap.token, sharedDeps(NOW + DAY))).toEqual({ kind: 'gone', state: 'expired' });
    await revokeShareById(db, v.id, live.share.id, NOW);
    expect(await loadSharedView(db, live.token, sharedDeps())).toEqual({ kind: 'gone', state: 'revoked' });
    expect(captured).toHaveLength(1);
  });
});
