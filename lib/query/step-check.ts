import { parseDurationMs } from '../time/range';
import { MAX_POINTS_PER_SERIES } from '../sources/prometheus/limits';

/**
 * A range-vector query whose step is longer than its range (`rate(x[5m])` at a 4,320 s step
 * over 30 days) reads only the samples inside each [5m] window and skips everything between
 * steps, so spikes vanish. This finds the shortest `[range]` and proposes two fixes: the
 * smallest step that covers it (when the range allows that many points), and a range that
 * covers the step, as Grafana's $__rate_interval does: max(step + scrape, 4 × scrape).
 */

export interface StepAdvice {
  rangeText: string;
  rangeMs: number;
  stepSec: number;
  /** The smallest step that reads every sample, or null when it would exceed 11,000 points. */
  safeStepSec: number | null;
  /** The query with every `[range]` shorter than the step widened to the $__rate_interval-like range. */
  widenedQuery: string;
  widenedRange: string;
  message: string;
}

// A range selector `[5m]` (not a subquery `[1h:1m]`), after a selector or `)`.
const RANGE = /\[\s*(\d+(?:ms|s|m|h|d|w|y)(?:\d+(?:ms|s|m|h|d|w|y))*)\s*\]/g;

const durationText = (sec: number): string => {
  const s = Math.ceil(sec);
  if (s % 3600 === 0) return `${s / 3600}h`;
  if (s % 60 === 0) return `${s / 60}m`;
  return `${s}s`;
};

export function stepAdvice(query: string, stepSec: number, fromMs: number, toMs: number, scrapeSec = 15): StepAdvice | null {
  let shortest: { text: string; ms: number } | null = null;
  for (const m of query.matchAll(RANGE)) {
    const ms = parseDurationMs(m[1]);
    if (ms !== null && (!shortest || ms < shortest.ms)) shortest = { text: m[1], ms };
  }
  if (!shortest || shortest.ms >= stepSec * 1000) return null;
  const safe = shortest.ms / 1000;
  const points = (toMs - fromMs) / 1000 / safe;
  const widenedRange = durationText(Math.max(stepSec + scrapeSec, 4 * scrapeSec));
  const widenedQuery = query.replace(RANGE, (whole, d: string) => {
    const ms = parseDurationMs(d);
    return ms !== null && ms < stepSec * 1000 ? `[${widenedRange}]` : whole;
  });
  const skipped = Math.round((1 - shortest.ms / (stepSec * 1000)) * 100);
  return {
    rangeText: shortest.text,
    rangeMs: shortest.ms,
    stepSec,
    safeStepSec: points <= MAX_POINTS_PER_SERIES ? safe : null,
    widenedQuery,
    widenedRange,
    message: `The step (${durationText(stepSec)}) is longer than the [${shortest.text}] range: about ${skipped} % of the samples are skipped between steps, so short spikes can vanish.`,
  };
}
