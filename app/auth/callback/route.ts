import { getConfig } from '@/lib/config';
import { cookieHeader, loginCookieName, readCookie, sessionCookieName } from '@/lib/auth/cookies';
import { SESSION_PURPOSE } from '@/lib/auth/identity';
import { finishLogin, type LoginState } from '@/lib/auth/oidc';
import { authPage } from '@/lib/auth/pages';
import { seal, unseal } from '@/lib/auth/seal';

export const dynamic = 'force-dynamic';

/** The provider sends the browser back here with a code: check it, open a session, go where the user was going. */
export async function GET(req: Request): Promise<Response> {
  const { auth, publicUrl } = getConfig();
  if (auth.mode !== 'oidc') return authPage(404, 'Sign-in is not done here', `This server's sign-in mode is "${auth.mode}".`);
  const nowMs = Date.now();
  const sealed = readCookie(req.headers.get('cookie'), loginCookieName(auth));
  const login = sealed ? unseal<LoginState>(sealed, auth.sessionSecret!, 'login', nowMs) : null;
  const clearLogin = cookieHeader(loginCookieName(auth), '', 0, auth);
  if (!login) return authPage(400, 'Sign-in expired', 'The sign-in took too long or started elsewhere. Start again.', clearLogin);
  const incoming = new URL(req.url);
  // The provider redirected to PUBLIC_URL; behind a proxy req.url may name an internal address.
  const currentUrl = new URL(`${incoming.pathname}${incoming.search}`, publicUrl);
  let result;
  try {
    result = await finishLogin(auth, publicUrl, currentUrl, login);
  } catch (err) {
    console.error('[triangulate] OpenID Connect sign-in failed', (err as Error).message);
    return authPage(400, 'Sign-in failed', 'The provider\'s answer did not check out. Start again.', clearLogin);
  }
  if (!result.ok) return authPage(403, 'No access', result.reason, clearLogin);
  const session = cookieHeader(sessionCookieName(auth), seal(result.user, auth.sessionSecret!, SESSION_PURPOSE, nowMs + auth.sessionMaxAgeS * 1000), auth.sessionMaxAgeS, auth);
  const headers = new Headers({ location: new URL(login.next, publicUrl).href, 'cache-control': 'no-store' });
  headers.append('set-cookie', session);
  headers.append('set-cookie', clearLogin);
  return new Response(null, { status: 303, headers });
}
