import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { openMigrated, testDatabases, wipe } from '../helpers/db';

const dbs = testDatabases();

it('runs against PostgreSQL in CI', () => {
  // scripts/test-all.sh always starts PostgreSQL; a missing URL there is a setup bug.
  if (process.env.CI || process.env.TRIANGULATE_FULL_TESTS) expect(dbs.map((d) => d.name)).toContain('postgres');
  expect(dbs.map((d) => d.name)).toContain('sqlite');
});

describe.each(dbs)('database on $name', ({ url }) => {
  let db: Db;
  beforeAll(async () => {
    db = openMigrated(url);
    await wipe(db);
  });
  afterAll(async () => {
    await db?.$disconnect();
  });

  it('stores views with shares and cascades deletes', async () => {
    const view = await db.savedView.create({ data: { id: 'v1', name: 'Checkout 502s', path: '/trace/abc?from=now-1h' } });
    expect(view.createdAt).toBeInstanceOf(Date);
    const data = new Uint8Array([31, 139, 8, 0, 1, 2, 3, 255]);
    await db.share.create({ data: { id: 's1', viewId: 'v1', tokenHash: 'h1', path: view.path, snapshot: true, snapshotData: data, snapshotBytes: data.length } });
    const share = await db.share.findUniqueOrThrow({ where: { tokenHash: 'h1' } });
    expect(Array.from(share.snapshotData!)).toEqual(Array.from(data)); // bytes round-trip exactly
    await db.savedView.delete({ where: { id: 'v1' } });
    expect(await db.share.count()).toBe(0);
  });

  it('refuses a second run for the same schedule slot (the exactly-once key)', async () => {
    await db.digestSchedule.create({ data: { id: 'd1', name: 'Morning', cron: '0 9 * * 1-5', timezone: 'Europe/Berlin' } });
    const slot = new Date('2026-11-23T08:00:00Z');
    const run = { scheduleId: 'd1', scheduledFor: slot, status: 'running', windowFrom: new Date(slot.getTime() - 86_400_000), windowTo: slot };
    await db.digestRun.create({ data: { id: 'r1', ...run } });
    await expect(db.digestRun.create({ data: { id: 'r2', ...run } })).rejects.toThrow();
    expect(await db.digestRun.count({ where: { scheduleId: 'd1' } })).toBe(1);
  });
});
