import { readJsonBody } from '@/lib/api/body';
import { json, notFound, route } from '@/lib/api/respond';
import { getConfig } from '@/lib/config';
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
  const patch = updateScheduleInput.parse(await readJsonBody(req));
  const schedule = await updateSchedule(db(), id, patch, Date.now(), getConfig().digests);
  if (!schedule) throw notFound(`no digest schedule ${id}`);
  return json(schedule);
});

export const PUT = PATCH;

/** Delete a schedule and its run history. */
export const DELETE = route(async (_req: Request, { params }: Ctx) => {
  const { id } = await params;
  if (!(await deleteSchedule(db(), id))) throw notFound(`no digest schedule ${id}`);
  return json({ deleted: true, id });
});
