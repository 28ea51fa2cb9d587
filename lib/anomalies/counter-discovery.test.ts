import { describe, expect, it } from 'vitest';
import type { MetricMetadata } from '../sources/types';
import { counterBasis, parsePatterns, resetScanBatches, SCAN_NAME_LABEL, selectCounterNames } from './counter-discovery';

const meta = (type: MetricMetadata['type']): MetricMetadata[] => [{ type, help: '', unit: '' }];

describe('counterBasis', () => {
  it.each([
    // [name, metadata, expected]
    ['orders_total', {}, 'convention'],
    ['rpc_latency_seconds_bucket', {}, 'convention'],
    ['rpc_latency_seconds_count', {}, 'convention'],
    ['rpc_latency_seconds_sum', {}, 'convention'],
    ['queue_depth', {}, null],
    ['orders_created', {}, null],
    ['orders_created', { orders: meta('counter') }, null],
    // OpenMetrics strips _total from the family; the text format keeps it.
    ['orders_total', { orders: meta('counter') }, 'metadata'],
    ['orders_total', { orders_total: meta('counter') }, 'metadata'],
    ['restarts', { restarts: meta('counter') }, 'metadata'],
    ['lag_total', { lag_total: meta('gauge') }, null],
    ['lag_total', { lag: meta('gauge') }, null],
    ['pool_seconds_bucket', { pool_seconds: meta('histogram') }, 'metadata'],
    ['pool_seconds_count', { pool_seconds: meta('summary') }, 'metadata'],
    ['pool_seconds', { pool_seconds: meta('summary') }, null],
    ['pool_seconds_bucket', { pool_seconds: meta('gaugehistogram') }, null],
    ['odd_total', { odd_total: meta('unknown') }, 'convention'],
  ] as const)('%s with %j → %s', (name, metadata, expected) => {
    expect(counterBasis(name, metadata as Record<string, MetricMetadata[]>)).toBe(expected);
  });
});

describe('selectCounterNames', () => {
  it('keeps counters, counts the rest, and reports what the configured filter left out', () => {
    const names = ['a_total', 'b_total', 'b_total', 'c_bytes', 'd_created', 'x_total', 'bad name'];
    const sel = selectCounterNames(names, {}, { include: parsePatterns('a_.*,b_.*,x_total', 'include'), exclude: parsePatterns('x_.*', 'exclude') });
    expect(sel.counters.map((c) => c.name)).toEqual(['a_total', 'b_total']);
    expect(sel.notCounters).toBe(2);
    expect(sel.skipped).toEqual([
      { name: 'bad name', reason: 'not a valid metric name' },
      { name: 'x_total', reason: 'matched by a configured exclude pattern' },
    ]);
  });
  it('names the bad pattern', () => {
    expect(() => parsePatterns('ok_.*,(', 'COUNTER_SCAN_EXCLUDE')).toThrow(/COUNTER_SCAN_EXCLUDE: "\(" is not a valid/);
  });
});

describe('resetScanBatches', () => {
  it('batches names into one query each batch, the name kept in a label so `or` never shadows a series', () => {
    const batches = resetScanBatches(['a_total', 'b_count', 'b_sum'], '3600s', 2);
    expect(batches.map((b) => b.names)).toEqual([['a_total', 'b_count'], ['b_sum']]);
    expect(batches[0].query).toBe(
      `label_replace(resets(a_total[3600s]), "${SCAN_NAME_LABEL}", "a_total", "", "") > 0 or label_replace(resets(b_count[3600s]), "${SCAN_NAME_LABEL}", "b_count", "", "") > 0`,
    );
  });
});
