import { ApiError } from '../api/respond';
import { decodeUser, USER_HEADER } from './identity';
import { canManage, hasRole, type Role, type User } from './roles';

/**
 * Route handlers' side of sign-in (docs/security.md). proxy.ts already refused anyone whose
 * role cannot reach the path; handlers add what needs the row: who owns it.
 */

/** The signed-in user proxy.ts vouched for; 401 when there is none (fail closed). */
export function requestUser(req: Request): User {
  const user = decodeUser(req.headers.get(USER_HEADER));
  if (!user) throw new ApiError(401, 'unauthenticated', 'sign in first');
  return user;
}

/** 403 unless the user's role reaches `role` (proxy.ts checks too; this keeps handlers safe alone). */
export function requireRole(req: Request, role: Role): User {
  const user = requestUser(req);
  if (!hasRole(user.role, role)) throw new ApiError(403, 'forbidden', `this needs the ${role} role (you are ${user.role})`);
  return user;
}

/** 403 unless `user` may change a row owned by `ownerId` (editors: their own; admins: all). */
export function assertCanManage(user: User, ownerId: string | null, what: string): void {
  if (!canManage(user, ownerId)) {
    throw new ApiError(403, 'forbidden', user.role === 'viewer' ? `viewers cannot change ${what}` : `${what} belongs to someone else; only its owner or an admin can change it`);
  }
}

/** Share tokens inside run history (snapshot links), for readers who may not open them. */
const SHARE_TOKEN_IN_URL = /\/s\/[A-Za-z0-9_-]{43}/g;
export const redactShareTokens = <T>(value: T): T => JSON.parse(JSON.stringify(value).replace(SHARE_TOKEN_IN_URL, '/s/[redacted]')) as T;
