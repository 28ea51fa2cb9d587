import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Share tokens: 32 random bytes (256 bits) in base64url. Only the SHA-256 of a token is
 * stored, so a database leak does not leak working links; the stored hash is compared
 * in constant time so response timing says nothing about how close a guess was.
 */

export const TOKEN_BYTES = 32;
/** base64url of 32 bytes, without padding, is exactly 43 characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const generateToken = (): string => randomBytes(TOKEN_BYTES).toString('base64url');

export const isWellFormedToken = (token: string): boolean => TOKEN_PATTERN.test(token);

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Constant-time check that `token` hashes to `storedHash` (hex SHA-256). */
export function tokenMatchesHash(token: string, storedHash: string): boolean {
  const actual = Buffer.from(hashToken(token), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  if (expected.length !== actual.length) return false;
  return timingSafeEqual(actual, expected);
}

export type ShareState = 'ok' | 'expired' | 'revoked' | 'unknown' | 'malformed';

export interface ShareValidity {
  tokenHash: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/**
 * The state of a share link, given the token from the URL and the row found by its hash
 * (null when none). Revocation wins over expiry: it is the deliberate act.
 */
export function shareState(token: string, share: ShareValidity | null, nowMs: number): ShareState {
  if (!isWellFormedToken(token)) return 'malformed';
  if (!share || !tokenMatchesHash(token, share.tokenHash)) return 'unknown';
  if (share.revokedAt) return 'revoked';
  if (share.expiresAt && share.expiresAt.getTime() <= nowMs) return 'expired';
  return 'ok';
}

/** HTTP status of the page shown for each state: gone links are 410, never-valid ones 404. */
export const STATUS_FOR_STATE: Record<ShareState, number> = { ok: 200, expired: 410, revoked: 410, unknown: 404, malformed: 404 };

export const MESSAGE_FOR_STATE: Record<Exclude<ShareState, 'ok'>, { title: string; detail: string }> = {
  expired: { title: 'This share link has expired', detail: 'Ask the person who shared it for a new link.' },
  revoked: { title: 'This share link was revoked', detail: 'Its owner turned it off. Ask them for a new link if you still need it.' },
  unknown: { title: 'This share link does not exist', detail: 'Check that the whole address was copied.' },
  malformed: { title: 'This is not a valid share link', detail: 'The address looks cut off or altered. Check that the whole link was copied.' },
};
