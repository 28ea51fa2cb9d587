import { describe, expect, it } from 'vitest';
import type { Exemplar, LogLine, Span } from '../model/types';
import { joinExemplars, joinLogs, servicesOfExemplars } from './join';
import { analyzeTrace } from './trace-model';
import { BASE_MS, sid, span, T, trace } from './test-helpers';

/** api [0,100] → db (api) [10,60] → cache (api) [20,30]; pay [40,90] (service pay). */
const VIEW = () =>
  analyzeTrace(trace([span(1, null, 0, 100, { service: 'api' }), span(2, 1, 10, 50, { service: 'api' }), span(3, 2, 20, 10, { service: 'api' }), span(4, 1, 40, 50, { service: 'pay' })]));

const nsAt = (offsetMs: number) => (BigInt(BASE_MS + offsetMs) * 1_000_000n + 123_456n).toString();

function line(offsetMs: number, text: string, service = 'api', extra: Partial<LogLine> = {}): LogLine {
  return { tsNs: nsAt(offsetMs), line: text, stream: { service_name: service }, structuredMetadata: {}, parsed: {}, ...extra };
}

describe('joinLogs', () => {
  it('joins by span id when the line carries one that is in the trace', () => {
    const [e] = joinLogs([line(5, `trace_id=${T} span_id=${sid(4)}`)], VIEW(), T);
    expect(e).toMatchObject({ traceId: T, spanId: sid(4), joinedBy: 'span_id', service: 'api' });
  });

  it('joins by time to the deepest span of the same service covering the line', () => {
    const out = joinLogs([line(25, `trace_id=${T}`), line(45, `trace_id=${T}`), line(95, `trace_id=${T}`)], VIEW(), T);
    expect(out.map((e) => [e.joinedBy, e.spanId])).toEqual([
      ['time', sid(3)], // inside cache, db and root: cache is deepest
      ['time', sid(2)], // pay also covers 45 ms, but the line is from api
      ['time', sid(1)],
    ]);
  });

  it('keeps lines outside every span of their service trace-level', () => {
    const out = joinLogs([line(150, `trace_id=${T}`), line(50, `trace_id=${T}`, 'unknown-svc')], VIEW(), T);
    expect(out.map((e) => [e.joinedBy, e.spanId])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('never time-joins a line without this trace id (other requests overlap in time)', () => {
    const other = 'f'.repeat(32);
    const out = joinLogs([line(25, 'no context here'), line(26, `trace_id=${other}`)], VIEW(), T);
    expect(out.map((e) => [e.traceId, e.joinedBy])).toEqual([
      [null, null],
      [other, null],
    ]);
  });

  it('falls back to time when the line span id is not in the trace', () => {
    const [e] = joinLogs([line(25, `trace_id=${T} span_id=${sid(77)}`)], VIEW(), T);
    expect([e.joinedBy, e.spanId]).toEqual(['time', sid(3)]);
  });

  it('returns trace-level entries when the trace is unavailable', () => {
    const [e] = joinLogs([line(25, `trace_id=${T} span_id=${sid(3)}`)], null, T);
    expect(e).toMatchObject({ traceId: T, spanId: sid(3), joinedBy: null });
  });

  it('sorts by the exact nanosecond timestamp and formats ts as RFC3339 ms', () => {
    const a = line(10, 'a');
    const b = { ...line(10, 'b'), tsNs: (BigInt(a.tsNs) - 1n).toString() };
    const out = joinLogs([line(30, 'c'), a, b], null, T);
    expect(out.map((e) => e.line)).toEqual(['b', 'a', 'c']);
    expect(out[1].ts).toBe(new Date(BASE_MS + 10).toISOString());
    expect(out[1].tsNs).toBe(a.tsNs);
  });

  it('merges stream, metadata and parsed labels for display and picks the service by label order', () => {
    const l = line(1, 'x', 'api', { stream: { job: 'ns/api', app: 'api-app' }, structuredMetadata: { trace_id: T, job: 'other' }, parsed: { level: 'info' } });
    const [e] = joinLogs([l], null, T, { serviceLabels: ['app', 'job'] });
    expect(e.labels).toEqual({ job: 'ns/api', app: 'api-app', trace_id: T, job_extracted: 'other', level: 'info' });
    expect(e.service).toBe('api-app');
  });

  it('drops lines whose timestamp is not a nanosecond integer', () => {
    expect(joinLogs([{ ...line(1, 'x'), tsNs: '12abc' }], null, T)).toEqual([]);
  });

  it('joins 5,000 lines against 10,000 spans without quadratic cost', () => {
    const spans: Span[] = [span(1, null, 0, 100_000, { service: 's0' })];
    for (let i = 2; i <= 10_000; i++) spans.push(span(i, 1 + ((i - 2) >> 3), i * 9, 20, { service: `s${i % 5}` }));
    const view = analyzeTrace(trace(spans));
    const lines = Array.from({ length: 5_000 }, (_, i) => line(i * 18, `trace_id=${T}`, `s${i % 5}`));
    const out = joinLogs(lines, view, T);
    // Oracle: brute-force deepest covering span of the same service, on a sample of lines.
    for (const e of out.filter((_, i) => i % 17 === 0)) {
      const tUs = Number(BigInt(e.tsNs) / 1000n);
      const covering = view.spans.filter((n) => n.span.service === e.service && n.startUs <= tUs && tUs <= n.endUs);
      const maxDepth = Math.max(-1, ...covering.map((n) => n.depth));
      if (covering.length === 0) expect([e.joinedBy, e.spanId]).toEqual([null, null]);
      else expect(view.bySpanId.get(e.spanId!)!.depth).toBe(maxDepth);
      if (covering.length > 0) expect(covering.map((n) => n.spanId)).toContain(e.spanId);
    }
    expect(out.filter((e) => e.joinedBy === 'time').length).toBeGreaterThan(1_000);
  });
});

describe('joinExemplars', () => {
  const ex = (tsMs: number, spanId: string | null, traceId: string | null = T): Exemplar => ({
    seriesLabels: { __name__: 'http_request_duration_seconds_bucket', le: '0.5' },
    labels: { trace_id: traceId ?? '' },
    traceId,
    spanId,
    value: 0.31,
    tsMs,
  });

  it('joins exemplars to their span and sorts by time', () => {
    const out = joinExemplars([ex(BASE_MS + 50, sid(4)), ex(BASE_MS + 10, sid(99)), ex(BASE_MS + 20, null, 'a'.repeat(32))], VIEW());
    expect(out.map((e) => [e.ts, e.spanId, e.traceId])).toEqual([
      [new Date(BASE_MS + 10).toISOString(), null, T],
      [new Date(BASE_MS + 20).toISOString(), null, 'a'.repeat(32)],
      [new Date(BASE_MS + 50).toISOString(), sid(4), T],
    ]);
    expect(out[2]).toMatchObject({ value: 0.31, labels: { trace_id: T }, seriesLabels: { le: '0.5' } });
  });

  it('keeps exemplars trace-level without a trace and drops unusable timestamps', () => {
    const out = joinExemplars([ex(BASE_MS, sid(4)), ex(NaN, null)], null);
    expect(out).toHaveLength(1);
    expect(out[0].spanId).toBeNull();
  });
});

describe('servicesOfExemplars', () => {
  it('names the services whose series carry an exemplar of the trace, by the service-label order', () => {
    const ex = (traceId: string | null, seriesLabels: Record<string, string>): Exemplar => ({ seriesLabels, labels: {}, traceId, spanId: null, value: 1, tsMs: BASE_MS });
    const exemplars = [
      ex(T, { __name__: 'rpc_duration_seconds_bucket', app: 'ledger', job: 'kubernetes-pods' }),
      ex(T, { __name__: 'x_bucket', service_name: 'ledger' }),
      ex(T, { __name__: 'x_bucket', job: 'billing' }),
      ex('00000000000000000000000000000abc', { service_name: 'other' }),
      ex(null, { service_name: 'none' }),
    ];
    expect(servicesOfExemplars(exemplars, T)).toEqual(['ledger', 'billing']);
  });
});
