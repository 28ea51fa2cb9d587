/**
 * Explore's two query endpoints (docs/api.md): what a caller may send, checked before any
 * backend is asked so bad input is a 400 that names the field, and what comes back.
 */
import { z } from 'zod';
import { parseDurationMs } from '../../time/range';
import { someSources, range } from './common';
import { apiExemplar, apiMetric, logEntry } from './trace';

export const MAX_QUERY_BYTES = 10 * 1024;
/** Longest step accepted: a day (a coarser step than that draws nothing useful). */
export const MAX_STEP_SEC = 86_400;
export const DEFAULT_LOG_LIMIT = 1_000;
/** One Loki page, and what the virtualized log list is built to show. */
export const MAX_LOG_LIMIT = 5_000;

const SECONDS = /^\d+(?:\.\d+)?$/;

/** A Prometheus-style step: float seconds (`15`, `0.5`) or a duration (`1m30s`), in seconds; null when malformed. */
export function parseStepSec(input: string): number | null {
  const s = input.trim();
  if (SECONDS.test(s)) return Number(s);
  const ms = parseDurationMs(s);
  return ms === null ? null : ms / 1000;
}

const queryText = (lang: string) =>
  z
    .string({ error: `query is required (a ${lang} expression)` })
    .trim()
    .min(1, `query is required (a ${lang} expression)`)
    .refine((q) => new TextEncoder().encode(q).length <= MAX_QUERY_BYTES, `query is longer than ${MAX_QUERY_BYTES / 1024} kB`);

const stepSchema = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return undefined;
    const sec = parseStepSec(v);
    if (sec === null || !(sec > 0) || sec > MAX_STEP_SEC) {
      ctx.addIssue({ code: 'custom', message: `step "${v.slice(0, 32)}" must be a positive duration up to 1d (e.g. 30s, 1m, 15)` });
      return z.NEVER;
    }
    return sec;
  });

const limitSchema = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return DEFAULT_LOG_LIMIT;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > MAX_LOG_LIMIT) {
      ctx.addIssue({ code: 'custom', message: `limit must be a whole number from 1 to ${MAX_LOG_LIMIT}` });
      return z.NEVER;
    }
    return n;
  });

export const metricsQuery = z.object({ query: queryText('PromQL'), from: z.string().optional(), to: z.string().optional(), step: stepSchema });
export const logsQuery = z.object({ query: queryText('LogQL'), from: z.string().optional(), to: z.string().optional(), limit: limitSchema });

export const exploreMetricsResponse = z
  .object({
    series: z.array(apiMetric),
    exemplars: z.array(apiExemplar),
    warnings: z.array(z.string()),
    infos: z.array(z.string()),
    /** Step used, in seconds (Prometheus may need a coarser one than asked). */
    step: z.number(),
    range,
    /** Names only the backend this endpoint asked. */
    sources: someSources,
  })
  .meta({ id: 'ExploreMetricsResponse' });
export type ExploreMetricsResponse = z.infer<typeof exploreMetricsResponse>;

export const exploreLogsResponse = z
  .object({
    resultType: z.enum(['streams', 'matrix']),
    logs: z.array(logEntry),
    /** The limit was reached: older lines exist. */
    truncated: z.boolean(),
    series: z.array(apiMetric),
    /** Step of a metric query, in seconds; null for a log query. */
    step: z.number().nullable(),
    limit: z.number().int(),
    warnings: z.array(z.string()),
    range,
    /** Names only the backend this endpoint asked. */
    sources: someSources,
  })
  .meta({ id: 'ExploreLogsResponse' });
export type ExploreLogsResponse = z.infer<typeof exploreLogsResponse>;
