/**
 * A finding's evidence as label/value lines, per kind (what each detector in lib/anomalies
 * puts there). Evidence is server data of loose shape: every read is checked, and a field
 * that is missing or of the wrong type is simply left out.
 */
import type { Anomaly } from '@/lib/model/anomaly';
import { duration, num, pct } from '@/lib/anomalies/format';
import { clockText } from './time-text';

export interface Fact {
  label: string;
  value: string;
}

const obj = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const s = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const words = (v: unknown): string | null => s(v)?.replace(/_/g, ' ') ?? null;
const when = (v: unknown, zone: string, ref?: number): string | null => {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? clockText(t, zone, ref) : null;
};

/**
 * The span references of a per-trace finding. Findings stored before the rename (digest
 * snapshots) carry them as `evidence.spans`; a list of objects there is read as refs,
 * never the [fromMs, toMs] pairs that name means for the metric findings.
 */
function spanRefs(e: Record<string, unknown>): unknown[] | null {
  if (Array.isArray(e.spanRefs)) return e.spanRefs;
  if (Array.isArray(e.spans) && e.spans.length > 0 && e.spans.every((x) => obj(x) !== null)) return e.spans;
  return null;
}

function push(out: Fact[], label: string, value: string | null): void {
  if (value !== null) out.push({ label, value });
}

function change(before: number | null, after: number | null, fmt: (x: number) => string): string | null {
  if (before === null && after === null) return null;
  return `${before !== null ? fmt(before) : '?'} → ${after !== null ? fmt(after) : '?'}`;
}

