import type { ApiExemplar } from '../api/types';
import { chooseStepSec } from '../sources/prometheus/client';
import type { InvestigationContext } from '../investigate/context';
import { toRfc3339 } from '../time/range';
import { MAX_EXEMPLARS, MAX_SERIES, capList, toApiExemplar, toApiMetric } from './convert';
import { parseMetricsInput } from './input';
import type { ExploreMetricsResponse } from '../api/contract/explore';

/** Explore answers are read up to 16 MiB (the investigation's own queries may use the source's 64 MiB). */
export const USER_QUERY_MAX_BYTES = 16 * 1024 * 1024;

/**
 * GET /api/v1/query/metrics: a PromQL range query for the explore page, with the exemplars
 * of the same selectors so the chart can link samples to traces.
 *
 * Bad input and a query Prometheus refuses are 400s (its parse message included); an
 * unreachable or timed-out Prometheus is thrown as its SourceError (502/504). An
 * unconfigured Prometheus is a 200 with `sources.prometheus.status = not_configured` so the
 * page can say how to connect it. Exemplars are a bonus: their failure is a warning.
 */

/** `sources` names only the backend this endpoint asked. */
export type { ExploreMetricsResponse } from '../api/contract/explore';


export async function runMetricsQuery(raw: Record<string, string | undefined>, deps: InvestigationContext): Promise<ExploreMetricsResponse> {
  const input = parseMetricsInput(raw, deps.nowMs);
  const range = { from: toRfc3339(input.fromMs), to: toRfc3339(input.toMs) };
  const prom = deps.clients.prometheus;
  if (!prom) {
    return {
      series: [],
      exemplars: [],
      warnings: [],
      infos: [],
      step: chooseStepSec(input.fromMs, input.toMs, input.stepSec),
      range,
      sources: { prometheus: { status: 'not_configured', message: deps.config.notConfigured.prometheus, ms: 0 } },
    };
  }

  const clock = deps.clock;
  const started = clock();
  // A user's query: fewer bytes than the investigation may read, and one series past the cap so the cut is reported.
  const opts = { signal: deps.signal, maxBytes: USER_QUERY_MAX_BYTES };
  // Evaluate on a grid of whole steps (as Grafana does), so queries asked a moment apart
  // with the same relative range (A, B … of one chart) share timestamps instead of
  // interleaving into one-point segments.
  const stepSec = chooseStepSec(input.fromMs, input.toMs, input.stepSec);
  const stepMs = Math.max(1, Math.round(stepSec * 1000));
  const alignedFromMs = Math.floor(input.fromMs / stepMs) * stepMs;
  const [result, exemplars] = await Promise.allSettled([
    prom.queryRange(input.query, alignedFromMs, input.toMs, stepSec, { ...opts, limit: MAX_SERIES + 1 }),
    prom.exemplars(input.query, input.fromMs, input.toMs, opts),
  ]);
  if (result.status === 'rejected') throw result.reason;
  const ms = Math.round(clock() - started);

  const warnings = [...result.value.warnings];
  const series = capList(result.value.series, MAX_SERIES, 'series', warnings).map(toApiMetric);
  let exemplarList: ApiExemplar[] = [];
  if (exemplars.status === 'fulfilled') {
    exemplarList = capList(exemplars.value, MAX_EXEMPLARS, 'exemplars', warnings).map(toApiExemplar);
  } else {
    const message = (exemplars.reason as { message?: string } | null)?.message ?? 'request failed';
    warnings.push(`exemplars unavailable: ${message}`);
  }
  return {
    series,
    exemplars: exemplarList,
    warnings,
    infos: result.value.infos,
    step: result.value.stepSec ?? chooseStepSec(input.fromMs, input.toMs, input.stepSec),
    range,
    sources: { prometheus: { status: 'ok', ms } },
  };
}
