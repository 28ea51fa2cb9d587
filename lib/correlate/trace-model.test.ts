import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Span } from '../model/types';
import { analyzeTrace } from './trace-model';
import { BASE_US, deepFreeze, loadV1Fixture, sid, span, T, trace } from './test-helpers';

/** root 1 [0,100] → A 2 [10,40], B 3 [20,90] → (C 5 [30,50], D 6 [55,85]), E 4 [50,60]. */
const SMALL = () =>
  trace([span(1, null, 0, 100), span(4, 1, 50, 10), span(2, 1, 10, 30), span(3, 1, 20, 70), span(6, 3, 55, 30), span(5, 3, 30, 20)]);

describe('analyzeTrace: tree', () => {
  it('orders depth-first with siblings by start time and computes depth and children', () => {
    const v = analyzeTrace(SMALL());
    expect(v.spans.map((n) => n.key)).toEqual([1, 2, 3, 5, 6, 4].map(sid));
    expect(v.spans.map((n) => n.depth)).toEqual([0, 1, 1, 2, 2, 1]);
    expect(v.byKey.get(sid(1))!.childKeys).toEqual([2, 3, 4].map(sid));
    expect(v.rootSpanIds).toEqual([sid(1)]);
    expect(v.orphanSpanIds).toEqual([]);
    expect([v.startUs - BASE_US, v.endUs - BASE_US, v.durationUs]).toEqual([0, 100_000, 100_000]);
  });

  it('matches the depths and parent links Jaeger UI derived for its own fixture', () => {
    const v = analyzeTrace(loadV1Fixture('jaeger-ui-oltp2jaeger-multi-out.json'));
    const depth = Object.fromEntries(v.spans.map((n) => [n.spanId, n.depth]));
    expect(depth).toEqual({ eff3153be6b1fb93: 0, '49b8e9efa1e8a3b1': 1, '26f5ef9dbb885479': 2, e76628f4e6dde174: 2 });
    expect(v.spans.map((n) => n.spanId)).toEqual(['eff3153be6b1fb93', '49b8e9efa1e8a3b1', '26f5ef9dbb885479', 'e76628f4e6dde174']);
    expect(v.services).toEqual([{ name: 'example-trace', color: expect.stringMatching(/^#[0-9a-f]{6}$/), spanCount: 4, errorCount: 0 }]);
  });

  it('renders a span whose parent is missing as an extra root and lists it as an orphan', () => {
    const v = analyzeTrace(trace([span(1, null, 0, 10), span(2, 99, 5, 1), span(3, 2, 6, 1)]));
    expect(v.rootKeys).toEqual([sid(1), sid(2)]);
    expect(v.rootSpanIds).toEqual([sid(1)]);
    expect(v.orphanSpanIds).toEqual([sid(2)]);
    expect(v.byKey.get(sid(3))!.depth).toBe(1);
    expect(v.byKey.get(sid(2))!.warnings[0]).toContain(sid(99));
  });

  it('keeps several true roots (a split trace) in start order', () => {
    const v = analyzeTrace(trace([span(2, null, 50, 10), span(1, null, 0, 10)]));
    expect(v.rootSpanIds).toEqual([sid(1), sid(2)]);
  });

  it('falls back to a later reference when the first parent is missing (Jaeger UI rule)', () => {
    const s = span(2, 99, 5, 1, { references: [{ type: 'CHILD_OF', traceId: T, spanId: sid(99) }, { type: 'FOLLOWS_FROM', traceId: T, spanId: sid(1) }] });
    const v = analyzeTrace(trace([span(1, null, 0, 10), s]));
    const n = v.byKey.get(sid(2))!;
    expect([n.parentKey, n.parentLink, n.isOrphan]).toEqual([sid(1), 'FOLLOWS_FROM', false]);
    expect(v.followsFrom).toEqual([{ fromKey: sid(1), toKey: sid(2) }]);
  });

  it('reads the duplicate-span-id fixture like Jaeger UI: both kept, the second keyed <id>_2', () => {
    const v = analyzeTrace(loadV1Fixture('jaeger-v1-trace-duplicate-span-ids.json'));
    expect(v.spans.map((n) => [n.key, n.spanId])).toEqual([
      ['e127af99e3b3e074', 'e127af99e3b3e074'],
      ['e127af99e3b3e074_2', 'e127af99e3b3e074'],
    ]);
    expect(v.duplicateSpanIds).toEqual(['e127af99e3b3e074']);
    // Their parent 909541b92cf05311 is not in the trace; the id is listed once.
    expect(v.orphanSpanIds).toEqual(['e127af99e3b3e074']);
    expect(v.rootKeys).toHaveLength(2);
  });

  it('parses the ui_01 fixture: cross-trace reference skipped, FOLLOWS_FROM edge kept, duplicate root', () => {
    const v = analyzeTrace(loadV1Fixture('jaeger-v1-trace-ui_01.json'));
    expect(v.byKey.get(sid(4))!.parentKey).toBe(sid(2));
    expect(v.followsFrom).toEqual([{ fromKey: sid(2), toKey: sid(4) }]);
    expect(v.byKey.get(sid(5))!.depth).toBe(2);
    expect(v.duplicateSpanIds).toEqual([sid(2)]);
    expect(v.warnings).toEqual(['some trace warning']);
  });

  it('cuts a hostile parent cycle instead of looping', () => {
    const v = analyzeTrace(trace([span(1, 2, 0, 10), span(2, 1, 5, 10)]));
    expect(v.spans).toHaveLength(2);
    expect(v.rootKeys).toEqual([sid(1)]);
    expect(v.byKey.get(sid(1))!.warnings.join()).toMatch(/cycle/);
  });

  it('repairs a missing start from the parent, as Jaeger UI does', () => {
    const v = analyzeTrace(trace([span(1, null, 100, 50), span(2, 1, 0, 5, { startUs: 0 })]));
    expect(v.byKey.get(sid(2))!.startUs).toBe(BASE_US + 100_000);
    expect(v.clockSkew).toEqual([]);
  });
});

describe('analyzeTrace: clock skew', () => {
  it('reports a child starting before its parent, and a server span ending after its client, beyond the threshold', () => {
    const client = { kind: 'client' as const };
    const server = { kind: 'server' as const };
    const v = analyzeTrace(
      trace([span(1, null, 100, 50, client), span(2, 1, 80, 20), span(3, 1, 140, 30, server), span(4, 1, 149.5, 1, server), span(5, 1, 95, 1)]),
    );
    expect(v.clockSkew).toEqual([
      { key: sid(2), spanId: sid(2), parentKey: sid(1), startsBeforeParentUs: 20_000, endsAfterParentUs: 0 },
      { key: sid(3), spanId: sid(3), parentKey: sid(1), startsBeforeParentUs: 0, endsAfterParentUs: 20_000 },
    ]);
    expect(v.byKey.get(sid(2))!.warnings).toEqual(['clock skew: starts 20.0 ms before its parent']);
    expect(v.byKey.get(sid(3))!.warnings).toEqual(['clock skew: ends 20.0 ms after the client span that called it']);
  });

  it('does not call an internal child that outlives its parent skew (unawaited work is not a clock problem)', () => {
    expect(analyzeTrace(trace([span(1, null, 0, 20, { kind: 'server' }), span(2, 1, 10, 500)])).clockSkew).toEqual([]);
  });

  it('does not flag a FOLLOWS_FROM child for outliving its parent', () => {
    const s = span(2, 1, 10, 500, { references: [{ type: 'FOLLOWS_FROM', traceId: T, spanId: sid(1) }] });
    expect(analyzeTrace(trace([span(1, null, 0, 20), s])).clockSkew).toEqual([]);
  });
});

describe('analyzeTrace: critical path', () => {
  it('follows the last-finishing child back from the end (Jaeger algorithm)', () => {
    const v = analyzeTrace(SMALL());
    const ms = (us: number) => (us - BASE_US) / 1000;
    expect(v.criticalPath.map((s) => [s.key, ms(s.startUs), ms(s.endUs)])).toEqual([
      [sid(1), 90, 100],
      [sid(3), 85, 90],
      [sid(6), 55, 85],
      [sid(3), 50, 55],
      [sid(5), 30, 50],
      [sid(3), 20, 30],
      [sid(1), 0, 20],
    ]);
    expect(v.spans.filter((n) => n.critical).map((n) => n.key)).toEqual([1, 3, 5, 6].map(sid));
  });

  it('clips a child that overflows its parent and ignores FOLLOWS_FROM children', () => {
    const ff = span(3, 1, 90, 50, { references: [{ type: 'FOLLOWS_FROM', traceId: T, spanId: sid(1) }] });
    const v = analyzeTrace(trace([span(1, null, 0, 100), span(2, 1, 50, 100), ff]));
    expect(v.criticalPath.map((s) => [s.key, (s.startUs - BASE_US) / 1000, (s.endUs - BASE_US) / 1000])).toEqual([
      [sid(2), 50, 100],
      [sid(1), 0, 50],
    ]);
  });
});

describe('analyzeTrace: purity and scale', () => {
  it('never mutates its input (deep-frozen trace, unchanged deep copy)', () => {
    const input = SMALL();
    input.spans.push(span(7, 99, 1, 1), span(1, null, 0, 1));
    const copy = structuredClone(input);
    deepFreeze(input);
    analyzeTrace(input);
    expect(input).toEqual(copy);
  });

  it('handles 50,000 spans, wide and 50,000 deep, without recursion (speed: npm run bench)', () => {
    const wide: Span[] = [span(1, null, 0, 1e6)];
    for (let i = 2; i <= 50_000; i++) wide.push(span(i, 1 + Math.floor((i - 2) / 4), i, 1e6 - 2 * i));
    const deep: Span[] = Array.from({ length: 50_000 }, (_, i) => span(i + 1, i === 0 ? null : i, i, 100_000 - 2 * i));
    const w = analyzeTrace(trace(wide));
    const d = analyzeTrace(trace(deep));
    expect(w.spans).toHaveLength(50_000);
    expect(d.spans[49_999].depth).toBe(49_999);
    expect(w.clockSkew).toEqual([]);
  }, 30_000); // a correctness check of size, not a speed goal: a loaded machine may take longer than 5 s

  it('never loses or invents spans, and every non-root has its parent in the trace (property)', () => {
    const spanArb = fc.record({
      id: fc.integer({ min: 1, max: 40 }),
      parent: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
      start: fc.integer({ min: 0, max: 1_000 }),
      dur: fc.integer({ min: 0, max: 500 }),
      follows: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 60 }), (specs) => {
        const spans = specs.map((s) =>
          span(s.id, s.parent, s.start, s.dur, s.follows && s.parent ? { references: [{ type: 'FOLLOWS_FROM', traceId: T, spanId: sid(s.parent) }] } : {}),
        );
        const v = analyzeTrace(deepFreeze(trace(spans)));
        expect(v.spans).toHaveLength(spans.length);
        expect(new Set(v.spans.map((n) => n.span))).toEqual(new Set(spans));
        expect(new Set(v.spans.map((n) => n.key)).size).toBe(spans.length);
        const position = new Map(v.spans.map((n, i) => [n.key, i]));
        for (const n of v.spans) {
          if (n.parentKey === null) {
            expect(v.rootKeys).toContain(n.key);
            continue;
          }
          const parent = v.byKey.get(n.parentKey)!;
          expect(spans.some((s) => s.spanId === parent.spanId)).toBe(true);
          expect(n.depth).toBe(parent.depth + 1);
          expect(position.get(parent.key)!).toBeLessThan(position.get(n.key)!);
        }
        const rootIds = new Set(v.rootKeys.map((k) => v.byKey.get(k)!.spanId));
        for (const id of [...v.orphanSpanIds, ...v.rootSpanIds]) expect(rootIds).toContain(id);
      }),
      { numRuns: 300 },
    );
  });
});
