/**
 * GET /api/v1/incidents: one anomaly scan, its sampled traces turned into the service
 * graph, and the incident model over both (docs/api.md, "Incidents"); each leading
 * incident's trace is then looked for where it hurt (incident-traces.ts). A source that
 * did not answer marks the incidents that need it partial; it never fails the request.
 */
import { buildIncidents, serviceGraph, sourceGaps } from '../../incidents';
import type { ScanResult } from './anomalies';
import { withIncidentTraces, type TraceBriefSearch } from './incident-traces';

/** The answer's shape is the contract's (lib/api/contract/incidents.ts). */
export type { IncidentsResponse } from '../../api/contract/incidents';
import type { IncidentsResponse } from '../../api/contract/incidents';

/**
 * Incidents from one scan's findings and sampled traces. `search` finds traces for the
 * leading incidents; it is not asked when the scan's Jaeger did not answer.
 */
export async function incidentsOf({ response, traces }: ScanResult, query: { fromMs: number; toMs: number }, search: TraceBriefSearch | null): Promise<IncidentsResponse> {
  const graph = serviceGraph(traces);
  const built = buildIncidents({ findings: response.anomalies, graph, range: query, gaps: sourceGaps(response.sources) });
  const report = search && response.sources.jaeger.status === 'ok' ? await withIncidentTraces(built, graph.traces, search, query.toMs) : built;
  const out: IncidentsResponse = { ...report, sources: response.sources, range: response.range };
  if (response.skipped) out.skipped = response.skipped;
  return out;
}
