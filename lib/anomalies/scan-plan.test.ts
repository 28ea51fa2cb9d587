import { describe, expect, it } from 'vitest';
import { fetchPlan, planScan, rangeDuration } from './scan-plan';
import { MIN, T0 } from './test-helpers';

const range = { fromMs: T0, toMs: T0 + 60 * MIN };

describe('planScan', () => {
  it('evaluates every scan at the range end over exactly the range, bounded by topk and limit', () => {
    const plan = planScan(range);
    expect(rangeDuration(range.fromMs, range.toMs)).toBe('3600s');
    for (const q of plan.queries) {
      expect(q.timeMs).toBe(range.toMs);
      expect(q.limit).toBe(200);
      expect(q.query.startsWith('topk(200, ')).toBe(true);
    }
    const queries = plan.queries.map((q) => q.query);
    expect(queries).toContain('topk(200, changes(process_start_time_seconds[3600s]) > 0)');
    expect(queries.some((x) => x.includes('resets('))).toBe(false); // every counter goes through counter-discovery
    expect(queries).toContain('topk(200, deriv(go_goroutines[3600s]) > 0)');
    expect(queries.some((x) => x.includes('rate(jvm_gc_pause_seconds_count[1m])') && x.endsWith('>= 10)'))).toBe(true);
    expect(queries.some((x) => x.includes('rate(jvm_gc_pause_seconds_sum[1m])') && x.endsWith('>= 0.25)'))).toBe(true);
    expect(queries).toContain('topk(200, max_over_time(dotnet_gc_pause_ratio[3600s]) >= 0.25)');
    expect(queries.some((x) => x.includes('max without') && x.includes('dotnet_collection_count_total'))).toBe(true);
  });

  it('scans one metric name per query and reports what it leaves out', () => {
    const plan = planScan(range, { leakGauges: ['a_bytes', 'b_bytes', 'bad name{'], maxQueries: 3 });
    expect(plan.queries).toHaveLength(3);
    expect(plan.skipped).toContainEqual({ metric: 'bad name{', reason: 'not a valid metric name' });
    expect(plan.skipped.some((s) => s.metric === 'b_bytes' && /limit of 3/.test(s.reason))).toBe(true);
  });
});

describe('fetchPlan', () => {
  const restartScan = planScan(range).queries.find((q) => q.kind === 'restarts')!;
  const leakScan = { ...planScan(range).queries.find((q) => q.metric === 'go_goroutines')!, limit: 2 };
  const gcScan = planScan(range).queries.find((q) => q.metric === 'jvm_gc_pause_seconds_count')!;

  it('turns flagged series into raw selectors over the read range (look-back included), deduplicated', () => {
    const labels = { job: 'payment-gateway', instance: '10.0.0.7:8080' };
    const plan = fetchPlan(
      [
        { query: leakScan, series: [{ name: '', labels, points: [[range.toMs, 1]] }] },
        { query: restartScan, series: [{ name: '', labels, points: [[range.toMs, 1]] }, { name: '', labels, points: [[range.toMs, 2]] }] },
      ],
      { fromMs: range.fromMs - 60 * MIN, toMs: range.toMs },
    );
    expect(plan.selectors).toEqual([
      'go_goroutines{instance="10.0.0.7:8080",job="payment-gateway"}[7200s]',
      'process_start_time_seconds{instance="10.0.0.7:8080",job="payment-gateway"}[7200s]',
    ]);
    expect(plan.truncatedScans).toEqual([]);
  });

  it('fetches every GC metric of the runtime plus the RED series of the job for a flagged instance', () => {
    const plan = fetchPlan([{ query: gcScan, series: [{ name: '', labels: { job: 'risk-engine', instance: 'r:1' }, points: [] }] }], range);
    expect(plan.selectors[0]).toMatch(/^\{__name__=~"jvm_gc_collection_seconds_count\|.*jvm_gc_pause_seconds_count.*",instance="r:1",job="risk-engine"\}\[3600s\]$/);
    expect(plan.selectors[1]).toMatch(/http_requests_total.*job="risk-engine"/);
  });

  it('bounds the fetch list and flags scans that hit their series limit', () => {
    const series = Array.from({ length: 2 }, (_, i) => ({ name: '', labels: { job: 'j', instance: `i${i}` }, points: [] as [number, number][] }));
    const plan = fetchPlan([{ query: leakScan, series }, { query: restartScan, series }], range, 2);
    expect(plan.selectors).toHaveLength(2);
    expect(plan.skipped.length).toBeGreaterThan(0);
    expect(plan.truncatedScans).toEqual(['leak:go_goroutines']);
  });

  it('escapes hostile label values', () => {
    const plan = fetchPlan([{ query: restartScan, series: [{ name: '', labels: { job: 'a"}or vector(1)', instance: 'x' }, points: [] }] }], range);
    expect(plan.selectors[0]).toBe('process_start_time_seconds{instance="x",job="a\\"}or vector(1)"}[3600s]');
  });
});
