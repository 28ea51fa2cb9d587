/**
 * Which metric names the counter-reset scan checks, and the batched resets() queries
 * that check them (docs/anomalies.md, "counter_reset"). Pure: the names come from
 * /api/v1/label/__name__/values and the types from /api/v1/metadata, both read by
 * lib/investigate.
 *
 * A name is a counter when metadata says so (type counter, or the _count/_sum/_bucket
 * samples of a histogram or summary family); where metadata has nothing to say (backfilled,
 * federated or remote-written data, Mimir/Thanos/VictoriaMetrics), by the
 * OpenMetrics/Prometheus naming convention (_total, _count, _sum, _bucket). Never a
 * `_created` series, never a name metadata calls a gauge.
 */
import type { MetricMetadata } from '../sources/types';
import { familyOf } from './counter-series';

export type CounterBasis = 'metadata' | 'convention';

export interface CounterName {
  name: string;
  basis: CounterBasis;
}

export interface NameSkip {
  name: string;
  reason: string;
}

export interface CounterFilter {
  /** Only names matching one of these (all names when empty). */
  include: readonly RegExp[];
  /** Never names matching one of these. */
  exclude: readonly RegExp[];
}

export const NO_FILTER: CounterFilter = { include: [], exclude: [] };

const CONVENTION = /_(total|count|sum|bucket)$/;
const NOT_COUNTER = new Set(['gauge', 'gaugehistogram', 'info', 'stateset']);
const VALID_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

const typeOf = (metadata: Record<string, MetricMetadata[]>, name: string): string | undefined => metadata[name]?.[0]?.type;

/**
 * The verdict for one name: a counter with its basis, or null (not a counter). Metadata
 * is read for the exact name first (old text-format counters keep `_total` in the family
 * name), then for the family (OpenMetrics strips the suffix).
 */
export function counterBasis(name: string, metadata: Record<string, MetricMetadata[]>): CounterBasis | null {
  if (name.endsWith('_created')) return null;
  const exact = typeOf(metadata, name);
  if (exact === 'counter') return 'metadata';
  if (exact !== undefined && NOT_COUNTER.has(exact)) return null;
  const suffix = name.match(CONVENTION)?.[1];
  const family = suffix ? typeOf(metadata, familyOf(name)) : undefined;
  if (family !== undefined && NOT_COUNTER.has(family)) return null;
  if (family === 'counter' && suffix === 'total') return 'metadata';
  if (family === 'histogram' && (suffix === 'bucket' || suffix === 'count' || suffix === 'sum')) return 'metadata';
  if (family === 'summary' && (suffix === 'count' || suffix === 'sum')) return 'metadata';
  // A summary's quantile series carries the family name itself: a gauge, and no suffix.
  if (exact === 'summary' || exact === 'histogram') return null;
  return suffix ? 'convention' : null;
}

export interface CounterSelection {
  counters: CounterName[];
  /** Names left out on purpose (configured filter, invalid name); not-a-counter names are not listed. */
  skipped: NameSkip[];
  /** How many names were not counters (gauges, _created, unknown without a counter suffix). */
  notCounters: number;
}

export function selectCounterNames(names: readonly string[], metadata: Record<string, MetricMetadata[]>, filter: CounterFilter = NO_FILTER): CounterSelection {
  const counters: CounterName[] = [];
  const skipped: NameSkip[] = [];
  let notCounters = 0;
  for (const name of [...new Set(names)].sort()) {
    if (!VALID_NAME.test(name)) {
      skipped.push({ name, reason: 'not a valid metric name' });
      continue;
    }
    const basis = counterBasis(name, metadata);
    if (basis === null) {
      notCounters += 1;
      continue;
    }
    if (filter.include.length > 0 && !filter.include.some((re) => re.test(name))) {
      skipped.push({ name, reason: 'not matched by the configured include patterns' });
      continue;
    }
    if (filter.exclude.some((re) => re.test(name))) {
      skipped.push({ name, reason: 'matched by a configured exclude pattern' });
      continue;
    }
    counters.push({ name, basis });
  }
  return { counters, skipped, notCounters };
}

export interface ResetScanBatch {
  names: string[];
  /** Evaluated as an instant query at the range end: `[range]` is exactly (from, to]. */
  query: string;
}

/** The label a batched resets() result carries its metric name in. */
export const SCAN_NAME_LABEL = '__triangulate_metric__';

/**
 * resets() drops the metric name, and `or` matches series on their labels without the
 * name, so x_count and x_sum of one target would shadow each other in one batch.
 * label_replace writes the name into SCAN_NAME_LABEL, which `or` does compare, so a batch
 * never loses a series, whatever the label sets.
 */
export function resetScanBatches(names: readonly string[], rangeSelector: string, batchSize: number, matchers = ''): ResetScanBatch[] {
  const out: ResetScanBatch[] = [];
  const size = Math.max(1, Math.floor(batchSize));
  for (let i = 0; i < names.length; i += size) {
    const batch = names.slice(i, i + size);
    const terms = batch.map((n) => `label_replace(resets(${n}${matchers}[${rangeSelector}]), "${SCAN_NAME_LABEL}", "${n}", "", "") > 0`);
    out.push({ names: batch, query: terms.join(' or ') });
  }
  return out;
}

/** Parse user-configured patterns ("a.*,b_total") into anchored regexes; throws with the bad one named. */
export function parsePatterns(text: string | undefined, what: string): RegExp[] {
  if (!text?.trim()) return [];
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      try {
        return new RegExp(`^(?:${p})$`);
      } catch (err) {
        throw new Error(`${what}: "${p}" is not a valid regular expression (${err instanceof Error ? err.message : String(err)})`);
      }
    });
}

/** Skipped names are listed in full up to this many, so "what was not checked" is exact. */
export const MAX_LISTED_SKIPS = 20_000;
