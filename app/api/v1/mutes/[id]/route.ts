import { json, notFound, route } from '@/lib/api/respond';
import { db } from '@/lib/db';
import { endMute } from '@/lib/mutes/store';

export const dynamic = 'force-dynamic';

/** Ends an acknowledgement or mute now. */
export const DELETE = route(async (_req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  if (!(await endMute(db(), id, Date.now()))) throw notFound('no such mute in force');
  return json({ ended: id });
});
