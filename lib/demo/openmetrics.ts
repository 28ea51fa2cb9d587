import type { Labels } from '../model/types';
import { DEMO_SEED, HISTORY_MS } from './story';
import { demoFamilies, type MetricFamily, type Sample } from './metrics';
import { escapeLabelValue, formatPromNumber } from '../model/prom-text';

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

/**
 * Samples at fromMs, fromMs+stepMs, … strictly before toMs. Pass toMs = anchor so the last
 * backfilled sample is older than the first live scrape (no out-of-order collision).
 */
export function renderOpenMetrics(fromMs: number, toMs: number, stepMs: number, anchorMs: number, seed = DEMO_SEED): string {
  if (!(stepMs > 0)) throw new RangeError('stepMs must be positive');
  const times: number[] = [];
  for (let t = fromMs; t < toMs; t += stepMs) times.push(t);
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

/**
 * The demo's history for `promtool tsdb create-blocks-from openmetrics`: `historyMs` of
 * 15-s samples ending one step before the anchor, where live scrapes take over.
 */
export const demoBackfill = (anchorMs: number, historyMs = HISTORY_MS): string => renderOpenMetrics(anchorMs - historyMs, anchorMs - 15_000, 15_000, anchorMs);
