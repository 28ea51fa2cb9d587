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
import { eventId } from './ids';
import { withoutLabels } from './series-utils';
import { serviceOf } from '../correlate/service-label';
import { downsample } from './sparkline-evidence';
import { median } from './stats';
import type { Detector, DetectorInput, DetectorOptions } from './types';

const MAX_FINDINGS_PER_SERIES = 20;

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

function detect(input: DetectorInput, options: DetectorOptions): Anomaly[] {
  const out: Anomaly[] = [];
  const { fromMs, toMs } = input.range;
  for (const series of input.series) {
    if (!isCounterSeries(series.name, input.metadata)) continue;
    const steps = resetSteps(series.points, fromMs, toMs);
    if (!steps || steps.length === 0) continue;
    const perMs = typicalIncreasePerMs(series);
    const service = serviceOf(series.labels, input.serviceLabel) ?? undefined;
    const sel = selector(series.name, series.labels);
    // Raw values over the window, every reset's two samples kept so each drop stays visible.
    const line = downsample(
      series.points.filter(([t]) => t > fromMs && t <= toMs),
      steps.flatMap((s) => [s.before[0], s.after[0]]),
    );
    for (const step of steps.slice(0, MAX_FINDINGS_PER_SERIES)) {
      const restart = restartIn(series, input.series, step);
      const cause = restart ? 'restart' : 'non_monotonic';
      const artifact = rateArtifact(step, cause, perMs, options.counterReset.rateSpikeFactor);
      const [t0, before] = step.before;
      const [t1, after] = step.after;
      const subject = { series: { name: series.name, labels: { ...series.labels } } };
      const who = service ?? series.labels.instance ?? 'the target';
      const what = restart
        ? `${who} restarted${restart.restartedAtMs !== null ? ` at ${clockTime(restart.restartedAtMs)}` : ''} (${restart.signal} changed); ${series.name} dropped from ${num(before)} to ${num(after)} between ${clockTime(t0)} and ${clockTime(t1)}.`
        : `${series.name} on ${who} went down from ${num(before)} to ${num(after)} between ${clockTime(t0)} and ${clockTime(t1)} without a restart (process_start_time_seconds and _created did not change): this "counter" is not monotonic — often two processes writing the same series, or a gauge named like a counter.`;
      out.push({
        id: eventId('counter_reset', subject, t1),
        kind: 'counter_reset',
        severity: cause === 'non_monotonic' || artifact.spike ? 'warning' : 'info',
        title: restart ? `${series.name} reset by restart of ${who}` : `${series.name} decreased without a restart`,
        explanation: `${what} ${artifact.reason}`,
        service,
        start: toRfc3339(t1),
        subject,
        evidence: {
          cause,
          before: { ts: toRfc3339(t0), value: before },
          after: { ts: toRfc3339(t1), value: after },
          restartSignal: restart?.signal ?? null,
          restartedAt: restart?.restartedAtMs != null ? toRfc3339(restart.restartedAtMs) : null,
          resetsInRange: steps.length,
          // One restart resets every counter of the target: consumers can collapse on this.
          group: restart ? `${series.labels.job ?? ''}/${series.labels.instance ?? who}@${restart.restartedAtMs ?? t1}` : null,
          rateArtifact: artifact,
          points: line.map(([t, v]) => [t, v]), // a copy: findings of one series share no arrays
          // The sample after the drop: where rate() sees the reset.
          markers: [t1],
        },
        links: [
          exploreLink('Raw samples', sel, fromMs, toMs),
          exploreLink('rate() panel', `rate(${sel}[5m])`, fromMs, toMs),
        ],
      });
    }
  }
  return out;
}

export const counterResetDetector: Detector = { kind: 'counter_reset', detect };
