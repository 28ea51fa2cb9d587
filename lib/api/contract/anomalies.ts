/**
 * GET /api/v1/anomalies (docs/api.md): `from`/`to` (RFC3339, unix seconds or `now-1h`;
 * default the last hour), optional `service` (free text, ≤ 200 chars) and `kind` (comma
 * list of anomaly kinds) → the findings and every source's status.
 */
import { z } from 'zod';
import { anomaly, ANOMALY_KINDS, type AnomalyKind } from './anomaly';
import { allSources, range } from './common';

export const MAX_SERVICE_CHARS = 200;

export const anomaliesQuery = z.object({
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

/** What the counter-reset scan covered: names seen, counters checked, and every name left out with why. */
export const counterScanCoverage = z.object({
  /** Metric names alive in the range. */
  names: z.number().int(),
  /** Of those, counters (by metadata or convention). */
  counters: z.number().int(),
  /** Counter names resets() was evaluated for. */
  checked: z.number().int(),
  /** Series Prometheus counted at least one reset on. */
  flaggedSeries: z.number().int(),
  /** Flagged series whose raw samples were read (the rest carry Prometheus' count only). */
  seriesReadRaw: z.number().int(),
  /** Names not checked, with why (a bounded list). */
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
  skippedCount: z.number().int(),
  queries: z.number().int(),
});
export type CounterScanCoverage = z.infer<typeof counterScanCoverage>;

export const anomaliesResponse = z
  .object({
    anomalies: z.array(anomaly),
    sources: allSources,
    range,
    /** What was skipped to stay inside the query budgets. */
    skipped: z.array(z.string()).optional(),
    counterScan: counterScanCoverage.optional(),
  })
  .meta({ id: 'AnomaliesResponse' });
export type AnomaliesResponse = z.infer<typeof anomaliesResponse>;
