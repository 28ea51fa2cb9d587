import { json, notFound, route } from '@/lib/api/respond';
import { recordAudit } from '@/lib/auth/audit';
import { requireRole } from '@/lib/auth/guard';
import { db } from '@/lib/db';
import { endMute } from '@/lib/mutes/store';

export const dynamic = 'force-dynamic';

/** Ends an acknowledgement or mute now (editors; audited). */
export const DELETE = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const user = requireRole(req, 'editor');
  const { id } = await ctx.params;
  if (!(await endMute(db(), id, Date.now()))) throw notFound('no such mute in force');
  await recordAudit(db(), user, 'mute.end', { type: 'mute', id });
  return json({ ended: id });
});
