import { encodeViewColumns } from '../../correlate/span-columns';
import { analyzeTrace, type TraceView } from '../../correlate/trace-model';
import { apiTraceFields, processTable } from '../../correlate/api-shape';
import { toRfc3339 } from '../../time/range';
import type { InvestigationContext } from '../context';
import { callSource } from '../source-call';
import { fetchTraceShared } from './fetch-cache';
import type { TraceOnlyResponse, WaterfallTrace } from '../../api/contract/trace';

/** The answer's shapes are the contract's (lib/api/contract/trace.ts). */
export type { TraceOnlyResponse, WaterfallTrace } from '../../api/contract/trace';

export function waterfallTrace(view: TraceView): WaterfallTrace {
  const { processes, keyOf } = processTable();
  const columns = encodeViewColumns(view, keyOf); // fills `processes`
  return { ...apiTraceFields(view, processes), columns };
}

export async function traceOnly(ctx: InvestigationContext, traceId: string, range: { fromMs: number; toMs: number }): Promise<TraceOnlyResponse> {
  const { jaeger } = ctx.clients;
  const out = await callSource(jaeger, () => fetchTraceShared(jaeger!, traceId, range, ctx.nowMs, ctx.signal), ctx.config.notConfigured.jaeger);
  const view = out.value && out.value.spans.length > 0 ? analyzeTrace(out.value) : null;
  return {
    traceId,
    trace: view ? { ...waterfallTrace(view), services: view.services } : null,
    sources: { jaeger: out.report },
    range: { from: toRfc3339(range.fromMs), to: toRfc3339(range.toMs) },
  };
}
