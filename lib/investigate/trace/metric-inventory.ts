import type { Labels } from '../../model/types';
import { TEMPLATE_HISTOGRAMS, TEMPLATE_LABELS, TEMPLATE_METRIC_NAMES } from '../../correlate/service-metrics';
import { DEFAULT_SERVICE_LABELS, serviceName } from '../../correlate/service-label';
import { promString } from '../../correlate/promql';
import type { PrometheusClient } from '../../sources/types';
import { keyedClientCache } from '../client-cache';
import { RAW_NAMES } from './service-series-plan';
import { DEFAULT_RED_FAMILIES, type RedFamily } from '../../anomalies/red';

/**
 * Which services have which of the metrics the panels use, for every service at once: one
 * grouped instant query (one row per metric name, service and status label), so the panels
 * can be planned before a trace names its services. Bucket series are not read (they are
 * most of a histogram's series): a classic histogram has `_bucket` exactly when it has
 * `_count`. Only series alive in the last lookback (5 min) are seen.
 */

/** The grouped count over every panel metric, the RED families' request counters and outcome labels included. */
export function inventoryQuery(families: readonly RedFamily[] = DEFAULT_RED_FAMILIES): string {
  const names = [...new Set([...TEMPLATE_METRIC_NAMES, ...RAW_NAMES.filter((n) => !n.endsWith('_bucket')), ...families.map((f) => f.requests)])];
  const by = [...new Set(['__name__', ...DEFAULT_SERVICE_LABELS, ...TEMPLATE_LABELS, ...families.map((f) => f.errorLabel)])];
  return `count by (${by.join(', ')}) ({__name__=~${promString(names.join('|'))}})`;
}

export const INVENTORY_QUERY = inventoryQuery();

/** The rows as series label sets, with each classic histogram's `_bucket` name added. */
export function inventoryRows(rows: readonly Labels[]): Labels[] {
  const out: Labels[] = [];
  for (const row of rows) {
    out.push(row);
    const name = row.__name__ ?? '';
    const base = name.endsWith('_count') ? name.slice(0, -'_count'.length) : null;
    if (base && TEMPLATE_HISTOGRAMS.includes(base)) out.push({ ...row, __name__: `${base}_bucket`, le: '+Inf' });
  }
  return out;
}

/** Every value of a service label in the rows (which label names a given service is the plan's business). */
export function inventoryServices(rows: readonly Labels[], labels: readonly string[] = DEFAULT_SERVICE_LABELS): string[] {
  const out = new Set<string>();
  for (const row of rows)
    for (const l of labels) {
      const service = serviceName(row[l]);
      if (service !== null) out.add(service);
    }
  return [...out];
}

const cache = keyedClientCache<PrometheusClient, Labels[]>(60_000, 4);

/** The inventory at `atMs`, kept a minute per client: which metrics a service has changes rarely. */
export function cachedInventory(prom: PrometheusClient, atMs: number, nowMs: number, families?: readonly RedFamily[]): Promise<Labels[]> {
  const query = families ? inventoryQuery(families) : INVENTORY_QUERY;
  return cache(prom, query, nowMs, async () => {
    const { series } = await prom.query(query, atMs);
    return inventoryRows(series.map((s) => ({ ...s.labels, __name__: s.name })));
  });
}
