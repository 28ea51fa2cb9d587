/**
 * Each finding's role in its incident, with the reason in words (docs/incidents.md, "Roles"):
 * - symptom: a RED degradation on an entry or caller service (what users feel);
 * - cause candidate: a GC storm, leak or error burst on the symptoms' service or below it,
 *   or a restart just before the symptoms; ordered by time, then deepest in the graph;
 * - context: everything else that is linked (a callee's own latency, an earlier restart).
 */
import { kindName, type Anomaly } from '../model/anomaly';
import { clockTime, duration } from '../anomalies/format';
import { callPath, isCaller, isEntry, knowsService, type ServiceGraph } from './graph';
import { callReason, linkReason } from './group';
import { RESOURCE_KINDS, RESTART_CAUSE_WINDOW_MS, isRestart } from './rules';
import type { Role } from './types';

export interface RoleOf {
  finding: Anomaly;
  role: Role;
  reason: string;
}

const hhmm = (ms: number) => `${clockTime(ms).slice(0, 5)} UTC`;
const startMs = (a: Anomaly) => Date.parse(a.start);

/** Why a RED finding is user-facing, or null when its service is a pure callee. */
function facingReason(graph: ServiceGraph, a: Anomaly): string | null {
  const svc = a.service;
  if (!svc) return 'not tied to a service, so treated as user-facing';
  if (!knowsService(graph, svc)) return `${svc} was not seen in sampled traces, so it is treated as user-facing`;
  if (isEntry(graph, svc)) return `${svc} is where requests enter (root of sampled traces)`;
  if (isCaller(graph, svc)) return `${svc} serves other services' calls and waits on its own callees`;
  return null;
}

/** Distance below the nearest symptom service, in calls (0 = same service); null when not below any. */
function depthBelow(graph: ServiceGraph, svc: string | undefined, symptomServices: string[]): number | null {
  if (!svc) return null;
  const lengths = symptomServices.map((s) => callPath(graph, s, svc)?.length).filter((n): n is number => n !== undefined);
  return lengths.length ? Math.min(...lengths) - 1 : null;
}

export function assignRoles(group: readonly Anomaly[], graph: ServiceGraph): RoleOf[] {
  const red = group.filter((a) => a.kind === 'latency_spike' || a.kind === 'error_burst');
  const symptoms = red.filter((a) => facingReason(graph, a) !== null);
  const symptomServices = [...new Set(symptoms.flatMap((a) => (a.service ? [a.service] : [])))];
  const firstSymptomMs = symptoms.length ? Math.min(...symptoms.map(startMs)) : null;

  const causeCandidate = (a: Anomaly): boolean => {
    if (symptoms.includes(a)) return false;
    const below = symptoms.length === 0 || depthBelow(graph, a.service, symptomServices) !== null;
    if (!below) return false;
    if (RESOURCE_KINDS.includes(a.kind) || a.kind === 'error_burst') return true;
    if (isRestart(a)) return firstSymptomMs === null || startMs(a) >= firstSymptomMs - RESTART_CAUSE_WINDOW_MS;
    return false;
  };
  const causes = group.filter(causeCandidate);
  // Causes precede effects: earliest first; at the same minute the deeper service, then resource troubles before errors.
  const depth = (a: Anomaly) => depthBelow(graph, a.service, symptomServices) ?? 0;
  causes.sort(
    (a, b) =>
      Math.floor(startMs(a) / 60_000) - Math.floor(startMs(b) / 60_000) ||
      depth(b) - depth(a) ||
      Number(RESOURCE_KINDS.includes(b.kind)) - Number(RESOURCE_KINDS.includes(a.kind)) ||
      startMs(a) - startMs(b),
  );
  const lead = causes[0];

  const out: RoleOf[] = [];
  for (const a of symptoms) {
    const link = lead ? (lead.service === a.service ? `same service as the ${kindName(lead.kind)}` : lead.service && a.service ? callReason(graph, a.service, lead.service) : null) : null;
    out.push({ finding: a, role: 'symptom', reason: [facingReason(graph, a), link].filter(Boolean).join('; ') });
  }
  for (const a of causes) {
    const d = depthBelow(graph, a.service, symptomServices);
    const where = symptoms.length === 0 ? 'no user-facing symptom is linked yet' : d === 0 ? `on a symptom's own service` : `${d} ${d === 1 ? 'call' : 'calls'} below the symptoms`;
    const lead = firstSymptomMs === null ? null : firstSymptomMs - startMs(a);
    // Within a minute (one evaluation step or so) the two began together.
    const when =
      lead === null ? `started ${hhmm(startMs(a))}` : Math.abs(lead) < 60_000 ? `started ${hhmm(startMs(a))}, together with the first symptom` : lead > 0 ? `started ${hhmm(startMs(a))}, ${duration(lead)} before the first symptom` : `started ${hhmm(startMs(a))}, ${duration(-lead)} after the first symptom`;
    out.push({ finding: a, role: 'cause_candidate', reason: `${isRestart(a) ? `${a.service ?? 'the target'} restarted` : kindName(a.kind)}: ${where}; ${when}` });
  }
  for (const a of group) {
    if (symptoms.includes(a) || causes.includes(a)) continue;
    const anchor = lead ?? symptoms[0] ?? group.find((b) => b !== a);
    const link = anchor && anchor !== a ? linkReason(graph, a, anchor) : null;
    const why = isRestart(a)
      ? `${a.service ?? 'the target'} restarted ${hhmm(startMs(a))}${firstSymptomMs !== null && startMs(a) < firstSymptomMs ? `, ${duration(firstSymptomMs - startMs(a))} before the first symptom` : ''}; its counter resets distort rate() there`
      : red.includes(a)
        ? `${a.service} is only called by other services: its own ${kindName(a.kind).toLowerCase()} is felt through its callers`
        : `${kindName(a.kind)} above the symptoms' services, so it cannot explain them`;
    out.push({ finding: a, role: 'context', reason: [why, link].filter(Boolean).join('; ') });
  }
  const order: Record<Role, number> = { cause_candidate: 0, symptom: 1, context: 2 };
  return out.sort((x, y) => order[x.role] - order[y.role] || (x.role === 'cause_candidate' ? causes.indexOf(x.finding) - causes.indexOf(y.finding) : startMs(x.finding) - startMs(y.finding)));
}
