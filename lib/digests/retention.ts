import { needsReseal, type Keyring } from '../crypto/secret-box';
import type { Db } from '../db';
import { sealChannels, storedChannels } from './store';

/**
 * Retention of digest data (docs/security.md, "Digests"): without it the database only
 * grows — up to six snapshot shares per run, rendered digests kept forever.
 *
 * - Finished runs older than `retentionDays` go, with their rendered digest, except each
 *   schedule's latest sent or skipped run (the next digest compares against it).
 * - Snapshot shares made for digests go once expired, and so do digest views left without
 *   a share. Shares people made by hand are theirs to revoke: untouched.
 */

const FINISHED = ['sent', 'failed', 'missed', 'skipped'];

export interface PruneResult {
  runs: number;
  shares: number;
  views: number;
}

export async function pruneDigestData(db: Db, nowMs: number, retentionDays: number): Promise<PruneResult> {
  const cutoff = new Date(nowMs - retentionDays * 86_400_000);
  const schedules = await db.digestSchedule.findMany({ select: { id: true } });
  const keep: string[] = [];
  for (const s of schedules) {
    const last = await db.digestRun.findFirst({ where: { scheduleId: s.id, status: { in: ['sent', 'skipped'] } }, orderBy: { windowTo: 'desc' }, select: { id: true } });
    if (last) keep.push(last.id);
  }
  const runs = await db.digestRun.deleteMany({ where: { status: { in: FINISHED }, startedAt: { lt: cutoff }, id: { notIn: keep } } });
  const shares = await db.share.deleteMany({ where: { expiresAt: { lt: new Date(nowMs) }, view: { origin: 'digest' } } });
  const views = await db.savedView.deleteMany({ where: { origin: 'digest', shares: { none: {} }, createdAt: { lt: new Date(nowMs - 86_400_000) } } });
  return { runs: runs.count, shares: shares.count, views: views.count };
}

/**
 * After a key rotation (a new first key in DIGEST_ENCRYPTION_KEYS), rows sealed with an
 * old key — or stored plain before keys were configured — are sealed with the current one.
 * Conditional on the old text, so a concurrent edit is never overwritten.
 */
export async function resealChannels(db: Db, keyring: Keyring): Promise<number> {
  if (!keyring.current) return 0;
  let count = 0;
  for (const row of await db.digestSchedule.findMany({ select: { id: true, channels: true } })) {
    if (!needsReseal(row.channels, keyring)) continue;
    const sealed = sealChannels(storedChannels(row, keyring), keyring);
    count += (await db.digestSchedule.updateMany({ where: { id: row.id, channels: row.channels }, data: { channels: sealed } })).count;
  }
  return count;
}
