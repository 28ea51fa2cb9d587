import { json, route } from '@/lib/api/respond';
import { db } from '@/lib/db';
import { muteInput } from '@/lib/mutes/mutes';
import { createMute, listActiveMutes } from '@/lib/mutes/store';

export const dynamic = 'force-dynamic';

/** Acknowledgements and mutes in force (docs/api.md, "Mutes"). */
export const GET = route(async () => json({ mutes: await listActiveMutes(db(), Date.now()) }));

/** `{findingId, mode: "ack"|"mute", by, reason, for: "4h"}` → 201 with the mute. */
export const POST = route(async (req: Request) => {
  const input = muteInput.parse(await req.json());
  return json(await createMute(db(), input, Date.now()), { status: 201 });
});
