import { json, notFound, route } from '@/lib/api/respond';
import { db } from '@/lib/db';
import { revokeShareById } from '@/lib/views/shares';

export const dynamic = 'force-dynamic';

/** Revoke one share of a view by its id (the share dialog does not know tokens). */
export const DELETE = route(async (_req: Request, { params }: { params: Promise<{ id: string; shareId: string }> }) => {
  const { id, shareId } = await params;
  const share = await revokeShareById(db(), id, shareId, Date.now());
  if (!share) throw notFound(`no share ${shareId} of view ${id}`);
  return json({ revoked: true, share });
});
