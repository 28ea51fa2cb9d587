import { getConfig } from '@/lib/config';
import { cookieHeader, loginCookieName } from '@/lib/auth/cookies';
import { beginLogin } from '@/lib/auth/oidc';
import { seal } from '@/lib/auth/seal';
import { authPage } from '@/lib/auth/pages';

export const dynamic = 'force-dynamic';

const LOGIN_TTL_S = 600;

/** Start OpenID Connect sign-in: remember PKCE verifier, state and nonce in a sealed cookie, go to the provider. */
export async function GET(req: Request): Promise<Response> {
  const { auth, publicUrl } = getConfig();
  if (auth.mode !== 'oidc') return authPage(404, 'Sign-in is not done here', `This server's sign-in mode is "${auth.mode}".`);
  try {
    const { url, login } = await beginLogin(auth.oidc!, publicUrl, new URL(req.url).searchParams.get('next'));
    const cookie = cookieHeader(loginCookieName(auth), seal(login, auth.sessionSecret!, 'login', Date.now() + LOGIN_TTL_S * 1000), LOGIN_TTL_S, auth);
    return new Response(null, { status: 303, headers: { location: url.href, 'set-cookie': cookie, 'cache-control': 'no-store' } });
  } catch (err) {
    console.error('[triangulate] OpenID Connect discovery failed', err);
    return authPage(502, 'The sign-in provider did not answer', 'Try again in a moment; if it persists, check OIDC_ISSUER.');
  }
}
