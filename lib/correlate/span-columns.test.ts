import { describe, expect, it } from 'vitest';
import { analyzeTrace, type TraceView } from './trace-model';
import { processTable, toApiTrace, type ApiSpan } from './api-shape';
import { decodeSpanColumns, encodeViewColumns } from './span-columns';
import { loadV1Fixture, span, trace } from './test-helpers';

/** Every field the columns carry: all of ApiSpan but tags and events. */
const withoutTagsAndEvents = (spans: readonly ApiSpan[]) => spans.map(({ tags: _t, events: _e, ...rest }) => rest);

const columnsOf = (view: TraceView) => {
  const { processes, keyOf } = processTable();
  return { columns: encodeViewColumns(view, keyOf), processes };
};

/** The columns decode to the API spans of the same view (toApiTrace), but for tags and events. */
function roundTrip(view: TraceView) {
  const api = toApiTrace(view);
  const { columns, processes } = columnsOf(view);
  // Through JSON, as it travels: sparse maps get string keys, numbers stay exact.
  const decoded = decodeSpanColumns(JSON.parse(JSON.stringify(columns)));
  expect(withoutTagsAndEvents(decoded)).toEqual(withoutTagsAndEvents(api.spans));
  expect(processes).toEqual(api.processes);
  for (const s of decoded) expect(s.tags).toEqual({});
  return { api, decoded };
}

describe('span columns', () => {
  it('round-trips orphans, FOLLOWS_FROM links, errors, kinds, warnings and the critical path', () => {
    const { api, decoded } = roundTrip(
      analyzeTrace(
        trace([
          span(1, null, 0, 100, { service: 'checkout', kind: 'server', status: 'ok', processTags: { host: 'a' } }),
          span(2, 1, 10, 50, { service: 'payment', kind: 'client', status: 'error', warnings: ['clock skew adjusted'] }),
          span(3, 'ffffffffffffffff', 20, 5, { service: 'order', kind: 'consumer' }),
          { ...span(4, 2, 30, 0.5, { service: 'payment', kind: 'producer' }), references: [{ type: 'FOLLOWS_FROM', traceId: '', spanId: '0000000000000002' }] },
        ]),
      ),
    );
    expect(api.spans.some((s) => s.orphan && s.parentSpanId === 'ffffffffffffffff')).toBe(true);
    expect(api.spans.some((s) => s.parentLink === 'FOLLOWS_FROM')).toBe(true);
    expect(api.spans.some((s) => s.critical)).toBe(true);
    expect(api.spans.some((s) => s.process !== undefined)).toBe(true);
    expect(decoded.find((s) => s.spanId === '0000000000000002')).toMatchObject({ status: 'error', kind: 'client', warnings: ['clock skew adjusted'] });
  });

  it('round-trips duplicate span ids with their own row keys', () => {
    const { api } = roundTrip(analyzeTrace(loadV1Fixture('jaeger-v1-trace-duplicate-span-ids.json')));
    expect(api.spans.some((s) => s.duplicate && s.key !== s.spanId)).toBe(true);
  });

  it('round-trips real Jaeger payloads with processes', () => {
    for (const file of ['jaeger-v1-trace-ui_01.json', 'jaeger-ui-oltp2jaeger-multi-out.json']) {
      const { api } = roundTrip(analyzeTrace(loadV1Fixture(file)));
      expect(api.spans.length).toBeGreaterThan(0);
    }
  });

  it('stores each service and operation once, however many spans name it', () => {
    const spans = Array.from({ length: 500 }, (_, i) => span(i + 1, i === 0 ? null : 1, i, 1, { service: `svc-${i % 3}`, operation: 'GET /cart' }));
    const cols = columnsOf(analyzeTrace(trace(spans))).columns;
    expect(cols.strings.filter((s) => s === 'GET /cart')).toHaveLength(1);
    expect(cols.strings.filter((s) => s.startsWith('svc-'))).toHaveLength(3);
    expect(Math.min(...cols.startUs)).toBe(0); // offsets from the earliest span
  });

  it('handles a trace without spans', () => {
    expect(decodeSpanColumns(columnsOf(analyzeTrace(trace([]))).columns)).toEqual([]);
  });
});
