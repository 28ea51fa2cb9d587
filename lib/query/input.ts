import { z } from 'zod';
import { badRequest } from '../api/respond';
import { parseDurationMs, parseRange, type TimeRange } from '../time/range';
import { DEFAULT_LOG_LIMIT, MAX_LOG_LIMIT, MAX_QUERY_BYTES, MAX_STEP_SEC } from './limits';

export { MAX_LOG_LIMIT };

/**
 * Input validation shared by the two explore query endpoints. Everything a caller sends is
 * checked here, before any backend is asked, so bad input is a 400 that names the field.
 */

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

const metricsSchema = z.object({ query: queryText('PromQL'), from: z.string().optional(), to: z.string().optional(), step: stepSchema });
const logsSchema = z.object({ query: queryText('LogQL'), from: z.string().optional(), to: z.string().optional(), limit: limitSchema });

export interface MetricsQueryInput extends TimeRange {
  query: string;
  stepSec?: number;
}

export interface LogsQueryInput extends TimeRange {
  query: string;
  limit: number;
}

function check<T extends z.ZodType>(schema: T, raw: Record<string, string | undefined>): z.infer<T> {
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = issue?.path.join('.');
    throw badRequest(field && !issue.message.startsWith(field) ? `${field}: ${issue.message}` : (issue?.message ?? 'bad input'));
  }
  return r.data;
}

/** Throws ApiError (400) or TimeRangeError (400, bad_time_range). */
export function parseMetricsInput(raw: Record<string, string | undefined>, nowMs: number): MetricsQueryInput {
  const p = check(metricsSchema, raw);
  return { query: p.query, stepSec: p.step, ...parseRange(p.from, p.to, nowMs) };
}

export function parseLogsInput(raw: Record<string, string | undefined>, nowMs: number): LogsQueryInput {
  const p = check(logsSchema, raw);
  return { query: p.query, limit: p.limit, ...parseRange(p.from, p.to, nowMs) };
}
