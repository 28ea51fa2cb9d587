/**
 * What a finding's sparkline draws, from its evidence: `evidence.points` ([ms, value][]),
 * `evidence.markers` (ms[]: instants such as counter resets) and `evidence.spans`
 * ([fromMs, toMs][]: intervals such as a GC storm). When the detector gave no markers or
 * spans, the finding's own times stand in (a reset at its start, a storm from start to end).
 * Without points there is no line: the page shows a textual timeline instead.
 */
import type { Anomaly } from '@/lib/model/anomaly';
import { num } from '@/lib/anomalies/format';
import { clockText } from './time-text';

export interface SparklineModel {
  points: [number, number | null][];
  markers: { tMs: number; label: string }[];
  shaded: { fromMs: number; toMs: number; label: string }[];
  fromMs: number;
  toMs: number;
}

const isMs = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** `[ms, value]` pairs; anything else in the array is skipped (evidence is data from the server). */
export function evidencePoints(evidence: Record<string, unknown>): [number, number | null][] | null {
  const raw = evidence.points;
  if (!Array.isArray(raw)) return null;
  const out: [number, number | null][] = [];
  for (const p of raw) {
    if (!Array.isArray(p) || p.length < 2 || !isMs(p[0])) continue;
    const v = p[1];
    out.push([p[0], typeof v === 'number' && Number.isFinite(v) ? v : null]);
  }
  out.sort((a, b) => a[0] - b[0]);
  return out.some(([, v]) => v !== null) ? out : null;
}

function evidenceMarkers(evidence: Record<string, unknown>): number[] | null {
  return Array.isArray(evidence.markers) ? evidence.markers.filter(isMs) : null;
}

function evidenceSpans(evidence: Record<string, unknown>): [number, number][] | null {
  if (!Array.isArray(evidence.spans)) return null;
  return evidence.spans.filter((s): s is [number, number] => Array.isArray(s) && isMs(s[0]) && isMs(s[1]) && s[1] >= s[0]);
}

const INTERVAL_KINDS = new Set<string>(['gc_storm', 'error_burst', 'latency_spike']);

/** Markers and shaded spans of a finding inside [fromMs, toMs]: the evidence's, else derived from the finding's times. */
export function findingMarks(a: Anomaly, fromMs: number, toMs: number, zone: string): Pick<SparklineModel, 'markers' | 'shaded'> {
  const start = Date.parse(a.start);
  const end = a.end ? Date.parse(a.end) : toMs;
  const given = evidenceMarkers(a.evidence);
  const markerTimes = given ?? (a.kind === 'counter_reset' && Number.isFinite(start) ? [start] : []);
  const givenSpans = evidenceSpans(a.evidence);
  const spanTimes = givenSpans ?? (INTERVAL_KINDS.has(a.kind) && Number.isFinite(start) && Number.isFinite(end) ? [[start, end] as [number, number]] : []);
  const inside = (t: number) => t >= fromMs && t <= toMs;
  return {
    markers: markerTimes.filter(inside).map((t) => ({ tMs: t, label: `${a.kind === 'counter_reset' ? 'reset' : 'event'} at ${clockText(t, zone, toMs)}` })),
    shaded: spanTimes
      .filter(([s, e]) => e >= fromMs && s <= toMs)
      .map(([s, e]) => ({ fromMs: Math.max(s, fromMs), toMs: Math.min(e, toMs), label: `${clockText(s, zone, toMs)} → ${a.end || givenSpans ? clockText(e, zone, toMs) : 'ongoing'}` })),
  };
}

/** The sparkline of a finding over the checked range, or null when the evidence carries no points. */
export function sparklineModel(a: Anomaly, range: { fromMs: number; toMs: number }, zone: string): SparklineModel | null {
  const points = evidencePoints(a.evidence);
  if (!points) return null;
  return { points, ...findingMarks(a, range.fromMs, range.toMs, zone), fromMs: range.fromMs, toMs: range.toMs };
}

const obj = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const numOr = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A point in time read from an evidence field `{ts, value}`. */
function tsValue(v: unknown): { ms: number; value: number } | null {
  const o = obj(v);
  const ms = o && typeof o.ts === 'string' ? Date.parse(o.ts) : NaN;
  const value = o ? numOr(o.value) : null;
  return Number.isFinite(ms) && value !== null ? { ms, value } : null;
}

/**
 * The textual timeline shown when there is no line to draw: the moments the detector
 * measured, in time order ("14:25:00 UTC  value 18,442", "14:25:15 UTC  value 12 (reset)").
 */
export function timelineText(a: Anomaly, zone: string, referenceMs?: number): string[] {
  const e = a.evidence;
  const at = (ms: number) => clockText(ms, zone, referenceMs);
  const start = Date.parse(a.start);
  switch (a.kind) {
    case 'counter_reset': {
      const before = tsValue(e.before);
      const after = tsValue(e.after);
      const restarted = typeof e.restartedAt === 'string' ? Date.parse(e.restartedAt) : NaN;
      const lines: [number, string][] = [];
      if (before) lines.push([before.ms, `${at(before.ms)}  ${num(before.value)}`]);
      if (Number.isFinite(restarted)) lines.push([restarted, `${at(restarted)}  process restarted`]);
      if (after) lines.push([after.ms, `${at(after.ms)}  ${num(after.value)} (reset)`]);
      if (lines.length) return lines.sort((x, y) => x[0] - y[0]).map(([, s]) => s);
      break;
    }
    case 'gc_storm': {
      const base = numOr(e.baselineCollectionsPerSec);
      const peak = numOr(e.peakCollectionsPerSec);
      return [
        `${at(start)}  storm starts${base !== null ? ` (usually ${num(base)} GC/s)` : ''}`,
        ...(peak !== null ? [`peak ${num(peak)} GC/s`] : []),
        a.end ? `${at(Date.parse(a.end))}  storm ends` : 'still going on at the end of the range',
      ];
    }
    case 'leak': {
      const level = numOr(e.startLevel);
      const growth = numOr(e.growth);
      if (level !== null && growth !== null) return [`${at(start)}  about ${num(level)}`, `end of range  about ${num(level + growth)}, still rising`];
      break;
    }
  }
  return a.end ? [`${at(start)}  starts`, `${at(Date.parse(a.end))}  ends`] : [`${at(start)}`];
}
