import type { CorrelatedResponse } from '@/lib/api/types';
import type { TraceOnlyResponse } from '@/lib/investigate/trace/trace-only';
import { decodeSpanColumns } from '@/lib/correlate/span-columns';

const made = new WeakMap<TraceOnlyResponse, CorrelatedResponse>();

/**
 * The investigation as far as the trace alone tells it: no logs, metrics or findings yet,
 * and no span tags or events (they come with the full investigation). Kept per response so
 * that re-renders see the same trace object.
 */
export function partialInvestigation(early: TraceOnlyResponse): CorrelatedResponse {
  const known = made.get(early);
  if (known) return known;
  let trace: CorrelatedResponse['trace'] = null;
  if (early.trace) {
    const { columns, ...rest } = early.trace;
    trace = { ...rest, spans: decodeSpanColumns(columns) };
  }
  const out: CorrelatedResponse = {
    traceId: early.traceId,
    trace,
    logs: [],
    metrics: [],
    exemplars: [],
    anomalies: [],
    sources: early.sources as CorrelatedResponse['sources'],
    range: early.range,
  };
  made.set(early, out);
  return out;
}
