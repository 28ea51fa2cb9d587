import type { ApiExemplar } from '@/lib/api/types';
import { DEFAULT_SERVICE_LABELS, serviceOf } from '@/lib/correlate/service-label';

/**
 * The exemplar list as rows an SRE reads: newest first, the series as its family name and
 * the few labels that tell the rows apart (never the whole label dump: `le`, the scrape's
 * `instance`/`job` and labels every row shares say nothing), and the current trace marked.
 */

export interface ExemplarRow {
  key: string;
  ts: string;
  /** e.g. `http_request_duration_seconds` (a histogram's `_bucket` suffix dropped). */
  series: string;
  /** The service, then the labels whose values differ between rows (at most MAX_KEY_LABELS). */
  keyLabels: [string, string][];
  value: string;
  traceId: string;
  current: boolean;
  /** Jaeger does not have the trace (only checked for the current one). */
  dead: boolean;
}

export const MAX_KEY_LABELS = 3;
const NOISE = new Set(['__name__', 'le', 'quantile', 'instance', 'job']);

const familyName = (name: string) => name.replace(/_bucket$/, '');

/** A latency sample in its own unit: seconds become ms, other names keep their number. */
function valueText(series: string, value: number): string {
  if (/_seconds$/.test(series)) return `${Number((value * 1000).toPrecision(3))} ms`;
  if (/_milliseconds$/.test(series)) return `${Number(value.toPrecision(3))} ms`;
  return String(Number(value.toPrecision(4)));
}

export function exemplarRows(exemplars: readonly ApiExemplar[], currentTraceId: string, order: readonly string[] = DEFAULT_SERVICE_LABELS): ExemplarRow[] {
  const withTrace = exemplars.filter((e): e is ApiExemplar & { traceId: string } => !!e.traceId);
  // Labels whose value is not the same on every row (a label some rows lack counts as differing).
  const values = new Map<string, Set<string>>();
  for (const e of withTrace) for (const [k, v] of Object.entries(e.seriesLabels ?? {})) if (!NOISE.has(k)) (values.get(k) ?? values.set(k, new Set()).get(k)!).add(v);
  const varying = [...values]
    .filter(([k, vs]) => vs.size > 1 || withTrace.some((e) => !(k in (e.seriesLabels ?? {}))))
    .map(([k]) => k)
    .filter((k) => !order.includes(k))
    .sort();
  return withTrace
    .map((e, i) => {
      const labels = e.seriesLabels ?? {};
      const series = familyName(labels.__name__ ?? '');
      const service = serviceOf(labels, order);
      const keyLabels: [string, string][] = [];
      const serviceLabel = service ? order.find((l) => labels[l]?.trim() === service) : undefined;
      if (serviceLabel) keyLabels.push([serviceLabel, labels[serviceLabel]]);
      for (const k of varying) if (k in labels && keyLabels.length < MAX_KEY_LABELS) keyLabels.push([k, labels[k]]);
      return { key: `${i}`, ts: e.ts, series: series || '(unnamed series)', keyLabels, value: valueText(series, e.value), traceId: e.traceId, current: e.traceId === currentTraceId, dead: e.traceExists === false };
    })
    .sort((a, b) => (a.ts < b.ts ? 1 : a.ts > b.ts ? -1 : 0));
}
