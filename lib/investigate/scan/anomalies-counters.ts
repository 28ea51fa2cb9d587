/**
 * The counter-reset scan over every counter Prometheus holds in the range, whatever its
 * name (docs/anomalies.md, "counter_reset"): list the names alive in the range, keep the
 * counters (metadata, else naming convention), let Prometheus count resets() in batches,
 * then read raw samples only for what it flagged. Bounded by a time budget, a concurrency
 * limit and a raw-series budget; every name it could not check is reported with why.
 */
import { SCAN_NAME_LABEL, resetScanBatches, selectCounterNames, type CounterFilter, type NameSkip, MAX_LISTED_SKIPS } from '../../anomalies/counter-discovery';
import type { CounterScanCoverage } from '../../api/contract/anomalies';
import { familyOf } from '../../anomalies/counter-series';
import { seriesKey } from '../../anomalies/series-utils';
import { rangeDuration } from '../../anomalies/scan-plan';
import type { FlaggedCounter } from '../../anomalies/types';
import type { Series } from '../../model/types';
import { escapeLabelValue } from '../../model/prom-text';
import type { MetricMetadata, PrometheusClient } from '../../sources/types';
import { mapBounded, type SourceCalls } from './anomalies-budgets';
import type { MetricsContext } from './anomalies-metrics';
import { rawReadMode } from './anomalies-plan';

export interface CounterScanOptions {
  filter: CounterFilter;
  /** Restrict the name listing to series matching these selectors (a view narrowed to services). */
  match?: string[];
}

export interface CounterScanResult {
  series: Series[];
  flagged: FlaggedCounter[];
  coverage: CounterScanCoverage;
}


/** Names per resets() query: long enough to keep the query count low, short enough for a POST body Prometheus parses quickly. */
export const RESET_BATCH_NAMES = 100;
/** Raw series per read query. */
const RAW_BATCH_SERIES = 400;

const empty = (names = 0): CounterScanResult => ({
  series: [],
  flagged: [],
  coverage: { names, counters: 0, checked: 0, flaggedSeries: 0, seriesReadRaw: 0, skipped: [], skippedCount: 0, queries: 0 },
});

