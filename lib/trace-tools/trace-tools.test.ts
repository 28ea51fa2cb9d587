import { describe, expect, it } from 'vitest';
import type { ApiSpan } from '../api/types';
import { buildFilterIndex } from './filter-index';
import { filterIndexed, filterIsActive, filterSpans, NO_FILTER, parseSpanFilter, stepMatch } from './span-filter';
import { selfTimesUs, sortStats, spanStatistics, traceStatistics } from './span-stats';

function span(i: number, over: Partial<ApiSpan>): ApiSpan {
  return {
    spanId: String(i).padStart(16, '0'), key: String(i), parentSpanId: null, service: 'a', operation: 'op', start: '', startUs: 0, durationMs: 1,
    status: 'unset', tags: {}, warnings: [], depth: 0, kind: 'server', parentLink: null, ...over,
  };
}

// root (0–100 ms) with two overlapping children (10–40, 30–60) and one error leaf under the first.
const spans = [
  span(0, { service: 'gw', operation: 'GET /', durationMs: 100, critical: true }),
  span(1, { service: 'db', operation: 'query', startUs: 10_000, durationMs: 30, tags: { 'db.system': 'pg' }, critical: true }),
  span(2, { service: 'db', operation: 'query', startUs: 30_000, durationMs: 30 }),
  span(3, { service: 'cache', operation: 'get', startUs: 12_000, durationMs: 5, status: 'error' }),
];
const children = [[1, 2], [3], [], []];

describe('span filter', () => {
  const parse = (qs: string) => parseSpanFilter(new URLSearchParams(qs));

  it('reads the filter from the URL, reporting bad tags and durations instead of ignoring them silently', () => {
    expect(parse('fsvc=db&ftag=db.system%3Dpg&fmin=20ms&ferr=1&fcrit=1').filter).toEqual({ service: 'db', operation: null, tags: { 'db.system': 'pg' }, minDurationMs: 20, errorsOnly: true, criticalOnly: true });
    expect(parse('ftag=oops&fmin=soon').errors).toEqual([expect.stringMatching(/"oops" has no value/), expect.stringMatching(/min duration: "soon"/)]);
    expect(filterIsActive(parse('').filter)).toBe(false);
  });

  it.each([
    [{ service: 'db' }, [1, 2]],
    [{ operation: 'get' }, [3]],
    [{ tags: { 'db.system': 'pg' } }, [1]],
    [{ minDurationMs: 30 }, [0, 1, 2]],
    [{ errorsOnly: true }, [3]],
    [{ criticalOnly: true }, [0, 1]],
    [{ service: 'db', criticalOnly: true }, [1]],
  ])('%j matches spans %j', (over, expected) => {
    expect(filterSpans(spans, { ...NO_FILTER, ...over }).matches).toEqual(expected);
  });

  it('indexes services and operations by name once: sorted pickers, each service\'s own operations', () => {
    const ix = buildFilterIndex(spans);
    expect(ix.services).toEqual(['cache', 'db', 'gw']);
    expect(ix.operations).toEqual(['GET /', 'get', 'query']);
    expect(ix.operationsOfService.map((ops) => ops.map((o) => ix.operations[o]))).toEqual([['get'], ['query'], ['GET /']]);
  });

  it('matches nothing for a service or operation the trace does not have (a stale link), and everything for an empty filter', () => {
    const ix = buildFilterIndex(spans);
    expect(filterIndexed(ix, { ...NO_FILTER, service: 'gone' }).matches).toEqual([]);
    expect(filterIndexed(ix, { ...NO_FILTER, operation: 'gone' }).matches).toEqual([]);
    expect(filterIndexed(ix, NO_FILTER).matches).toEqual([0, 1, 2, 3]);
  });

  it('compares tag values as text, whatever their type in the span', () => {
    const typed = [span(0, { tags: { 'http.status_code': 500, error: true } }), span(1, { tags: { 'http.status_code': 200 } })];
    expect(filterSpans(typed, { ...NO_FILTER, tags: { 'http.status_code': '500', error: 'true' } }).matches).toEqual([0]);
  });

  it('steps to the next and previous match in display order, wrapping around', () => {
    const { mask } = filterSpans(spans, { ...NO_FILTER, service: 'db' });
    const order = [0, 1, 3, 2];
    expect(stepMatch(order, mask, null, 1)).toBe(1);
    expect(stepMatch(order, mask, 1, 1)).toBe(2);
    expect(stepMatch(order, mask, 2, 1)).toBe(1);
    expect(stepMatch(order, mask, 1, -1)).toBe(2);
    expect(stepMatch(order, new Uint8Array(4), null, 1)).toBeNull();
  });
});

describe('span statistics', () => {
  it('self time subtracts the union of the children, not their sum', () => {
    // root: children cover 10–60 ms → 50 ms covered, 50 ms self; child 1: 5 ms covered by the cache call.
    expect([...selfTimesUs(spans, children)]).toEqual([50_000, 25_000, 30_000, 5_000]);
  });

  it('aggregates per service and operation: count, errors, total, self, max, average', () => {
    const rows = spanStatistics(spans, children);
    expect(rows.find((r) => r.service === 'db')).toEqual({ service: 'db', operation: 'query', count: 2, errors: 0, totalMs: 60, selfMs: 55, maxMs: 30, avgMs: 30 });
    expect(rows.find((r) => r.service === 'cache')).toMatchObject({ count: 1, errors: 1 });
  });

  it('counts only the filtered spans when given a mask, and sorts by any column', () => {
    const { mask } = filterSpans(spans, { ...NO_FILTER, service: 'db' });
    expect(spanStatistics(spans, children, mask).map((r) => r.service)).toEqual(['db']);
    const rows = spanStatistics(spans, children);
    expect(sortStats(rows, 'selfMs', true).map((r) => r.service)).toEqual(['db', 'gw', 'cache']);
    expect(sortStats(rows, 'service', false).map((r) => r.service)).toEqual(['cache', 'db', 'gw']);
  });

  it('keeps the rows of all spans per trace: clearing a filter shows them again without recounting', () => {
    const stats = traceStatistics(buildFilterIndex(spans), selfTimesUs(spans, children));
    const all = stats.of(null);
    expect(all.reduce((n, r) => n + r.count, 0)).toBe(4);
    const { mask } = filterSpans(spans, { ...NO_FILTER, service: 'db' });
    expect(stats.of(mask)).toEqual([expect.objectContaining({ service: 'db', count: 2 })]);
    expect(stats.of(null)).toBe(all);
  });
});
