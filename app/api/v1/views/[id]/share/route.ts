import { json, notFound, route } from '@/lib/api/respond';
import { recordAudit } from '@/lib/auth/audit';
import { requireRole } from '@/lib/auth/guard';
import { db } from '@/lib/db';
import { withViewErrors, shareDeps } from '@/lib/views/service';
import { createShareInput } from '@/lib/views/share-options';
import { createShare } from '@/lib/views/shares';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

/**
 * Create a share link: `{snapshot?, expiresIn?, pinRange?}` → `{url, expiresAt, …}`.
 * The token appears in this answer only; the database keeps its hash.
 */
export const POST = route(async (req: Request, { params }: Ctx) => {
  const { id } = await params;
  // Sharing is reading: any editor may share a view they can see; the link is theirs to revoke.
  const user = requireRole(req, 'editor');
  const text = await req.text();
  const input = createShareInput.parse(text.trim() ? JSON.parse(text) : {});
  const created = await withViewErrors(() => createShare(db(), id, input, { ...shareDeps(Date.now()), createdBy: user.id }));
  if (!created) throw notFound(`no saved view ${id}`);
  const { url, expiresAt, share, failedParts } = created;
  await recordAudit(db(), user, 'share.create', { type: 'share', id: share.id }, { viewId: id, snapshot: share.snapshot, expiresAt });
  return json({ url, expiresAt, share, failedParts }, { status: 201 });
});
