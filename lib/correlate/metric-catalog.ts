import type { Labels } from '../model/types';
import type { MetricMetadata } from '../sources/types';

/**
 * What metrics exist, from `/api/v1/metadata` (family names + types), an explicit list of
 * names, and/or series label sets. Metadata names families, so a histogram `x` implies
 * `x_bucket`, `x_sum`, `x_count`, and an OpenMetrics counter `x` implies `x_total`.
 */
export interface MetricCatalog {
  names: ReadonlySet<string>;
  /** Label names seen per metric name, when series were given. */
  labelNames: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface CatalogInput {
  metadata?: Record<string, MetricMetadata[]>;
  names?: readonly string[];
  series?: readonly Labels[];
}

export function buildMetricCatalog(input: CatalogInput): MetricCatalog {
  const names = new Set<string>(input.names ?? []);
  for (const [family, entries] of Object.entries(input.metadata ?? {})) {
    const types = new Set(entries.map((e) => e.type));
    names.add(family);
    if (types.has('histogram') || types.has('gaugehistogram')) for (const s of ['_bucket', '_sum', '_count']) names.add(family + s);
    if (types.has('summary')) for (const s of ['_sum', '_count']) names.add(family + s);
    if (types.has('counter') && !family.endsWith('_total')) names.add(`${family}_total`);
  }
  const labelNames = new Map<string, Set<string>>();
  for (const labels of input.series ?? []) {
    const name = labels.__name__;
    if (!name) continue;
    names.add(name);
    let set = labelNames.get(name);
    if (!set) labelNames.set(name, (set = new Set()));
    for (const k of Object.keys(labels)) if (k !== '__name__') set.add(k);
  }
  return { names, labelNames };
}

/** Whether a native histogram `base` exists: the exact name with no classic `_bucket` series. */
export const hasNativeHistogram = (c: MetricCatalog, base: string): boolean => c.names.has(base) && !c.names.has(`${base}_bucket`);
