/**
 * Pure: the incidents part of a digest (docs/incidents.md). Incidents come first, each
 * marked new, still going or resolved since the last digest; then a telemetry-health
 * summary with the same three counts. An incident is "still going" when the last digest
 * had one with the same id or sharing a finding (an incident can grow new findings).
 */
import type { Incident, IncidentReport } from '../incidents';
import type { FindingState } from './types';

export type { DigestHealth, DigestIncident } from './types';
import type { DigestHealth, DigestIncident } from './types';

export interface PreviousIncidents {
  incidents: Pick<DigestIncident, 'id' | 'findingIds' | 'sentence' | 'severity' | 'userFacing' | 'start' | 'end' | 'services'>[];
  healthIds: string[];
}

function toDigestIncident(i: Incident, state: FindingState): DigestIncident {
  return {
    id: i.id,
    state,
    sentence: i.sentence,
    severity: i.severity,
    userFacing: i.userFacing,
    start: i.start,
    end: i.end,
    services: i.services,
    findingIds: i.findings.map((f) => f.id),
    partial: i.partial.map((g) => g.source),
  };
}

/** `previous` null = no earlier digest: everything is new, nothing resolved. */
export function digestIncidents(report: IncidentReport, previous: PreviousIncidents | null): { incidents: DigestIncident[]; health: DigestHealth } {
  const before = previous?.incidents ?? [];
  const matches = (i: Incident, p: PreviousIncidents['incidents'][number]) => p.id === i.id || i.findings.some((f) => p.findingIds.includes(f.id));
  const current = report.incidents.map((i) => toDigestIncident(i, before.some((p) => matches(i, p)) ? 'ongoing' : 'new'));
  const resolved: DigestIncident[] = before
    .filter((p) => !report.incidents.some((i) => matches(i, p)))
    .map((p) => ({ ...p, state: 'resolved', partial: [] }));

  const healthIds = report.telemetryHealth.findings.map((f) => f.id);
  const prevHealth = new Set(previous?.healthIds ?? []);
  const byKind: DigestHealth['byKind'] = {};
  for (const f of report.telemetryHealth.findings) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
  const ongoing = healthIds.filter((id) => prevHealth.has(id)).length;
  return {
    incidents: [...current, ...resolved],
    health: {
      total: healthIds.length,
      new: healthIds.length - ongoing,
      ongoing,
      resolved: [...prevHealth].filter((id) => !healthIds.includes(id)).length,
      byKind,
      findingIds: healthIds,
    },
  };
}