export function evidenceFacts(a: Anomaly, zone: string, referenceMs?: number): Fact[] {
  const e = a.evidence ?? {};
  const out: Fact[] = [];
  switch (a.kind) {
    case 'counter_reset': {
      push(out, 'Cause', e.cause === 'restart' ? 'process restart' : e.cause === 'non_monotonic' ? 'not monotonic (no restart)' : words(e.cause));
      const before = obj(e.before);
      const after = obj(e.after);
      push(out, 'Before', before && n(before.value) !== null ? `${num(n(before.value)!)} at ${when(before.ts, zone, referenceMs) ?? '?'}` : null);
      push(out, 'After', after && n(after.value) !== null ? `${num(n(after.value)!)} at ${when(after.ts, zone, referenceMs) ?? '?'}` : null);
      push(out, 'Restarted at', when(e.restartedAt, zone, referenceMs));
      push(out, 'Restart signal', s(e.restartSignal));
      push(out, 'Resets of this series in range', n(e.resetsInRange) !== null ? num(n(e.resetsInRange)!, 0) : null);
      const artifact = obj(e.rateArtifact);
      if (artifact) push(out, 'rate() panel', `${artifact.spike === true ? 'shows a spike' : 'no visible spike'}${s(artifact.reason) ? ` — ${s(artifact.reason)}` : ''}`);
      break;
    }
    case 'gc_storm': {
      push(out, 'Runtime', s(e.runtime));
      push(out, 'GC collections/s', change(n(e.baselineCollectionsPerSec), n(e.peakCollectionsPerSec), (x) => num(x)));
      push(out, 'Peak time in GC', n(e.peakTimeFraction) !== null ? pct(n(e.peakTimeFraction)!) : null);
      const impact = obj(e.impact);
      if (impact) {
        push(out, 'p99 latency (before → during)', change(n(impact.p99MsBefore), n(impact.p99MsDuring), (x) => `${num(x, 0)} ms`));
        push(out, '5xx share (before → during)', change(n(impact.errorShareBefore), n(impact.errorShareDuring), pct));
      }
      if (Array.isArray(e.metrics)) push(out, 'Metrics', e.metrics.filter((m) => typeof m === 'string').join(', ') || null);
      break;
    }
    case 'leak': {
      push(out, 'Growth per hour', n(e.perHour) !== null ? num(n(e.perHour)!) : null);
      push(out, 'Level', change(n(e.startLevel), n(e.startLevel) !== null && n(e.growth) !== null ? n(e.startLevel)! + n(e.growth)! : null, (x) => num(x)));
      push(out, 'Segments rising', n(e.risingShare) !== null ? pct(n(e.risingShare)!) : null);
      push(out, 'Growth vs noise', n(e.growth) !== null && n(e.noise) ? `${num(n(e.growth)! / n(e.noise)!, 1)}×` : null);
      break;
    }
    case 'log_without_trace_context': {
      const total = n(e.linesTotal);
      const without = n(e.linesWithoutTraceId);
      push(out, 'Lines without trace id', without !== null && total !== null ? `${num(without, 0)} of ${num(total, 0)}` : null);
      push(out, 'Share', n(e.share) !== null ? `${pct(n(e.share)!)}${n(e.threshold) !== null ? ` (threshold ${pct(n(e.threshold)!)})` : ''}` : null);
      break;
    }
    case 'missing_trace': {
      push(out, 'Likely cause', words(e.cause));
      const seen = obj(e.seenIn);
      if (seen) push(out, 'Seen in', `${num(n(seen.exemplars) ?? 0, 0)} exemplars, ${num(n(seen.logs) ?? 0, 0)} log lines`);
      push(out, 'Last seen', when(e.lastSeen, zone, referenceMs));
      break;
    }
    case 'mesh_only_hop':
      if (e.aggregate !== true) {
        const sidecar = obj(e.sidecar);
        push(out, 'Likely cause', words(e.cause));
        push(out, 'Service', s(e.service));
        push(out, 'Sidecar span', sidecar && s(sidecar.operation) ? `${s(sidecar.operation)} (${s(sidecar.spanId) ?? '?'})` : null);
        push(out, 'Upstream cluster', s(e.upstreamCluster));
        if (Array.isArray(e.downstream) && e.downstream.length > 0) push(out, 'Went on to', e.downstream.map((d) => s(obj(d)?.service)).filter((x) => x !== null).join(', ') || null);
        if (typeof e.instrumentedElsewhere === 'boolean') push(out, 'Instrumented in other traces', e.instrumentedElsewhere ? 'yes' : 'no');
        break;
      }
    // falls through: the aggregate reads like the other trace aggregates
    case 'orphan_span':
    case 'multiple_roots':
    case 'clock_skew': {
      if (e.aggregate === true) {
        push(out, 'Traces affected', n(e.tracesAffected) !== null && n(e.tracesSampled) !== null ? `${num(n(e.tracesAffected)!, 0)} of ${num(n(e.tracesSampled)!, 0)} sampled` : null);
        push(out, 'Broken-link rate', n(e.brokenLinkRate) !== null ? pct(n(e.brokenLinkRate)!) : null);
        const causes = obj(e.causes);
        if (causes) push(out, 'Causes', Object.entries(causes).filter(([, c]) => n(c) !== null).map(([k, c]) => `${k.replace(/_/g, ' ')} (${num(c as number, 0)})`).join(', ') || null);
      } else {
        push(out, 'Likely cause', words(e.cause));
        push(out, 'Missing parent span', s(e.missingParentId));
        const refs = spanRefs(e);
        if (refs) push(out, 'Spans', num(refs.length, 0));
        if (Array.isArray(e.roots)) push(out, 'Roots', num(e.roots.length, 0));
        push(out, 'Threshold', n(e.thresholdMs) !== null ? duration(n(e.thresholdMs)!) : null);
      }
      break;
    }
    case 'error_burst':
      push(out, '5xx share (usual → peak)', change(n(e.baselineErrorShare), n(e.peakErrorShare), pct));
      push(out, 'Failed requests', n(e.approxErrors) !== null ? `about ${num(n(e.approxErrors)!, 0)}` : null);
      break;
    case 'latency_spike':
      push(out, 'p99 latency (usual → peak)', change(n(e.baselineP99Ms), n(e.peakP99Ms), (x) => `${num(x, 0)} ms`));
      push(out, 'Ratio', n(e.ratio) !== null ? `${num(n(e.ratio)!, 1)}×` : null);
      break;
  }
  return out;
}

/** Example log lines (text only) the log-context detector attached, for the expanded row. */
export function logExamples(a: Anomaly): { ts: string; text: string }[] {
  const raw = a.evidence?.examples;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((x) => {
    const o = obj(x);
    return o && typeof o.text === 'string' ? [{ ts: typeof o.ts === 'string' ? o.ts : '', text: o.text }] : [];
  });
}
