import type { AnomaliesResponse } from '../api/types';
import { SEVERITIES, severityRank, type Anomaly, type Severity } from '../model/anomaly';
import { toRfc3339 } from '../time/range';
import { anomaliesPath } from '../routes';
import { buildIncidents, EMPTY_GRAPH, sourceGaps, type ServiceGraph } from '../incidents';
import { digestIncidents, type PreviousIncidents } from './incidents';
import type { Digest, DigestCounts, DigestFilters, DigestFinding, DigestGroup, ResolvedFinding } from './types';

/**
 * Pure: the findings of a window become a digest — filtered, marked new / still going /
 * resolved against the previous digest (by stable anomaly id), grouped by service, worst
 * first.
 */

export function applyFilters(anomalies: readonly Anomaly[], filters: DigestFilters): Anomaly[] {
  const services = filters.services?.length ? new Set(filters.services) : null;
  const kinds = filters.kinds?.length ? new Set<string>(filters.kinds) : null;
  const min = filters.minSeverity ? severityRank(filters.minSeverity) : 0;
  return anomalies.filter(
    (a) => (!services || (a.service !== undefined && services.has(a.service))) && (!kinds || kinds.has(a.kind)) && severityRank(a.severity) >= min,
  );
}

export interface Classified {
  current: (Anomaly & { state: 'new' | 'ongoing' })[];
  resolved: ResolvedFinding[];
}

/** `previous` null = there was no earlier digest: everything is new, nothing resolved. */
export function classify(current: readonly Anomaly[], previous: readonly ResolvedFinding[] | null): Classified {
  const before = new Set((previous ?? []).map((p) => p.id));
  const now = new Set(current.map((a) => a.id));
  return {
    current: current.map((a) => ({ ...a, state: before.has(a.id) ? ('ongoing' as const) : ('new' as const) })),
    resolved: (previous ?? []).filter((p) => !now.has(p.id)),
  };
}

const worstFirst = (a: Anomaly, b: Anomaly) =>
  severityRank(b.severity) - severityRank(a.severity) || a.start.localeCompare(b.start) || a.id.localeCompare(b.id);

/** Groups by service; the group with the worst finding first (then the bigger one, then by name). */
export function groupByService(findings: readonly DigestFinding[]): DigestGroup[] {
  const byService = new Map<string | null, DigestFinding[]>();
  for (const f of findings) {
    const key = f.service ?? null;
    byService.set(key, [...(byService.get(key) ?? []), f]);
  }
  const groups = [...byService].map(([service, list]) => ({ service, findings: [...list].sort(worstFirst) }));
  const worst = (g: DigestGroup) => Math.max(...g.findings.map((f) => severityRank(f.severity)));
  return groups.sort(
    (a, b) => worst(b) - worst(a) || b.findings.length - a.findings.length || (a.service ?? '\uffff').localeCompare(b.service ?? '\uffff'),
  );
}

export function countFindings(findings: readonly DigestFinding[], resolved: number): DigestCounts {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byKind: DigestCounts['byKind'] = {};
  for (const f of findings) {
    bySeverity[f.severity] += 1;
    byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
  }
  return {
    total: findings.length,
    new: findings.filter((f) => f.state === 'new').length,
    ongoing: findings.filter((f) => f.state === 'ongoing').length,
    resolved,
    bySeverity,
    byKind,
  };
}


export interface ComposeInput {
  schedule: { id: string; name: string };
  window: { fromMs: number; toMs: number };
  response: AnomaliesResponse;
  filters: DigestFilters;
  previous: readonly ResolvedFinding[] | null;
  nowMs: number;
  publicUrl: string;
  /** Snapshot links already made: for the whole window, and per anomaly id (trace findings). */
  snapshots?: { digest: string | null; byAnomaly: Record<string, string> };
  /** The service graph of the scan's sampled traces (links incidents across services). */
  graph?: ServiceGraph;
  /** The last digest's incidents and telemetry-health ids; null = no earlier digest. */
  previousIncidents?: PreviousIncidents | null;
  /** How many findings were left out because they are muted. */
  muted?: number;
}

export function composeDigest(input: ComposeInput): Digest {
  const base = input.publicUrl.replace(/\/+$/, '');
  const kept = applyFilters(input.response.anomalies, input.filters);
  const { current, resolved } = classify(kept, input.previous);
  const report = buildIncidents({ findings: kept, graph: input.graph ?? EMPTY_GRAPH, range: input.window, gaps: sourceGaps(input.response.sources) });
  const { incidents, health } = digestIncidents(report, input.previousIncidents ?? null);
  const digestSnapshot = input.snapshots?.digest ?? null;
  const findings: DigestFinding[] = current.map((a) => ({ ...a, snapshotUrl: input.snapshots?.byAnomaly[a.id] ?? digestSnapshot }));
  const warnings = [
    ...Object.entries(input.response.sources)
      .filter(([, r]) => r.status === 'error' || r.status === 'timeout')
      .map(([name, r]) => `${name}: ${r.status}${r.message ? ` (${r.message})` : ''}`),
    ...(input.response.skipped ?? []),
  ];
  return {
    schedule: input.schedule,
    window: { from: toRfc3339(input.window.fromMs), to: toRfc3339(input.window.toMs) },
    generatedAt: toRfc3339(input.nowMs),
    groups: groupByService(findings),
    resolved,
    counts: countFindings(findings, resolved.length),
    snapshotUrl: digestSnapshot,
    liveUrl: `${base}${anomaliesPath(input.window.fromMs, input.window.toMs)}`,
    warnings,
    incidents,
    telemetryHealth: health,
    muted: input.muted ?? 0,
  };
}

/** What the next digest compares against: this digest's findings, minimal. */
export function findingsForComparison(digest: Digest): ResolvedFinding[] {
  return digest.groups.flatMap((g) =>
    g.findings.map((f) => ({ id: f.id, kind: f.kind, severity: f.severity, title: f.title, ...(f.service ? { service: f.service } : {}) })),
  );
}

export const isEmptyDigest = (d: Digest): boolean => d.counts.total === 0 && d.counts.resolved === 0 && !(d.incidents ?? []).length;

/** What the next digest compares its incidents against. */
export const incidentsForComparison = (digest: Digest): PreviousIncidents => ({
  incidents: (digest.incidents ?? []).filter((i) => i.state !== 'resolved'),
  healthIds: digest.telemetryHealth?.findingIds ?? [],
});
