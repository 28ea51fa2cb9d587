import type { AuthConfig } from './auth-config';

/**
 * How a signed-in person ends their session (docs/security.md, "Modes"): our own sealed
 * cookie is cleared by a JSON POST to /auth/logout; behind oauth2-proxy or Pomerium the
 * session is the proxy's, so the control goes to its sign-out page when one is configured.
 */
export function signOutFor(auth: AuthConfig): { method: 'GET' | 'POST'; url: string } | null {
  if (auth.mode === 'oidc') return { method: 'POST', url: '/auth/logout' };
  if (auth.mode === 'proxy' && auth.proxy?.signOutUrl) return { method: 'GET', url: auth.proxy.signOutUrl };
  return null;
}
