/**
 * Telemetry health on the overview: one line per service and kind (a trace detector finds
 * orphan spans trace by trace), the worst finding's title, how many, and the latest. Pure.
 */
import type { TelemetryHealth } from '@/lib/incidents';
import { severityRank, type Severity } from '@/lib/model/anomaly';

type HealthFinding = TelemetryHealth['findings'][number];

export interface HealthGroup {
  key: string;
  kind: HealthFinding['kind'];
  service: string | null;
  worst: HealthFinding;
  count: number;
  latestStart: string;
  /** Someone acknowledged or muted every finding of the group. */
  allMuted: boolean;
}

export function healthGroups(findings: readonly HealthFinding[]): HealthGroup[] {
  const groups = new Map<string, HealthGroup>();
  for (const f of findings) {
    const key = JSON.stringify([f.service, f.kind]);
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { key, kind: f.kind, service: f.service, worst: f, count: 1, latestStart: f.start, allMuted: f.mute !== undefined });
      continue;
    }
    g.count += 1;
    if (severityRank(f.severity) > severityRank(g.worst.severity)) g.worst = f;
    if (f.start > g.latestStart) g.latestStart = f.start;
    g.allMuted &&= f.mute !== undefined;
  }
  const rank = (s: Severity) => severityRank(s);
  return [...groups.values()].sort((a, b) => rank(b.worst.severity) - rank(a.worst.severity) || b.count - a.count || (a.key < b.key ? -1 : 1));
}
