/**
 * counter_reset: every decrease between consecutive samples of a counter series, exactly
 * the pairs PromQL resets() counts (./counter-series.ts). Cause: `restart` when the same
 * target's process_start_time_seconds (or the series' own `_created`) changed in that
 * step, else `non_monotonic`. Also says whether a rate() panel shows an artifact there.
 */
import type { Anomaly } from '../model/anomaly';
import type { Series } from '../model/types';
import { toRfc3339 } from '../time/range';
import { familyOf, isCounterSeries, resetSteps, sameTarget, valueAt, valuesIn, type ResetStep } from './counter-series';
import { clockTime, exploreLink, num, selector } from './format';
import { conditionId } from './ids';
import { seriesKey, withoutLabels } from './series-utils';
import { counterResetSeverity } from './severity';
import { serviceOf } from '../correlate/service-label';
import { downsample } from './sparkline-evidence';
import { median } from './stats';
import type { Detector, DetectorInput, DetectorOptions, FlaggedCounter } from './types';

/** Reset steps described per series record (the count covers all of them). */
const MAX_STEPS_PER_SERIES = 20;

interface RestartSignal {
  signal: 'process_start_time_seconds' | '_created';
  restartedAtMs: number | null;
}

function restartIn(series: Series, all: readonly Series[], step: ResetStep): RestartSignal | null {
  const [t0] = step.before;
  const [t1] = step.after;
  const moved = (s: Series): number | null => {
    const before = valueAt(s, t0);
    const changed = valuesIn(s, t0, t1).find((v) => v !== before);
    return before !== undefined && changed !== undefined ? changed : null;
  };
  for (const s of all) {
    if (s.name !== 'process_start_time_seconds' || !sameTarget(s.labels, series.labels)) continue;
    const started = moved(s);
    if (started !== null) return { signal: 'process_start_time_seconds', restartedAtMs: started * 1000 };
  }
  const createdName = `${familyOf(series.name)}_created`;
  const ownLabels = withoutLabels(series.labels, ['le']);
  for (const s of all) {
    if (s.name !== createdName || !sameLabels(s.labels, ownLabels)) continue;
    const created = moved(s);
    if (created !== null) return { signal: '_created', restartedAtMs: created * 1000 };
  }
  return null;
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a).filter((k) => k !== '__name__');
  const kb = Object.keys(b).filter((k) => k !== '__name__');
  return ka.length === kb.length && ka.every((k) => a[k] === b[k]);
}

/** Typical increase per ms between consecutive samples of the series (resets excluded). */
function typicalIncreasePerMs(series: Series): number {
  const rates: number[] = [];
  const pts = series.points;
  for (let i = 1; i < pts.length; i++) {
    const dt = pts[i][0] - pts[i - 1][0];
    const dv = pts[i][1] - pts[i - 1][1];
    if (dt > 0 && dv >= 0) rates.push(dv / dt);
  }
  const m = median(rates);
  return Number.isFinite(m) ? m : 0;
}

export interface RateArtifact {
  spike: boolean;
  /** What rate()/increase() count for this step: the post-reset value (restart from 0 assumed). */
  countedIncrease: number;
  /** What the series normally gains over a step of the same length. */
  typicalIncrease: number;
  reason: string;
}

