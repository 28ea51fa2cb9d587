/**
 * How the anomalies page orders and groups findings: by service, then kind, severity first
 * (critical → info) then start time; the many counter resets of one restart collapse into
 * one row. Pure, so the page and the overview share it and tests pin it down.
 */
import { severityRank, type Anomaly, type AnomalyKind, type Severity } from '@/lib/model/anomaly';
import { kindName } from './kinds';
import { restartEvents, restartGroups, type RestartEvent } from '@/lib/anomalies/restart-events';

/**
 * Severity first, then start time, then id: the order of lib/anomalies compareAnomalies
 * (a test checks they agree). Not imported from there so the page does not bundle every detector.
 */
export function compareFindings(a: Anomaly, b: Anomaly): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    startMs(a) - startMs(b) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Start as unix ms; an unparseable start sorts last rather than poisoning the order. */
export function startMs(a: Pick<Anomaly, 'start'>): number {
  const t = Date.parse(a.start);
  return Number.isFinite(t) ? t : Number.MAX_SAFE_INTEGER;
}

export interface FindingFilter {
  /** Keep findings at least this severe. */
  minSeverity?: Severity | null;
  /** Case-insensitive words, all of which must appear in the title, explanation, service or kind. */
  text?: string | null;
}

export function filterFindings(list: readonly Anomaly[], filter: FindingFilter): Anomaly[] {
  const min = filter.minSeverity ? severityRank(filter.minSeverity) : 0;
  const words = (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return list.filter((a) => {
    if (severityRank(a.severity) < min) return false;
    if (words.length === 0) return true;
    const hay = [a.title, a.explanation, a.service ?? '', a.kind, kindName(a.kind), a.id].join('\n').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** One row of the list: a single finding, or the counter resets of one restart. */
export type FindingRow =
  | { type: 'single'; key: string; anomaly: Anomaly }
  | { type: 'collapsed'; key: string; group: string; anomalies: Anomaly[]; lead: Anomaly; event: RestartEvent };

export interface KindGroup {
  kind: AnomalyKind;
  rows: FindingRow[];
  count: number;
  worst: Severity;
}

export interface ServiceGroup {
  /** null: findings not tied to one service. */
  service: string | null;
  kinds: KindGroup[];
  count: number;
  worst: Severity;
}

/** The finding that represents a row in the order: the first (worst, earliest) one. */
export const rowLead = (row: FindingRow): Anomaly => (row.type === 'single' ? row.anomaly : row.lead);
export const rowFindings = (row: FindingRow): Anomaly[] => (row.type === 'single' ? [row.anomaly] : row.anomalies);

/**
 * Rows of findings already sorted by compareFindings: the counter resets of one restart of
 * a target become one row (lib/anomalies/restart-events.ts) at the place of its first
 * member; a series that reset at two restarts is a member of both rows.
 */
export function collapseRows(sorted: readonly Anomaly[]): FindingRow[] {
  const { events } = restartEvents(sorted);
  const byKey = new Map(events.filter((e) => e.members.length >= 2).map((e) => [e.key, e]));
  const rows: FindingRow[] = [];
  const placed = new Set<string>();
  for (const a of sorted) {
    const mine = restartGroups(a).filter((g) => byKey.has(g));
    for (const g of mine) {
      if (placed.has(g)) continue;
      placed.add(g);
      const e = byKey.get(g)!;
      rows.push({ type: 'collapsed', key: `group:${g}`, group: g, anomalies: e.members, lead: e.members[0], event: e });
    }
    if (mine.length === 0) rows.push({ type: 'single', key: a.id, anomaly: a });
  }
  return rows;
}

/** Services in order of their worst, earliest finding; kinds likewise inside each service. */
export function groupFindings(list: readonly Anomaly[]): ServiceGroup[] {
  const sorted = [...list].sort(compareFindings);
  const services = new Map<string | null, Map<AnomalyKind, Anomaly[]>>();
  for (const a of sorted) {
    const service = a.service ?? null;
    const kinds = services.get(service) ?? new Map<AnomalyKind, Anomaly[]>();
    kinds.set(a.kind, [...(kinds.get(a.kind) ?? []), a]);
    services.set(service, kinds);
  }
  // Map iteration follows insertion, i.e. the position of each group's first (worst) finding.
  return [...services].map(([service, kinds]) => {
    const kindGroups = [...kinds].map(([kind, items]) => ({ kind, rows: collapseRows(items), count: items.length, worst: items[0].severity }));
    return {
      service,
      kinds: kindGroups,
      count: kindGroups.reduce((n, k) => n + k.count, 0),
      worst: kindGroups[0].worst,
    };
  });
}

/** All rows across services, worst first: the overview's "worst findings". */
export function worstRows(list: readonly Anomaly[], limit: number): FindingRow[] {
  return collapseRows([...list].sort(compareFindings)).slice(0, limit);
}

/** Whether a row is the open one (`open` view parameter): its key or any of its findings' ids. */
export function rowIsOpen(row: FindingRow, open: string | null): boolean {
  if (!open) return false;
  return row.key === open || rowFindings(row).some((a) => a.id === open);
}
