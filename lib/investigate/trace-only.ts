import type { ApiTrace } from '../api/types';
import { encodeViewColumns, type SpanColumns } from '../correlate/span-columns';
import type { SourceReport } from '../model/types';
import { analyzeTrace, type TraceView } from '../correlate/trace-model';
import { apiTraceFields, processTable } from '../correlate/api-shape';
import { toRfc3339 } from '../time/range';
import type { JaegerClient } from '../sources/types';
import { callSource } from './source-call';
import { fetchTraceShared } from './trace-fetch';

/**
 * What the waterfall's first paint needs: the trace without its spans' tags and events
 * (most of a big trace's bytes; they come with the full investigation), the spans as
 * columns (span-columns.ts) so a 50,000-span trace is small to build, send and parse.
 */
export type WaterfallTrace = Omit<ApiTrace, 'spans'> & { columns: SpanColumns };

/** `GET /api/v1/traces/{id}`: the trace alone, so the waterfall draws before logs and metrics arrive. */
export interface TraceOnlyResponse {
  traceId: string;
  trace: WaterfallTrace | null;
  sources: { jaeger: SourceReport };
  range: { from: string; to: string };
}

export function waterfallTrace(view: TraceView): WaterfallTrace {
  const { processes, keyOf } = processTable();
  const columns = encodeViewColumns(view, keyOf); // fills `processes`
  return { ...apiTraceFields(view, processes), columns };
}

export async function traceOnly(
  deps: { jaeger: JaegerClient | null; nowMs: number; notConfigured: string; signal?: AbortSignal },
  traceId: string,
  range: { fromMs: number; toMs: number },
): Promise<TraceOnlyResponse> {
  const { jaeger } = deps;
  const out = await callSource(jaeger, () => fetchTraceShared(jaeger!, traceId, range, deps.nowMs, deps.signal), deps.notConfigured);
  const view = out.value && out.value.spans.length > 0 ? analyzeTrace(out.value) : null;
  return {
    traceId,
    trace: view ? { ...waterfallTrace(view), services: view.services } : null,
    sources: { jaeger: out.report },
    range: { from: toRfc3339(range.fromMs), to: toRfc3339(range.toMs) },
  };
}
