import { describe, expect, it } from 'vitest';
import { analyzeTrace } from '@/lib/correlate/trace-model';
import { toApiTrace } from '@/lib/correlate/api-shape';
import { waterfallTrace, type TraceOnlyResponse } from '@/lib/investigate/trace-only';
import type { Span } from '@/lib/model/types';
import { partialInvestigation } from './partial-investigation';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const span = (id: string, parent: string | null, warnings: string[] = []): Span => ({
  traceId: T, spanId: id, parentSpanId: parent, references: parent ? [{ type: 'CHILD_OF', traceId: T, spanId: parent }] : [],
  service: 'checkout', operation: 'op', kind: 'server', startUs: 1_719_990_000_123_456, durationUs: 5_000,
  status: 'ok', tags: { 'http.method': 'GET' }, processTags: {}, events: [], warnings,
});

describe('partialInvestigation', () => {
  it('restores from the slim trace-only payload every contract field the full answer has, except tags', () => {
    const full = toApiTrace(analyzeTrace({ traceId: T, warnings: [], spans: [span('00000000000000a1', null), span('00000000000000a2', '00000000000000a1', ['late'])] }));
    const slim = waterfallTrace(full);
    expect(slim.spans[0]).not.toHaveProperty('start');
    expect(slim.spans[0]).not.toHaveProperty('key');
    expect(slim.spans[0]).not.toHaveProperty('tags');
    const early: TraceOnlyResponse = { traceId: T, trace: slim, sources: { jaeger: { status: 'ok', ms: 1 } }, range: { from: '', to: '' } };
    const partial = partialInvestigation(early);
    partial.trace!.spans.forEach((s, i) => {
      const { tags: _t, events: _e, ...expected } = full.spans[i];
      expect(s).toMatchObject(expected);
      expect(s.tags).toEqual({});
    });
    expect(partialInvestigation(early)).toBe(partial); // one object per response: re-renders stay cheap
  });
});
