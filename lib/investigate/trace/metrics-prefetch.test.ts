import { describe, expect, it } from 'vitest';
import type { Labels, Series } from '../../model/types';
import type { PrometheusClient } from '../../sources/types';
import { INVENTORY_QUERY, inventoryRows, inventoryServices } from './metric-inventory';
import { PREFETCH_MAX_SERVICES, prefetchServiceMetrics } from './metrics-prefetch';
import { fetchServiceMetrics } from './service-series';

const NOW = 1_800_000_000_000;
const MIN = 60_000;

/** One row per metric of a Go service, as the inventory's grouped count returns them. */
const goRows = (service: string): Labels[] =>
  ['go_gc_duration_seconds_count', 'go_goroutines', 'process_start_time_seconds', 'http_requests_total'].map((n) => ({ __name__: n, service_name: service, ...(n === 'http_requests_total' ? { code: '200' } : {}) }));

/**
 * A Prometheus whose answers depend only on the query and the evaluation instants (on the
 * step grid), so the same instants give the same values whatever range was asked.
 */
function fakeProm(services: string[]) {
  const calls = { query: 0, series: 0, queryRange: 0 };
  const rows = services.flatMap(goRows);
  const prom = {
    query: async (q: string) => {
      calls.query++;
      expect(q).toBe(INVENTORY_QUERY);
      return { resultType: 'vector', series: rows.map((r): Series => ({ name: r.__name__, labels: Object.fromEntries(Object.entries(r).filter(([k]) => k !== '__name__')), points: [[NOW, 1]] })), warnings: [], infos: [] };
    },
    series: async () => {
      calls.series++;
      return rows;
    },
    queryRange: async (q: string, fromMs: number, toMs: number, stepSec: number) => {
      calls.queryRange++;
      const named = /service_name=~"([^"]*)"/.exec(q)?.[1].split('|') ?? [];
      const raw = q.startsWith('{');
      const points = (salt: number): [number, number][] => {
        const out: [number, number][] = [];
        for (let t = fromMs; t <= toMs; t += stepSec * 1000) out.push([t, ((t / 1000) % 97) + salt]);
        return out;
      };
      // Values depend on the query without its service list, the service and the instant only.
      const template = q.replace(/service_name=~"[^"]*"/g, '').length;
      const series = named.map((s): Series => ({ name: raw ? 'go_goroutines' : '', labels: { service_name: s, ...(raw ? { instance: `${s}:1` } : {}) }, points: points(template + s.charCodeAt(0)) }));
      return { resultType: 'matrix', series, warnings: [], infos: [], stepSec };
    },
  } as unknown as PrometheusClient;
  return { prom, calls };
}

const range = { fromMs: NOW - 60 * MIN, toMs: NOW };
const recentTrace = { fromMs: NOW - 17 * MIN, toMs: NOW - 2 * MIN };

describe('the metric inventory', () => {
  it('adds the bucket series a histogram with a count has, and lists every service label value', () => {
    const rows = inventoryRows([{ __name__: 'http_request_duration_seconds_count', service_name: 'a', job: 'a-job' }, { __name__: 'go_goroutines', service: 'b' }]);
    expect(rows.map((r) => r.__name__)).toEqual(['http_request_duration_seconds_count', 'http_request_duration_seconds_bucket', 'go_goroutines']);
    expect(inventoryServices(rows).sort()).toEqual(['a', 'a-job', 'b']);
    expect(INVENTORY_QUERY).toMatch(/^count by \(__name__, service_name, service, app, container, job, .*code.*\) \(\{__name__=~"[^"]*go_goroutines/);
    expect(INVENTORY_QUERY).not.toContain('_bucket');
  });
});

describe('prefetchServiceMetrics', () => {
  it('answers a recent trace\'s services with exactly what the usual path would fetch', async () => {
    const { prom, calls } = fakeProm(['a', 'b', 'c']);
    const prefetch = prefetchServiceMetrics(prom, range, NOW)!;
    const early = await prefetch.serve(['b', 'a'], recentTrace);
    expect(calls).toMatchObject({ query: 1, series: 0 });
    const usual = await fetchServiceMetrics(prom, ['b', 'a'], recentTrace, {}, undefined, NOW);
    expect(early).toEqual(usual);
    expect(early!.panels.map((m) => m.service)).toContain('a');
    expect(early!.panels.some((m) => m.service === 'c')).toBe(false);
  });

  it('is shared by the investigations of one scrape interval', async () => {
    const { prom, calls } = fakeProm(['a']);
    await prefetchServiceMetrics(prom, range, NOW)!.serve(['a'], recentTrace);
    const after = calls.queryRange;
    await prefetchServiceMetrics(prom, range, NOW + 1_000)!.serve(['a'], recentTrace);
    expect(calls.queryRange).toBe(after);
    expect(calls.query).toBe(1);
  });

  it('leaves to the usual path a service it did not see, an older trace, and a setup with many services', async () => {
    const { prom } = fakeProm(['a', 'b']);
    const prefetch = prefetchServiceMetrics(prom, range, NOW)!;
    expect(await prefetch.serve(['a', 'z'], recentTrace)).toBeNull();
    expect(await prefetch.serve(['a'], { fromMs: NOW - 50 * MIN, toMs: NOW - 35 * MIN })).toBeNull();
    expect(await prefetch.serve(['a'], { fromMs: NOW - 12 * 60 * MIN, toMs: NOW - MIN })).toBeNull(); // a long trace: coarser step
    const many = fakeProm(Array.from({ length: PREFETCH_MAX_SERVICES + 1 }, (_, i) => `s${i}`));
    expect(await prefetchServiceMetrics(many.prom, range, NOW)!.serve(['s1'], recentTrace)).toBeNull();
    expect(many.calls.queryRange).toBe(0);
  });

  it('does not prefetch a range that lies in the future', () => {
    expect(prefetchServiceMetrics(fakeProm(['a']).prom, { fromMs: NOW + MIN, toMs: NOW + 2 * MIN }, NOW)).toBeNull();
  });
});
