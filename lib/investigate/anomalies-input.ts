import { z } from 'zod';
import { ANOMALY_KINDS, type AnomalyKind } from '../model/anomaly';
import { parseRange } from '../time/range';
import type { AnomaliesQuery } from './anomalies';

/**
 * Query parameters of GET /api/v1/anomalies: `from`/`to` (RFC3339, unix seconds or
 * `now-1h`; default the last hour), optional `service` (free text, ≤ 200 chars) and
 * `kind` (comma list of anomaly kinds). Bad input throws (zod / TimeRangeError → 400).
 */

export const MAX_SERVICE_CHARS = 200;

const inputSchema = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  service: z
    .string()
    .trim()
    .max(MAX_SERVICE_CHARS, `service must be at most ${MAX_SERVICE_CHARS} characters`)
    .optional()
    .transform((v) => (v ? v : undefined)),
  kind: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const list = (v ?? '').split(',').map((k) => k.trim()).filter(Boolean);
      if (list.length === 0) return undefined;
      const unknown = list.filter((k) => !(ANOMALY_KINDS as readonly string[]).includes(k));
      if (unknown.length) {
        ctx.addIssue({ code: 'custom', message: `unknown kind ${JSON.stringify(unknown[0].slice(0, 40))}; one of ${ANOMALY_KINDS.join(', ')}` });
        return z.NEVER;
      }
      return [...new Set(list)] as AnomalyKind[];
    }),
});

export function parseAnomaliesInput(raw: Record<string, string | undefined>, nowMs: number): AnomaliesQuery {
  const input = inputSchema.parse(raw);
  const { fromMs, toMs } = parseRange(input.from, input.to, nowMs);
  return { fromMs, toMs, service: input.service, kinds: input.kind };
}

/**
 * The cache key of a request: its parameters as written, so `now-1h` asked twice within
 * the cache's lifetime is one scan (the resolved times differ by the seconds between).
 */
export function anomaliesCacheKey(raw: Record<string, string | undefined>): string {
  return JSON.stringify([raw.from ?? '', raw.to ?? '', raw.service?.trim() ?? '', raw.kind ?? '']);
}

/** Query parameters of GET /api/v1/incidents: `from`/`to` only, read like the anomalies' ones. */
export function parseIncidentsInput(raw: Record<string, string | undefined>, nowMs: number): { fromMs: number; toMs: number } {
  const input = inputSchema.pick({ from: true, to: true }).parse(raw);
  return parseRange(input.from, input.to, nowMs);
}
