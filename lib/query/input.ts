import { z } from 'zod';
import { badRequest } from '../api/respond';
import { parseRange, type TimeRange } from '../time/range';
import { logsQuery as logsSchema, metricsQuery as metricsSchema, MAX_LOG_LIMIT, parseStepSec } from '../api/contract/explore';

export { MAX_LOG_LIMIT, parseStepSec };

/**
 * Input validation shared by the two explore query endpoints. Everything a caller sends is
 * checked here, before any backend is asked, so bad input is a 400 that names the field.
 */

export interface MetricsQueryInput extends TimeRange {
  query: string;
  stepSec?: number;
}

export interface LogsQueryInput extends TimeRange {
  query: string;
  limit: number;
}

export function check<T extends z.ZodType>(schema: T, raw: Record<string, string | undefined>): z.infer<T> {
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
