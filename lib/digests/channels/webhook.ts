import type { RenderedDigest } from '../types';
import { SIGNATURE_HEADER, signBody } from '../signature';
import { postJson, type PostOptions } from './http-post';

/**
 * The generic JSON webhook: `{digest: {schedule, window: {from, to}, anomalies: [...]}}`.
 * Each anomaly is the public anomaly record plus `service` grouping, `state` (new |
 * ongoing) and `snapshotUrl`; `resolved`, `counts` and links are extra fields.
 */

export function webhookBody(r: RenderedDigest): string {
  const d = r.digest;
  return JSON.stringify({
    digest: {
      schedule: d.schedule,
      window: d.window,
      generatedAt: d.generatedAt,
      anomalies: d.groups.flatMap((g) => g.findings),
      resolved: d.resolved,
      counts: d.counts,
      snapshotUrl: d.snapshotUrl,
      liveUrl: d.liveUrl,
      warnings: d.warnings,
    },
  });
}

export interface WebhookTarget {
  url: string;
  secret: string | null;
  /** Same for every attempt of one channel of one run: receivers can drop duplicates. */
  deliveryId: string;
  /** Signing time (each attempt is signed afresh, so a retry is inside the receiver's replay window). */
  nowMs: () => number;
}

export async function sendWebhook(target: WebhookTarget, r: RenderedDigest, opts: PostOptions): Promise<void> {
  const body = webhookBody(r);
  const headers: Record<string, string> = { 'X-Triangulate-Delivery': target.deliveryId };
  if (target.secret) headers[SIGNATURE_HEADER] = signBody(target.secret, body, target.nowMs());
  await postJson(target.url, body, headers, opts);
}
