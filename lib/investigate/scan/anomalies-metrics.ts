/**
 * The Prometheus side of an anomaly scan. Prometheus does the scanning (resets(),
 * changes(), GC rates, deriv(), 5xx share, p99 against its median, evaluated at the range
 * end); raw samples are then read only for what it flagged, and the RED series only for
 * services that turned out to have a finding or were flagged. Every read is bounded by series count and points per series.
 */
import { runDetectors } from '../../anomalies';
import { fetchPlan, planScan, rangeDuration, type ScanQuery } from '../../anomalies/scan-plan';
import { DEFAULT_DETECTOR_OPTIONS } from '../../anomalies/types';
import type { AnomalyKind } from '../../model/anomaly';
import type { Exemplar, Labels, Series } from '../../model/types';
import type { MetricMetadata, PrometheusClient } from '../../sources/types';
import { cachedMetadata, cachedVersion } from '../metadata-cache';
import { rangeIsLeftClosed } from '../../anomalies/counter-series';
import type { CounterScanCoverage } from '../../api/contract/anomalies';
import { scanCounters, type CounterScanOptions } from './anomalies-counters';
import { NO_FILTER } from '../../anomalies/counter-discovery';
import type { FlaggedCounter } from '../../anomalies/types';
import { DEFAULT_RED_FAMILIES, type RedFamily } from '../../anomalies/red';
import { seriesKey } from '../../anomalies/series-utils';
import { mapBounded, type AnomalyBudgets, type SourceCalls } from './anomalies-budgets';
import {
  errorShareScans, exemplarSelector, latencyScans, newestExemplars, rawReadMode, redSelector, redSelectorsFor, withoutRange,
  type TimeWindow,
} from './anomalies-plan';

export interface MetricsCollection {
  series: Series[];
  metadata: Record<string, MetricMetadata[]>;
  exemplars: Exemplar[];
  /** Where the raw series start (the range's look-back), for the detectors' baselines. */
  lookbackFromMs?: number;
  counterResets?: FlaggedCounter[];
  counterScan?: CounterScanCoverage;
  /** Prometheus 2.x selects ranges closed on the left (lib/anomalies/counter-series.ts). */
  leftClosedRanges?: boolean;
}

export interface MetricsContext {
  range: TimeWindow;
  nowMs: number;
  budgets: AnomalyBudgets;
  /** Read exemplars of the latency histograms (for missing_trace). */
  exemplars: boolean;
  /** Which counters the reset scan checks (configuration). */
  counters?: CounterScanOptions;
  /** RED families read for latency and errors (configuration; default: HTTP and gRPC). */
  redFamilies?: readonly RedFamily[];
}

const familiesOf = (ctx: MetricsContext): readonly RedFamily[] => ctx.redFamilies ?? DEFAULT_RED_FAMILIES;

/** The range plus the look-back the GC, RED and leak series are read over. */
export const readRangeOf = (ctx: MetricsContext): TimeWindow => ({ fromMs: ctx.range.fromMs - ctx.budgets.lookbackMs, toMs: ctx.range.toMs });

/**
 * Kinds whose findings decide which services' RED series are read. Counter resets are not
 * among them: every restart resets counters, and a restart alone does not hurt users.
 */
const FIRST_PASS_KINDS: readonly AnomalyKind[] = ['gc_storm', 'leak'];

/** Raw series read so far, capped at the budget; the rest is counted, not kept. */
class RawSeriesStore {
  private readonly byKey = new Map<string, Series>();
  private readonly asked = new Set<string>();
  droppedSeries = 0;
  droppedSelectors = 0;
  trimmedSeries = 0;

  constructor(
    private readonly calls: SourceCalls,
    private readonly prom: PrometheusClient,
    private readonly ctx: MetricsContext,
  ) {}

  get series(): Series[] {
    return [...this.byKey.values()];
  }

  async read(selectors: readonly string[]): Promise<void> {
    const { budgets } = this.ctx;
    const range = readRangeOf(this.ctx);
    const mode = rawReadMode(range, budgets);
    const fresh = selectors.filter((s) => !this.asked.has(s));
    fresh.forEach((s) => this.asked.add(s));
    await mapBounded(fresh, budgets.concurrency, async (sel) => {
      const room = budgets.maxRawSeries - this.byKey.size;
      if (room <= 0) {
        this.droppedSelectors += 1;
        return;
      }
      const result = await this.calls.call((signal) =>
        mode.mode === 'raw'
          ? this.prom.query(sel, range.toMs, { signal, limit: room })
          : this.prom.queryRange(withoutRange(sel), range.fromMs, range.toMs, mode.stepSec, { signal, limit: room }),
      );
      for (const s of result?.series ?? []) this.keep(s);
    });
  }

  private keep(s: Series): void {
    const key = seriesKey(s.name, s.labels);
    if (this.byKey.has(key)) return;
    if (this.byKey.size >= this.ctx.budgets.maxRawSeries) {
      this.droppedSeries += 1;
      return;
    }
    const max = this.ctx.budgets.maxPointsPerSeries;
    if (s.points.length > max) {
      this.trimmedSeries += 1;
      this.byKey.set(key, { ...s, points: s.points.slice(-max) });
    } else this.byKey.set(key, s);
  }
}

