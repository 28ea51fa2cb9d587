import { describe, expect, it } from 'vitest';
import type { ExploreMetricsResponse } from '@/lib/api/contract/explore';
import { mergeResults } from './metric-queries';

const answer = (name: string, status: 'ok' | 'error' = 'ok'): ExploreMetricsResponse => ({
  series: [{ name, labels: {}, points: [[0, 1]] }],
  exemplars: [{ labels: {}, seriesLabels: {}, traceId: name, spanId: null, value: 1, ts: '1970-01-01T00:00:00.000Z' }],
  warnings: [],
  infos: [],
  step: 15,
  range: { from: '1970-01-01T00:00:00.000Z', to: '1970-01-01T01:00:00.000Z' },
  sources: { prometheus: { status, ms: 1 } },
});

describe('mergeResults', () => {
  it('tags each series with its query letter and text and pools exemplars of answered queries only', () => {
    const m = mergeResults([
      { ref: 'A', query: 'sum(a)', data: answer('a') },
      { ref: 'B', query: 'b', data: answer('b', 'error') },
      { ref: 'C', query: 'c', data: answer('c') },
      { ref: 'D', query: 'd', data: undefined },
    ]);
    expect(m.series.map((s) => [s.panel, s.query, s.name])).toEqual([['A', 'sum(a)', 'a'], ['C', 'c', 'c']]);
    expect(m.exemplars.map((e) => e.traceId)).toEqual(['a', 'c']);
    expect(m.range).toEqual({ fromMs: 0, toMs: 3_600_000 });
  });
});
