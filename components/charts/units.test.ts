import { describe, expect, it } from 'vitest';
import { commonUnit, inferLogqlUnit, inferQueryUnit, metricBaseUnit } from './units';

describe('metricBaseUnit', () => {
  it('reads the base unit from the naming-convention suffix, past _total/_bucket/_sum', () => {
    expect(metricBaseUnit('http_request_duration_seconds_sum')).toBe('s');
    // _count and _bucket count observations: no unit of their own.
    expect(metricBaseUnit('http_request_duration_seconds_count')).toBeNull();
    expect(metricBaseUnit('http_request_duration_seconds_bucket')).toBeNull();
    expect(metricBaseUnit('process_resident_memory_bytes')).toBe('bytes');
    expect(metricBaseUnit('node_network_receive_bytes_total')).toBe('bytes');
    expect(metricBaseUnit('cache_hit_ratio')).toBe('ratio');
    expect(metricBaseUnit('up')).toBeNull();
  });
});

describe('inferQueryUnit', () => {
  it.each([
    ['rate(http_requests_total[5m])', '/s'],
    ['sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))', '/s'],
    ['rate(node_network_receive_bytes_total[1m])', 'bytes/s'],
    ['rate(jvm_gc_collection_seconds_sum[1m])', 'ratio'],
    ['histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))', 's'],
    ['sum(rate(errors_total[5m])) / sum(rate(requests_total[5m]))', 'ratio'],
    ['100 * sum(rate(errors_total[5m])) / sum(rate(requests_total[5m]))', '%'],
    ['process_resident_memory_bytes / 1024', 'bytes'],
    ['count(up)', 'count'],
    ['sum(rate(http_request_duration_seconds_count[5m]))', '/s'],
    ['sum(rate(http_request_duration_seconds_sum[5m])) / sum(rate(http_request_duration_seconds_count[5m]))', 's'],
    ['go_goroutines', undefined],
    ['sum(', undefined],
  ])('%s → %s', (q, unit) => {
    expect(inferQueryUnit(q)).toBe(unit);
  });
});

describe('commonUnit', () => {
  it('keeps a unit only when every query agrees', () => {
    expect(commonUnit(['s', 's'])).toBe('s');
    expect(commonUnit(['s', '/s'])).toBeUndefined();
    expect(commonUnit([])).toBeUndefined();
  });
});

describe('inferLogqlUnit', () => {
  it.each([
    ['sum by (level) (rate({job="a"}[1m]))', '/s'],
    ['sum(bytes_rate({job="a"}[5m]))', 'bytes/s'],
    ['count_over_time({job="a"} |= "x" [5m])', 'count'],
    ['avg_over_time({job="a"} | logfmt | unwrap latency [5m])', undefined],
    ['sum(rate({job="a"} |= "error" [5m])) / sum(rate({job="a"}[5m]))', undefined],
  ])('%s → %s', (q, unit) => {
    expect(inferLogqlUnit(q)).toBe(unit);
  });
});
