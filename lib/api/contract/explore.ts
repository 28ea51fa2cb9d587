/**
 * Explore's two query endpoints (docs/api.md): what a caller may send, checked before any
 * backend is asked so bad input is a 400 that names the field, and what comes back.
 */
import { z } from 'zod';
import { parseDurationMs } from '../../time/range';
import { labels, someSources, range } from './common';
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

/** A log entry of Explore: the trace view's entry plus its stream's own (index) labels, for log context. */
export const exploreLogEntry = logEntry
  .extend({
    /** Index labels only, so `{…}` of them selects exactly this line's stream. */
    stream: labels.optional(),
  })
  .meta({ id: 'ExploreLogEntry' });
export type ExploreLogEntry = z.infer<typeof exploreLogEntry>;

/** A better query to try, e.g. when `|= "error"` matched nothing but `|~ "(?i)error"` does. */
export const querySuggestion = z.object({ query: z.string(), message: z.string() }).meta({ id: 'QuerySuggestion' });

export const exploreLogsResponse = z
  .object({
    resultType: z.enum(['streams', 'matrix']),
    logs: z.array(exploreLogEntry),
    /** The limit was reached: older lines exist. */
    truncated: z.boolean(),
    series: z.array(apiMetric),
    /** Step of a metric query, in seconds; null for a log query. */
    step: z.number().nullable(),
    limit: z.number().int(),
    warnings: z.array(z.string()),
    /** Set only when the result is empty and a case-insensitive filter finds lines (docs/api.md). */
    suggestion: querySuggestion.nullable().optional(),
    range,
    /** Names only the backend this endpoint asked. */
    sources: someSources,
  })
  .meta({ id: 'ExploreLogsResponse' });
export type ExploreLogsResponse = z.infer<typeof exploreLogsResponse>;

export const MAX_CONTEXT_LINES = 200;
const countSchema = (name: string, dflt: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return dflt;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > MAX_CONTEXT_LINES) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from 0 to ${MAX_CONTEXT_LINES}` });
        return z.NEVER;
      }
      return n;
    });

/** Lines around one line of one stream: GET /api/v1/query/logs/context. */
export const logContextQuery = z.object({
  stream: z
    .string({ error: 'stream is required (the line\'s stream labels as a JSON object)' })
    .max(MAX_QUERY_BYTES, `stream is longer than ${MAX_QUERY_BYTES / 1024} kB`)
    .transform((v, ctx) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(v);
      } catch {
        parsed = null;
      }
      const r = labels.safeParse(parsed);
      if (!r.success || Object.keys(r.data).length === 0) {
        ctx.addIssue({ code: 'custom', message: 'stream must be a JSON object of the stream\'s labels, e.g. {"job":"api"}' });
        return z.NEVER;
      }
      return r.data;
    }),
  tsNs: z.string({ error: 'tsNs is required (the line\'s time in Unix nanoseconds)' }).regex(/^\d{1,19}$/, 'tsNs must be Unix nanoseconds (digits)'),
  before: countSchema('before', 20),
  after: countSchema('after', 20),
});

export const logContextResponse = z
  .object({
    /** Oldest first, ending just before the line. */
    before: z.array(exploreLogEntry),
    /** The line itself when found again. */
    line: exploreLogEntry.nullable(),
    /** Oldest first, starting just after the line. */
    after: z.array(exploreLogEntry),
    /** The exact stream selector asked. */
    selector: z.string(),
    warnings: z.array(z.string()),
    sources: someSources,
  })
  .meta({ id: 'LogContextResponse' });
export type LogContextResponse = z.infer<typeof logContextResponse>;

/** Lines per level over time for a log query: GET /api/v1/query/logs/volume. */
export const logVolumeQuery = z.object({ query: queryText('LogQL'), from: z.string().optional(), to: z.string().optional() });

export const logVolumeResponse = z
  .object({
    /** One series per level label combination (level, severity, detected_level, severity_text). */
    series: z.array(apiMetric),
    /** Step (and count_over_time range) in seconds. */
    step: z.number(),
    /** The LogQL metric query asked. */
    query: z.string(),
    warnings: z.array(z.string()),
    range,
    sources: someSources,
  })
  .meta({ id: 'LogVolumeResponse' });
export type LogVolumeResponse = z.infer<typeof logVolumeResponse>;

const matchSchema = z
  .string()
  .max(MAX_QUERY_BYTES, `match is longer than ${MAX_QUERY_BYTES / 1024} kB`)
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

/** PromQL completion through our API (the browser never talks to Prometheus). */
export const promLabelsQuery = z.object({ match: matchSchema, from: z.string().optional(), to: z.string().optional() });
export const promLabelValuesQuery = z.object({
  label: z.string({ error: 'label is required' }).trim().min(1, 'label is required').max(256, 'label is longer than 256 characters'),
  match: matchSchema,
  from: z.string().optional(),
  to: z.string().optional(),
});
export const promMetadataQuery = z.object({});

export const promNamesResponse = z.object({ data: z.array(z.string()), sources: someSources }).meta({ id: 'PromNamesResponse' });
export type PromNamesResponse = z.infer<typeof promNamesResponse>;
export const promMetadataResponse = z
  .object({
    data: z.record(z.string(), z.array(z.object({ type: z.string(), help: z.string(), unit: z.string() }))),
    sources: someSources,
  })
  .meta({ id: 'PromMetadataResponse' });
export type PromMetadataResponse = z.infer<typeof promMetadataResponse>;
