import type { CorrelatedResponse } from '../../api/types';
import type { Trace } from '../../model/types';
import type { JaegerClient } from '../../sources/types';
import { keyedClientCache } from '../client-cache';
import { createSharedScanCache, SCAN_KEY_STEP_MS } from '../scan/anomalies-cache';

/**
 * Every fetch and answer of the trace page that is shared between requests, and how long
 * (docs/architecture.md, "Data flow of the trace page"). Each is per process and keyed by
 * what it answers, so nothing relies on two requests reaching the same process: with
 * several replicas each asks Jaeger at most once per trace within TRACE_SHARE_MS, and a
 * request that reaches another replica simply fetches there.
 */

const FETCH_BUDGET_MS = 30_000;
/**
 * How long one Jaeger answer serves every request for the same trace (people
 * opening a link pasted in the incident channel; the stream, the JSON endpoints and a
 * snapshot of one page). Then it is dropped, not kept until the next insert: a
 * 50,000-span trace would otherwise be marked by the garbage collector on every request.
 */
export const TRACE_SHARE_MS = 10_000;
const traceCache = keyedClientCache<JaegerClient, Trace | null>(TRACE_SHARE_MS, 32, { dropWhenExpired: true });

/** The trace from Jaeger, shared; the shared fetch has its own budget, each caller stops waiting when its own signal aborts. */
export function fetchTraceShared(
  jaeger: JaegerClient,
  traceId: string,
  range: { fromMs: number; toMs: number },
  nowMs: number,
  signal?: AbortSignal,
): Promise<Trace | null> {
  // Keyed by the id alone: `now-1h` resolves to another range on every request, the trace is the same.
  return traceCache(jaeger, traceId, nowMs, (own) => jaeger.getTrace(traceId, { ...range, signal: AbortSignal.any([own, AbortSignal.timeout(FETCH_BUDGET_MS)]) }), signal);
}

/**
 * The full JSON investigation (`/correlated`): everyone asking for the same trace and range
 * within seconds shares one; at most 16 different ones run at once (docs/reliability.md,
 * "Queues and 429").
 */
const investigations = createSharedScanCache<CorrelatedResponse>({ ttlMs: 5_000, maxEntries: 64, maxInFlight: 16 });

export function sharedInvestigation(traceId: string, range: { fromMs: number; toMs: number }, signal: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<CorrelatedResponse>, sources = ''): Promise<CorrelatedResponse> {
  const key = JSON.stringify([sources, traceId, Math.floor(range.fromMs / SCAN_KEY_STEP_MS), Math.floor(range.toMs / SCAN_KEY_STEP_MS)]);
  return investigations.run(key, signal, run);
}
