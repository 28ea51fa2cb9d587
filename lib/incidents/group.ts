/**
 * Which findings belong together (docs/incidents.md, "Grouping"): seeds (RED degradations,
 * GC storms, leaks) that overlap in time and are linked — same target, same service, or a
 * call path between their services in the trace graph — form one incident. Restarts join
 * an incident they are linked to and precede by at most RESTART_LEAD_MS. Hygiene never joins.
 */
import type { Anomaly } from '../model/anomaly';
import { num } from '../anomalies/format';
import { callPath, callShare, type ServiceGraph } from './graph';
import { toRfc3339 } from '../time/range';
import { interval, isSeed, overlaps, restartOverlaps, restartTimes, targetOf } from './rules';

/** How two findings are linked, in words, or null when they are not. */
export function linkReason(graph: ServiceGraph, a: Anomaly, b: Anomaly): string | null {
  const ta = targetOf(a);
  if (ta !== null && ta === targetOf(b)) return `same instance (${ta.split('/')[1]})`;
  if (!a.service || !b.service) return null;
  if (a.service === b.service) return `same service (${a.service})`;
  return callReason(graph, a.service, b.service) ?? callReason(graph, b.service, a.service);
}

/** "payment-gateway calls risk-engine in 100 % of sampled POST /api/checkout traces". */
export function callReason(graph: ServiceGraph, caller: string, callee: string): string | null {
  const path = callPath(graph, caller, callee);
  if (!path) return null;
  const { share, operation } = callShare(graph, caller, callee);
  const via = path.length > 2 ? ` (via ${path.slice(1, -1).join(' → ')})` : '';
  const of = operation ? `sampled ${operation} traces` : 'sampled traces';
  return `${caller} calls ${callee}${via} in ${num(share * 100, 0)} % of ${of}`;
}

/** Groups of findings, each an incident to be; hygiene and unlinked restarts are left over. */
export function groupFindings(findings: readonly Anomaly[], graph: ServiceGraph, toMs: number): { groups: Anomaly[][]; leftOver: Anomaly[] } {
  const seeds = findings.filter(isSeed);
  const spans = seeds.map((a) => interval(a, toMs));
  const parent = seeds.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < seeds.length; i++) {
    for (let j = i + 1; j < seeds.length; j++) {
      if (overlaps(spans[i], spans[j]) && linkReason(graph, seeds[i], seeds[j]) !== null) parent[find(i)] = find(j);
    }
  }
  const byRoot = new Map<number, Anomaly[]>();
  seeds.forEach((a, i) => {
    const r = find(i);
    byRoot.set(r, [...(byRoot.get(r) ?? []), a]);
  });
  const groups = [...byRoot.values()];

  const leftOver: Anomaly[] = [];
  for (const a of findings) {
    if (isSeed(a)) continue;
    const times = restartTimes(a);
    let joined = 0;
    for (const at of times) {
      // Each restart joins the first incident with a linked seed it may have led to, as an instant at its time.
      const home = groups.find((g) => g.some((s) => isSeed(s) && restartOverlaps(at, interval(s, toMs)) && linkReason(graph, a, s) !== null));
      if (!home) continue;
      joined += 1;
      if (!home.some((b) => b.id === a.id)) home.push({ ...a, start: toRfc3339(at), end: undefined });
    }
    // A record some restart of which no incident took stays in telemetry health (its rate() distortion is real).
    if (joined < times.length || times.length === 0) leftOver.push(a);
  }
  return { groups, leftOver };
}
