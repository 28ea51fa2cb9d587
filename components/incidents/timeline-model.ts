/**
 * The small timeline of an incident card: one bar per finding across the checked range,
 * as fractions of its width (0–1), so the card can draw it with plain boxes. Pure.
 */
import type { IncidentFinding, Role } from '@/lib/incidents';

export interface TimelineBar {
  id: string;
  role: Role;
  label: string;
  /** Left edge and width as fractions of the range; instants get a minimum width to stay visible. */
  left: number;
  width: number;
  ongoing: boolean;
}

const MIN_WIDTH = 0.006;
const clamp = (x: number) => Math.min(1, Math.max(0, x));

/** One bar per finding; a restart's counter resets (same service, same instant) share one. */
export function timelineBars(findings: readonly IncidentFinding[], range: { fromMs: number; toMs: number }): TimelineBar[] {
  const span = range.toMs - range.fromMs;
  if (!(span > 0)) return [];
  const seen = new Set<string>();
  const distinct = findings.filter((f) => {
    if (f.kind !== 'counter_reset') return true;
    const key = `${f.service}\u0000${f.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return distinct.map((f) => {
    const start = clamp((Date.parse(f.start) - range.fromMs) / span);
    const end = f.end === null && f.kind !== 'counter_reset' ? 1 : clamp(((f.end ? Date.parse(f.end) : Date.parse(f.start)) - range.fromMs) / span);
    const left = Math.min(start, 1 - MIN_WIDTH);
    return { id: f.id, role: f.role, label: `${f.service ?? ''} ${f.title}`.trim(), left, width: Math.max(MIN_WIDTH, end - left), ongoing: f.end === null && f.kind !== 'counter_reset' };
  });
}

export const ROLE_NAMES: Record<Role, string> = { symptom: 'Symptom', cause_candidate: 'Cause candidate', context: 'Context' };
