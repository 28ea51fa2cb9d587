/**
 * The anomalies page grouped by incident (docs/incidents.md): each incident's findings in
 * its own order (cause candidates, symptoms, context), then Telemetry health, then what
 * neither holds (e.g. a finding filtered differently or newer than the incident scan). Pure.
 */
import type { Incident, IncidentReport, Role } from '@/lib/incidents';
import type { Anomaly } from '@/lib/model/anomaly';
import { collapseRows, compareFindings, type FindingRow } from './grouping';

export interface IncidentSection {
  key: string;
  kind: 'incident' | 'health' | 'other';
  incident: Incident | null;
  rows: FindingRow[];
  /** Each finding's role and reason in its incident, by finding id. */
  roles: Map<string, { role: Role; reason: string }>;
}

export function groupByIncident(anomalies: readonly Anomaly[], report: IncidentReport): IncidentSection[] {
  const byId = new Map(anomalies.map((a) => [a.id, a]));
  const used = new Set<string>();
  const take = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const a = byId.get(id);
      if (!a || used.has(id)) return [];
      used.add(id);
      return [a];
    });
  const sections: IncidentSection[] = report.incidents.map((i) => ({
    key: i.id,
    kind: 'incident',
    incident: i,
    rows: collapseRows(take(i.findings.map((f) => f.id))),
    roles: new Map(i.findings.map((f) => [f.id, { role: f.role, reason: f.reason }])),
  }));
  const health = take(report.telemetryHealth.findings.map((f) => f.id)).sort(compareFindings);
  if (health.length) sections.push({ key: 'telemetry-health', kind: 'health', incident: null, rows: collapseRows(health), roles: new Map() });
  const rest = anomalies.filter((a) => !used.has(a.id)).sort(compareFindings);
  if (rest.length) sections.push({ key: 'other', kind: 'other', incident: null, rows: collapseRows(rest), roles: new Map() });
  return sections.filter((s) => s.rows.length > 0);
}