export function rateArtifact(step: ResetStep, cause: 'restart' | 'non_monotonic', perMs: number, factor: number): RateArtifact {
  const [t0, before] = step.before;
  const [t1, after] = step.after;
  const typicalIncrease = perMs * (t1 - t0);
  const big = after > 0 && after > factor * typicalIncrease;
  if (cause === 'non_monotonic') {
    const spike = big;
    const reason = spike
      ? `rate() reads the drop from ${num(before)} to ${num(after)} as a restart from 0 and counts ${num(after)} as new increase in that step (typically ${num(typicalIncrease)}), although the value really went down by ${num(before - after)}: the spike on a rate() panel is an artifact.`
      : `rate() reads the drop as a restart from 0 and counts ${num(after)} for that step, close to the usual ${num(typicalIncrease)}, so a rate() panel shows no visible spike, but the decrease of ${num(before - after)} is lost.`;
    return { spike, countedIncrease: after, typicalIncrease, reason };
  }
  const reason = big
    ? `rate() assumes the counter restarted from 0 and counts the whole post-restart value ${num(after)} in one step (typically ${num(typicalIncrease)}): a rate() panel shows a spike there. It is an artifact unless the new process really did that much work right after starting (e.g. the counter was restored from saved state).`
    : `rate() treats the drop as a restart from 0 and counts only ${after > 0 ? `the ${num(after)} after it` : 'nothing for that step'}, so a rate() panel over this range shows no spike; the increments between the last scrape of the old process and its exit are lost.`;
  return { spike: big, countedIncrease: after, typicalIncrease, reason };
}

interface StepFinding {
  step: ResetStep;
  cause: 'restart' | 'non_monotonic';
  restart: RestartSignal | null;
  artifact: RateArtifact;
  /** One restart resets every counter of the target: pages and digests collapse on this. */
  group: string | null;
}

const severityOf = (steps: readonly StepFinding[]) => counterResetSeverity(steps.map((s) => ({ cause: s.cause, falseSpike: s.artifact.spike })));

function stepEvidence(s: StepFinding) {
  const [t0, before] = s.step.before;
  const [t1, after] = s.step.after;
  return {
    cause: s.cause,
    before: { ts: toRfc3339(t0), value: before },
    after: { ts: toRfc3339(t1), value: after },
    restartSignal: s.restart?.signal ?? null,
    restartedAt: s.restart?.restartedAtMs != null ? toRfc3339(s.restart.restartedAtMs) : null,
    group: s.group,
    rateArtifact: s.artifact,
  };
}

/** One record per series (docs/anomalies.md, "counter_reset"): its resets() count and each reset step. */
function seriesRecord(series: Series, steps: readonly ResetStep[], input: DetectorInput, options: DetectorOptions): Anomaly {
  const { fromMs, toMs } = input.range;
  const perMs = typicalIncreasePerMs(series);
  const service = serviceOf(series.labels, input.serviceLabel) ?? undefined;
  const who = service ?? series.labels.instance ?? 'the target';
  const found: StepFinding[] = steps.slice(-MAX_STEPS_PER_SERIES).map((step) => {
    const restart = restartIn(series, input.series, step);
    const cause = restart ? 'restart' : 'non_monotonic';
    const group = restart ? `${series.labels.job ?? ''}/${series.labels.instance ?? who}@${restart.restartedAtMs ?? step.after[0]}` : null;
    return { step, cause, restart, artifact: rateArtifact(step, cause, perMs, options.counterReset.rateSpikeFactor), group };
  });
  const first = found[0];
  const last = found[found.length - 1];
  const sel = selector(series.name, series.labels);
  // Raw values over the window, every reset's two samples kept so each drop stays visible.
  const line = downsample(
    series.points.filter(([t]) => (input.leftClosedRanges ? t >= fromMs : t > fromMs) && t <= toMs),
    found.flatMap((s) => [s.step.before[0], s.step.after[0]]),
  );
  const subject = { series: { name: series.name, labels: { ...series.labels } } };
  const restarts = found.filter((s) => s.cause === 'restart').length;
  const spikes = found.filter((s) => s.artifact.spike).length;
  const describeStep = (s: StepFinding) => {
    const [t0, before] = s.step.before;
    const [t1, after] = s.step.after;
    return s.restart
      ? `${who} restarted${s.restart.restartedAtMs !== null ? ` at ${clockTime(s.restart.restartedAtMs)}` : ''} (${s.restart.signal} changed); ${series.name} dropped from ${num(before)} to ${num(after)} between ${clockTime(t0)} and ${clockTime(t1)}.`
      : `${series.name} on ${who} went down from ${num(before)} to ${num(after)} between ${clockTime(t0)} and ${clockTime(t1)} without a restart (process_start_time_seconds and _created did not change): this "counter" is not monotonic — often two processes writing the same series, or a gauge named like a counter.`;
  };
  const count = steps.length;
  const summary =
    count === 1
      ? `${describeStep(first)} ${first.artifact.reason}`
      : `${series.name} on ${who} reset ${count} times in this range (${restarts} with a restart, ${found.length - restarts} without${found.length < count ? `; the last ${found.length} are listed` : ''}); rate() shows a false spike at ${spikes} of them. Latest: ${describeStep(last)} ${last.artifact.reason}`;
  return {
    id: conditionId('counter_reset', subject),
    kind: 'counter_reset',
    severity: severityOf(found),
    title: restarts === found.length ? `${series.name} reset by ${count === 1 ? 'a restart' : `${count} restarts`} of ${who}` : `${series.name} decreased without a restart${count > 1 ? ` (${count} resets)` : ''}`,
    explanation: summary,
    service,
    start: toRfc3339(first.step.after[0]),
    end: toRfc3339(last.step.after[0]),
    subject,
    evidence: {
      resets: count,
      countedFrom: 'raw_samples',
      ...stepEvidence(first),
      groups: [...new Set(found.map((s) => s.group).filter((g): g is string => g !== null))],
      steps: found.map(stepEvidence),
      points: line.map(([t, v]) => [t, v]), // a copy: findings of one series share no arrays
      // The sample after each drop: where rate() sees the reset.
      markers: found.map((s) => s.step.after[0]),
    },
    links: [exploreLink('Raw samples', sel, fromMs, toMs), exploreLink('rate() panel', `rate(${sel}[5m])`, fromMs, toMs)],
  };
}

