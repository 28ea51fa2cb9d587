import { json, route } from '@/lib/api/respond';
import { cookieHeader, sessionCookieName } from '@/lib/auth/cookies';
import { getConfig } from '@/lib/config';

export const dynamic = 'force-dynamic';

/** End the session (a JSON POST, so no other site can sign anyone out). */
export const POST = route(async () => {
  const { auth } = getConfig();
  return json({ signedOut: true }, { headers: { 'set-cookie': cookieHeader(sessionCookieName(auth), '', 0, auth) } });
});
