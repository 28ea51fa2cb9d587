import { encodeUser, USER_HEADER } from '@/lib/auth/identity';
import { LOCAL_USER, type User } from '@/lib/auth/roles';

/**
 * Headers of a request as proxy.ts hands it to a route handler once it has identified the
 * caller. Handler-level tests call handlers directly, so they add what the proxy would.
 */
export const signedInHeaders = (user: User = LOCAL_USER, extra: Record<string, string> = {}): Record<string, string> => ({ ...extra, [USER_HEADER]: encodeUser(user) });
