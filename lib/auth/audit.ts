import type { Db } from '../db';
import { newRowId } from '../row-id';
import type { User } from './roles';

/**
 * The audit log: who created, changed, shared, revoked and ran what. Append-only; admins
 * read it through GET /api/v1/audit (docs/security.md). `detail` never holds tokens or
 * secrets: callers pass names and ids only.
 */

export const AUDIT_ACTIONS = [
  'view.create',
  'view.update',
  'view.delete',
  'share.create',
  'share.revoke',
  'digest.create',
  'digest.update',
  'digest.delete',
  'digest.run',
  'mute.create',
  'mute.end',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditRecord {
  id: string;
  at: string;
  actor: { id: string; name: string; role: string };
  action: string;
  target: { type: string; id: string };
  detail: Record<string, unknown>;
}

/** Who did it: a signed-in user, or the server itself (SCHEDULER for cron digest runs). */
export type AuditActor = Pick<User, 'id' | 'name'> & { role: string };

/** The actor of what the digest runner does on its own: scheduled, catch-up and resumed runs. */
export const SCHEDULER: AuditActor = { id: 'scheduler', name: 'scheduler', role: 'system' };

export async function recordAudit(db: Db, user: AuditActor, action: AuditAction, target: { type: string; id: string }, detail: Record<string, unknown> = {}, nowMs = Date.now()): Promise<void> {
  await db.auditEvent.create({
    data: {
      id: newRowId(),
      at: new Date(nowMs),
      actorId: user.id,
      actorName: user.name,
      actorRole: user.role,
      action,
      targetType: target.type,
      targetId: target.id,
      detail: JSON.stringify(detail),
    },
  });
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  targetId?: string;
  /** ISO time: only events before it (paging backwards). */
  before?: string;
  limit: number;
}

/** Newest first. */
export async function listAudit(db: Db, q: AuditQuery): Promise<AuditRecord[]> {
  const rows = await db.auditEvent.findMany({
    where: {
      ...(q.actor ? { actorId: q.actor } : {}),
      ...(q.action ? { action: q.action } : {}),
      ...(q.targetId ? { targetId: q.targetId } : {}),
      ...(q.before ? { at: { lt: new Date(q.before) } } : {}),
    },
    orderBy: [{ at: 'desc' }, { id: 'asc' }],
    take: q.limit,
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: { id: r.actorId, name: r.actorName, role: r.actorRole },
    action: r.action,
    target: { type: r.targetType, id: r.targetId },
    detail: safeJson(r.detail),
  }));
}

function safeJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}
