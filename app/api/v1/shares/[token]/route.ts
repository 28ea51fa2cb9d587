import { json, notFound, route } from '@/lib/api/respond';
import { db } from '@/lib/db';
import { revokeShareByToken } from '@/lib/views/shares';

export const dynamic = 'force-dynamic';

/** Revoke a share link by its token. Revoking an already revoked link succeeds. */
export const DELETE = route(async (_req: Request, { params }: { params: Promise<{ token: string }> }) => {
  const { token } = await params;
  if (!(await revokeShareByToken(db(), token, Date.now()))) throw notFound('no such share link');
  return json({ revoked: true });
});
