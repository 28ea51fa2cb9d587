import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { User } from './roles';

/**
 * The app's requests to itself: snapshot capture fetches the view's own API URLs over
 * loopback (lib/views/snapshot-capture.ts), and under sign-in those need an identity. They
 * carry INTERNAL_HEADER with a random key that lives only in this process's environment
 * (never configured, never logged, never sent anywhere but to this process); proxy.ts
 * accepts it for reads only, as CAPTURE_USER, a viewer. docs/security.md, "Share links".
 */

export const INTERNAL_HEADER = 'x-triangulate-internal';
const ENV_KEY = 'TRIANGULATE_INTERNAL_KEY';

/** Who an internal request is: it may read what a viewer reads, nothing more. */
export const CAPTURE_USER: User = { id: 'system:capture', name: 'snapshot capture', role: 'viewer', via: 'none' };

/**
 * This process's key. instrumentation.ts creates it at start-up, before the first request,
 * so proxy.ts and the route handlers read the same value from the process environment.
 */
export function internalKey(): string {
  const env = process.env;
  env[ENV_KEY] ??= randomBytes(32).toString('base64url');
  return env[ENV_KEY]!;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether a request carries this process's key (compared in constant time). */
export function isInternalRequest(headers: Headers): boolean {
  const sent = headers.get(INTERNAL_HEADER);
  return sent !== null && sent !== '' && timingSafeEqual(digest(sent), digest(internalKey()));
}