/** Batches of names whose flagged series add up to about `max` series each. */
function byWeight(names: readonly string[], weight: (n: string) => number, max: number): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  let load = 0;
  for (const n of names) {
    const w = weight(n);
    if (cur.length > 0 && load + w > max) {
      out.push(cur);
      cur = [];
      load = 0;
    }
    cur.push(n);
    load += w;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** A literal value inside a PromQL (RE2) regex. */
const escapeRegex = (v: string): string => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const nameRegex = (names: readonly string[]): string => `{__name__=~"${names.join('|')}"}`;

export async function scanCounters(calls: SourceCalls, prom: PrometheusClient, ctx: MetricsContext, metadata: Record<string, MetricMetadata[]>, opts: CounterScanOptions): Promise<CounterScanResult> {
  const { range, budgets } = ctx;
  const startedAt = Date.now();
  let queries = 1;
  const names = await calls.call((signal) => prom.labelValues('__name__', range.fromMs, range.toMs, { signal, match: opts.match }));
  if (names === null) {
    calls.skip('the counter-reset scan could not list the metric names of the range, so no counter was checked.');
    return empty();
  }
  const selection = selectCounterNames(names, metadata, opts.filter);
  const skipped: NameSkip[] = [...selection.skipped];
  const r = rangeDuration(range.fromMs, range.toMs);
  const batches = resetScanBatches(selection.counters.map((c) => c.name), r, RESET_BATCH_NAMES);

  let checked = 0;
  const flagged: FlaggedCounter[] = [];
  await mapBounded(batches, budgets.concurrency, async (batch) => {
    if (Date.now() - startedAt > budgets.counterScanMs) {
      for (const name of batch.names) skipped.push({ name, reason: `the counter scan's time budget of ${budgets.counterScanMs / 1000} s ran out` });
      return;
    }
    queries += 1;
    const res = await calls.call((signal) => prom.query(batch.query, range.toMs, { signal }));
    if (res === null) {
      for (const name of batch.names) skipped.push({ name, reason: 'the resets() query failed (see the Prometheus report)' });
      return;
    }
    checked += batch.names.length;
    for (const s of res.series) {
      const { [SCAN_NAME_LABEL]: name, ...labels } = s.labels;
      const resets = s.points[0]?.[1];
      if (name && Number.isFinite(resets) && resets > 0) flagged.push({ name, labels, resets });
    }
  });

  // Raw samples for the flagged series, whole names at a time, within the raw budget.
  const perName = new Map<string, number>();
  for (const f of flagged) perName.set(f.name, (perName.get(f.name) ?? 0) + 1);
  const series: Series[] = [];
  const mode = rawReadMode(range, budgets);
  const read = async (selector: string, limit: number): Promise<Series[]> => {
    queries += 1;
    const res = await calls.call((signal) =>
      mode.mode === 'raw'
        ? prom.query(`${selector}[${r}]`, range.toMs, { signal, limit })
        : prom.queryRange(selector, range.fromMs, range.toMs, mode.stepSec, { signal, limit }),
    );
    return res?.series ?? [];
  };
  // The budget is in samples (memory): a longer range affords fewer series.
  const perSeries = Math.max(1, Math.ceil((range.toMs - range.fromMs) / budgets.assumedScrapeMs));
  const seriesBudget = Math.floor(budgets.maxCounterRawPoints / perSeries);
  let room = seriesBudget;
  const budgetText = `${seriesBudget} series (${budgets.maxCounterRawPoints.toLocaleString('en-US')} samples)`;
  const flaggedNames = [...perName.keys()].sort();
  const readable: string[] = [];
  for (const name of flaggedNames) {
    // A name is read whole or not at all, so its series either all carry times or all carry counts only.
    const n = perName.get(name)!;
    if (n > room) continue;
    readable.push(name);
    room -= n;
  }
  // Prometheus answers a name whole; only the flagged series of it are kept.
  const wanted = new Set(flagged.map((f) => seriesKey(f.name, f.labels)));
  await mapBounded(byWeight(readable, (n) => perName.get(n)!, RAW_BATCH_SERIES), budgets.concurrency, async (group) => {
    for (const s of await read(nameRegex(group), seriesBudget)) if (wanted.has(seriesKey(s.name, s.labels))) series.push(s);
  });
  const readNames = new Set(series.map((s) => s.name));
  const notRead = flagged.filter((f) => !readNames.has(f.name)).length;
  if (notRead > 0) {
    calls.skip(`${notRead} flagged counter series were over the raw-sample budget of ${budgetText}: they carry Prometheus' resets() count without reset times.`);
  }

  // What tells a restart from a non-monotonic drop: the targets' start times and the families' _created.
  if (series.length > 0) {
    const created = [...new Set([...readNames].map((n) => `${familyOf(n)}_created`))];
    const jobs = [...new Set(series.map((s) => s.labels.job).filter((j): j is string => j !== undefined))].sort();
    const context = await Promise.all([
      ...byWeight(jobs, () => 1, 50).map((group) => read(`process_start_time_seconds{job=~"${escapeLabelValue(group.map(escapeRegex).join('|'))}"}`, seriesBudget)),
      ...byWeight(created, () => 1, RESET_BATCH_NAMES).map((group) => read(nameRegex(group), seriesBudget)),
    ]);
    for (const list of context) series.push(...list);
  }

  if (skipped.length > selection.skipped.length) {
    calls.skip(`the counter-reset scan checked ${checked} of ${selection.counters.length} counter names; ${skipped.length - selection.skipped.length} were not checked (time budget or failed queries), so resets on them may be missing.`);
  }
  return {
    series,
    flagged,
    coverage: {
      names: names.length,
      counters: selection.counters.length,
      checked,
      flaggedSeries: flagged.length,
      seriesReadRaw: flagged.length - notRead,
      skipped: skipped.slice(0, MAX_LISTED_SKIPS),
      skippedCount: skipped.length,
      queries,
    },
  };
}
