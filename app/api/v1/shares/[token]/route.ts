import { json, notFound, route } from '@/lib/api/respond';
import { recordAudit } from '@/lib/auth/audit';
import { requestUser } from '@/lib/auth/guard';
import { assertRevokesShare } from '@/lib/auth/ownership';
import { db } from '@/lib/db';
import { revokeShareByToken } from '@/lib/views/shares';

export const dynamic = 'force-dynamic';

/** Revoke a share link by its token. Revoking an already revoked link succeeds. */
export const DELETE = route(async (req: Request, { params }: { params: Promise<{ token: string }> }) => {
  const { token } = await params;
  // Holding the token lets anyone open the link, not revoke it: that needs its creator, the view's owner or an admin.
  const user = requestUser(req);
  await assertRevokesShare(db(), user, { token });
  if (!(await revokeShareByToken(db(), token, Date.now()))) throw notFound('no such share link');
  await recordAudit(db(), user, 'share.revoke', { type: 'share', id: 'by-token' });
  return json({ revoked: true });
});
