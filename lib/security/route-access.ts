import type { Role } from '../auth/roles';

/**
 * Who may reach a path at all, before any handler runs (proxy.ts). Ownership (editors
 * manage their own views, shares and digests) is checked in the handlers, which know the
 * rows. docs/security.md, "Sign-in and roles", has the table.
 */

export type Access = { kind: 'public' } | { kind: 'role'; role: Role };

/**
 * Public: health, who am I (null when nobody is signed in), share links and the data of
 * their pages (capability URLs: the token is the permission), sign-in and /metrics (scraped
 * by Prometheus; counts only). Everything else needs a signed-in role: reading needs viewer,
 * changing needs editor, the audit log needs admin.
 */
const PUBLIC = [/^\/api\/health$/, /^\/api\/v1\/me$/, /^\/s\/[^/]+(\/view(\/data)?)?$/, /^\/auth\/(login|callback|logout)$/, /^\/metrics$/];

export function accessFor(method: string, pathname: string): Access {
  const reading = method === 'GET' || method === 'HEAD';
  if (PUBLIC.some((re) => re.test(pathname)) && (reading || pathname === '/auth/logout')) return { kind: 'public' };
  if (pathname === '/api/v1/audit' || pathname.startsWith('/api/v1/audit/')) return { kind: 'role', role: 'admin' };
  return { kind: 'role', role: reading ? 'viewer' : 'editor' };
}
