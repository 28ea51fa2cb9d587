/**
 * The trace search as it lives in the URL (`/traces?service=…&tags=…`), parsed and
 * checked once for the page and the API alike. Limits follow Jaeger (backend-apis.md §4):
 * a service is required, durations are Go durations, max ≥ min; the result limit is the
 * search depth, capped at Jaeger UI's 1,500.
 */
import type { TraceSearch } from '../sources/types';
import { parseGoDurationUs } from '../time/go-duration';
import { parseRange } from '../time/range';
import { parseTagExpression, TagExpressionError } from './tag-expression';

export const SEARCH_SORTS = ['recent', 'longest', 'spans', 'errors'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 1_500;

export interface SearchQuery {
  service: string;
  operation: string | null;
  /** The tag expression as typed (logfmt), and its parsed pairs. */
  tagsText: string;
  tags: Record<string, string>;
  minDuration: string | null;
  maxDuration: string | null;
  minDurationMs: number | null;
  maxDurationMs: number | null;
  limit: number;
  errorsOnly: boolean;
  sort: SearchSort;
  fromMs: number;
  toMs: number;
}

export class SearchQueryError extends Error {
  constructor(
    message: string,
    /** What is missing rather than wrong: the page shows it as guidance, not as an error. */
    readonly missingService = false,
  ) {
    super(message);
    this.name = 'SearchQueryError';
  }
}

type Params = { get(name: string): string | null };

const text = (p: Params, name: string) => p.get(name)?.trim() || null;

function duration(p: Params, name: string): { text: string | null; ms: number | null } {
  const raw = text(p, name);
  if (raw === null) return { text: null, ms: null };
  const us = parseGoDurationUs(raw);
  if (us === null) throw new SearchQueryError(`${name}: "${raw.slice(0, 40)}" is not a duration; use a number with a unit, e.g. 250ms, 1.5s, 2m`);
  return { text: raw, ms: us / 1000 };
}

export function parseSearchQuery(p: Params, nowMs: number): SearchQuery {
  const { fromMs, toMs } = parseRange(p.get('from'), p.get('to'), nowMs);
  const service = text(p, 'service');
  if (!service) {
    throw new SearchQueryError('Jaeger searches one service at a time: choose a service (and optionally an operation, tags or durations) to search its traces.', true);
  }
  const tagsText = p.get('tags') ?? '';
  let tags: Record<string, string>;
  try {
    tags = parseTagExpression(tagsText);
  } catch (e) {
    if (e instanceof TagExpressionError) throw new SearchQueryError(e.message);
    throw e;
  }
  const min = duration(p, 'minDuration');
  const max = duration(p, 'maxDuration');
  if (min.ms !== null && max.ms !== null && max.ms < min.ms) throw new SearchQueryError(`maxDuration (${max.text}) must not be below minDuration (${min.text})`);
  const limitText = text(p, 'limit');
  let limit = DEFAULT_SEARCH_LIMIT;
  if (limitText !== null) {
    if (!/^\d+$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_SEARCH_LIMIT) {
      throw new SearchQueryError(`limit: "${limitText.slice(0, 20)}" is not a whole number from 1 to ${MAX_SEARCH_LIMIT}`);
    }
    limit = Number(limitText);
  }
  const sortText = text(p, 'sort') ?? 'recent';
  if (!(SEARCH_SORTS as readonly string[]).includes(sortText)) throw new SearchQueryError(`sort: "${sortText.slice(0, 20)}" is not one of ${SEARCH_SORTS.join(', ')}`);
  const errorsText = text(p, 'errors');
  if (errorsText !== null && !['true', 'false', '1', '0'].includes(errorsText)) throw new SearchQueryError(`errors: "${errorsText.slice(0, 20)}" must be true or false`);
  return {
    service,
    operation: text(p, 'operation'),
    tagsText,
    tags,
    minDuration: min.text,
    maxDuration: max.text,
    minDurationMs: min.ms,
    maxDurationMs: max.ms,
    limit,
    errorsOnly: errorsText === 'true' || errorsText === '1',
    sort: sortText as SearchSort,
    fromMs,
    toMs,
  };
}

/**
 * What Jaeger is asked. "Errors only" is Jaeger UI's `error=true` tag (Jaeger matches it
 * against the span status too); results are still checked for an error span afterwards.
 */
export function toJaegerSearch(q: SearchQuery): TraceSearch {
  return {
    service: q.service,
    operation: q.operation ?? undefined,
    tags: q.errorsOnly ? { ...q.tags, error: 'true' } : q.tags,
    fromMs: q.fromMs,
    toMs: q.toMs,
    limit: q.limit,
    minDurationMs: q.minDurationMs ?? undefined,
    maxDurationMs: q.maxDurationMs ?? undefined,
  };
}

/** A sentence naming everything that was searched, for an empty answer. */
export function describeSearch(q: SearchQuery): string {
  const parts = [`service ${q.service}`];
  if (q.operation) parts.push(`operation ${q.operation}`);
  if (q.tagsText.trim()) parts.push(`tags ${q.tagsText.trim()}`);
  if (q.minDuration) parts.push(`at least ${q.minDuration}`);
  if (q.maxDuration) parts.push(`at most ${q.maxDuration}`);
  if (q.errorsOnly) parts.push('with an error span');
  return `${parts.join(', ')}, between ${new Date(q.fromMs).toISOString()} and ${new Date(q.toMs).toISOString()} (limit ${q.limit})`;
}
