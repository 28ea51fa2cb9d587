import { z } from 'zod';
import { json, notFound, route, searchParams } from '@/lib/api/respond';
import { redactShareTokens, requestUser } from '@/lib/auth/guard';
import { managesSchedule } from '@/lib/auth/ownership';
import { db } from '@/lib/db';
import { getScheduleRow, listRuns } from '@/lib/digests/store';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

const query = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) });

/** Run history, newest first: when, window, counts, channel results and the rendered digest. */
export const GET = route(async (req: Request, { params }: Ctx) => {
  const { id } = await params;
  const { limit } = query.parse(searchParams(req));
  if (!(await getScheduleRow(db(), id))) throw notFound(`no digest schedule ${id}`);
  const runs = await listRuns(db(), id, limit);
  // Snapshot links in a run are capabilities: only the schedule's owner and admins get them whole.
  return json({ runs: (await managesSchedule(db(), requestUser(req), id)) ? runs : redactShareTokens(runs) });
});
