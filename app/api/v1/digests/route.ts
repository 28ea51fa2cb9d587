import { readJsonBody } from '@/lib/api/body';
import { json, route } from '@/lib/api/respond';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db';
import { CRON_PRESETS } from '@/lib/digests/schedule';
import { createSchedule, listSchedules } from '@/lib/digests/store';
import { createScheduleInput } from '@/lib/digests/types';

export const dynamic = 'force-dynamic';

/** Every digest schedule (secrets never included) and the cron presets the form offers. */
export const GET = route(async () => json({ schedules: await listSchedules(db(), Date.now(), getConfig().digests.keyring), presets: CRON_PRESETS }));

/** `{name, cron, timezone, window?, filters?, channels, skipEmpty?, enabled?}` → the schedule with `nextRunAt` (201). */
export const POST = route(async (req: Request) => {
  const input = createScheduleInput.parse(await readJsonBody(req));
  return json(await createSchedule(db(), input, Date.now(), getConfig().digests), { status: 201 });
});
