import { describe, expect, it } from 'vitest';
import type { Labels, Series } from '../../model/types';
import type { PrometheusClient } from '../../sources/types';
import { INVENTORY_QUERY, inventoryRows, inventoryServices } from './metric-inventory';
import { PREFETCH_MAX_RANGE_MS, PREFETCH_MAX_SERVICES, prefetchServiceMetrics, prefetchWindow } from './metrics-prefetch';
import { alignWindow, fetchServiceMetrics, panelStepSec, RAW_STEP_SEC } from './service-series';

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

describe('prefetchWindow', () => {
  it('covers the default hour at the step of an hour-wide panel, with a trace window before it', () => {
    const w = prefetchWindow(range, NOW)!;
    expect(w.stepSec).toBe(panelStepSec(range.fromMs, range.toMs));
    expect(w.stepSec).toBe(18);
    expect(w.window).toEqual(alignWindow({ fromMs: range.fromMs - 15 * MIN, toMs: NOW }, 18));
    expect(w.rawWindow).toEqual(alignWindow({ fromMs: range.fromMs - 15 * MIN, toMs: NOW }, RAW_STEP_SEC));
  });

  it('takes a shorter range at the scrape step, and one that ends in the future as the panels do (ended by now)', () => {
    expect(prefetchWindow({ fromMs: NOW - 30 * MIN, toMs: NOW }, NOW)!.stepSec).toBe(RAW_STEP_SEC);
    const ahead = prefetchWindow({ fromMs: NOW - 50 * MIN, toMs: NOW + 10 * MIN }, NOW)!;
    expect(ahead.window.toMs).toBe(alignWindow({ fromMs: NOW - 75 * MIN, toMs: NOW }, ahead.stepSec).toMs);
    expect(ahead.window.fromMs).toBe(alignWindow({ fromMs: NOW - 75 * MIN, toMs: NOW }, ahead.stepSec).fromMs);
  });

  it('prefetches nothing for a range longer than an hour (its panels use a coarser step) or one in the future', () => {
    expect(prefetchWindow({ fromMs: NOW - PREFETCH_MAX_RANGE_MS - 1, toMs: NOW }, NOW)).toBeNull();
    expect(prefetchWindow({ fromMs: NOW - 6 * 60 * MIN, toMs: NOW }, NOW)).toBeNull();
    expect(prefetchWindow({ fromMs: NOW + MIN, toMs: NOW + 2 * MIN }, NOW)).toBeNull();
  });
});

describe('prefetchServiceMetrics', () => {
  it("answers a recent trace's services, panels over the picker's hour and raw series over the trace, with exactly what the usual path would fetch", async () => {
    const { prom, calls } = fakeProm(['a', 'b', 'c']);
    const prefetch = prefetchServiceMetrics(prom, range, NOW)!;
    const early = await prefetch.serve(['b', 'a'], range, recentTrace);
    expect(calls).toMatchObject({ query: 1, series: 0 });
    const usual = await fetchServiceMetrics(prom, ['b', 'a'], range, {}, undefined, NOW, undefined, recentTrace);
    expect(early).toEqual(usual);
    expect(early!.panels.map((m) => m.service)).toContain('a');
    expect(early!.panels.some((m) => m.service === 'c')).toBe(false);
    expect(early!.raw.every((r) => r.points.every(([t]) => t >= recentTrace.fromMs - 15_000 && t <= recentTrace.toMs))).toBe(true);
  });

  it('serves a trace near the start of a half-hour range, whose panel window reaches before it at the same step', async () => {
    const half = { fromMs: NOW - 30 * MIN, toMs: NOW };
    const trace = { fromMs: NOW - 36 * MIN, toMs: NOW - 21 * MIN };
    const panels = { fromMs: trace.fromMs, toMs: NOW };
    const { prom } = fakeProm(['a']);
    const early = await prefetchServiceMetrics(prom, half, NOW)!.serve(['a'], panels, trace);
    expect(early).not.toBeNull();
    expect(early).toEqual(await fetchServiceMetrics(prom, ['a'], panels, {}, undefined, NOW, undefined, trace));
  });

  it('is shared by the investigations of one scrape interval', async () => {
    const { prom, calls } = fakeProm(['a']);
    await prefetchServiceMetrics(prom, range, NOW)!.serve(['a'], range, recentTrace);
    const after = calls.queryRange;
    await prefetchServiceMetrics(prom, range, NOW + 1_000)!.serve(['a'], range, recentTrace);
    expect(calls.queryRange).toBe(after);
    expect(calls.query).toBe(1);
  });

  it('leaves to the usual path a service it did not see, a panel window of another width, and a setup with many services', async () => {
    const { prom } = fakeProm(['a', 'b']);
    const prefetch = prefetchServiceMetrics(prom, range, NOW)!;
    expect(await prefetch.serve(['a', 'z'], range, recentTrace)).toBeNull();
    // A trace near the start of the hour widens its panel window: 20 s, not the prefetch's 18 s.
    expect(await prefetch.serve(['a'], { fromMs: NOW - 65 * MIN, toMs: NOW }, { fromMs: NOW - 65 * MIN, toMs: NOW - 50 * MIN })).toBeNull();
    expect(await prefetch.serve(['a'], recentTrace)).toBeNull(); // a trace-wide panel window: 15 s
    const many = fakeProm(Array.from({ length: PREFETCH_MAX_SERVICES + 1 }, (_, i) => `s${i}`));
    expect(await prefetchServiceMetrics(many.prom, range, NOW)!.serve(['s1'], range, recentTrace)).toBeNull();
    expect(many.calls.queryRange).toBe(0);
  });
});
