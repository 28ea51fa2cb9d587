import { json, notFound, route } from '@/lib/api/respond';
import { ScheduleNotFound, runNow } from '@/lib/digests/runner';
import { serverRunnerDeps } from '@/lib/digests/server';

export const dynamic = 'force-dynamic';
/** A run scans, snapshots and delivers (with retries) before it answers. */
export const maxDuration = 300;

type Ctx = { params: Promise<{ id: string }> };

/** "Run now": build the digest for the window ending now and send it; answers the finished run (201). */
export const POST = route(async (_req: Request, { params }: Ctx) => {
  const { id } = await params;
  try {
    return json(await runNow(serverRunnerDeps(), id, Date.now()), { status: 201 });
  } catch (e) {
    if (e instanceof ScheduleNotFound) throw notFound(e.message);
    throw e;
  }
});
