/**
 * The trace each incident links to, looked for while it hurt (docs/incidents.md, "The trace
 * link"). The scan's sample is a few traces per service and slice of the range, and a
 * Jaeger search answers a slice with its newest traces (anomalies-traces.ts), so a
 * five-minute storm often falls between samples. For the first incidents, one search for
 * the lead service inside the incident's focus window (lib/incidents/best-trace.ts) adds
 * traces from the trouble itself. A search that fails or times out keeps the link the
 * sample gave: the incidents never wait on it for long.
 */
import { bestTraceLink, traceBrief, traceFocus, withTraceLink, type IncidentReport, type TraceBrief } from '../../incidents';
import type { JaegerClient, TraceSearch } from '../../sources/types';

/** Incidents (in rank order) that get a search of their own; the rest keep the sample's trace. */
export const INCIDENT_TRACE_SEARCHES = 5;
/** Traces per search: the newest of the focus window, enough for a slow one to be among them. */
export const INCIDENT_TRACE_LIMIT = 20;
export const INCIDENT_TRACE_TIMEOUT_MS = 5_000;

export type TraceBriefSearch = (q: TraceSearch) => Promise<TraceBrief[]>;

/** A search answering briefs: trace summaries where the backend has them, else briefs of full traces. */
export function traceBriefSearch(jaeger: JaegerClient, signal?: AbortSignal): TraceBriefSearch {
  return async (q) => {
    const bounded = AbortSignal.timeout(INCIDENT_TRACE_TIMEOUT_MS);
    const opts = { signal: signal ? AbortSignal.any([signal, bounded]) : bounded };
    if (jaeger.searchTraceSummaries) return jaeger.searchTraceSummaries(q, opts);
    return (await jaeger.searchTraces(q, opts)).filter((t) => t.spans.length > 0).map(traceBrief);
  };
}

/** The report with each of its first incidents linking the slowest trace of the sample and of its own search. */
export async function withIncidentTraces<R extends IncidentReport>(report: R, sampled: readonly TraceBrief[], search: TraceBriefSearch, toMs: number): Promise<R> {
  const incidents = await Promise.all(
    report.incidents.map(async (incident, rank) => {
      const focus = rank < INCIDENT_TRACE_SEARCHES ? traceFocus(incident.findings, toMs) : null;
      if (!focus) return incident;
      const found = await search({ service: focus.lead, fromMs: focus.fromMs, toMs: focus.toMs, limit: INCIDENT_TRACE_LIMIT }).catch((): TraceBrief[] => []);
      const link = bestTraceLink(focus, [...sampled, ...found]);
      return link ? withTraceLink(incident, link) : incident;
    }),
  );
  return { ...report, incidents };
}
