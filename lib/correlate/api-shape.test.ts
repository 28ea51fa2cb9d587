import { describe, expect, it } from 'vitest';
import { toApiTrace } from './api-shape';
import { analyzeTrace } from './trace-model';
import { BASE_MS, deepFreeze, loadV1Fixture, sid, span, trace } from './test-helpers';

describe('toApiTrace', () => {
  it('produces the contract span shape with RFC3339 ms start and ms duration', () => {
    const v = analyzeTrace(trace([span(1, null, 0, 100, { service: 'api', status: 'error', tags: { 'http.status_code': 500 } }), span(2, 1, 10, 1.5)]));
    const api = toApiTrace(v);
    expect(api.rootSpanIds).toEqual([sid(1)]);
    expect(api.orphanSpanIds).toEqual([]);
    expect(api.spans[0]).toMatchObject({
      spanId: sid(1), parentSpanId: null, service: 'api', operation: `op-${sid(1)}`,
      start: new Date(BASE_MS).toISOString(), durationMs: 100, status: 'error', tags: { 'http.status_code': 500 }, warnings: [],
      depth: 0, critical: true,
    });
    expect(api.spans[1]).toMatchObject({ parentSpanId: sid(1), durationMs: 1.5, depth: 1 });
    // Per-span repeats are left out: colour (in services), empty events, false flags.
    expect(Object.keys(api.spans[1])).not.toEqual(expect.arrayContaining(['serviceColor']));
    expect(api.spans[1]).not.toHaveProperty('events');
    expect(api.spans[1]).not.toHaveProperty('orphan');
    expect(JSON.parse(JSON.stringify(api))).toEqual(api);
  });

  it('keeps an orphan\'s missing parent id and both duplicates with distinct keys', () => {
    const api = toApiTrace(analyzeTrace(deepFreeze(loadV1Fixture('jaeger-v1-trace-duplicate-span-ids.json'))));
    expect(api.spans.map((s) => [s.spanId, s.key, s.parentSpanId, s.orphan, s.duplicate])).toEqual([
      ['e127af99e3b3e074', 'e127af99e3b3e074', '909541b92cf05311', true, undefined],
      ['e127af99e3b3e074', 'e127af99e3b3e074_2', '909541b92cf05311', true, true],
    ]);
    expect(api.orphanSpanIds).toEqual(['e127af99e3b3e074']);
    expect(api.spans[1].warnings.join(' ')).toMatch(/appears 2 times/);
  });

  it('carries Jaeger warnings, events and process tags through', () => {
    const api = toApiTrace(analyzeTrace(loadV1Fixture('jaeger-v1-trace-ui_01.json')));
    const s4 = api.spans.find((s) => s.key === sid(4))!;
    expect(s4.warnings).toEqual(['some span warning']);
    const first = api.spans.find((s) => s.key === sid(2))!;
    expect(first.events?.[0]).toEqual({ ts: new Date(1485467191639).toISOString(), fields: { event: 'some-event' } });
    expect(api.warnings).toEqual(['some trace warning']);
  });

  it('keeps each distinct process\'s tags once and has spans refer to them', () => {
    const v = analyzeTrace(
      trace([
        span(1, null, 0, 100, { service: 'api', processTags: { host: 'a' } }),
        span(2, 1, 10, 5, { service: 'api', processTags: { host: 'a' } }),
        span(3, 1, 20, 5, { service: 'api', processTags: { host: 'b' } }),
        span(4, 1, 30, 5, { service: 'db', processTags: { host: 'a' } }),
        span(5, 1, 40, 5, { service: 'db', processTags: {} }),
      ]),
    );
    const api = toApiTrace(v);
    const tagsOf = (id: string) => {
      const s = api.spans.find((x) => x.spanId === id)!;
      return s.process === undefined ? undefined : api.processes[s.process];
    };
    expect(Object.keys(api.processes)).toHaveLength(3);
    expect(tagsOf(sid(1))).toEqual({ service: 'api', tags: { host: 'a' } });
    expect(api.spans.find((x) => x.spanId === sid(2))!.process).toBe(api.spans.find((x) => x.spanId === sid(1))!.process);
    expect(tagsOf(sid(3))).toEqual({ service: 'api', tags: { host: 'b' } });
    expect(tagsOf(sid(4))).toEqual({ service: 'db', tags: { host: 'a' } });
    expect(tagsOf(sid(5))).toBeUndefined();
    expect(api.spans[0]).not.toHaveProperty('processTags');
  });
});
