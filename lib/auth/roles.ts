/**
 * Roles and what each may do (docs/security.md, "Sign-in and roles"). Pure: shared by the
 * proxy, the route guards and the tests.
 */

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

export const hasRole = (role: Role, needed: Role): boolean => RANK[role] >= RANK[needed];

/** Who is asking. `id` is stable per person (OIDC `sub`, the proxy's user header, or `local`). */
export interface User {
  id: string;
  name: string;
  role: Role;
  via: 'none' | 'proxy' | 'oidc';
}

/** Group names (from OIDC or the proxy) that grant each role; the highest match wins. */
export interface RoleMapping {
  admin: string[];
  editor: string[];
  viewer: string[];
  /** Role of a signed-in user in none of the groups; null: refused (403). */
  fallback: Role | null;
}

export function roleFromGroups(groups: readonly string[], map: RoleMapping): Role | null {
  const has = (names: string[]) => names.some((g) => groups.includes(g));
  if (has(map.admin)) return 'admin';
  if (has(map.editor)) return 'editor';
  if (has(map.viewer)) return 'viewer';
  return map.fallback;
}

/** Editors manage what they own; admins manage everything; viewers nothing. */
export function canManage(user: User, ownerId: string | null): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'editor' && ownerId !== null && ownerId === user.id;
}

/** With auth mode none, everyone who reaches the (loopback) port is this user. */
export const LOCAL_USER: User = { id: 'local', name: 'local user', role: 'admin', via: 'none' };
