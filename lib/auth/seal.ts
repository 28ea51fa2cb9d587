import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Sealed cookies: AES-256-GCM with a key derived from SESSION_SECRET, so a cookie is both
 * secret and tamper-proof (a changed byte fails the GCM tag). `purpose` separates keys, so
 * a login cookie can never be replayed as a session cookie.
 */

const keyFor = (secret: string, purpose: string) => createHash('sha256').update(`triangulate:${purpose}:`).update(secret).digest();

export function seal(value: unknown, secret: string, purpose: string, expiresAtMs: number): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, purpose), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify({ v: value, exp: expiresAtMs }), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The sealed value, or null when it is malformed, forged, sealed for another purpose or expired. */
export function unseal<T>(sealed: string, secret: string, purpose: string, nowMs: number): T | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length < 29) return null;
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret, purpose), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    const { v, exp } = JSON.parse(text) as { v: T; exp: number };
    return typeof exp === 'number' && exp > nowMs ? v : null;
  } catch {
    return null;
  }
}
