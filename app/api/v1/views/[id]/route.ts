import { json, notFound, route } from '@/lib/api/respond';
import { recordAudit } from '@/lib/auth/audit';
import { requestUser } from '@/lib/auth/guard';
import { assertManagesView } from '@/lib/auth/ownership';
import { db } from '@/lib/db';
import { deleteView, getView, updateView } from '@/lib/views/saved-views';
import { updateViewInput } from '@/lib/views/share-options';
import { withViewErrors } from '@/lib/views/service';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

export const GET = route(async (_req: Request, { params }: Ctx) => {
  const { id } = await params;
  const view = await getView(db(), id);
  if (!view) throw notFound(`no saved view ${id}`);
  return json(view);
});

/** Rename, re-describe or re-point a saved view. */
export const PATCH = route(async (req: Request, { params }: Ctx) => {
  const { id } = await params;
  const user = requestUser(req);
  const patch = updateViewInput.parse(await req.json());
  await assertManagesView(db(), user, id);
  const view = await withViewErrors(() => updateView(db(), id, patch));
  if (!view) throw notFound(`no saved view ${id}`);
  await recordAudit(db(), user, 'view.update', { type: 'view', id }, { fields: Object.keys(patch) });
  return json(view);
});

/** Delete a saved view; its share links stop working with it. */
export const DELETE = route(async (req: Request, { params }: Ctx) => {
  const { id } = await params;
  const user = requestUser(req);
  await assertManagesView(db(), user, id);
  if (!(await deleteView(db(), id))) throw notFound(`no saved view ${id}`);
  await recordAudit(db(), user, 'view.delete', { type: 'view', id });
  return json({ deleted: true, id });
});
