/**
 * The written-down rules of the incident model (docs/incidents.md). Each rule is a small
 * predicate with its reason in words; nothing here scores or weighs.
 */
import type { Anomaly, AnomalyKind } from '../model/anomaly';

/** User-facing RED degradations: symptoms on an entry or caller service. */
export const RED_KINDS: readonly AnomalyKind[] = ['latency_spike', 'error_burst'];
/** Resource troubles that make a service slow or failing: cause candidates. */
export const RESOURCE_KINDS: readonly AnomalyKind[] = ['gc_storm', 'leak'];
/** Tracing and logging hygiene: always "Telemetry health", never an incident. */
export const HYGIENE_KINDS: readonly AnomalyKind[] = ['orphan_span', 'multiple_roots', 'missing_trace', 'clock_skew', 'log_without_trace_context'];

/** A restart often precedes the trouble it causes (cold caches, a new version): it links to findings starting this long after it. */
export const RESTART_LEAD_MS = 20 * 60_000;
/** A restart this close before the first symptom (or after it) is a cause candidate; earlier ones are context. */
export const RESTART_CAUSE_WINDOW_MS = 5 * 60_000;

/**
 * When the process behind a counter_reset record restarted: one record per series holds
 * every reset step of the range (evidence.steps, docs/anomalies.md "counter_reset"); a
 * step the detector tied to a restart is an event at its restart time.
 */
export function restartTimes(a: Anomaly): number[] {
  if (a.kind !== 'counter_reset') return [];
  const steps = Array.isArray(a.evidence.steps) ? a.evidence.steps : [a.evidence];
  return steps.flatMap((raw) => {
    const s = (raw ?? {}) as { cause?: unknown; restartedAt?: unknown; after?: { ts?: unknown } };
    if (s.cause !== 'restart') return [];
    const at = Date.parse(typeof s.restartedAt === 'string' ? s.restartedAt : typeof s.after?.ts === 'string' ? s.after.ts : a.start);
    return Number.isFinite(at) ? [at] : [];
  });
}

/** A counter reset the detector tied to a process restart (the restart is the event). */
export const isRestart = (a: Anomaly): boolean => restartTimes(a).length > 0;

/** Findings that can start an incident on their own. */
export const isSeed = (a: Anomaly): boolean => RED_KINDS.includes(a.kind) || RESOURCE_KINDS.includes(a.kind);


/** Counter resets are instants; every other finding lasts until its end, or the range's end while ongoing. */
export function interval(a: Pick<Anomaly, 'kind' | 'start'> & { end?: string | null }, toMs: number): [number, number] {
  const start = Date.parse(a.start);
  if (a.kind === 'counter_reset') return [start, start];
  return [start, a.end ? Date.parse(a.end) : Math.max(start, toMs)];
}

export const isOngoing = (a: Anomaly): boolean => a.kind !== 'counter_reset' && !a.end;

/** Two seeds overlap when their intervals intersect. */
export function overlaps(a: [number, number], b: [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

/** A restart overlaps a finding that is running at the restart or starts up to RESTART_LEAD_MS after it. */
export function restartOverlaps(restartMs: number, other: [number, number]): boolean {
  return other[0] - RESTART_LEAD_MS <= restartMs && restartMs <= other[1];
}

/** The scrape target a metric finding is about (`job/instance`), when its series says. */
export function targetOf(a: Anomaly): string | null {
  const labels = a.subject.series?.labels;
  if (!labels?.instance) return null;
  return `${labels.job ?? ''}/${labels.instance}`;
}
