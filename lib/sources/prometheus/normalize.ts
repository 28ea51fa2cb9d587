import type { Exemplar, Labels } from '../../model/types';
import { canonicalSpanId, canonicalTraceId } from '../../model/ids';
import type { MetricMetadata, PromQueryResult } from '../types';
import { parseSampleValue, secondsToMs, toSeries } from '../values';
import type { z } from 'zod';
import type { QueryData, exemplarsSchema, metadataSchema } from './schemas';

/** Pure conversions from validated Prometheus payloads to lib/model. */

const HISTOGRAM_WARNING = 'native histogram samples are not shown (only float samples are supported)';

export function normalizeQueryData(data: QueryData, warnings: string[], infos: string[]): PromQueryResult {
  const out: PromQueryResult = { resultType: data.resultType, series: [], warnings: [...warnings], infos: [...infos] };
  let skippedHistograms = false;
  switch (data.resultType) {
    case 'matrix':
      for (const s of data.result) {
        if (s.histograms?.length) skippedHistograms = true;
        if (s.values || !s.histograms) out.series.push(toSeries(s));
      }
      break;
    case 'vector':
      for (const s of data.result) {
        if (s.histogram) skippedHistograms = true;
        else out.series.push(toSeries(s));
      }
      break;
    case 'scalar':
      out.scalar = [secondsToMs(data.result[0]), parseSampleValue(data.result[1])];
      break;
    case 'string':
      out.scalar = [secondsToMs(data.result[0]), data.result[1]];
      break;
  }
  if (skippedHistograms) out.warnings.push(HISTOGRAM_WARNING);
  return out;
}

const METRIC_TYPES = new Set<MetricMetadata['type']>(['counter', 'gauge', 'histogram', 'gaugehistogram', 'summary', 'info', 'stateset', 'unknown']);

export function normalizeMetadata(raw: z.infer<typeof metadataSchema>): Record<string, MetricMetadata[]> {
  const out: Record<string, MetricMetadata[]> = {};
  for (const [metric, entries] of Object.entries(raw)) {
    out[metric] = entries.map((e) => ({
      type: METRIC_TYPES.has(e.type as MetricMetadata['type']) ? (e.type as MetricMetadata['type']) : 'unknown',
      help: e.help,
      unit: e.unit,
    }));
  }
  return out;
}

const TRACE_KEYS = ['trace_id', 'traceId', 'traceID', 'TraceID'];
const SPAN_KEYS = ['span_id', 'spanId', 'spanID', 'SpanID'];

function firstId(labels: Labels, keys: string[], canon: (s: string) => string | null): string | null {
  for (const k of keys) {
    const id = canon(labels[k] ?? '');
    if (id) return id;
  }
  return null;
}

export function normalizeExemplars(raw: z.infer<typeof exemplarsSchema>): Exemplar[] {
  const out: Exemplar[] = [];
  for (const group of raw ?? []) {
    for (const e of group.exemplars ?? []) {
      out.push({
        seriesLabels: group.seriesLabels,
        labels: e.labels,
        traceId: firstId(e.labels, TRACE_KEYS, canonicalTraceId),
        spanId: firstId(e.labels, SPAN_KEYS, canonicalSpanId),
        value: parseSampleValue(e.value),
        tsMs: secondsToMs(e.timestamp),
      });
    }
  }
  return out;
}
