/**
 * Span search inside one trace (the trace page's filter bar): service, operation, tags,
 * minimum duration, errors only and "only the critical path". One linear pass over the
 * trace's filter index (filter-index.ts) into a match mask, so a 50,000-span trace filters
 * within a frame budget.
 */
import type { ApiSpan } from '../api/types';
import { parseTagExpression } from '../search/tag-expression';
import { parseGoDurationUs } from '../time/go-duration';
import { buildFilterIndex, type SpanFilterIndex } from './filter-index';

export interface SpanFilter {
  service: string | null;
  operation: string | null;
  /** Tag pairs every matching span carries (logfmt, as in trace search). */
  tags: Record<string, string>;
  minDurationMs: number | null;
  errorsOnly: boolean;
  criticalOnly: boolean;
}

export const NO_FILTER: SpanFilter = { service: null, operation: null, tags: {}, minDurationMs: null, errorsOnly: false, criticalOnly: false };

/** The filter's URL parameters on the trace page. */
export const FILTER_PARAMS = { service: 'fsvc', operation: 'fop', tags: 'ftag', minDuration: 'fmin', errorsOnly: 'ferr', criticalOnly: 'fcrit' } as const;

export interface ParsedFilter {
  filter: SpanFilter;
  /** Problems with the typed values (that part of the filter is then ignored). */
  errors: string[];
}

export function parseSpanFilter(p: { get(name: string): string | null }): ParsedFilter {
  const errors: string[] = [];
  let tags: Record<string, string> = {};
  try {
    tags = parseTagExpression(p.get(FILTER_PARAMS.tags) ?? '');
  } catch (e) {
    errors.push((e as Error).message);
  }
  let minDurationMs: number | null = null;
  const min = p.get(FILTER_PARAMS.minDuration)?.trim();
  if (min) {
    const us = parseGoDurationUs(min);
    if (us === null) errors.push(`min duration: "${min.slice(0, 40)}" is not a duration (e.g. 5ms, 1.5s)`);
    else minDurationMs = us / 1000;
  }
  return {
    filter: {
      service: p.get(FILTER_PARAMS.service) || null,
      operation: p.get(FILTER_PARAMS.operation) || null,
      tags,
      minDurationMs,
      errorsOnly: p.get(FILTER_PARAMS.errorsOnly) === '1',
      criticalOnly: p.get(FILTER_PARAMS.criticalOnly) === '1',
    },
    errors,
  };
}

export const filterIsActive = (f: SpanFilter): boolean =>
  f.service !== null || f.operation !== null || Object.keys(f.tags).length > 0 || f.minDurationMs !== null || f.errorsOnly || f.criticalOnly;

export interface FilterResult {
  /** 1 where the span at that index matches. */
  mask: Uint8Array;
  /** Indexes of the matches, in `spans` order. */
  matches: number[];
}

/** The spans matching `f`, over a trace's filter index (built once per trace). */
export function filterIndexed(ix: SpanFilterIndex, f: SpanFilter): FilterResult {
  const n = ix.spans.length;
  const mask = new Uint8Array(n);
  const matches: number[] = [];
  // A name the trace does not have matches nothing; -1 never equals an id.
  const service = f.service === null ? null : ix.services.indexOf(f.service);
  const operation = f.operation === null ? null : ix.operations.indexOf(f.operation);
  const minMs = f.minDurationMs;
  const tagEntries = Object.entries(f.tags);
  const { serviceOf, operationOf, error, critical, durationMs, spans } = ix;
  for (let i = 0; i < n; i++) {
    if (service !== null && serviceOf[i] !== service) continue;
    if (operation !== null && operationOf[i] !== operation) continue;
    if (f.errorsOnly && error[i] === 0) continue;
    if (f.criticalOnly && critical[i] === 0) continue;
    if (minMs !== null && durationMs[i] < minMs) continue;
    if (tagEntries.length > 0) {
      const tags = spans[i].tags;
      let ok = true;
      for (const [k, v] of tagEntries) {
        const actual = tags[k];
        if (actual === undefined || String(actual) !== v) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
    }
    mask[i] = 1;
    matches.push(i);
  }
  return { mask, matches };
}

/** The same over a span list (tests, one-off use): builds the index first. */
export const filterSpans = (spans: readonly ApiSpan[], f: SpanFilter): FilterResult => filterIndexed(buildFilterIndex(spans), f);

/**
 * The match after (or before) the current one, in the order the rows are shown; wraps
 * around. `order` is the display order of span indexes; null when nothing matches.
 */
export function stepMatch(order: readonly number[], mask: Uint8Array, current: number | null, direction: 1 | -1): number | null {
  const n = order.length;
  if (n === 0) return null;
  const at = current === null ? -1 : order.indexOf(current);
  const start = at < 0 ? (direction === 1 ? -1 : n) : at;
  for (let k = 1; k <= n; k++) {
    const i = order[(((start + direction * k) % n) + n) % n];
    if (mask[i]) return i;
  }
  return null;
}
