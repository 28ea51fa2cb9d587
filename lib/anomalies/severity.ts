/**
 * The one table of severity rules (docs/anomalies.md, "Severity"). Every input is a fact
 * of the episode itself — its magnitude, how long it has lasted, whom it hurts — never of
 * the window it was asked over, so the same ongoing finding has the same severity whether
 * the SRE looks at 1 h, 3 h or 6 h (a test asks all three).
 *
 * critical: users are hurt now or will be soon. warning: a real fault to fix today.
 * info: telemetry that misleads (a rate() dip, an orphan) but hurts nobody by itself.
 */
import type { Severity } from '../model/anomaly';

export interface SeverityRule {
  kind: string;
  critical: string;
  warning: string;
  info: string;
}

/** The rules in words, for docs/anomalies.md and the UI's "why this severity". */
export const SEVERITY_RULES: readonly SeverityRule[] = [
  { kind: 'gc_storm', critical: '≥ 50 % of wall time in GC at the peak, or the same service\'s p99 doubled or its 5xx share rose by ≥ 5 points during the storm', warning: 'any other storm (≥ 5× the usual collection rate, ≥ 10/s, held ≥ 2 min)', info: '—' },
  { kind: 'latency_spike', critical: 'p99 ≥ 3× its usual level for ≥ 5 min', warning: 'p99 ≥ 1.5× its usual level and ≥ 50 ms for ≥ 1 min', info: '—' },
  { kind: 'error_burst', critical: '≥ 20 % of requests failing at the peak, or ≥ 5 % for ≥ 10 min', warning: '≥ 5 % failing and ≥ 10 failed requests for ≥ 1 min', info: '—' },
  { kind: 'leak', critical: 'at the fitted pace the level doubles within 12 h', warning: 'any steady rise (≥ 10 % growth, no plateau)', info: '—' },
  { kind: 'counter_reset', critical: 'never (a reset distorts rate(), it does not hurt users)', warning: 'a reset without a restart (non-monotonic), or a rate() false spike', info: 'a restart whose reset rate() absorbs' },
  { kind: 'missing_trace', critical: 'never', warning: 'an exemplar or log line points at a trace Jaeger never stored', info: 'a late arrival (seen < 2 min ago) or an id nothing in the range refers to' },
  { kind: 'orphan_span / multiple_roots / clock_skew (per trace)', critical: 'never', warning: 'a settled trace with the defect', info: 'a trace younger than 2 min (spans may still arrive)' },
  { kind: 'orphan_span / multiple_roots / clock_skew / mesh_only_hop (per service)', critical: '≥ 50 % of sampled traces', warning: '≥ 10 %', info: 'fewer' },
  { kind: 'mesh_only_hop', critical: 'never', warning: 'a settled trace where the request went on downstream through the sidecar with no application span, or the service has application spans in other traces', info: 'a trace younger than 2 min, or a service with no application span in any trace read (not instrumented)' },
  { kind: 'log_without_trace_context', critical: 'never', warning: '≥ 50 % of the service\'s lines lack a trace id', info: '≥ 20 %' },
];

export interface GcStormFacts {
  peakTimeFraction: number | null;
  /** p99 during / p99 before, on the same service; null without RED data. */
  p99Ratio: number | null;
  /** 5xx share during minus before, in share points (0.05 = 5 points). */
  errorShareRise: number | null;
}

export function gcStormSeverity(f: GcStormFacts): Severity {
  const hurts = (f.p99Ratio ?? 0) >= 2 || (f.errorShareRise ?? 0) >= 0.05;
  return (f.peakTimeFraction ?? 0) >= 0.5 || hurts ? 'critical' : 'warning';
}

export function latencySeverity(ratio: number, durationMs: number): Severity {
  return ratio >= 3 && durationMs >= 5 * 60_000 ? 'critical' : 'warning';
}

export function errorBurstSeverity(peakShare: number, sustainedShare: number, durationMs: number): Severity {
  return peakShare >= 0.2 || (sustainedShare >= 0.05 && durationMs >= 10 * 60_000) ? 'critical' : 'warning';
}

/** Hours until the level doubles at the fitted pace (Infinity when it does not rise). */
export const hoursToDouble = (level: number, perHour: number): number => (perHour > 0 && level > 0 ? level / perHour : Infinity);

export function leakSeverity(level: number, perHour: number): Severity {
  return hoursToDouble(level, perHour) <= 12 ? 'critical' : 'warning';
}

export function counterResetSeverity(steps: readonly { cause: 'restart' | 'non_monotonic'; falseSpike: boolean }[]): Severity {
  return steps.some((s) => s.cause === 'non_monotonic' || s.falseSpike) ? 'warning' : 'info';
}
