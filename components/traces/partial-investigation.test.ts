import { describe, expect, it } from 'vitest';
import { analyzeTrace } from '@/lib/correlate/trace-model';
import { toApiTrace } from '@/lib/correlate/api-shape';
import { waterfallTrace, type TraceOnlyResponse } from '@/lib/investigate/trace/trace-only';
import type { Span } from '@/lib/model/types';
import { T, span as spanAt } from '@/lib/correlate/test-helpers';
import { partialInvestigation } from './partial-investigation';

const span = (id: string, parent: string | null, warnings: string[] = []): Span =>
  spanAt(id, parent, 0, 5, { service: 'checkout', tags: { 'http.method': 'GET' }, warnings });

describe('partialInvestigation', () => {
  it('restores from the slim trace-only payload every contract field the full answer has, except tags', () => {
    const view = analyzeTrace({ traceId: T, warnings: [], spans: [span('00000000000000a1', null), span('00000000000000a2', '00000000000000a1', ['late'])] });
    const full = toApiTrace(view);
    const slim = JSON.parse(JSON.stringify(waterfallTrace(view)));
    expect(slim).not.toHaveProperty('spans');
    expect(JSON.stringify(slim)).not.toContain('http.method'); // no tags on the wire
    const early: TraceOnlyResponse = { traceId: T, trace: slim, sources: { jaeger: { status: 'ok', ms: 1 } }, range: { from: '', to: '' } };
    const partial = partialInvestigation(early);
    expect(partial.trace!.rootSpanIds).toEqual(full.rootSpanIds);
    partial.trace!.spans.forEach((s, i) => {
      const { tags: _t, events: _e, ...expected } = full.spans[i];
      expect(s).toMatchObject(expected);
      expect(s.tags).toEqual({});
    });
    expect(partialInvestigation(early)).toBe(partial); // one object per response: re-renders stay cheap
  });
});
