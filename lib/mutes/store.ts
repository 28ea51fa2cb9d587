import type { Db } from '../db';
import { newRowId } from '../row-id';
import type { FindingMute, MuteInput, MuteMode } from './mutes';

/** Finding mutes in the database (SQLite or PostgreSQL); the client is injected. */

interface MuteRow {
  id: string;
  findingId: string;
  mode: string;
  by: string;
  reason: string;
  until: Date;
  createdAt: Date;
}

const toMute = (r: MuteRow): FindingMute => ({
  id: r.id,
  findingId: r.findingId,
  mode: (r.mode === 'mute' ? 'mute' : 'ack') as MuteMode,
  by: r.by,
  reason: r.reason,
  until: r.until.toISOString(),
  createdAt: r.createdAt.toISOString(),
});

export async function createMute(db: Db, input: MuteInput, nowMs: number): Promise<FindingMute> {
  const row = await db.findingMute.create({
    data: { id: newRowId(), findingId: input.findingId, mode: input.mode, by: input.by, reason: input.reason, until: new Date(nowMs + input.for), createdAt: new Date(nowMs) },
  });
  return toMute(row);
}

/** Mutes still in force at nowMs, newest first. */
export async function listActiveMutes(db: Db, nowMs: number): Promise<FindingMute[]> {
  const rows = await db.findingMute.findMany({ where: { until: { gt: new Date(nowMs) } }, orderBy: { createdAt: 'desc' }, take: 1000 });
  return rows.map(toMute);
}

/** Ends a mute now (kept for the record). False when there is no such mute. */
export async function endMute(db: Db, id: string, nowMs: number): Promise<boolean> {
  const res = await db.findingMute.updateMany({ where: { id, until: { gt: new Date(nowMs) } }, data: { until: new Date(nowMs) } });
  return res.count > 0;
}
