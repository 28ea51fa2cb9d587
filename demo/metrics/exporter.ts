import type { Span } from '../../lib/model/types';
import { spanIdFrom } from '../scenario/random';
import { demoFamilies, LATENCY_BUCKETS, type MetricSource } from '../scenario/metrics';
import { familyHeader, formatLabels, formatSeconds, sampleLine } from '../scenario/openmetrics';
import { formatPromNumber } from '../../lib/model/prom-text';
import { DEMO_SEED, PLANTED, missingTraceId } from '../scenario/story';
import { TRACE_KINDS, lastVisibleSlot, slotTrace } from '../scenario/traces';

/**
 * The live demo exporter: current values in OpenMetrics text, with exemplars on histogram
 * buckets pointing at recent demo traces — and one, on risk-engine, at a trace that was
 * sampled out (the demo Jaeger never has it).
 */

export const OPENMETRICS_CONTENT_TYPE = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

/** The bucket the sampled-out exemplar sits on: above risk-engine's 2.5 s client timeout. */
export const MISSING_EXEMPLAR_LE = '5';

const LOOKBACK_SLOTS = 24;

export interface DemoExemplar {
  le: string;
  traceId: string;
  spanId: string;
  value: number;
  tsMs: number;
}

function latestSpan(service: string, operation: string, nowMs: number, anchorMs: number, seed: number): Span | null {
  const last = lastVisibleSlot(nowMs);
  for (let slot = last; slot > last - LOOKBACK_SLOTS; slot--) {
    for (let kind = 0; kind < TRACE_KINDS.length; kind++) {
      const span = slotTrace(slot, kind, anchorMs, seed).spans.find((s) => s.service === service && s.operation === operation);
      if (span) return span;
    }
  }
  return null;
}

function bucketFor(valueS: number): string {
  const le = LATENCY_BUCKETS.find((b) => valueS <= b);
  return le === undefined ? '+Inf' : String(le);
}

/** Exemplars for one histogram metric at nowMs, keyed by bucket `le`. */
export function exemplarsFor(metric: MetricSource, nowMs: number, anchorMs: number, seed = DEMO_SEED): Map<string, DemoExemplar> {
  const out = new Map<string, DemoExemplar>();
  if (!metric.operation) return out;
  const span = latestSpan(metric.service, metric.operation, nowMs, anchorMs, seed);
  if (span) {
    const value = span.durationUs / 1e6;
    out.set(bucketFor(value), { le: bucketFor(value), traceId: span.traceId, spanId: span.spanId, value, tsMs: span.startUs / 1000 });
  }
  if (metric.service === PLANTED.missingTrace.service) {
    // A new sighting every 5 minutes, so it stays inside any recent query window.
    const tsMs = Math.floor((nowMs - 20_000) / 300_000) * 300_000;
    out.set(MISSING_EXEMPLAR_LE, { le: MISSING_EXEMPLAR_LE, traceId: missingTraceId(seed), spanId: spanIdFrom(seed, 'sampled-out-span'), value: 2.71, tsMs });
  }
  return out;
}

function exemplarText(e: DemoExemplar): string {
  return ` # ${formatLabels({ trace_id: e.traceId, span_id: e.spanId })} ${formatPromNumber(e.value)} ${formatSeconds(e.tsMs)}`;
}

/** The scrape body at nowMs (no sample timestamps: Prometheus stamps the scrape). */
export function renderExposition(nowMs: number, anchorMs: number, seed = DEMO_SEED): string {
  const out: string[] = [];
  for (const family of demoFamilies(anchorMs, seed)) {
    out.push(familyHeader(family));
    for (const metric of family.metrics) {
      const exemplars = family.type === 'histogram' ? exemplarsFor(metric, nowMs, anchorMs, seed) : new Map<string, DemoExemplar>();
      for (const s of metric.at(nowMs)) {
        const e = s.name.endsWith('_bucket') ? exemplars.get(s.labels.le) : undefined;
        out.push(sampleLine(s, undefined, e ? exemplarText(e) : ''));
      }
    }
  }
  out.push('# EOF\n');
  return out.join('');
}
