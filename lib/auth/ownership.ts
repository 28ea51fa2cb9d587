import { ApiError, notFound } from '../api/respond';
import type { Db } from '../db';
import { hashToken, isWellFormedToken } from '../views/tokens';
import { assertCanManage } from './guard';
import type { User } from './roles';

/**
 * "Editors manage their own, admins all" for the three owned things. Each loader answers
 * 404 for a missing row before 403, so nobody learns more than the ids they already have.
 */

export async function assertManagesView(db: Db, user: User, id: string): Promise<void> {
  const row = await db.savedView.findUnique({ where: { id }, select: { ownerId: true } });
  if (!row) throw notFound(`no saved view ${id}`);
  assertCanManage(user, row.ownerId, 'this view');
}

export async function assertManagesSchedule(db: Db, user: User, id: string): Promise<void> {
  const row = await db.digestSchedule.findUnique({ where: { id }, select: { ownerId: true } });
  if (!row) throw notFound(`no digest schedule ${id}`);
  assertCanManage(user, row.ownerId, 'this digest schedule');
}

/** Whether `user` may see run history with its snapshot links (the schedule's owner, admins). */
export async function managesSchedule(db: Db, user: User, id: string): Promise<boolean> {
  const row = await db.digestSchedule.findUnique({ where: { id }, select: { ownerId: true } });
  return !!row && (user.role === 'admin' || (user.role === 'editor' && row.ownerId === user.id));
}

/** A share may be revoked by whoever created it, the view's owner, or an admin. */
export async function assertRevokesShare(db: Db, user: User, where: { id: string } | { token: string }): Promise<void> {
  const row =
    'id' in where
      ? await db.share.findUnique({ where: { id: where.id }, select: { createdBy: true, view: { select: { ownerId: true } } } })
      : isWellFormedToken(where.token)
        ? await db.share.findUnique({ where: { tokenHash: hashToken(where.token) }, select: { createdBy: true, view: { select: { ownerId: true } } } })
        : null;
  if (!row) throw notFound('no such share link');
  if (row.createdBy !== null && row.createdBy === user.id) assertCanManage(user, user.id, 'this share link');
  else assertCanManage(user, row.view.ownerId, 'this share link');
}

type RefChannel = { type: string; secretRef?: string };
const refsOf = (channels: readonly RefChannel[]) => new Set(channels.flatMap((c) => (c.type === 'webhook' && c.secretRef ? [c.secretRef] : [])));

/**
 * A `secretRef` signs with an operator's shared key (DIGEST_SECRET_<REF>), so only an admin
 * may bind a schedule to one (docs/security.md, "Digests"). Editors may keep the refs an
 * admin already put on their schedule (`stored`), but not add new ones. 403 otherwise.
 */
export function assertMayBindSecretRefs(user: User, channels: readonly RefChannel[] | undefined, stored: readonly RefChannel[] = []): void {
  if (user.role === 'admin' || !channels) return;
  const kept = refsOf(stored);
  const added = [...refsOf(channels)].filter((r) => !kept.has(r));
  if (added.length) throw new ApiError(403, 'forbidden', `only an admin can bind a schedule to a shared secret (secretRef ${added.join(', ')})`);
}
