import { readJsonBody } from '@/lib/api/body';
import { json, route } from '@/lib/api/respond';
import { recordAudit } from '@/lib/auth/audit';
import { requireRole } from '@/lib/auth/guard';
import { db } from '@/lib/db';
import { muteInput } from '@/lib/mutes/mutes';
import { createMute, listActiveMutes } from '@/lib/mutes/store';

export const dynamic = 'force-dynamic';

/** Acknowledgements and mutes in force (docs/api.md, "Mutes"). */
export const GET = route(async () => json({ mutes: await listActiveMutes(db(), Date.now()) }));

/** `{findingId, mode: "ack"|"mute", by, reason, for: "4h"}` → 201 with the mute; the signed-in editor is audited. */
export const POST = route(async (req: Request) => {
  const user = requireRole(req, 'editor');
  const input = muteInput.parse(await readJsonBody(req));
  const mute = await createMute(db(), input, Date.now());
  await recordAudit(db(), user, 'mute.create', { type: 'mute', id: mute.id }, { findingId: mute.findingId, mode: mute.mode, until: mute.until });
  return json(mute, { status: 201 });
});
