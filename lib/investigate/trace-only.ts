import type { ApiSpan, ApiTrace } from '../api/types';
import type { SourceReport } from '../model/types';
import { analyzeTrace } from '../correlate/trace-model';
import { toApiTrace } from '../correlate/api-shape';
import { toRfc3339 } from '../time/range';
import type { JaegerClient } from '../sources/types';
import { callSource } from './source-call';
import { fetchTraceShared } from './trace-fetch';

/**
 * A span as the waterfall's first paint needs it: without its tags and events, which are
 * most of a big trace's bytes and come with the full investigation (`/correlated`).
 */
/** What the first paint needs: no tags or events; `start`, a `key` equal to the span id and empty warnings are derived by the client. */
export type WaterfallSpan = Omit<ApiSpan, 'tags' | 'events' | 'start' | 'key' | 'warnings'> & { key?: string; warnings?: string[] };
export type WaterfallTrace = Omit<ApiTrace, 'spans'> & { spans: WaterfallSpan[] };

/** `GET /api/v1/traces/{id}`: the trace alone, so the waterfall draws before logs and metrics arrive. */
export interface TraceOnlyResponse {
  traceId: string;
  trace: WaterfallTrace | null;
  sources: { jaeger: SourceReport };
  range: { from: string; to: string };
}

/** The API trace without per-span tags and events, and without what the client can derive (fewer bytes to build, send and parse). */
export function waterfallTrace(api: ApiTrace): WaterfallTrace {
  const spans = api.spans.map((s): WaterfallSpan => {
    const { tags: _tags, events: _events, start: _start, key, warnings, ...rest } = s;
    const out: WaterfallSpan = rest;
    if (key !== s.spanId) out.key = key;
    if (warnings.length > 0) out.warnings = warnings;
    return out;
  });
  return { ...api, spans };
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
    trace: view ? { ...waterfallTrace(toApiTrace(view)), services: view.services } : null,
    sources: { jaeger: out.report },
    range: { from: toRfc3339(range.fromMs), to: toRfc3339(range.toMs) },
  };
}
