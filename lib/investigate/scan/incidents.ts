/**
 * GET /api/v1/incidents: one anomaly scan, its sampled traces turned into the service
 * graph, and the incident model over both (docs/api.md, "Incidents"). A source that did
 * not answer marks the incidents that need it partial; it never fails the request.
 */
import { buildIncidents, serviceGraph, sourceGaps } from '../../incidents';
import type { ScanResult } from './anomalies';

/** The answer's shape is the contract's (lib/api/contract/incidents.ts). */
export type { IncidentsResponse } from '../../api/contract/incidents';
import type { IncidentsResponse } from '../../api/contract/incidents';

/** Incidents from one scan's findings and sampled traces. */
export function incidentsOf({ response, traces }: ScanResult, query: { fromMs: number; toMs: number }): IncidentsResponse {
  const report = buildIncidents({
    findings: response.anomalies,
    graph: serviceGraph(traces),
    range: query,
    gaps: sourceGaps(response.sources),
  });
  const out: IncidentsResponse = { ...report, sources: response.sources, range: response.range };
  if (response.skipped) out.skipped = response.skipped;
  return out;
}
