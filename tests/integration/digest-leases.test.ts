import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { parseKeyring } from '@/lib/crypto/secret-box';
import { pruneDigestData, resealChannels } from '@/lib/digests/retention';
import { tick } from '@/lib/digests/runner';
import { createSchedule, getScheduleRow, storedChannels } from '@/lib/digests/store';
import { createScheduleInput, type ChannelInput } from '@/lib/digests/types';
import { openMigrated, testDatabases, wipe } from '../helpers/db';
import { fakeScan, runnerDeps, TEST_RULES } from './digests-helpers';

/**
 * Leases are per claim and stamped when taken (docs/security.md, "Digests"): a slow
 * schedule does not hand later schedules leases that are already stale. Retention deletes
 * old runs and expired digest snapshots, never the run the next digest compares against.
 */

const at = (s: string) => Date.parse(s);
/** How long the receiver takes to answer. */
const DELIVERY_MS = 900;

describe.each(testDatabases())('digest leases and retention on $name', ({ url }) => {
  let db: Db;
  let server: Server;
  let hookUrl = '';
  const seen: { path: string; leaseOwner: string | null; leaseUntil: number | null; at: number }[] = [];
  let open = 0;
  let peakOpen = 0;
  let tickWallStart = 0;
  let tickNow = 0;

  beforeAll(async () => {
    db = openMigrated(url);
    // Answers slowly, and before answering records the lease the sending run holds right now.
    server = createServer((req, res) => {
      req.resume();
      req.on('end', async () => {
        const arrivedAt = tickNow + (Date.now() - tickWallStart);
        peakOpen = Math.max(peakOpen, ++open);
        const runId = String(req.headers['x-triangulate-delivery']).split(':')[0];
        const run = await db.digestRun.findUnique({ where: { id: runId } });
        seen.push({ path: req.url ?? '', leaseOwner: run?.leaseOwner ?? null, leaseUntil: run?.leaseUntil?.getTime() ?? null, at: arrivedAt });
        setTimeout(() => {
          open -= 1;
          res.end('ok');
        }, DELIVERY_MS);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(async () => {
    await wipe(db);
    seen.length = 0;
    peakOpen = 0;
  });
  afterAll(async () => {
    server?.close();
    await db?.$disconnect();
  });

  const schedule = (name: string, channels: ChannelInput[], nowMs: number) =>
    createSchedule(db, createScheduleInput.parse({ name, cron: '0 * * * *', timezone: 'UTC', channels }), nowMs, TEST_RULES);

  it('each claim gets its own lease token, stamped from the current clock, while a slow schedule runs before it', async () => {
    const created = at('2026-11-23T00:00:30Z');
    for (const n of ['first', 'second', 'third']) await schedule(n, [{ type: 'webhook', url: `${hookUrl}/${n}` }], created);
    tickNow = at('2026-11-23T01:00:05Z');
    tickWallStart = Date.now();
    // One schedule at a time and a lease shorter than two deliveries: stamped from the tick's start, the third lease would be stale on arrival.
    const LEASE = 1_200;
    const out = await tick(runnerDeps(db, 'runner-a', fakeScan(), { leaseMs: LEASE, scheduleConcurrency: 1 }), tickNow);
    expect(out.ran).toHaveLength(3);
    expect(seen.map((s) => s.path)).toEqual(['/first', '/second', '/third']);
    for (const s of seen) expect(s.leaseOwner).toMatch(/^runner-a\/[0-9a-f]{12}$/);
    expect(new Set(seen.map((s) => s.leaseOwner)).size).toBe(3);
    // The third claim was renewed after two full deliveries had taken real time: its lease
    // ends at least that much later than the tick began (load only makes the gap larger).
    expect(seen[2].leaseUntil! - tickNow).toBeGreaterThanOrEqual(2 * DELIVERY_MS + LEASE);
  });

  it('schedules run side by side, bounded', async () => {
    const created = at('2026-11-23T00:00:30Z');
    for (const n of ['a', 'b', 'c', 'd']) await schedule(n, [{ type: 'webhook', url: `${hookUrl}/${n}` }], created);
    tickNow = at('2026-11-23T01:00:05Z');
    tickWallStart = Date.now();
    await tick(runnerDeps(db, 'runner-a', fakeScan(), { scheduleConcurrency: 2 }), tickNow);
    expect(seen).toHaveLength(4);
    // Two deliveries were at the receiver at once, never more than the bound.
    expect(peakOpen).toBe(2);
  });

  it('retention deletes old runs and expired digest snapshots, keeping the run the next digest compares against', async () => {
    const now = at('2026-12-30T00:00:00Z');
    const s = await schedule('kept', [], at('2026-11-01T00:00:00Z'));
    const run = (id: string, status: string, startedAt: string) =>
      db.digestRun.create({ data: { id, scheduleId: s.id, scheduledFor: new Date(startedAt), status, windowFrom: new Date(startedAt), windowTo: new Date(startedAt), startedAt: new Date(startedAt) } });
    await run('old-sent', 'sent', '2026-11-02T00:00:00Z');
    await run('old-failed', 'failed', '2026-11-03T00:00:00Z');
    await run('latest-sent-but-old', 'sent', '2026-11-04T00:00:00Z');
    await run('recent', 'failed', '2026-12-29T00:00:00Z');
    const view = await db.savedView.create({ data: { id: 'v-digest', name: 'Digest', path: '/anomalies', origin: 'digest', createdAt: new Date('2026-11-02T00:00:00Z') } });
    const userView = await db.savedView.create({ data: { id: 'v-user', name: 'Mine', path: '/anomalies' } });
    await db.share.create({ data: { id: 'sh-expired', viewId: view.id, tokenHash: 'h1', path: '/anomalies', snapshot: true, expiresAt: new Date('2026-12-01T00:00:00Z') } });
    await db.share.create({ data: { id: 'sh-user-expired', viewId: userView.id, tokenHash: 'h2', path: '/anomalies', expiresAt: new Date('2026-12-01T00:00:00Z') } });

    expect(await pruneDigestData(db, now, 30)).toEqual({ runs: 2, shares: 1, views: 1 });
    expect((await db.digestRun.findMany({ orderBy: { startedAt: 'asc' } })).map((r) => r.id)).toEqual(['latest-sent-but-old', 'recent']);
    expect((await db.share.findMany()).map((x) => x.id)).toEqual(['sh-user-expired']);
    expect((await db.savedView.findMany()).map((v) => v.id)).toEqual(['v-user']);
  });

  it('stores channel secrets sealed and reseals them with the new key after a rotation', async () => {
    const secret = 'whsec-rotate-me-1';
    const s = await schedule('sealed', [{ type: 'webhook', url: `${hookUrl}/x`, secret }], at('2026-11-23T00:00:30Z'));
    const before = (await getScheduleRow(db, s.id))!.channels;
    expect(before).toMatch(/^enc:v1:test1:/);
    expect(before).not.toContain(secret);
    expect(before).not.toContain(hookUrl);
    const rotated = parseKeyring(`test2:${Buffer.alloc(32, 9).toString('base64')},${`test1:${Buffer.alloc(32, 7).toString('base64')}`}`);
    expect(await resealChannels(db, rotated)).toBe(1);
    const after = (await getScheduleRow(db, s.id))!;
    expect(after.channels).toMatch(/^enc:v1:test2:/);
    expect(storedChannels(after, rotated)).toEqual([{ type: 'webhook', url: `${hookUrl}/x`, secret }]);
    expect(await resealChannels(db, rotated)).toBe(0);
  });
});
