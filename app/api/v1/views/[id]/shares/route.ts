import { json, notFound, route } from '@/lib/api/respond';
import { db } from '@/lib/db';
import { listShares } from '@/lib/views/shares';

export const dynamic = 'force-dynamic';

/** The share links of a view, with opens, last open and expiry (never their tokens). */
export const GET = route(async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const shares = await listShares(db(), id, Date.now());
  if (!shares) throw notFound(`no saved view ${id}`);
  return json({ shares });
});
