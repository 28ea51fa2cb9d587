import { json, notFound, route } from '@/lib/api/respond';
import { recordAudit } from '@/lib/auth/audit';
import { requestUser } from '@/lib/auth/guard';
import { assertRevokesShare } from '@/lib/auth/ownership';
import { db } from '@/lib/db';
import { revokeShareById } from '@/lib/views/shares';

export const dynamic = 'force-dynamic';

/** Revoke one share of a view by its id (the share dialog does not know tokens). */
export const DELETE = route(async (req: Request, { params }: { params: Promise<{ id: string; shareId: string }> }) => {
  const { id, shareId } = await params;
  const user = requestUser(req);
  await assertRevokesShare(db(), user, { id: shareId });
  const share = await revokeShareById(db(), id, shareId, Date.now());
  if (!share) throw notFound(`no share ${shareId} of view ${id}`);
  await recordAudit(db(), user, 'share.revoke', { type: 'share', id: shareId }, { viewId: id });
  return json({ revoked: true, share });
});
