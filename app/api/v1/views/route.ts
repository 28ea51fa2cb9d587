import { readJsonBody } from '@/lib/api/body';
import { json, route, searchParams } from '@/lib/api/respond';
import { recordAudit } from '@/lib/auth/audit';
import { requireRole } from '@/lib/auth/guard';
import { db } from '@/lib/db';
import { createView, listViews } from '@/lib/views/saved-views';
import { createViewInput, listViewsQuery } from '@/lib/api/contract/views';
import { withViewErrors } from '@/lib/views/service';

export const dynamic = 'force-dynamic';


/** Saved views, most recently updated first; `q` searches name, description and path; `path` matches exactly. */
export const GET = route(async (req: Request) => {
  const { q, path, limit, origin } = listViewsQuery.parse(searchParams(req));
  return json({ views: await withViewErrors(() => listViews(db(), { q, path, limit, origin })) });
});

/** Save a view: `{name, description?, path}` where path is the view's own path and query. */
export const POST = route(async (req: Request) => {
  const user = requireRole(req, 'editor');
  const input = createViewInput.parse(await readJsonBody(req));
  const view = await withViewErrors(() => createView(db(), input, 'user', user.id));
  await recordAudit(db(), user, 'view.create', { type: 'view', id: view.id }, { name: view.name, path: view.path });
  return json(view, { status: 201 });
});
