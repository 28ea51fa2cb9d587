import { readJsonBody } from '@/lib/api/body';
import { json, route } from '@/lib/api/respond';
import { getConfig } from '@/lib/config';
import { recordAudit } from '@/lib/auth/audit';
import { requireRole } from '@/lib/auth/guard';
import { assertMayBindSecretRefs } from '@/lib/auth/ownership';
import { db } from '@/lib/db';
import { CRON_PRESETS } from '@/lib/digests/schedule';
import { createSchedule, listSchedules } from '@/lib/digests/store';
import { createScheduleInput } from '@/lib/digests/types';

export const dynamic = 'force-dynamic';

/** Every digest schedule (secrets never included) and the cron presets the form offers. */
export const GET = route(async () => json({ schedules: await listSchedules(db(), Date.now(), getConfig().digests.keyring), presets: CRON_PRESETS }));

/** `{name, cron, timezone, window?, filters?, channels, skipEmpty?, enabled?}` → the schedule with `nextRunAt` (201). */
export const POST = route(async (req: Request) => {
  const user = requireRole(req, 'editor');
  const input = createScheduleInput.parse(await readJsonBody(req));
  assertMayBindSecretRefs(user, input.channels);
  const schedule = await createSchedule(db(), input, Date.now(), getConfig().digests, user.id);
  await recordAudit(db(), user, 'digest.create', { type: 'digest', id: schedule.id }, { name: schedule.name, cron: schedule.cron });
  return json(schedule, { status: 201 });
});
