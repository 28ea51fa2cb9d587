import { getConfig } from '@/lib/config';
import { json, route } from '@/lib/api/respond';
import { decodeUser, USER_HEADER } from '@/lib/auth/identity';
import { signOutFor } from '@/lib/auth/sign-out';

export const dynamic = 'force-dynamic';

/**
 * Who proxy.ts found asking (null when nobody is signed in: this route is public so the
 * header can offer sign-in), the sign-in mode, and how to sign out.
 */
export const GET = route(async (req: Request) => {
  const { auth } = getConfig();
  return json({ user: decodeUser(req.headers.get(USER_HEADER)), mode: auth.mode, signOut: signOutFor(auth) });
});
