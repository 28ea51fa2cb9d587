import { addressIn, type AuthConfig } from './auth-config';
import { readCookie, sessionCookieName } from './cookies';
import { LOCAL_USER, roleFromGroups, type User } from './roles';
import { unseal } from './seal';

/**
 * Who a request comes from, decided once in proxy.ts and handed to route handlers in
 * USER_HEADER (proxy.ts deletes any copy the client sent). Modes: docs/security.md.
 */

export const USER_HEADER = 'x-triangulate-user';
/** Set by scripts/serve.mjs from the TCP peer address (any client-sent copy is overwritten). */
export const PEER_HEADER = 'x-triangulate-peer';
export const SESSION_PURPOSE = 'session';

export type Identity = { kind: 'user'; user: User } | { kind: 'anonymous' } | { kind: 'refused'; reason: string };

export function identify(headers: Headers, auth: AuthConfig, nowMs: number): Identity {
  if (auth.mode === 'none') return { kind: 'user', user: LOCAL_USER };
  if (auth.mode === 'proxy') return identifyFromProxy(headers, auth);
  const sealed = readCookie(headers.get('cookie'), sessionCookieName(auth));
  const user = sealed && auth.sessionSecret ? unseal<User>(sealed, auth.sessionSecret, SESSION_PURPOSE, nowMs) : null;
  return user ? { kind: 'user', user } : { kind: 'anonymous' };
}

/** oauth2-proxy / Pomerium: the identity headers count only when the TCP peer is a trusted proxy. */
function identifyFromProxy(headers: Headers, auth: AuthConfig): Identity {
  const cfg = auth.proxy!;
  // Under plain `next start` nobody overwrites PEER_HEADER, so a client could claim any address.
  const peer = process.env.TRIANGULATE_PEER_STAMPED === '1' ? (headers.get(PEER_HEADER) ?? '') : '';
  const name = headers.get(cfg.userHeader)?.trim();
  if (!addressIn(peer, cfg.trusted)) return name ? { kind: 'refused', reason: 'identity headers are accepted only from the trusted proxy' } : { kind: 'anonymous' };
  if (!name) return { kind: 'anonymous' };
  const groups = (headers.get(cfg.groupsHeader) ?? '').split(',').map((g) => g.trim()).filter(Boolean);
  const role = roleFromGroups(groups, auth.roles);
  if (!role) return { kind: 'refused', reason: `${name} is in no group that grants a role` };
  const display = (cfg.nameHeader && headers.get(cfg.nameHeader)?.trim()) || name;
  return { kind: 'user', user: { id: `proxy:${name}`, name: display.slice(0, 200), role, via: 'proxy' } };
}

export const encodeUser = (user: User): string => Buffer.from(JSON.stringify(user)).toString('base64url');

export function decodeUser(value: string | null): User | null {
  if (!value) return null;
  try {
    return JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as User;
  } catch {
    return null;
  }
}
