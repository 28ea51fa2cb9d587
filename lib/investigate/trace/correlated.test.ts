import { describe, expect, it } from 'vitest';
import { BASE_MS, T, sid } from '../../correlate/test-helpers';
import { TRACE, jaeger, line, loki, prom, range } from './test-fakes';
import { correlateTrace, endByNow } from './correlated';
import { investigationContext, type InvestigationContext } from '../context';

const deps = (clients: InvestigationContext['clients']) => investigationContext({ clients, nowMs: BASE_MS + 3_600_000 });

describe('correlateTrace', () => {
  it('joins logs to spans, marks orphans with their reason and reports every source ok', async () => {
    const lines = [line(20, 'charging card', { trace_id: T, span_id: sid(2) }), line(75, `late work trace_id=${T}`)];
    const r = await correlateTrace(deps({ jaeger: jaeger(TRACE), loki: loki(lines), prometheus: prom }), T, range);
    expect(r.sources.jaeger.status).toBe('ok');
    expect(r.sources.loki.status).toBe('ok');
    expect(r.sources.prometheus.status).toBe('ok');
    expect(r.trace?.rootSpanIds).toContain(sid(1));
    expect(r.trace?.orphanSpanIds).toEqual([sid(3)]);
    expect(r.trace?.spans.find((s) => s.spanId === sid(3))?.orphanReason).toBeTruthy();
    expect(r.logs.map((l) => [l.spanId, l.joinedBy])).toEqual([
      [sid(2), 'span_id'],
      [sid(3), 'time'],
    ]);
    expect(r.exemplars[0]).toMatchObject({ traceId: T, spanId: sid(2), traceExists: true });
    expect(r.anomalies.some((a) => a.kind === 'orphan_span')).toBe(true);
    // NaN samples become gaps, not numbers.
    expect(r.metrics.every((m) => m.points.every(([, v]) => v === null || Number.isFinite(v)))).toBe(true);
  });

  it('still returns logs and exemplars for a trace Jaeger does not have, as a missing_trace finding', async () => {
    const r = await correlateTrace(deps({ jaeger: jaeger(null), loki: loki([line(20, `payment failed trace_id=${T}`)]), prometheus: prom }), T, range);
    expect(r.trace).toBeNull();
    expect(r.sources.jaeger.status).toBe('ok');
    expect(r.logs).toHaveLength(1);
    expect(r.exemplars[0].traceExists).toBe(false);
    expect(r.anomalies.map((a) => a.kind)).toContain('missing_trace');
  });

  it('shows the metrics of the service an exemplar names when Jaeger lacks the trace and no log line carries it', async () => {
    const r = await correlateTrace(deps({ jaeger: jaeger(null), loki: loki([]), prometheus: prom }), T, range);
    expect(r.trace).toBeNull();
    expect(r.metrics.length).toBeGreaterThan(0);
    expect(new Set(r.metrics.map((m) => m.service))).toEqual(new Set(['payments']));
    expect(r.anomalies.find((a) => a.kind === 'missing_trace')?.evidence.cause).toBe('dead_exemplar_link');
  });

  it('degrades only the source that failed', async () => {
    const r = await correlateTrace(deps({ jaeger: jaeger('down'), loki: loki('down'), prometheus: prom }), T, range);
    expect(r.sources.jaeger).toMatchObject({ status: 'error', kind: 'unreachable', message: 'connect ECONNREFUSED' });
    expect(r.sources.loki.status).toBe('timeout');
    expect(r.sources.prometheus.status).toBe('ok');
    expect(r.trace).toBeNull();
    expect(r.logs).toEqual([]);
    // A Jaeger that is down proves nothing about the trace: no missing_trace finding.
    expect(r.anomalies.map((a) => a.kind)).not.toContain('missing_trace');
  });

  it('reports not_configured sources without calling them', async () => {
    const r = await correlateTrace(deps({ jaeger: null, loki: null, prometheus: null }), T, range);
    expect(Object.values(r.sources).map((s) => s.status)).toEqual(['not_configured', 'not_configured', 'not_configured']);
    expect(r.sources.loki.message).toBe('Set LOKI_URL to connect Loki.');
  });
});

describe('endByNow', () => {
  it('slides a window that reaches into the future back to end now, keeping its width', () => {
    expect(endByNow({ fromMs: 100, toMs: 1_000 }, 700)).toEqual({ fromMs: -200, toMs: 700 });
    expect(endByNow({ fromMs: 100, toMs: 600 }, 700)).toEqual({ fromMs: 100, toMs: 600 });
  });
});
