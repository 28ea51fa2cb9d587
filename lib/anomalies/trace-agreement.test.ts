import { describe, expect, it } from 'vitest';
import type { Span, Trace } from '../model/types';
import { analyzeTrace, CLOCK_SKEW_THRESHOLD_US } from '../correlate/trace-model';
import { toApiTrace } from '../correlate/api-shape';
import { decodeSpanColumns } from '../correlate/span-columns';
import { waterfallTrace } from '../investigate/trace/trace-only';
import { sid, span, T, trace } from '../correlate/test-helpers';
import { clockSkewDetector, multipleRootsDetector, orphanSpanDetector } from './trace-detectors';
import { emptyInput } from './test-helpers';
import { DEFAULT_DETECTOR_OPTIONS as OPTS } from './types';

/**
 * The trace page and the trace detectors read one analysis (docs/anomalies.md "Trace
 * analysis"): for every span shape, the spans the page marks as orphans, split roots and
 * skewed are exactly the spans the orphan_span, multiple_roots and clock_skew findings name.
 */

const NOW = Date.now(); // test traces start in 2024: never "recent"
const T_MS = CLOCK_SKEW_THRESHOLD_US / 1000;
const ref = (type: 'CHILD_OF' | 'FOLLOWS_FROM', id: number, traceId = T) => ({ type, traceId, spanId: sid(id) });
const client = { kind: 'client' as const };
const server = { kind: 'server' as const };

interface Shape {
  name: string;
  spans: () => Span[];
  orphans: number[];
  /** Listed only when the trace is split (more than one root). */
  splitRoots: number[];
  skewed: number[];
}

const SHAPES: Shape[] = [
  {
    name: 'parent from references only (no parentSpanId)',
    spans: () => [span(1, null, 0, 100), span(2, null, 10, 20, { references: [ref('CHILD_OF', 1)] })],
    orphans: [],
    splitRoots: [],
    skewed: [],
  },
  {
    name: 'parent from parentSpanId only (no references)',
    spans: () => [span(1, null, 0, 100), span(2, 1, 10, 20, { references: [] })],
    orphans: [],
    splitRoots: [],
    skewed: [],
  },
  {
    name: 'parentSpanId missing, a CHILD_OF reference present: the reference is the parent',
    spans: () => [span(1, null, 0, 100), span(2, 99, 10, 20, { references: [ref('CHILD_OF', 99), ref('CHILD_OF', 1)] })],
    orphans: [],
    splitRoots: [],
    skewed: [],
  },
  {
    name: 'parentSpanId present, its reference names a missing span: parentSpanId wins',
    spans: () => [span(1, null, 0, 100), span(2, 1, 10, 20, { references: [ref('CHILD_OF', 98)] })],
    orphans: [],
    splitRoots: [],
    skewed: [],
  },
  {
    name: 'FOLLOWS_FROM a span of the trace: attached, not a root',
    spans: () => [span(1, null, 0, 100), span(2, null, 150, 500, { references: [ref('FOLLOWS_FROM', 1)] })],
    orphans: [],
    splitRoots: [],
    skewed: [],
  },
  {
    name: 'FOLLOWS_FROM a span that is not in the trace: orphan',
    spans: () => [span(1, null, 0, 100), span(2, null, 150, 50, { references: [ref('FOLLOWS_FROM', 97)], kind: 'consumer' })],
    orphans: [2],
    splitRoots: [],
    skewed: [],
  },
  {
    name: 'missing parent: the orphan is a root of its own, its children stay under it',
    spans: () => [span(1, null, 0, 100), span(2, 96, 10, 20), span(3, 2, 12, 5)],
    orphans: [2],
    splitRoots: [],
    skewed: [],
  },
  {
    name: 'reference to another trace only: a root',
    spans: () => [span(1, null, 0, 100), span(2, null, 10, 20, { references: [ref('CHILD_OF', 1, 'f'.repeat(32))] })],
    orphans: [],
    splitRoots: [1, 2],
    skewed: [],
  },
  {
    name: 'two spans without any parent: a split trace',
    spans: () => [span(1, null, 0, 100), span(2, null, 200, 20, { kind: 'consumer' })],
    orphans: [],
    splitRoots: [1, 2],
    skewed: [],
  },
  {
    name: 'parent cycle: cut at its earliest span, which becomes an orphan',
    spans: () => [span(1, null, 0, 100), span(2, 3, 10, 20), span(3, 2, 15, 5)],
    orphans: [2],
    splitRoots: [],
    skewed: [],
  },
  {
    name: 'a span that names itself as parent',
    spans: () => [span(1, null, 0, 100), span(2, 2, 10, 20)],
    orphans: [2],
    splitRoots: [],
    skewed: [],
  },
  {
    name: 'duplicate span ids with a missing parent: one orphan id',
    spans: () => [span(1, null, 0, 100), span(2, 95, 10, 20), span(2, 95, 12, 20)],
    orphans: [2],
    splitRoots: [],
    skewed: [],
  },
  {
    name: 'duplicate root ids: one root, children resolve to the first',
    spans: () => [span(1, null, 0, 100), span(1, null, 0, 100), span(2, 1, 10, 20)],
    orphans: [],
    splitRoots: [],
    skewed: [],
  },
  {
    name: 'child starts just under the threshold before its parent: not skew',
    spans: () => [span(1, null, 100, 100, client), span(2, 1, 100 - T_MS + 0.001, 20, server)],
    orphans: [],
    splitRoots: [],
    skewed: [],
  },
  {
    name: 'child starts exactly the threshold before its parent: not skew',
    spans: () => [span(1, null, 100, 100, client), span(2, 1, 100 - T_MS, 20, server)],
    orphans: [],
    splitRoots: [],
    skewed: [],
  },
  {
    name: 'child starts just over the threshold before its parent: skew',
    spans: () => [span(1, null, 100, 100, client), span(2, 1, 100 - T_MS - 0.001, 20, server)],
    orphans: [],
    splitRoots: [],
    skewed: [2],
  },
  {
    name: 'FOLLOWS_FROM span starting over the threshold before its cause: skew',
    spans: () => [span(1, null, 100, 100), span(2, null, 100 - T_MS - 5, 20, { references: [ref('FOLLOWS_FROM', 1)] })],
    orphans: [],
    splitRoots: [],
    skewed: [2],
  },
  {
    name: 'server span ending just over the threshold after its client: skew',
    spans: () => [span(1, null, 0, 100, client), span(2, 1, 50, 50 + T_MS + 0.001, server)],
    orphans: [],
    splitRoots: [],
    skewed: [2],
  },
  {
    name: 'server span ending just under the threshold after its client: not skew',
    spans: () => [span(1, null, 0, 100, client), span(2, 1, 50, 50 + T_MS - 0.001, server)],
    orphans: [],
    splitRoots: [],
    skewed: [],
  },
  {
    name: 'internal child outliving its server parent by far: unawaited work, not skew',
    spans: () => [span(1, null, 0, 100, server), span(2, 1, 50, 5_000)],
    orphans: [],
    splitRoots: [],
    skewed: [],
  },
];