/** A flagged series whose raw samples were not read (over the raw budget): Prometheus' own count, no times. */
function countOnlyRecord(flag: FlaggedCounter, input: DetectorInput): Anomaly {
  const subject = { series: { name: flag.name, labels: { ...flag.labels } } };
  const service = serviceOf(flag.labels, input.serviceLabel) ?? undefined;
  const sel = selector(flag.name, flag.labels);
  const { fromMs, toMs } = input.range;
  return {
    id: conditionId('counter_reset', subject),
    kind: 'counter_reset',
    severity: 'info',
    title: `${flag.name} reset ${flag.resets === 1 ? 'once' : `${flag.resets} times`}`,
    explanation: `Prometheus counts ${flag.resets} reset${flag.resets === 1 ? '' : 's'} of ${sel} in this range (resets()). Its raw samples were not read (the scan's raw-series budget was spent), so when and why it reset is not shown; open the raw samples to see.`,
    service,
    start: toRfc3339(fromMs),
    subject,
    evidence: { resets: flag.resets, countedFrom: 'prometheus_resets', steps: [], groups: [] },
    links: [exploreLink('Raw samples', sel, fromMs, toMs), exploreLink('rate() panel', `rate(${sel}[5m])`, fromMs, toMs)],
  };
}

function detect(input: DetectorInput, options: DetectorOptions): Anomaly[] {
  const out: Anomaly[] = [];
  const { fromMs, toMs } = input.range;
  const seen = new Set<string>();
  for (const series of input.series) {
    if (!isCounterSeries(series.name, input.metadata)) continue;
    seen.add(seriesKey(series.name, series.labels));
    const steps = resetSteps(series.points, fromMs, toMs, input.leftClosedRanges);
    if (steps && steps.length > 0) out.push(seriesRecord(series, steps, input, options));
  }
  for (const flag of input.counterResets ?? []) {
    if (flag.resets > 0 && !seen.has(seriesKey(flag.name, flag.labels))) out.push(countOnlyRecord(flag, input));
  }
  return out;
}

export const counterResetDetector: Detector = { kind: 'counter_reset', detect };
