import { describe, expect, it } from 'vitest';
import { demoFamilies, type Sample } from './metrics';
import { GC_STORM_OFFSET_MS, HEALTHY_SERVICES, PAYMENT_RESTART_OFFSET_MS, REPEAT_RESTART_OFFSET_MS, SERVICE_NAMES, STORY_PERIOD_MS, cyclesBetween } from './story';

const ANCHOR = Date.UTC(2026, 7, 22, 12, 0, 0);
const MIN = 60_000;

function valueAt(name: string, match: Record<string, string>, t: number, anchor = ANCHOR): number {
  for (const f of demoFamilies(anchor)) {
    for (const m of f.metrics) {
      const s = m.at(t).find((x: Sample) => x.name === name && Object.entries(match).every(([k, v]) => x.labels[k] === v));
      if (s) return s.value;
    }
  }
  throw new Error(`no sample ${name} ${JSON.stringify(match)}`);
}

function allSamplesAt(t: number): Sample[] {
  return demoFamilies(ANCHOR).flatMap((f) => f.metrics.flatMap((m) => m.at(t)));
}

const key = (s: Sample) => `${s.name}${JSON.stringify(s.labels)}`;
const isCounter = (name: string) => /_(total|count|sum|bucket)$/.test(name);

describe('demo metric story', () => {
  it('is deterministic: the same anchor gives the same values', () => {
    const t = ANCHOR - 17 * MIN;
    expect(allSamplesAt(t).map((s) => s.value)).toEqual(allSamplesAt(t).map((s) => s.value));
  });

  it('resets payment-gateway counters exactly at the planted restart, with process_start_time_seconds jumping', () => {
    const restart = ANCHOR + PAYMENT_RESTART_OFFSET_MS;
    const labels = { service_name: 'payment-gateway', code: '200' };
    const before = valueAt('http_requests_total', labels, restart - 15_000);
    const after = valueAt('http_requests_total', labels, restart + 15_000);
    expect(before).toBeGreaterThan(100_000);
    expect(after).toBeLessThan(100);
    expect(valueAt('process_start_time_seconds', { service_name: 'payment-gateway' }, restart + 15_000)).toBe(restart / 1000);
    expect(valueAt('process_start_time_seconds', { service_name: 'payment-gateway' }, restart - 15_000)).toBeLessThan(restart / 1000 - 3600);
  });

  it('has counters that never decrease except at the payment-gateway restarts, one per story cycle', () => {
    const resets = new Map<string, number[]>();
    let prev = new Map<string, number>();
    for (let t = ANCHOR - 3 * 60 * MIN; t < ANCHOR + 10 * MIN; t += 60_000) {
      const cur = new Map(allSamplesAt(t).filter((s) => isCounter(s.name)).map((s) => [key(s), s.value]));
      for (const [k, v] of cur) if (prev.has(k) && v < prev.get(k)!) resets.set(k, [...(resets.get(k) ?? []), t]);
      prev = cur;
    }
    expect(resets.size).toBeGreaterThan(0);
    const restarts = [ANCHOR + PAYMENT_RESTART_OFFSET_MS, ANCHOR + REPEAT_RESTART_OFFSET_MS];
    for (const [k, times] of resets) {
      expect(k).toContain('"service_name":"payment-gateway"');
      expect(times).toHaveLength(2);
      times.forEach((t, i) => {
        expect(t).toBeGreaterThanOrEqual(restarts[i]);
        expect(t).toBeLessThan(restarts[i] + 60_000);
      });
    }
  });

  it('gives risk-engine a GC storm: young GCs from ~0.2/s to ~30/s and > 25 % of wall time in GC', () => {
    const storm = ANCHOR + GC_STORM_OFFSET_MS;
    const rate = (name: string, gc: string, a: number, b: number) =>
      (valueAt(name, { service_name: 'risk-engine', gc }, b) - valueAt(name, { service_name: 'risk-engine', gc }, a)) / ((b - a) / 1000);
    const young = 'G1 Young Generation';
    expect(rate('jvm_gc_collection_seconds_count', young, storm - 30 * MIN, storm - 5 * MIN)).toBeCloseTo(0.2, 1);
    expect(rate('jvm_gc_collection_seconds_count', young, storm + 2 * MIN, storm + 12 * MIN)).toBeGreaterThan(25);
    const fraction = rate('jvm_gc_collection_seconds_sum', young, storm + 2 * MIN, storm + 7 * MIN) + rate('jvm_gc_collection_seconds_sum', 'G1 Old Generation', storm + 2 * MIN, storm + 7 * MIN);
    expect(fraction).toBeGreaterThan(0.25);
    // ...ends four minutes after the anchor, and comes back with every later cycle (live scrape).
    expect(rate('jvm_gc_collection_seconds_count', young, ANCHOR + 5 * MIN, ANCHOR + 10 * MIN)).toBeCloseTo(0.2, 1);
    const [, next] = cyclesBetween(ANCHOR, ANCHOR, ANCHOR + STORY_PERIOD_MS);
    expect(rate('jvm_gc_collection_seconds_count', young, next.stormStartMs + MIN, next.stormEndMs - MIN)).toBeGreaterThan(25);
  });

  it('raises risk-engine p99 latency and 5xx share during the storm', () => {
    const storm = ANCHOR + GC_STORM_OFFSET_MS;
    const slowShare = (a: number, b: number) => {
      const le1 = (t: number) => valueAt('http_request_duration_seconds_bucket', { service_name: 'risk-engine', le: '1' }, t);
      const all = (t: number) => valueAt('http_request_duration_seconds_count', { service_name: 'risk-engine' }, t);
      return 1 - (le1(b) - le1(a)) / (all(b) - all(a));
    };
    expect(slowShare(storm - 20 * MIN, storm - 5 * MIN)).toBeLessThan(0.001);
    expect(slowShare(storm + 1 * MIN, storm + 10 * MIN)).toBeGreaterThan(0.05);
    const errShare = (a: number, b: number) => {
      const e = (t: number) => valueAt('http_requests_total', { service_name: 'risk-engine', code: '500' }, t);
      const ok = (t: number) => valueAt('http_requests_total', { service_name: 'risk-engine', code: '200' }, t);
      return (e(b) - e(a)) / (e(b) - e(a) + ok(b) - ok(a));
    };
    expect(errShare(storm - 20 * MIN, storm - 5 * MIN)).toBeLessThan(0.01);
    expect(errShare(storm + 1 * MIN, storm + 10 * MIN)).toBeGreaterThan(0.05);
  });

  it('leaks worker goroutines: monotone growth with no plateau over the whole history', () => {
    const pts: number[] = [];
    for (let t = ANCHOR - 3 * 60 * MIN; t <= ANCHOR + 30 * MIN; t += 5 * MIN) pts.push(valueAt('go_goroutines', { service_name: 'worker' }, t));
    for (let i = 1; i < pts.length; i++) expect(pts[i]).toBeGreaterThan(pts[i - 1]);
  });

  it('keeps healthy services flat: stable gauges and ordinary GC rates', () => {
    for (const svc of HEALTHY_SERVICES) {
      const start = valueAt('process_start_time_seconds', { service_name: svc }, ANCHOR - 3 * 60 * MIN);
      expect(valueAt('process_start_time_seconds', { service_name: svc }, ANCHOR + 10 * MIN)).toBe(start);
      const gcCount = svc === 'notification-service' ? 'jvm_gc_collection_seconds_count' : 'go_gc_duration_seconds_count';
      const gcLabels: Record<string, string> = svc === 'notification-service' ? { service_name: svc, gc: 'G1 Young Generation' } : { service_name: svc };
      const r1 = (valueAt(gcCount, gcLabels, ANCHOR - 100 * MIN) - valueAt(gcCount, gcLabels, ANCHOR - 110 * MIN)) / 600;
      const r2 = (valueAt(gcCount, gcLabels, ANCHOR - 1 * MIN) - valueAt(gcCount, gcLabels, ANCHOR - 11 * MIN)) / 600;
      expect(r2).toBeLessThan(1);
      expect(r2 / r1).toBeGreaterThan(0.7);
      expect(r2 / r1).toBeLessThan(1.4);
    }
  });

  it('labels every series with job, instance and service_name of a known service', () => {
    for (const s of allSamplesAt(ANCHOR)) {
      expect(SERVICE_NAMES).toContain(s.labels.service_name);
      expect(s.labels.job).toBe(s.labels.service_name);
      expect(s.labels.instance).toBe(`${s.labels.service_name}-0:8080`);
    }
  });

  it('never ages out: every hour of a demo running for days holds a whole cycle, restart included, with storms under half of it', () => {
    for (let now = ANCHOR; now <= ANCHOR + 3 * 86_400_000; now += 60_000) {
      const cycles = cyclesBetween(ANCHOR, now - 60 * MIN, now);
      // A restart in the hour whose storm has been visible for at least five minutes.
      expect(cycles.some((c) => c.restartMs >= now - 60 * MIN && c.stormStartMs <= now - 5 * MIN), `at ${(now - ANCHOR) / MIN} min`).toBe(true);
      const stormMs = cycles.reduce((sum, c) => sum + Math.max(0, Math.min(now, c.stormEndMs) - Math.max(now - 60 * MIN, c.stormStartMs)), 0);
      expect(stormMs, `at ${(now - ANCHOR) / MIN} min`).toBeLessThan(30 * MIN);
    }
  });
});
