import type { SourceName, SourceReport } from '../../model/types';
import { callSource, mergeReports, withDeadline } from '../source-call';
import { roleDisplayName } from '../../model/source-names';

/**
 * The limits of one anomaly scan, and the bookkeeping every backend call of it goes
 * through: each call is bounded by the scan's deadline, leaves a per-source report, and
 * whatever a budget leaves out is written down as a sentence for the response's `skipped`.
 */

export interface AnomalyBudgets {
  /** The whole scan; calls still running then are abandoned and reported as timeouts. */
  deadlineMs: number;
  /** Raw series held at once (flagged series, their restart context, RED series). */
  maxRawSeries: number;
  /** Selectors asked for raw samples after the scan. */
  maxFetchSelectors: number;
  /** The counter-reset scan's share of the deadline; names not reached by then are reported as skipped. */
  counterScanMs: number;
  /** Raw samples held for flagged counter series (memory bound); beyond it a series keeps Prometheus' count only. */
  maxCounterRawPoints: number;
  /** Raw series of flagged GC, RED and leak signals are read this far before the range: baselines and true starts. */
  lookbackMs: number;
  /** Raw samples per series; longer ranges are read at a step instead (see rawReadMode). */
  maxPointsPerSeries: number;
  /** Assumed scrape interval when estimating points per series. */
  assumedScrapeMs: number;
  /** Requests in flight per source from one scan (the transport limits further). */
  concurrency: number;
  maxTraceServices: number;
  tracesPerService: number;
  /** The window is cut into this many slices so the trace sample spreads over it. */
  traceSlices: number;
  maxLogServices: number;
  logLinesPerService: number;
  logSlices: number;
  /** Newest exemplars kept for the dead-link check. */
  maxExemplars: number;
  /** Trace ids from exemplars / from logs looked up in Jaeger. */
  maxExemplarTraceChecks: number;
  maxLogTraceChecks: number;
}

export const DEFAULT_ANOMALY_BUDGETS: AnomalyBudgets = {
  deadlineMs: 20_000,
  maxRawSeries: 200,
  maxFetchSelectors: 120,
  counterScanMs: 12_000,
  maxCounterRawPoints: 600_000,
  lookbackMs: 3_600_000,
  maxPointsPerSeries: 11_000,
  assumedScrapeMs: 15_000,
  concurrency: 4,
  maxTraceServices: 40,
  tracesPerService: 20,
  traceSlices: 4,
  maxLogServices: 20,
  logLinesPerService: 500,
  logSlices: 4,
  maxExemplars: 2_000,
  maxExemplarTraceChecks: 50,
  maxLogTraceChecks: 20,
};

/** Run `fn` over `items` with at most `limit` calls in flight; results keep the input order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/** Calls to one source during one scan: their reports, and what was left out. */
export class SourceCalls {
  private readonly reports: SourceReport[] = [];
  readonly skipped: string[] = [];
  private failures = 0;
  private firstFailure = '';

  constructor(
    readonly name: SourceName,
    readonly client: unknown | null,
    readonly signal: AbortSignal,
    private readonly notConfigured: string,
    /** The source's type (`elasticsearch`, `tempo`…) when it is not the slot's own backend: its notes name it. */
    private readonly backend?: string,
  ) {}

  /** One call, bounded by the deadline; null when it failed (the failure is in the report). */
  async call<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T | null> {
    const outcome = await callSource(this.client, () => withDeadline(fn(this.signal), this.signal), this.notConfigured);
    this.reports.push(outcome.report);
    if (outcome.report.status === 'error' || outcome.report.status === 'timeout') {
      this.failures += 1;
      this.firstFailure ||= outcome.report.message ?? outcome.report.status;
    }
    return outcome.value;
  }

  skip(sentence: string): void {
    if (!this.skipped.includes(sentence)) this.skipped.push(sentence);
  }

  /** Worst status of the calls; `notAsked` when none was needed. */
  report(notAsked = 'not needed for the requested kinds'): SourceReport {
    if (this.client == null) return { status: 'not_configured', message: this.notConfigured, ms: 0 };
    if (this.reports.length === 0) return { status: 'ok', message: notAsked, ms: 0 };
    const merged = mergeReports(this.reports);
    if (this.failures > 0 && this.failures < this.reports.length) {
      return { ...merged, message: `${this.failures} of ${this.reports.length} requests failed; first: ${this.firstFailure}` };
    }
    return merged;
  }

  /** Sentences for `skipped`, the failures included. */
  notes(): string[] {
    const label = roleDisplayName(this.name, this.backend);
    const out = this.skipped.map((s) => `${label}: ${s}`);
    if (this.failures > 0) out.push(`${label}: ${this.failures} of ${this.reports.length} requests failed (${this.firstFailure}); findings that need them may be missing.`);
    return out;
  }
}
