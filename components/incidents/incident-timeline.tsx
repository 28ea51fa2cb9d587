import type { IncidentFinding } from '@/lib/incidents';
import { ROLE_NAMES, timelineBars } from './timeline-model';

const BAR_CLASSES = {
  cause_candidate: 'bg-rose-500',
  symptom: 'bg-amber-500',
  context: 'bg-slate-400',
} as const;

/** One thin bar per finding across the checked range: when each began, and whether it still goes on. */
export function IncidentTimeline({ findings, range }: { findings: readonly IncidentFinding[]; range: { fromMs: number; toMs: number } }) {
  const bars = timelineBars(findings, range);
  return (
    <div className="space-y-0.5 rounded bg-slate-50 p-1 dark:bg-slate-950" data-testid="incident-timeline" aria-label="Timeline of the incident's findings">
      {bars.map((b) => (
        <div key={b.id} className="relative h-1.5" title={`${ROLE_NAMES[b.role]}: ${b.label}`}>
          <div className={`absolute h-1.5 rounded-sm ${BAR_CLASSES[b.role]} ${b.ongoing ? 'rounded-r-none' : ''}`} style={{ left: `${b.left * 100}%`, width: `${b.width * 100}%` }} />
        </div>
      ))}
    </div>
  );
}
