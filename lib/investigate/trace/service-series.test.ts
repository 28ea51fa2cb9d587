import { describe, expect, it } from 'vitest';
import type { Labels, Series } from '../../model/types';
import type { PrometheusClient } from '../../sources/types';
import { fetchServiceMetrics, serviceSeriesMatchers } from './service-series';
import { planServiceMetrics, splitRawSeries } from './service-series-plan';

const go = (service: string): Labels[] => ['go_gc_duration_seconds_count', 'go_goroutines', 'process_start_time_seconds'].map((n) => ({ __name__: n, service_name: service, instance: `${service}:1` }));
const jvm = (service: string): Labels[] => ['jvm_gc_collection_seconds_count', 'jvm_threads_current'].map((n) => ({ __name__: n, service_name: service, instance: `${service}:1` }));
const http = (service: string): Labels[] => [{ __name__: 'http_requests_total', service_name: service, code: '200' }];

const series = (labels: Labels): Series => ({ name: labels.__name__ ?? '', labels, points: [[1_000, 1], [16_000, Number.NaN]] });

/** Answers a grouped query with one series per service named in its regex, labelled like Prometheus would. */
function fakeProm(seriesSets: Labels[]) {
  const calls = { series: 0, queryRange: [] as string[], ranges: [] as { query: string; fromMs: number; toMs: number; stepSec: number }[] };
  const prom = {
    series: async () => {
      calls.series++;
      return seriesSets;
    },
    queryRange: async (query: string, fromMs: number, toMs: number, stepSec: number) => {
      calls.queryRange.push(query);
      calls.ranges.push({ query, fromMs, toMs, stepSec });
      const m = /service_name=~"([^"]*)"/.exec(query);
      const services = m ? m[1].split('|') : [];
      const byInstance = query.includes('instance');
      const raw = !query.startsWith('sum') && !query.startsWith('histogram') && !query.startsWith('max');
      return {
        resultType: 'matrix',
        series: services.map((s) => series(raw ? { __name__: s === 'j' ? 'jvm_threads_current' : 'go_goroutines', service_name: s, instance: `${s}:1` } : { service_name: s, ...(byInstance ? { instance: `${s}:1` } : {}) })),
        warnings: [],
        infos: [],
      };
    },
  } as unknown as PrometheusClient;
  return { prom, calls };
}

describe('planServiceMetrics', () => {
  it('shares a panel query among services of the same family and keeps a JVM service on its own', () => {
    const { panels, raw, missing } = planServiceMetrics(['a', 'b', 'j', 'ghost'], [...go('a'), ...go('b'), ...jvm('j'), ...http('a'), ...http('j')], {});
    expect(missing).toEqual(['ghost']);
    const gc = panels.filter((p) => p.query.panel === 'gc_rate');
    expect(gc.map((p) => p.services.map((s) => s.service))).toEqual([['a', 'b'], ['j']]);
    expect(gc[0].query.query).toBe('sum by (instance, service_name) (rate(go_gc_duration_seconds_count{service_name=~"a|b"}[5m]))');
    expect(gc[1].query.family).toBe('jvm');
    // Same family for the requests panel: one query for the Go and the JVM service.
    expect(panels.filter((p) => p.query.panel === 'requests').map((p) => p.services.map((s) => s.service))).toEqual([['a', 'j']]);
    expect(raw).toHaveLength(1);
    expect(raw[0].query).toContain('service_name=~"a|b|j"');
  });

  it('escapes regex metacharacters and quotes in service names', () => {
    const name = 'a.b|c"(d)\\';
    const { raw } = planServiceMetrics([name], go(name), {});
    expect(raw[0].query.startsWith('{service_name=~"a\\\\.b\\\\|c\\"\\\\(d\\\\)\\\\\\\\"')).toBe(true);
    expect(serviceSeriesMatchers(['x.y'])[0]).toBe('{service_name=~"x\\\\.y"}');
  });

  it('splits raw series back per service, keeping only names from each service\'s own catalog', () => {
    const { raw } = planServiceMetrics(['a', 'j'], [...go('a'), ...jvm('j')], {});
    const split = splitRawSeries(
      [series({ __name__: 'go_goroutines', service_name: 'j' }), series({ __name__: 'go_goroutines', service_name: 'zz' }), series({ __name__: 'go_goroutines', service_name: 'a' }), series({ __name__: 'jvm_threads_current', service_name: 'j' })],
      raw[0],
    );
    expect([...split].map(([s, xs]) => [s, xs.map((x) => x.labels.__name__)])).toEqual([['a', ['go_goroutines']], ['j', ['jvm_threads_current']]]);
  });
});

