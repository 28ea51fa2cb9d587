import { canonicalTraceId } from '../../model/ids';
import type { Trace, TraceSummary } from '../../model/types';
import type { z } from 'zod';
import type { v3SummariesSchema } from './schemas';

/** Pure: trace summaries, from Jaeger's v3 summaries or computed from full traces. */

export function summarizeTrace(trace: Trace): TraceSummary {
  const ids = new Set(trace.spans.map((s) => s.spanId));
  let root: Trace['spans'][number] | null = null;
  let startUs = Infinity;
  let endUs = -Infinity;
  let errors = 0;
  const services = new Set<string>();
  for (const s of trace.spans) {
    if (s.startUs < startUs) startUs = s.startUs;
    if (s.startUs + s.durationUs > endUs) endUs = s.startUs + s.durationUs;
    if (s.status === 'error') errors += 1;
    services.add(s.service);
    const isRoot = s.parentSpanId === null || !ids.has(s.parentSpanId);
    // Prefer a true root (no parent at all) over an orphan, then the earliest.
    if (isRoot && (!root || (root.parentSpanId !== null && s.parentSpanId === null) || ((root.parentSpanId === null) === (s.parentSpanId === null) && s.startUs < root.startUs))) root = s;
  }
  const empty = trace.spans.length === 0;
  return {
    traceId: trace.traceId,
    rootService: root?.service ?? null,
    rootOperation: root?.operation ?? null,
    startMs: empty ? 0 : Math.floor(startUs / 1000),
    durationMs: empty ? 0 : (endUs - startUs) / 1000,
    spanCount: trace.spans.length,
    errorSpanCount: errors,
    services: [...services].sort(),
  };
}

const nsToMs = (ns: string | undefined) => (ns && ns.length > 6 ? Number(ns.slice(0, -6)) + Number(ns.slice(-6)) / 1e6 : 0);

export function normalizeSummariesV3(raw: z.infer<typeof v3SummariesSchema>): TraceSummary[] {
  const out: TraceSummary[] = [];
  for (const s of raw.summaries ?? []) {
    const traceId = canonicalTraceId(s.traceId);
    if (!traceId) continue;
    const start = nsToMs(s.minStartTimeUnixNano);
    const end = nsToMs(s.maxEndTimeUnixNano);
    out.push({
      traceId,
      rootService: s.rootServiceName || null,
      rootOperation: s.rootOperationName || null,
      startMs: Math.floor(start),
      durationMs: Math.max(0, end - start),
      spanCount: s.spanCount ?? 0,
      errorSpanCount: s.errorSpanCount ?? 0,
      services: (s.services ?? []).map((x) => x.name).sort(),
    });
  }
  return out;
}
