import type { Labels } from '../../lib/model/types';
import { DEMO_SEED, HISTORY_MS } from './story';
import { demoFamilies, type MetricFamily, type Sample } from './metrics';
import { escapeLabelValue, formatPromNumber } from '../../lib/model/prom-text';

/**
 * OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`: each family once
 * (TYPE and HELP first), each metric's points in time order, timestamps in seconds, `# EOF`.
 */

export function formatLabels(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}


export function formatSeconds(tMs: number): string {
  return (tMs / 1000).toFixed(3);
}

export function familyHeader(f: MetricFamily): string {
  return `# TYPE ${f.name} ${f.type}\n# HELP ${f.name} ${f.help}\n`;
}

export function sampleLine(s: Sample, tMs?: number, exemplar = ''): string {
  const ts = tMs === undefined ? '' : ` ${formatSeconds(tMs)}`;
  return `${s.name}${formatLabels(s.labels)} ${formatPromNumber(s.value)}${ts}${exemplar}\n`;
}

/** fromMs, fromMs+stepMs, … strictly before toMs. */
export function sampleTimes(fromMs: number, toMs: number, stepMs: number): number[] {
  if (!(stepMs > 0)) throw new RangeError('stepMs must be positive');
  const times: number[] = [];
  for (let t = fromMs; t < toMs; t += stepMs) times.push(t);
  return times;
}

/** The demo's samples at the given times (ascending). */
export function renderOpenMetrics(times: readonly number[], anchorMs: number, seed = DEMO_SEED): string {
  const out: string[] = [];
  for (const family of demoFamilies(anchorMs, seed)) {
    out.push(familyHeader(family));
    for (const metric of family.metrics) {
      for (const t of times) {
        for (const s of metric.at(t)) out.push(sampleLine(s, t));
      }
    }
  }
  out.push('# EOF\n');
  return out.join('');
}

/** The last stretch before the seam is backfilled at the live scrape interval, so the seam has no wider gap. */
const FINE_TAIL_MS = 5 * 60_000;

/**
 * The demo's history for `promtool tsdb create-blocks-from openmetrics`: from `historyMs`
 * before the anchor up to (not including) `endMs`, 15-s samples, then `fineStepMs` ones
 * for the last five minutes. Live scrapes take over at `endMs`: Prometheus drops scraped
 * samples older than its newest block, so the first one it keeps follows the backfill
 * within one scrape interval (the demo sets endMs past its own start-up).
 */
export function demoBackfill(anchorMs: number, opts: { endMs?: number; historyMs?: number; fineStepMs?: number } = {}): string {
  const endMs = opts.endMs ?? anchorMs;
  const fromMs = anchorMs - (opts.historyMs ?? HISTORY_MS);
  const fine = Math.max(fromMs, endMs - FINE_TAIL_MS);
  const times = [...sampleTimes(fromMs, fine, 15_000), ...sampleTimes(fine, endMs, opts.fineStepMs ?? 15_000)];
  return renderOpenMetrics(times, anchorMs);
}