async function runScans(calls: SourceCalls, prom: PrometheusClient, queries: readonly ScanQuery[], concurrency: number) {
  return mapBounded(queries, concurrency, async (query) => {
    const r = await calls.call((signal) => prom.query(query.query, query.timeMs, { signal, limit: query.limit }));
    return { query, series: r?.series ?? [] };
  });
}

/**
 * Services (by `job`) Prometheus flags on its own: a 5xx share over the error-burst floor,
 * or a p99 well above its usual level, somewhere in the range.
 */
async function flaggedServices(calls: SourceCalls, prom: PrometheusClient, ctx: MetricsContext): Promise<Labels[]> {
  const k = ctx.budgets.maxRawSeries;
  const red = DEFAULT_DETECTOR_OPTIONS.red;
  const scans = [
    ...errorShareScans(ctx.range, k, red.minErrorShare, familiesOf(ctx)).map((s) => ({ ...s, what: 'error-share' })),
    ...latencyScans(ctx.range, k, red.minLatencyRatio, red.minLatencyMs, familiesOf(ctx)).map((s) => ({ ...s, what: 'p99' })),
  ];
  const results = await mapBounded(scans, ctx.budgets.concurrency, async (scan) => {
    const r = await calls.call((signal) => prom.query(scan.query, ctx.range.toMs, { signal, limit: k }));
    if ((r?.series.length ?? 0) >= k) calls.skip(`the ${scan.what} scan of ${scan.metric} hit its limit of ${k} services; more may be affected.`);
    return r?.series.map((s) => s.labels) ?? [];
  });
  return results.flat().filter((l) => l.job !== undefined);
}

export async function collectMetrics(calls: SourceCalls, prom: PrometheusClient, ctx: MetricsContext): Promise<MetricsCollection> {
  const { range, budgets } = ctx;
  const plan = planScan(range);
  for (const s of plan.skipped) calls.skip(`the scan of ${s.metric} was skipped (${s.reason}).`);
  const readRange = readRangeOf(ctx);

  const metadataWork = calls.call((signal) => cachedMetadata(prom, ctx.nowMs, signal));
  // The counter scan needs the metric types first; everything else goes out at once.
  const counterWork = metadataWork.then((metadata) => scanCounters(calls, prom, ctx, metadata ?? {}, ctx.counters ?? { filter: NO_FILTER }));
  const [metadata, scanResults, flaggedJobs, exemplars, counters, version] = await Promise.all([
    metadataWork,
    runScans(calls, prom, plan.queries, budgets.concurrency),
    flaggedServices(calls, prom, ctx),
    ctx.exemplars ? calls.call((signal) => prom.exemplars(exemplarSelector(familiesOf(ctx)), range.fromMs, range.toMs, { signal })) : Promise.resolve([]),
    counterWork,
    cachedVersion(prom, ctx.nowMs, calls.signal),
  ]);

  const fetch = fetchPlan(scanResults, readRange, budgets.maxFetchSelectors, familiesOf(ctx));
  for (const scan of fetch.truncatedScans) calls.skip(`the ${scan.replace(':', ' scan of ')} hit its series limit; more series may be affected than are shown.`);
  if (fetch.skipped.length) calls.skip(`${fetch.skipped.length} flagged series were not read (over the limit of ${budgets.maxFetchSelectors} raw selectors).`);

  const store = new RawSeriesStore(calls, prom, ctx);
  await store.read(fetch.selectors);

  // The RED series of services that have a finding (latency/error impact), and of services
  // Prometheus saw with a high 5xx share or a p99 spike.
  const meta = metadata ?? {};
  const firstPass = runDetectors(
    { range, nowMs: ctx.nowMs, series: store.series, metadata: meta, traces: [], logs: [], exemplars: [], missingTraceIds: [], lookbackFromMs: readRange.fromMs },
    { red: { families: familiesOf(ctx) } },
    { kinds: FIRST_PASS_KINDS },
  );
  const r = rangeDuration(readRange.fromMs, readRange.toMs);
  const flagged = [...new Set(flaggedJobs.map((l) => l.job))].map((job) => redSelector('job', job, r, familiesOf(ctx)));
  const red = [...redSelectorsFor(firstPass.anomalies, readRange, familiesOf(ctx)), ...flagged];
  await store.read(red);

  if (store.droppedSeries || store.droppedSelectors) {
    calls.skip(
      `the raw-series budget of ${budgets.maxRawSeries} was reached: ${store.droppedSeries} series and ${store.droppedSelectors} selectors were not read; narrow the range or filter by service.`,
    );
  }
  if (store.trimmedSeries) calls.skip(`${store.trimmedSeries} series had more than ${budgets.maxPointsPerSeries} samples; only the newest were checked.`);
  const mode = rawReadMode(range, budgets);
  if (mode.mode === 'step') calls.skip(`the range is long, so series were read at a ${mode.stepSec}s step instead of raw samples; resets closer together than that may count as one.`);

  const kept = newestExemplars(exemplars ?? [], budgets.maxExemplars);
  if ((exemplars?.length ?? 0) > kept.length) calls.skip(`only the newest ${kept.length} of ${exemplars!.length} exemplars were checked.`);
  return {
    series: [...store.series, ...counters.series],
    metadata: meta,
    exemplars: kept,
    lookbackFromMs: readRange.fromMs,
    counterResets: counters.flagged,
    counterScan: counters.coverage,
    leftClosedRanges: rangeIsLeftClosed(version),
  };
}
