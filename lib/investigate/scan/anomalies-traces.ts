/**
 * The Jaeger side of an anomaly scan: a bounded sample of traces per service, spread over
 * the window (never every trace), and the lookup of trace ids seen elsewhere (exemplars,
 * logs) that the sample did not contain — a null answer is a missing trace.
 */
import { canonicalTraceId } from '../../model/ids';
import type { Trace } from '../../model/types';
import type { JaegerClient } from '../../sources/types';
import { mapBounded, type AnomalyBudgets, type SourceCalls } from './anomalies-budgets';
import { sliceWindow, type TimeWindow } from './anomalies-plan';

export async function sampleTraces(
  calls: SourceCalls,
  jaeger: JaegerClient,
  range: TimeWindow,
  budgets: AnomalyBudgets,
  service?: string,
): Promise<Trace[]> {
  const known = (await calls.call((signal) => jaeger.services({ signal }))) ?? [];
  let wanted = [...known].sort();
  if (service !== undefined) wanted = wanted.filter((s) => s === service);
  if (wanted.length > budgets.maxTraceServices) {
    calls.skip(`traces were sampled for ${budgets.maxTraceServices} of ${wanted.length} services (filter by service to see the others).`);
    wanted = wanted.slice(0, budgets.maxTraceServices);
  }
  const slices = sliceWindow(range, budgets.traceSlices);
  const perSlice = Math.max(1, Math.ceil(budgets.tracesPerService / slices.length));
  const jobs = wanted.flatMap((svc) => slices.map((w) => ({ svc, w })));
  const found = await mapBounded(jobs, budgets.concurrency, ({ svc, w }) =>
    calls.call((signal) => jaeger.searchTraces({ service: svc, fromMs: w.fromMs, toMs: w.toMs, limit: perSlice }, { signal })),
  );
  const byId = new Map<string, Trace>();
  for (const t of found.flat()) if (t && !byId.has(t.traceId)) byId.set(t.traceId, t);
  return [...byId.values()];
}

/** A trace may start well before the log line or exemplar that names it: widen the lookup hint. */
const LOOKUP_MARGIN_MS = 3_600_000;

/** Trace ids Jaeger does not have, out of `ids` (already bounded by the caller). */
export async function findMissingTraces(
  calls: SourceCalls,
  jaeger: JaegerClient,
  ids: readonly string[],
  range: TimeWindow,
  budgets: AnomalyBudgets,
): Promise<string[]> {
  const unique = [...new Set(ids.map((id) => canonicalTraceId(id)).filter((id): id is string => id !== null))];
  const found = await mapBounded(unique, budgets.concurrency, async (id) => {
    // A failed lookup is not evidence that the trace is missing: only an explicit null is.
    let answered = false;
    const trace = await calls.call(async (signal) => {
      const t = await jaeger.getTrace(id, { signal, fromMs: range.fromMs - LOOKUP_MARGIN_MS, toMs: range.toMs + LOOKUP_MARGIN_MS });
      answered = true;
      return t;
    });
    return answered && trace === null ? id : null;
  });
  return found.filter((id): id is string => id !== null);
}
