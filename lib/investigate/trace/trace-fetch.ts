import type { Trace } from '../../model/types';
import type { JaegerClient } from '../../sources/types';
import { keyedClientCache } from '../client-cache';

/**
 * The trace page asks for the trace alone (to draw the waterfall at once) and for the full
 * investigation in parallel. Both need the same Jaeger answer: share one fetch for a few
 * seconds so Jaeger is asked once. The shared fetch has its own budget; each caller stops
 * waiting when its own request goes away.
 */
const FETCH_BUDGET_MS = 30_000;
/** How long one Jaeger answer serves both of a page's requests. */
export const TRACE_SHARE_MS = 5_000;
const traceCache = keyedClientCache<JaegerClient, Trace | null>(TRACE_SHARE_MS, 32, { dropWhenExpired: true });

export function fetchTraceShared(
  jaeger: JaegerClient,
  traceId: string,
  range: { fromMs: number; toMs: number },
  nowMs: number,
  signal?: AbortSignal,
): Promise<Trace | null> {
  return traceCache(jaeger, traceId, nowMs, (own) => jaeger.getTrace(traceId, { ...range, signal: AbortSignal.any([own, AbortSignal.timeout(FETCH_BUDGET_MS)]) }), signal);
}
