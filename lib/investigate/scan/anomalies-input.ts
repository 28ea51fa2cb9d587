import { anomaliesQuery as inputSchema } from '../../api/contract/anomalies';
import { parseRange } from '../../time/range';
import type { AnomaliesQuery } from './anomalies';

/** Query parameters of GET /api/v1/anomalies (lib/api/contract/anomalies.ts). Bad input throws (zod / TimeRangeError → 400). */

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
