import type { ApiSpan, CorrelatedResponse } from '@/lib/api/types';
import type { TraceOnlyResponse } from '@/lib/investigate/trace-only';

const NO_TAGS: ApiSpan['tags'] = Object.freeze({});
const NO_WARNINGS = Object.freeze([]) as unknown as string[];
const made = new WeakMap<TraceOnlyResponse, CorrelatedResponse>();

/**
 * The investigation as far as the trace alone tells it: no logs, metrics or findings yet,
 * and no span tags or events (they come with the full investigation). Kept per response so
 * that re-renders see the same trace object.
 */
export function partialInvestigation(early: TraceOnlyResponse): CorrelatedResponse {
  const known = made.get(early);
  if (known) return known;
  const trace = early.trace && {
    ...early.trace,
    spans: early.trace.spans.map(
      (s): ApiSpan => ({
        ...s,
        key: s.key ?? s.spanId,
        start: new Date(Math.floor(s.startUs / 1000)).toISOString(),
        warnings: s.warnings ?? NO_WARNINGS,
        tags: NO_TAGS,
      }),
    ),
  };
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
