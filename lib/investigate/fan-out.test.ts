import { describe, expect, it } from 'vitest';
import { BASE_MS, T, sid } from '../correlate/test-helpers';
import { TRACE, jaeger, line, loki, prom, range } from './trace/test-fakes';
import { correlateTrace } from './trace/correlated';
import { investigationContext } from './context';
import { fannedReport } from './fan-out';
import type { NamedClient } from '../sources/registry';

const named = <C>(name: string, client: C, type: NamedClient<C>['type'] = 'loki'): NamedClient<C> => ({ name, type, client, serviceLabel: null });
const ctxWith = (sources: Parameters<typeof investigationContext>[0]['sources']) =>
  investigationContext({ clients: { prometheus: prom }, sources, nowMs: BASE_MS + 3_600_000 });

describe('fan-out to several sources of a kind', () => {
  it('shows a trace from one Jaeger with logs from two Lokis, each line naming its source', async () => {
    const eu = loki([line(20, 'charging card', { trace_id: T, span_id: sid(2) })]);
    const us = loki([line(75, `late work trace_id=${T}`)]);
    const r = await correlateTrace(
      ctxWith({ jaeger: [named('jaeger-a', jaeger(null), 'jaeger'), named('jaeger-b', jaeger(TRACE), 'jaeger')], loki: [named('loki-eu', eu), named('loki-us', us)] }),
      T,
      range,
    );
    expect(r.trace?.spans).toHaveLength(3);
    expect(r.sources.jaeger.message).toBe('found in jaeger-b');
    expect(r.logs.map((l) => [l.source, l.joinedBy])).toEqual([
      ['loki-eu', 'span_id'],
      ['loki-us', 'time'],
    ]);
    expect(r.sources.loki.sources?.map((s) => [s.name, s.status])).toEqual([
      ['loki-eu', 'ok'],
      ['loki-us', 'ok'],
    ]);
  });

  it('a down source degrades only itself: the kind stays ok and names the failure', async () => {
    const r = await correlateTrace(ctxWith({ jaeger: [named('j', jaeger(TRACE), 'jaeger')], loki: [named('loki-eu', loki('down')), named('loki-us', loki([line(75, `x trace_id=${T}`)]))] }), T, range);
    expect(r.logs.map((l) => l.source)).toEqual(['loki-us']);
    expect(r.sources.loki).toMatchObject({ status: 'ok', message: 'loki-eu: timed out after 15000 ms' });
    expect(r.sources.loki.sources?.find((s) => s.name === 'loki-eu')).toMatchObject({ status: 'timeout', kind: 'timeout' });
  });

  it('keeps the single-source answer unchanged: no per-source list, no source on lines', async () => {
    const r = await correlateTrace(ctxWith({ jaeger: [named('j', jaeger(TRACE), 'jaeger')], loki: [named('l', loki([line(20, `a trace_id=${T}`)]))] }), T, range);
    expect(r.sources.loki.sources).toBeUndefined();
    expect(r.logs[0].source).toBeUndefined();
  });

  it('asks every chosen metrics source, each panel naming its source, a down one degrading only itself', async () => {
    // A Prometheus knowing the payments service's Go runtime: one series per service its queries name.
    const runtime = {
      ...prom,
      series: async () => ['go_gc_duration_seconds_count', 'go_goroutines'].map((n) => ({ __name__: n, service_name: 'payments', instance: 'p:1' })),
      queryRange: async (query: string) => ({
        resultType: 'matrix',
        series: /payments/.test(query) ? [{ name: '', labels: { service_name: 'payments', instance: 'p:1' }, points: [[BASE_MS, 1]] }] : [],
        warnings: [],
        infos: [],
      }),
    } as typeof prom;
    const down = { ...prom, series: async () => Promise.reject(Object.assign(new Error('refused'), { kind: 'unreachable' })), exemplars: async () => Promise.reject(Object.assign(new Error('refused'), { kind: 'unreachable' })), queryRange: async () => Promise.reject(Object.assign(new Error('refused'), { kind: 'unreachable' })) } as typeof prom;
    const both = await correlateTrace(ctxWith({ jaeger: [named('j', jaeger(TRACE), 'jaeger')], prometheus: [named('prom-eu', runtime, 'prometheus'), named('prom-us', { ...runtime } as typeof prom, 'prometheus')] }), T, range);
    expect(new Set(both.metrics.map((m) => m.source))).toEqual(new Set(['prom-eu', 'prom-us']));
    expect(both.sources.prometheus.status).toBe('ok');
    const one = await correlateTrace(ctxWith({ jaeger: [named('j', jaeger(TRACE), 'jaeger')], prometheus: [named('prom-eu', runtime, 'prometheus'), named('prom-us', down, 'prometheus')] }), T, range);
    expect(new Set(one.metrics.map((m) => m.source))).toEqual(new Set(['prom-eu']));
    expect(one.sources.prometheus.status).toBe('ok');
    expect(one.sources.prometheus.message).toContain('prom-us: refused');
  });

  it('does not call a trace missing while a traces source that might have it is down', async () => {
    const r = await correlateTrace(ctxWith({ jaeger: [named('a', jaeger(null), 'jaeger'), named('b', jaeger('down'), 'jaeger')], loki: [named('l', loki([]))] }), T, range);
    expect(r.trace).toBeNull();
    expect(r.sources.jaeger).toMatchObject({ status: 'error', message: 'b: connect ECONNREFUSED' });
    expect(r.anomalies.map((a) => a.kind)).not.toContain('missing_trace');
    const all = await correlateTrace(ctxWith({ jaeger: [named('a', jaeger(null), 'jaeger'), named('b', jaeger(null), 'jaeger')], loki: [named('l', loki([line(20, `x trace_id=${T}`)]))] }), T, range);
    expect(all.anomalies.map((a) => a.kind)).toContain('missing_trace');
  });

  it('reports the worst status when every source failed', () => {
    expect(fannedReport([{ name: 'a', status: 'timeout', ms: 5, message: 't' }, { name: 'b', status: 'error', kind: 'http', ms: 3, message: 'e' }])).toMatchObject({ status: 'error', message: 'e', ms: 5 });
  });
});
