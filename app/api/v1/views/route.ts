import { z } from 'zod';
import { json, route, searchParams } from '@/lib/api/respond';
import { recordAudit } from '@/lib/auth/audit';
import { requireRole } from '@/lib/auth/guard';
import { db } from '@/lib/db';
import { createView, listViews } from '@/lib/views/saved-views';
import { createViewInput } from '@/lib/views/share-options';
import { withViewErrors } from '@/lib/views/service';

export const dynamic = 'force-dynamic';

const listQuery = z.object({
  q: z.string().max(200).optional(),
  path: z.string().max(4096).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  /** Views people saved (default), the ones digests created for their snapshots, or both. */
  origin: z.enum(['user', 'digest', 'all']).optional(),
});

/** Saved views, most recently updated first; `q` searches name, description and path; `path` matches exactly. */
export const GET = route(async (req: Request) => {
  const { q, path, limit, origin } = listQuery.parse(searchParams(req));
  return json({ views: await withViewErrors(() => listViews(db(), { q, path, limit, origin })) });
});

/** Save a view: `{name, description?, path}` where path is the view's own path and query. */
export const POST = route(async (req: Request) => {
  const user = requireRole(req, 'editor');
  const input = createViewInput.parse(await req.json());
  const view = await withViewErrors(() => createView(db(), input, 'user', user.id));
  await recordAudit(db(), user, 'view.create', { type: 'view', id: view.id }, { name: view.name, path: view.path });
  return json(view, { status: 201 });
});
