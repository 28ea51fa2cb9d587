import { readJsonBody } from '@/lib/api/body';
import { json, notFound, route } from '@/lib/api/respond';
import { getConfig } from '@/lib/config';
import { recordAudit } from '@/lib/auth/audit';
import { requestUser } from '@/lib/auth/guard';
import { assertManagesSchedule, assertMayBindSecretRefs } from '@/lib/auth/ownership';
import { db } from '@/lib/db';
import { deleteSchedule, getSchedule, updateSchedule } from '@/lib/digests/store';
import { updateScheduleInput } from '@/lib/digests/types';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

export const GET = route(async (_req: Request, { params }: Ctx) => {
  const { id } = await params;
  const schedule = await getSchedule(db(), id, Date.now(), getConfig().digests.keyring);
  if (!schedule) throw notFound(`no digest schedule ${id}`);
  return json(schedule);
});

/** Change any field; `channels` replaces the list (a webhook sent back without `secret` keeps its stored one). */
export const PATCH = route(async (req: Request, { params }: Ctx) => {
  const { id } = await params;
  const user = requestUser(req);
  const patch = updateScheduleInput.parse(await readJsonBody(req));
  await assertManagesSchedule(db(), user, id);
  if (patch.channels) assertMayBindSecretRefs(user, patch.channels, (await getSchedule(db(), id, Date.now(), getConfig().digests.keyring))?.channels);
  const schedule = await updateSchedule(db(), id, patch, Date.now(), getConfig().digests);
  if (!schedule) throw notFound(`no digest schedule ${id}`);
  await recordAudit(db(), user, 'digest.update', { type: 'digest', id }, { fields: Object.keys(patch) });
  return json(schedule);
});

export const PUT = PATCH;

/** Delete a schedule and its run history. */
export const DELETE = route(async (req: Request, { params }: Ctx) => {
  const { id } = await params;
  const user = requestUser(req);
  await assertManagesSchedule(db(), user, id);
  if (!(await deleteSchedule(db(), id))) throw notFound(`no digest schedule ${id}`);
  await recordAudit(db(), user, 'digest.delete', { type: 'digest', id });
  return json({ deleted: true, id });
});
