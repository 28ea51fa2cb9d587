/**
 * The one sentence a person would write about an incident: the lead cause and since when,
 * then what it does to its own service and to the services users talk to.
 */
import type { Anomaly } from '../model/anomaly';
import { clockTime, num, pct } from '../anomalies/format';
import { isOngoing, isRestart } from './rules';
import type { RoleOf } from './roles';

const hhmm = (iso: string) => `${clockTime(Date.parse(iso)).slice(0, 5)} UTC`;
const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** "Since 12:04 UTC" or "From 12:04 UTC to 12:30 UTC". */
const when = (a: Anomaly) => (isOngoing(a) || !a.end ? `Since ${hhmm(a.start)}` : `From ${hhmm(a.start)} to ${hhmm(a.end)}`);

/** The lead clause: what happened to the lead finding's service. */
function leadClause(a: Anomaly): string {
  const svc = a.service ?? 'a target';
  const e = a.evidence;
  const going = isOngoing(a);
  switch (a.kind) {
    case 'gc_storm': {
      const peak = n(e.peakCollectionsPerSec);
      const base = n(e.baselineCollectionsPerSec);
      const frac = n(e.peakTimeFraction);
      const detail = peak !== null && base !== null ? ` (${num(peak, 1)} collections/s, usually ${num(base, 2)}/s)` : frac !== null ? ` (${pct(frac)} of wall time in GC)` : '';
      return `${when(a)} ${svc} ${going ? 'has been' : 'was'} in a GC storm${detail}.`;
    }
    case 'leak': {
      const perHour = n(e.perHour);
      return `${when(a)} ${svc} ${going ? 'has been' : 'was'} leaking: ${a.subject.series?.name ?? 'a resource'} keeps rising${perHour !== null ? ` (about ${num(perHour, 0)} per hour)` : ''}.`;
    }
    case 'error_burst':
    case 'latency_spike':
      return `${when(a)} ${svc}'s ${redEffect(a).replace(/^(p99|errors) (is|are) /, (_, what: string) => `${what} ${what === 'p99' ? 'has' : 'have'} been `)}.`;
    default:
      if (isRestart(a)) return `${svc} restarted at ${hhmm(a.start)}.`;
      return `${when(a)}: ${a.title}.`;
  }
}

/** "p99 is 39× higher" / "errors are up to 9 % of requests (usually 0.2 %)": a RED finding's size. */
function redEffect(a: Anomaly): string {
  const e = a.evidence;
  const going = isOngoing(a);
  if (a.kind === 'latency_spike') {
    const ratio = n(e.ratio);
    const peak = n(e.peakP99Ms);
    const size = ratio !== null ? `${num(ratio, ratio >= 10 ? 0 : 1)}× higher` : peak !== null ? `up to ${num(peak, 0)} ms` : 'higher than usual';
    return `p99 ${going ? 'is' : 'was'} ${size}`;
  }
  const peak = n(e.peakErrorShare);
  const base = n(e.baselineErrorShare);
  const share = peak !== null ? `up to ${pct(peak)} of requests${base !== null ? ` (usually ${pct(base)})` : ''}` : 'above usual';
  return `errors ${going ? 'are' : 'were'} ${share}`;
}

const joinAnd = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

export function incidentSentence(roles: readonly RoleOf[]): string {
  const lead = roles.find((r) => r.role === 'cause_candidate') ?? roles.find((r) => r.role === 'symptom') ?? roles[0];
  if (!lead) return '';
  const parts = [leadClause(lead.finding)];
  const leadSvc = lead.finding.service;
  const red = roles.filter((r) => r !== lead && (r.finding.kind === 'latency_spike' || r.finding.kind === 'error_burst'));
  const own = red.filter((r) => r.finding.service === leadSvc).map((r) => `its ${redEffect(r.finding)}`);
  const others = red.filter((r) => r.role === 'symptom' && r.finding.service !== leadSvc).map((r) => `${r.finding.service ?? 'a service'}'s ${redEffect(r.finding)}`);
  const effects = joinAnd([...own, ...others]);
  // Service names keep their case; only "its" is capitalized.
  if (effects) parts.push(`${effects.startsWith('its ') ? `I${effects.slice(1)}` : effects}.`);
  if (lead.role === 'symptom') parts.push('No cause candidate was found among the linked services.');
  const restart = roles.find((r) => r !== lead && isRestart(r.finding));
  if (restart) parts.push(`${restart.finding.service ?? 'A target'} restarted at ${hhmm(restart.finding.start)}.`);
  return parts.join(' ');
}
