import { promLabelValuesQuery, promLabelsQuery, type PromMetadataResponse, type PromNamesResponse } from '../api/contract/explore';
import type { InvestigationContext } from '../investigate/context';
import { parseRange } from '../time/range';
import { check } from './input';

/**
 * The three metadata calls PromQL completion needs, answered through lib/sources so the
 * browser never learns Prometheus's address (docs/api.md, "PromQL completion"): label
 * names, one label's values (`__name__` gives metric names), and metric metadata (type and
 * help shown beside a metric). Each is scoped by an optional series selector (`match`) and
 * a range that defaults to the last hour, so Prometheus reads its head block, not all of
 * its history.
 */

/** Most names one answer carries: a completion list longer than this is not read. */
export const MAX_COMPLETION_NAMES = 10_000;

const notConfigured = (ctx: InvestigationContext) => ({ prometheus: { status: 'not_configured' as const, message: ctx.config.notConfigured.prometheus, ms: 0 } });
const ok = (started: number) => ({ prometheus: { status: 'ok' as const, ms: Math.round(performance.now() - started) } });

export async function runLabelNames(raw: Record<string, string | undefined>, ctx: InvestigationContext): Promise<PromNamesResponse> {
  const input = check(promLabelsQuery, raw);
  const { fromMs, toMs } = parseRange(input.from, input.to, ctx.nowMs);
  const prometheus = ctx.clients.prometheus;
  if (!prometheus) return { data: [], sources: notConfigured(ctx) };
  const started = performance.now();
  const names = await prometheus.labels(fromMs, toMs, { match: input.match ? [input.match] : undefined, signal: ctx.signal });
  return { data: names.slice(0, MAX_COMPLETION_NAMES), sources: ok(started) };
}

export async function runLabelValues(raw: Record<string, string | undefined>, ctx: InvestigationContext): Promise<PromNamesResponse> {
  const input = check(promLabelValuesQuery, raw);
  const { fromMs, toMs } = parseRange(input.from, input.to, ctx.nowMs);
  const prometheus = ctx.clients.prometheus;
  if (!prometheus) return { data: [], sources: notConfigured(ctx) };
  const started = performance.now();
  const values = await prometheus.labelValues(input.label, fromMs, toMs, { match: input.match ? [input.match] : undefined, signal: ctx.signal });
  return { data: values.slice(0, MAX_COMPLETION_NAMES), sources: ok(started) };
}

export async function runMetricMetadata(ctx: InvestigationContext): Promise<PromMetadataResponse> {
  const prometheus = ctx.clients.prometheus;
  if (!prometheus) return { data: {}, sources: notConfigured(ctx) };
  const started = performance.now();
  const data = await prometheus.metadata(undefined, { signal: ctx.signal });
  return { data, sources: ok(started) };
}
