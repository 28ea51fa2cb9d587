/**
 * The trace an incident links to (docs/incidents.md, "The trace link"): the slowest trace
 * through its lead service — and a symptom's service when a trace has both — that ran while
 * the incident hurt, i.e. while its cause candidates and symptoms were active. The minutes
 * between a restart and the trouble it preceded only give context: a trace from them shows
 * nothing of the incident.
 */
import type { AnomalyLink } from '../model/anomaly';
import { toRfc3339 } from '../time/range';
import type { TraceBrief } from './graph';
import { interval } from './rules';
import type { Incident, IncidentFinding } from './types';

/** Where and when to look for the incident's trace. */
export interface TraceFocus {
  lead: string;
  /** A symptom's service other than the lead: a trace through both shows the harm travel. */
  symptom: string | null;
  fromMs: number;
  toMs: number;
}

type FocusFinding = Pick<IncidentFinding, 'role' | 'service' | 'kind' | 'start' | 'end'>;

/** The lead (first cause candidate, else the first finding) and the window its causes and symptoms were active in. */
export function traceFocus(findings: readonly FocusFinding[], toMs: number): TraceFocus | null {
  const lead = findings.find((f) => f.role === 'cause_candidate')?.service ?? findings[0]?.service ?? null;
  if (!lead) return null;
  const symptom = findings.find((f) => f.role === 'symptom' && f.service !== lead)?.service ?? null;
  const lasting = findings.filter((f) => f.kind !== 'counter_reset');
  const hurting = lasting.filter((f) => f.role !== 'context');
  const spans = (hurting.length ? hurting : lasting.length ? lasting : findings).map((f) => interval(f, toMs));
  return { lead, symptom, fromMs: Math.min(...spans.map((s) => s[0])), toMs: Math.max(...spans.map((s) => s[1])) };
}

/** The slowest trace through the focus's services that overlapped its window, linked with ±15 min around it; null when none did. */
export function bestTraceLink(focus: TraceFocus | null, traces: readonly TraceBrief[]): AnomalyLink | null {
  if (!focus) return null;
  const during = traces.filter((t) => t.startMs <= focus.toMs && t.startMs + t.durationMs >= focus.fromMs && t.services.includes(focus.lead));
  const both = focus.symptom ? during.filter((t) => t.services.includes(focus.symptom!)) : [];
  const pick = (both.length ? both : during).reduce<TraceBrief | null>(
    (b, t) => (!b || t.durationMs > b.durationMs || (t.durationMs === b.durationMs && t.traceId < b.traceId) ? t : b),
    null,
  );
  if (!pick) return null;
  const q = new URLSearchParams({ from: toRfc3339(pick.startMs - 15 * 60_000), to: toRfc3339(pick.startMs + 15 * 60_000) });
  return { label: `Slowest sampled trace through ${focus.lead}`, href: `/trace/${encodeURIComponent(pick.traceId)}?${q.toString()}` };
}

const isTraceLink = (l: AnomalyLink) => l.href.startsWith('/trace/');

/** The trace link first, then the charts, without repeats, at most five. */
export function incidentLinks(trace: AnomalyLink | null, others: readonly AnomalyLink[]): AnomalyLink[] {
  return [...(trace ? [trace] : []), ...others.filter((l) => !isTraceLink(l))].filter((l, i, all) => all.findIndex((m) => m.href === l.href) === i).slice(0, 5);
}

/** The incident linking `trace` instead of the trace it had (its charts kept). */
export function withTraceLink(incident: Incident, trace: AnomalyLink): Incident {
  return { ...incident, links: incidentLinks(trace, incident.links) };
}
