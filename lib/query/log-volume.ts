import { logVolumeQuery, type LogVolumeResponse } from '../api/contract/explore';
import type { InvestigationContext } from '../investigate/context';
import { parseRange, toRfc3339 } from '../time/range';
import { MAX_SERIES, capList, toApiMetric } from './convert';
import { check } from './input';
import { logqlKind } from './logql-kind';
import { volumeQuery } from './logql-edit';
import { badRequest } from '../api/respond';

/**
 * GET /api/v1/query/logs/volume: how many lines a log query matches per level and time
 * slot, for the histogram above the log list. One LogQL metric query,
 * `sum by (level, severity, detected_level, severity_text) (count_over_time(<query> [step]))`:
 * the level is whichever of those labels the streams carry (an index label, structured
 * metadata such as Loki 3's detected_level, or one a parser in the query extracted); the
 * page maps their values to levels. Lines with none of them fall in one "unknown" series.
 */

/** About this many bars, each a whole number of "nice" seconds. */
const BARS = 80;
const NICE_STEPS_SEC = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

export function volumeStepSec(fromMs: number, toMs: number): number {
  const raw = (toMs - fromMs) / 1000 / BARS;
  return NICE_STEPS_SEC.find((s) => s >= raw) ?? NICE_STEPS_SEC[NICE_STEPS_SEC.length - 1];
}

export async function runLogVolume(raw: Record<string, string | undefined>, ctx: InvestigationContext): Promise<LogVolumeResponse> {
  const input = check(logVolumeQuery, raw);
  const { fromMs, toMs } = parseRange(input.from, input.to, ctx.nowMs);
  if (logqlKind(input.query) === 'metric') throw badRequest('query: the log volume is drawn for a log query (a selector and filters), not a metric query');
  const step = volumeStepSec(fromMs, toMs);
  const query = volumeQuery(input.query, step);
  const range = { from: toRfc3339(fromMs), to: toRfc3339(toMs) };
  const loki = ctx.clients.loki;
  if (!loki) return { series: [], step, query, warnings: [], range, sources: { loki: { status: 'not_configured', message: ctx.config.notConfigured.loki, ms: 0 } } };
  const started = performance.now();
  const r = await loki.queryRangeMetric(query, fromMs, toMs, { step: String(step), signal: ctx.signal });
  const warnings = [...r.warnings];
  const series = capList(r.series, MAX_SERIES, 'series', warnings).map(toApiMetric);
  return { series, step, query, warnings, range, sources: { loki: { status: 'ok', ms: Math.round(performance.now() - started) } } };
}