/** What the trace page shows: the API trace, and the waterfall's first-paint columns. */
function pageView(t: Trace) {
  const view = analyzeTrace(t);
  const api = toApiTrace(view);
  const firstPaint = decodeSpanColumns(waterfallTrace(view).columns);
  const skewed = (spans: { spanId: string; warnings: string[] }[]) => ids(spans.filter((s) => s.warnings.some((w) => w.startsWith('clock skew:'))).map((s) => s.spanId));
  expect(ids(firstPaint.filter((s) => s.orphan).map((s) => s.spanId))).toEqual(ids(api.orphanSpanIds));
  expect(skewed(firstPaint)).toEqual(skewed(api.spans));
  return {
    orphans: ids(api.orphanSpanIds),
    splitRoots: api.rootSpanIds.length > 1 ? ids(api.rootSpanIds) : [],
    skewed: skewed(api.spans),
  };
}

/** What the anomalies list says about the same trace. */
function findings(t: Trace) {
  const input = emptyInput({ nowMs: NOW, traces: [t] });
  const named = (list: { subject: { spanIds?: string[] }; evidence: Record<string, unknown> }[]) =>
    ids(list.filter((a) => a.evidence.aggregate !== true).flatMap((a) => a.subject.spanIds ?? []));
  return {
    orphans: named(orphanSpanDetector.detect(input, OPTS)),
    splitRoots: named(multipleRootsDetector.detect(input, OPTS)),
    skewed: named(clockSkewDetector.detect(input, OPTS)),
  };
}

const ids = (list: readonly string[]) => [...new Set(list)].sort();

describe('trace page and trace detectors agree', () => {
  it.each(SHAPES.map((s) => [s.name, s] as const))('%s', (_, shape) => {
    const t = trace(shape.spans());
    const expected = { orphans: ids(shape.orphans.map(sid)), splitRoots: ids(shape.splitRoots.map(sid)), skewed: ids(shape.skewed.map(sid)) };
    expect(pageView(t)).toEqual(expected);
    expect(findings(t)).toEqual(expected);
  });

  it('gives a parent cycle its own cause instead of guessing a sampled-out parent', () => {
    const [a] = orphanSpanDetector.detect(emptyInput({ nowMs: NOW, traces: [trace([span(1, null, 0, 100), span(2, 3, 10, 20), span(3, 2, 15, 5)])] }), OPTS);
    expect(a.evidence.cause).toBe('parent_cycle');
    expect(a.evidence.missingParentId).toBeUndefined();
    expect(a.explanation).toMatch(/loop/);
  });

  it('reports the threshold the page uses', () => {
    const t = trace([span(1, null, 100, 100, client), span(2, 1, 50, 20, server)]);
    const [a] = clockSkewDetector.detect(emptyInput({ nowMs: NOW, traces: [t] }), OPTS);
    expect(a.evidence.thresholdMs).toBe(T_MS);
    expect(a.explanation).toMatch(/starts 50 ms before its parent/);
  });
});

describe('the page names an orphan\'s missing parent', () => {
  it('also when only a reference names it', () => {
    const t = trace([span(1, null, 0, 100), span(2, null, 10, 20, { references: [ref('FOLLOWS_FROM', 97)] })]);
    const api = toApiTrace(analyzeTrace(t));
    expect(api.spans.find((s) => s.spanId === sid(2))?.parentSpanId).toBe(sid(97));
    const [a] = orphanSpanDetector.detect(emptyInput({ nowMs: NOW, traces: [t] }), OPTS);
    expect(a.evidence.missingParentId).toBe(sid(97));
  });
});
