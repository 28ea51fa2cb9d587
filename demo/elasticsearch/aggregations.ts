/**
 * The aggregations the app asks of Elasticsearch (lib/sources/elasticsearch/README.md §2.3,
 * the service page's log volume): a `date_histogram` on the time field with `fixed_interval`,
 * `min_doc_count` and `extended_bounds`, and under it at most one `terms` sub-aggregation
 * with `size` and `missing`. Anything else is a parsing error, as Elasticsearch answers an
 * unknown aggregation type.
 */
import { parsing } from './errors';
import { fieldAt } from './fields';
import type { DemoDoc } from './documents';

const TIME_FIELD = '@timestamp';
const NS_PER_MS = 1_000_000n;
const MAX_BUCKETS = 65_536; // search.max_buckets

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `30s`, `1m`, `2h` → milliseconds (fixed units only, as `fixed_interval` takes). */
function intervalMs(v: unknown): number {
  const m = typeof v === 'string' ? /^(\d+)(ms|s|m|h|d)$/.exec(v) : null;
  if (!m || Number(m[1]) <= 0) throw parsing(`failed to parse setting [date_histogram.fixedInterval] with value [${String(v)}] as a time value`);
  return Number(m[1]) * { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
}

function one(aggs: Record<string, unknown>): [string, Record<string, unknown>] {
  const names = Object.keys(aggs);
  if (names.length !== 1 || !isObj(aggs[names[0]])) throw parsing('the demo Elasticsearch answers one aggregation at a time');
  return [names[0], aggs[names[0]] as Record<string, unknown>];
}

function termsOf(docs: readonly DemoDoc[], spec: unknown) {
  if (!isObj(spec) || typeof spec.field !== 'string') throw parsing('Required [field]');
  const size = spec.size === undefined ? 10 : Number(spec.size);
  const counts = new Map<string, number>();
  for (const d of docs) {
    const raw = fieldAt(d.source, spec.field as string);
    const values = raw === undefined || raw === null ? (spec.missing === undefined ? [] : [spec.missing]) : Array.isArray(raw) ? raw : [raw];
    for (const v of values) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = sorted.slice(0, size);
  return {
    doc_count_error_upper_bound: 0,
    sum_other_doc_count: sorted.slice(size).reduce((s, [, n]) => s + n, 0),
    buckets: shown.map(([key, doc_count]) => ({ key, doc_count })),
  };
}

/** The `aggregations` of an answer for `aggs` over the matched documents. */
export function aggregate(aggs: unknown, docs: readonly DemoDoc[]): Record<string, unknown> {
  if (!isObj(aggs)) throw parsing('[aggs] must be an object');
  const [name, spec] = one(aggs);
  const hist = spec.date_histogram;
  if (!isObj(hist)) throw parsing(`Unknown aggregation type [${Object.keys(spec).find((k) => k !== 'aggs' && k !== 'aggregations') ?? ''}] did you mean [date_histogram]?`);
  if (hist.field !== TIME_FIELD) throw parsing(`the demo Elasticsearch histograms only [${TIME_FIELD}]`);
  const step = intervalMs(hist.fixed_interval);
  const minDocs = hist.min_doc_count === undefined ? 1 : Number(hist.min_doc_count);
  const sub = spec.aggs ?? spec.aggregations;
  const [subName, subSpec] = sub === undefined ? [null, null] : one(sub as Record<string, unknown>);
  if (subSpec && !isObj(subSpec.terms)) throw parsing('the demo Elasticsearch sub-aggregates with [terms] only');
  const byKey = new Map<number, DemoDoc[]>();
  for (const d of docs) {
    const ms = Number(d.tsNs / NS_PER_MS);
    const key = Math.floor(ms / step) * step;
    const list = byKey.get(key);
    if (list) list.push(d);
    else byKey.set(key, [d]);
  }
  const bounds = isObj(hist.extended_bounds) ? hist.extended_bounds : {};
  const keys = [...byKey.keys()];
  const lo = Math.min(...keys, ...(minDocs === 0 && bounds.min !== undefined ? [Math.floor(Number(bounds.min) / step) * step] : []));
  const hi = Math.max(...keys, ...(minDocs === 0 && bounds.max !== undefined ? [Math.floor(Number(bounds.max) / step) * step] : []));
  if (Number.isFinite(lo) && (hi - lo) / step + 1 > MAX_BUCKETS) throw parsing(`Trying to create too many buckets. Must be less than or equal to: [${MAX_BUCKETS}].`);
  const buckets: Record<string, unknown>[] = [];
  for (let key = lo; Number.isFinite(lo) && key <= hi; key += step) {
    const inBucket = byKey.get(key) ?? [];
    if (inBucket.length < minDocs) continue;
    buckets.push({
      key_as_string: new Date(key).toISOString(),
      key,
      doc_count: inBucket.length,
      ...(subName && subSpec ? { [subName]: termsOf(inBucket, subSpec.terms) } : {}),
    });
  }
  return { [name]: { buckets } };
}
