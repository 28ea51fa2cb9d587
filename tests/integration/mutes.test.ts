import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { activeMutes, muteInput } from '@/lib/mutes/mutes';
import { createMute, endMute, listActiveMutes } from '@/lib/mutes/store';
import { openMigrated, testDatabases, wipe } from '../helpers/db';

const NOW = Date.parse('2026-12-04T12:00:00.000Z');
const HOUR = 3_600_000;

describe.each(testDatabases())('finding mutes on $name', ({ url }) => {
  let db: Db;
  beforeAll(() => {
    db = openMigrated(url);
  });
  beforeEach(() => wipe(db));
  afterAll(() => db.$disconnect());

  it('stores who muted a finding, why and until when, and lists it while it lasts', async () => {
    const m = await createMute(db, muteInput.parse({ findingId: 'gc-1', mode: 'mute', by: 'ana', reason: 'known: heap fix rolling out', for: '2h' }), NOW);
    expect(m).toMatchObject({ findingId: 'gc-1', mode: 'mute', by: 'ana', reason: 'known: heap fix rolling out', until: '2026-12-04T14:00:00.000Z' });
    expect((await listActiveMutes(db, NOW + HOUR)).map((x) => x.id)).toEqual([m.id]);
    expect(await listActiveMutes(db, NOW + 2 * HOUR)).toEqual([]);
  });

  it('ends a mute early, once', async () => {
    const m = await createMute(db, muteInput.parse({ findingId: 'gc-1', mode: 'ack', by: 'bo', reason: 'looking', for: '30m' }), NOW);
    expect(await endMute(db, m.id, NOW + 60_000)).toBe(true);
    expect(await endMute(db, m.id, NOW + 120_000)).toBe(false);
    expect(activeMutes(await listActiveMutes(db, NOW + 90_000), NOW + 90_000).size).toBe(0);
  });
});
