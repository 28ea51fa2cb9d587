/**
 * Findings → incidents and the "Telemetry health" section (docs/incidents.md). Ranking:
 * user-facing incidents first, worst symptom first, then the most services, then the
 * earliest; internal incidents (no symptom) after them. Hygiene is never an incident.
 */
import { severityRank, type Anomaly, type Severity } from '../model/anomaly';
import { SOURCE_NAMES, type SourceName, type SourceReport } from '../model/types';
import type { FindingMute } from '../mutes/mutes';
import { toRfc3339 } from '../time/range';
import { bestTraceLink, incidentLinks, traceFocus } from './best-trace';
import { type ServiceGraph } from './graph';
import { groupFindings } from './group';
import { assignRoles } from './roles';
import { interval, isOngoing } from './rules';
import { incidentSentence } from './sentence';
import type { Incident, IncidentFinding, IncidentReport, SourceGap } from './types';

export interface BuildInput {
  findings: readonly Anomaly[];
  graph: ServiceGraph;
  range: { fromMs: number; toMs: number };
  /** Sources that did not answer (or were not configured), with what they said. */
  gaps?: readonly SourceGap[];
}

/** What each part needs: incidents read metrics (all their seeds) and traces (their links). */
const INCIDENT_NEEDS: readonly SourceName[] = ['prometheus', 'jaeger'];

/** Sources that did not answer, in words; "not configured" counts: what it would show is missing. */
export function sourceGaps(sources: Record<SourceName, SourceReport>): SourceGap[] {
  return SOURCE_NAMES.filter((s) => sources[s].status !== 'ok').map((source) => ({
    source,
    message: sources[source].message ?? sources[source].status.replace('_', ' '),
  }));
}

const worst = (list: readonly Severity[]): Severity => list.reduce<Severity>((w, s) => (severityRank(s) > severityRank(w) ? s : w), 'info');

function brief(a: Anomaly): Omit<IncidentFinding, 'role' | 'reason'> {
  return { id: a.id, kind: a.kind, service: a.service ?? null, title: a.title, severity: a.severity, start: a.start, end: a.end ?? null };
}

function toIncident(group: Anomaly[], input: BuildInput): Incident {
  const roles = assignRoles(group, input.graph);
  const spans = group.map((a) => interval(a, input.range.toMs));
  const startMs = Math.min(...spans.map((s) => s[0]));
  const ongoing = group.some(isOngoing);
  const endMs = Math.max(...spans.map((s) => s[1]));
  const seedIds = group.filter((a) => a.kind !== 'counter_reset').sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : 1));
  const findings = roles.map((r) => ({ ...brief(r.finding), role: r.role, reason: r.reason }));
  // One chart per cause and symptom, named with its service (several services have a "p99 latency").
  const charts = roles
    .filter((r) => r.role !== 'context')
    .flatMap((r) => r.finding.links.filter((l) => l.href.startsWith('/explore')).slice(0, 1).map((l) => ({ ...l, label: r.finding.service ? `${l.label} · ${r.finding.service}` : l.label })));
  const links = incidentLinks(bestTraceLink(traceFocus(findings, input.range.toMs), input.graph.traces), charts);
  return {
    id: `inc-${(seedIds[0] ?? group[0]).id}`,
    sentence: incidentSentence(roles),
    userFacing: roles.some((r) => r.role === 'symptom'),
    severity: worst(roles.filter((r) => r.role !== 'context').map((r) => r.finding.severity)),
    start: toRfc3339(startMs),
    end: ongoing ? null : toRfc3339(endMs),
    ongoing,
    services: [...new Set(roles.flatMap((r) => (r.finding.service ? [r.finding.service] : [])))],
    findings,
    links,
    partial: (input.gaps ?? []).filter((g) => INCIDENT_NEEDS.includes(g.source)),
  };
}

const symptomSeverity = (i: Incident) => worst(i.findings.filter((f) => f.role === 'symptom').map((f) => f.severity));

/** User-facing first; then the worst symptom, the most services, ongoing, the most recent start (the one an SRE acts on). */
export function compareIncidents(a: Incident, b: Incident): number {
  return (
    Number(b.userFacing) - Number(a.userFacing) ||
    severityRank(symptomSeverity(b)) - severityRank(symptomSeverity(a)) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    b.services.length - a.services.length ||
    Number(b.ongoing) - Number(a.ongoing) ||
    Date.parse(b.start) - Date.parse(a.start) ||
    (a.id < b.id ? -1 : 1)
  );
}

export function buildIncidents(input: BuildInput): IncidentReport {
  const { groups, leftOver } = groupFindings(input.findings, input.graph, input.range.toMs);
  const incidents = groups.map((g) => toIncident(g, input)).sort(compareIncidents);
  const health = leftOver
    .slice()
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || Date.parse(a.start) - Date.parse(b.start))
    .map(brief);
  return { incidents, telemetryHealth: { findings: health, partial: [...(input.gaps ?? [])] } };
}

/** The report with each finding's acknowledgement or mute in force (applied after caching, so a new mute shows at once). */
export function withMutes<R extends IncidentReport>(report: R, mutes: ReadonlyMap<string, FindingMute>): R {
  if (mutes.size === 0) return report;
  const mark = <F extends { id: string }>(f: F): F => (mutes.has(f.id) ? { ...f, mute: mutes.get(f.id) } : f);
  return {
    ...report,
    incidents: report.incidents.map((i) => ({ ...i, findings: i.findings.map(mark) })),
    telemetryHealth: { ...report.telemetryHealth, findings: report.telemetryHealth.findings.map(mark) },
  };
}
