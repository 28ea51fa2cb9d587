import { getConfig } from '@/lib/config';
import { json, route } from '@/lib/api/respond';
import { requestUser } from '@/lib/auth/guard';

export const dynamic = 'force-dynamic';

/** Who the server thinks is asking, and the sign-in mode. */
export const GET = route(async (req: Request) => json({ user: requestUser(req), mode: getConfig().auth.mode }));
