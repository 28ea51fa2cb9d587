import type { CorrelatedResponse } from '@/lib/api/types';
import type { TraceOnlyResponse } from '@/lib/investigate/trace-only';

/** The investigation as far as the trace alone tells it: no logs, metrics or findings yet. */
export function partialInvestigation(early: TraceOnlyResponse): CorrelatedResponse {
  return {
    traceId: early.traceId,
    trace: early.trace,
    logs: [],
    metrics: [],
    exemplars: [],
    anomalies: [],
    sources: early.sources as CorrelatedResponse['sources'],
    range: early.range,
  };
}
