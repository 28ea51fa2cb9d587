import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The webhook signature (docs/security.md, "Digests"), in the form Stripe and Slack use:
 *
 *   X-Triangulate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">
 *
 * keyed with the channel's secret. The timestamp is inside the MAC, so a receiver that
 * refuses signatures older than its replay window (5 minutes by default) cannot be fed
 * a recorded delivery later; X-Triangulate-Delivery lets it drop a retry it already has.
 */

export const SIGNATURE_HEADER = 'X-Triangulate-Signature';
export const DEFAULT_REPLAY_WINDOW_S = 300;

const mac = (secret: string, t: number, body: string) => createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex');

export function signBody(secret: string, body: string, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${mac(secret, t, body)}`;
}

/**
 * What a receiver does: parse `t` and every `v1`, refuse a timestamp outside the replay
 * window (either direction: clocks drift), compare in constant time.
 */
export function verifySignature(secret: string, body: string, header: string | null | undefined, nowMs: number, windowS = DEFAULT_REPLAY_WINDOW_S): boolean {
  if (!header) return false;
  let t: number | null = null;
  const sigs: string[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === 't' && /^\d{1,12}$/.test(v ?? '')) t = Number(v);
    else if (k === 'v1' && v) sigs.push(v);
  }
  if (t === null || Math.abs(nowMs / 1000 - t) > windowS) return false;
  const expected = Buffer.from(mac(secret, t, body));
  return sigs.some((s) => {
    const given = Buffer.from(s);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
