import { json, notFound, route } from '@/lib/api/respond';
import { recordAudit } from '@/lib/auth/audit';
import { requestUser } from '@/lib/auth/guard';
import { assertManagesSchedule } from '@/lib/auth/ownership';
import { db } from '@/lib/db';
import { ScheduleNotFound, runNow } from '@/lib/digests/runner';
import { serverRunnerDeps } from '@/lib/digests/server';

export const dynamic = 'force-dynamic';
/** A run scans, snapshots and delivers (with retries) before it answers. */
export const maxDuration = 300;

type Ctx = { params: Promise<{ id: string }> };

/** "Run now": build the digest for the window ending now and send it; answers the finished run (201). */
export const POST = route(async (req: Request, { params }: Ctx) => {
  const { id } = await params;
  const user = requestUser(req);
  await assertManagesSchedule(db(), user, id);
  await recordAudit(db(), user, 'digest.run', { type: 'digest', id });
  try {
    return json(await runNow(serverRunnerDeps(), id, Date.now()), { status: 201 });
  } catch (e) {
    if (e instanceof ScheduleNotFound) throw notFound(e.message);
    throw e;
  }
});