describe('fetchServiceMetrics', () => {
  it('runs one query per panel and group, and splits results into per-service panels with per-service queries', async () => {
    const { prom, calls } = fakeProm([...go('a'), ...go('b'), ...jvm('j'), ...http('a'), ...http('b')]);
    const r = await fetchServiceMetrics(prom, ['a', 'b', 'j'], { fromMs: 0, toMs: 3_600_000 }, {}, undefined, 10_000_000);
    // {a,b}: requests, errors, error_rate, gc_rate, threads, restarts; {j}: gc_rate, threads; one raw query.
    expect(calls.queryRange).toHaveLength(9);
    const aGc = r.panels.find((m) => m.service === 'a' && m.panel === 'gc_rate');
    expect(aGc).toMatchObject({ labels: { instance: 'a:1' }, query: 'sum by (instance) (rate(go_gc_duration_seconds_count{service_name="a"}[5m]))' });
    expect(aGc?.points).toEqual([[1_000, 1], [16_000, null]]);
    expect(r.panels.find((m) => m.service === 'b' && m.panel === 'requests')?.query).toBe('sum(rate(http_requests_total{service_name="b"}[5m]))');
    expect(r.panels.filter((m) => m.service === 'j').map((m) => m.panel)).toEqual(['gc_rate', 'threads']);
    expect(r.panels.map((m) => m.service)).toEqual(['a', 'a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'b', 'b', 'j', 'j']);
    expect(r.raw.map((s) => s.labels.service_name)).toEqual(['a', 'b', 'j']);
  });

  it('reuses the series lookup for the same services within a minute, not after', async () => {
    const { prom, calls } = fakeProm(go('a'));
    const w = { fromMs: 90_000, toMs: 3_630_000 };
    await fetchServiceMetrics(prom, ['a'], w, {}, undefined, 10_000_000);
    await fetchServiceMetrics(prom, ['a'], { fromMs: w.fromMs + 1_000, toMs: w.toMs + 1_000 }, {}, undefined, 10_030_000);
    expect(calls.series).toBe(1);
    await fetchServiceMetrics(prom, ['a'], w, {}, undefined, 10_061_000);
    expect(calls.series).toBe(2);
    await fetchServiceMetrics(prom, ['a', 'b'], w, {}, undefined, 10_062_000);
    expect(calls.series).toBe(3);
  });

  it('reads the raw series over the detectors\' window when the panels show a wider one', async () => {
    const { prom, calls } = fakeProm(go('a'));
    const wide = { fromMs: 0, toMs: 3_600_000 };
    const trace = { fromMs: 2_700_000, toMs: 3_600_000 };
    await fetchServiceMetrics(prom, ['a'], wide, {}, undefined, 20_000_000, undefined, trace);
    const raw = calls.ranges.filter((c) => c.query.startsWith('{'));
    const panels = calls.ranges.filter((c) => !c.query.startsWith('{'));
    expect(raw.map((c) => [c.fromMs, c.toMs, c.stepSec])).toEqual([[2_700_000, 3_600_000, 15]]);
    expect(panels.every((c) => c.fromMs === 0 && c.toMs === 3_600_000 && c.stepSec === 18)).toBe(true);
  });
});
