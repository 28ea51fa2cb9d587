import { json, route, searchParams } from '@/lib/api/respond';
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
  const input = createViewInput.parse(await req.json());
  const view = await withViewErrors(() => createView(db(), input));
  return json(view, { status: 201 });
});
