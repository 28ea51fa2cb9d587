/** Builders shared by the detector tests (not used by production code). */
import { expect } from 'vitest';
import type { Anomaly } from '../model/anomaly';
import type { Labels, LogEntry, Series, Span, SpanKind, Trace } from '../model/types';
import type { DetectorInput } from './types';

export const T0 = Date.parse('2026-03-02T14:00:00.000Z');
export const MIN = 60_000;

export function emptyInput(overrides: Partial<DetectorInput> = {}): DetectorInput {
  return {
    range: { fromMs: T0, toMs: T0 + 60 * MIN },
    nowMs: T0 + 60 * MIN,
    series: [],
    metadata: {},
    traces: [],
    logs: [],
    exemplars: [],
    missingTraceIds: [],
    ...overrides,
  };
}

/** A series sampled every `stepMs` from `startMs`, one value per sample. */
export function seriesOf(name: string, labels: Labels, values: readonly number[], startMs = T0 + 15_000, stepMs = 15_000): Series {
  return { name, labels, points: values.map((v, i) => [startMs + i * stepMs, v] as [number, number]) };
}

/** Deterministic PRNG (mulberry32) so "random" test data is reproducible from a seed. */
export { rng as prng } from '@/demo/scenario/random';

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

let spanCounter = 0;
/** A span with sensible defaults; times in ms relative to T0 for readability. */
export function span(traceId: string, fields: Partial<Span> & { startMs?: number; durMs?: number; service: string }): Span {
  const { startMs = 0, durMs = 100, ...rest } = fields;
  spanCounter++;
  return {
    traceId,
    spanId: spanCounter.toString(16).padStart(16, '0'),
    parentSpanId: null,
    references: [],
    operation: 'op',
    kind: 'server' as SpanKind,
    startUs: (T0 + startMs) * 1000,
    durationUs: durMs * 1000,
    status: 'ok',
    tags: {},
    processTags: {},
    events: [],
    warnings: [],
    ...rest,
  };
}

export function child(parent: Span, fields: Partial<Span> & { startMs?: number; durMs?: number; service: string }): Span {
  return span(parent.traceId, {
    parentSpanId: parent.spanId,
    references: [{ type: 'CHILD_OF', traceId: parent.traceId, spanId: parent.spanId }],
    ...fields,
  });
}

export const traceOf = (spans: Span[]): Trace => ({ traceId: spans[0].traceId, spans, warnings: [] });

export function logLine(service: string, tsMs: number, traceId: string | null, line = 'handled request'): LogEntry {
  return {
    ts: new Date(tsMs).toISOString(),
    tsNs: `${tsMs}000000`,
    line,
    labels: { service_name: service },
    service,
    traceId,
    spanId: null,
    joinedBy: null,
  };
}

/** Counter samples every 15 s over the hour whose per-second rate at time t (ms since T0) is rate(t). */
export function counterFromRate(name: string, labels: Labels, rate: (tMs: number) => number, start = 0): Series {
  const points: [number, number][] = [];
  let v = start;
  for (let t = 15_000; t <= 60 * MIN; t += 15_000) {
    v += rate(t) * 15;
    points.push([T0 + t, v]);
  }
  return { name, labels, points };
}

/**
 * The sparkline evidence of a finding is drawable and safe to serialize: at most 120
 * points, time-ordered inside the window, values finite or null; markers inside the
 * window; spans ordered; and the whole evidence survives a JSON round trip unchanged
 * (no NaN/Infinity, no undefined).
 */
export function expectDrawableEvidence(a: Anomaly, range: { fromMs: number; toMs: number }): { points: [number, number | null][]; markers: number[]; spans: [number, number][] } {
  const { points, markers = [], spans = [] } = a.evidence as { points: [number, number | null][]; markers?: number[]; spans?: [number, number][] };
  expect(Array.isArray(points)).toBe(true);
  expect(points.length).toBeGreaterThan(1);
  expect(points.length).toBeLessThanOrEqual(120);
  points.forEach(([t, v], i) => {
    expect(t).toBeGreaterThan(range.fromMs);
    expect(t).toBeLessThanOrEqual(range.toMs);
    if (i > 0) expect(t).toBeGreaterThan(points[i - 1][0]);
    if (v !== null) expect(Number.isFinite(v)).toBe(true);
  });
  for (const m of markers) {
    expect(m).toBeGreaterThan(range.fromMs);
    expect(m).toBeLessThanOrEqual(range.toMs);
  }
  spans.forEach(([s, e], i) => {
    expect(e).toBeGreaterThanOrEqual(s);
    if (i > 0) expect(s).toBeGreaterThanOrEqual(spans[i - 1][1]);
  });
  expect(JSON.parse(JSON.stringify(a.evidence))).toEqual(a.evidence);
  return { points, markers, spans };
}
