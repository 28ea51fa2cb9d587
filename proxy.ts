import { NextResponse, type NextRequest } from 'next/server';
import { identify, encodeUser, USER_HEADER, type Identity } from '@/lib/auth/identity';
import { CAPTURE_USER, INTERNAL_HEADER, isInternalRequest } from '@/lib/auth/internal';
import { hasRole } from '@/lib/auth/roles';
import { getConfig } from '@/lib/config';
import { buildCsp, newNonce } from '@/lib/security/csp';
import { checkHost, checkMutation, checkPath, type Refusal } from '@/lib/security/request-checks';
import { accessFor } from '@/lib/security/route-access';

/**
 * Every request passes here first (docs/security.md): a well-formed path, an allowed Host,
 * no forged mutation, then who is asking and whether their role may reach the path. The
 * identity goes on to handlers in USER_HEADER (a client-sent copy is always dropped), and
 * every answer gets the CSP with a fresh nonce and a Referrer-Policy.
 */
export function proxy(req: NextRequest): NextResponse {
  const cfg = getConfig();
  const { pathname, search } = req.nextUrl;
  const api = pathname.startsWith('/api/');
  const nonce = newNonce();
  const csp = buildCsp(nonce, { dev: process.env.NODE_ENV === 'development', https: cfg.auth.secureCookies });
  const finish = (res: NextResponse) => {
    res.headers.set('Content-Security-Policy', csp);
    // Share links carry their token in the path: never send it anywhere. Elsewhere same-origin
    // keeps the Origin header on our own POSTs (checkMutation) and nothing leaves the site.
    res.headers.set('Referrer-Policy', pathname.startsWith('/s/') ? 'no-referrer' : 'same-origin');
    return res;
  };
  const refuse = (r: Refusal) => finish(NextResponse.json({ error: { code: r.code, message: r.message } }, { status: r.status, headers: { 'cache-control': 'no-store' } }));

  // The app's own snapshot capture (lib/auth/internal.ts): reads only, over loopback, so its
  // Host may be 127.0.0.1 when HOST is 0.0.0.0; a rebinding page cannot know the key.
  const internal = (req.method === 'GET' || req.method === 'HEAD') && isInternalRequest(req.headers);
  const bad = checkPath(pathname) ?? (internal ? null : checkHost(req.headers, cfg.allowedHosts)) ?? checkMutation(req.method, req.headers, cfg.allowedHosts);
  if (bad) return refuse(bad);

  const who: Identity = internal ? { kind: 'user', user: CAPTURE_USER } : identify(req.headers, cfg.auth, Date.now());
  const access = accessFor(req.method, pathname);
  if (access.kind === 'role') {
    if (who.kind === 'refused') return refuse({ status: 403, code: 'forbidden', message: who.reason });
    if (who.kind === 'anonymous') {
      if (!api && cfg.auth.mode === 'oidc' && req.method === 'GET') {
        const login = new URL('/auth/login', cfg.publicUrl);
        login.searchParams.set('next', `${pathname}${search}`);
        return finish(NextResponse.redirect(login, 303));
      }
      return refuse({ status: 401, code: 'unauthenticated', message: 'sign in first' });
    }
    if (!hasRole(who.user.role, access.role)) {
      return refuse({ status: 403, code: 'forbidden', message: `${req.method} ${pathname} needs the ${access.role} role (you are ${who.user.role})` });
    }
  }

  const headers = new Headers(req.headers);
  headers.delete(USER_HEADER);
  headers.delete(INTERNAL_HEADER);
  if (who.kind === 'user') headers.set(USER_HEADER, encodeUser(who.user));
  headers.set('x-nonce', nonce);
  headers.set('Content-Security-Policy', csp);
  return finish(NextResponse.next({ request: { headers } }));
}

export const config = {
  // Everything but build assets: API routes need the checks as much as pages do.
  matcher: ['/((?!_next/static|_next/image|favicon\\.ico).*)'],
};
