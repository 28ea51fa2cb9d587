import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The webhook signature: `X-Triangulate-Signature: sha256=<hex HMAC-SHA256 of the raw
 * body>`, keyed with the channel's secret. Receivers recompute it over the exact bytes.
 */

export const SIGNATURE_HEADER = 'X-Triangulate-Signature';

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Constant-time check of a received signature header (what a receiver does). */
export function verifySignature(secret: string, body: string, header: string | null | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
