import { IntentLink } from '@/components/ui/intent-link';
import { SeverityBadge } from '@/components/anomalies/badges';
import { findingLinks } from '@/components/anomalies/links';
import { clockText, relativeTime } from '@/components/anomalies/time-text';
import { useTimeZone } from '@/components/settings/time-zone';
import type { Incident } from '@/lib/incidents';
import { ServiceLink } from '@/components/ui/service-link';
import type { LinkRange } from '@/lib/routes';
import { muteText } from '@/lib/mutes/text';
import { IncidentTimeline } from './incident-timeline';
import { MuteControl } from './mute-control';
import { ROLE_NAMES } from './timeline-model';

interface Props {
  incident: Incident;
  range: { from: string; to: string; fromMs: number; toMs: number; link?: LinkRange | null };
  nowMs: number;
  /** Show each finding's role and reason (the card opened). */
  open?: boolean;
  onMuted?: () => void;
}

const ROLE_CLASSES = {
  cause_candidate: 'text-rose-700 dark:text-rose-300',
  symptom: 'text-amber-700 dark:text-amber-300',
  context: 'text-slate-500',
} as const;

/** One incident: its sentence, services, a small timeline, the best trace and the charts. Text only (names are data). */
export function IncidentCard({ incident, range, nowMs, open = false, onMuted }: Props) {
  const zone = useTimeZone();
  const links = findingLinks(incident, range);
  const start = Date.parse(incident.start);
  return (
    <article
      data-testid="incident-card"
      data-list-item
      data-incident={incident.id}
      data-user-facing={String(incident.userFacing)}
      className="space-y-2 rounded border border-slate-300 bg-white px-4 py-3 dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
        <SeverityBadge severity={incident.severity} />
        <span className="font-medium">{incident.userFacing ? 'User-facing' : 'Internal'}</span>
        <span data-testid="incident-start">
          {incident.ongoing ? 'since' : 'from'} <time dateTime={incident.start}>{clockText(start, zone, range.toMs)}</time> ({relativeTime(start, nowMs)})
          {incident.end && (
            <>
              {' '}to <time dateTime={incident.end}>{clockText(Date.parse(incident.end), zone, range.toMs)}</time>
            </>
          )}
        </span>
        {incident.ongoing ? <span className="rounded bg-rose-100 px-1.5 text-rose-800 dark:bg-rose-950 dark:text-rose-200">ongoing</span> : <span>resolved</span>}
      </div>
      <p className="text-base font-medium" data-testid="incident-sentence">
        {incident.sentence}
      </p>
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="incident-services">
        {incident.services.map((s, k) => (
          <span key={s}>
            {k > 0 ? ' · ' : ''}
            <ServiceLink name={s} />
          </span>
        ))}
      </p>
      <IncidentTimeline findings={incident.findings} range={range} />
      {incident.partial.length > 0 && (
        <p role="note" className="text-xs text-amber-800 dark:text-amber-300" data-testid="incident-partial">
          Partial: {incident.partial.map((g) => `${g.source} did not answer (${g.message})`).join('; ')}.
        </p>
      )}
      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
        {links.map((l, i) => (
          <li key={`${i}-${l.href}`}>
            <IntentLink href={l.href} data-testid={l.kind === 'trace' ? 'incident-trace-link' : 'incident-chart-link'} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
              {l.kind === 'trace' ? '↗ ' : '⌕ '}
              {l.label}
            </IntentLink>
          </li>
        ))}
      </ul>
      <details open={open} className="text-sm">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">
          {incident.findings.length} {incident.findings.length === 1 ? 'finding' : 'findings'} and why they belong together
        </summary>
        <ol className="mt-2 space-y-2">
          {incident.findings.map((f) => (
            <li key={f.id} id={`finding-${f.id}`} data-testid="incident-finding" data-finding={f.id} data-role={f.role} data-kind={f.kind} data-service={f.service ?? ''}>
              <span className={`font-semibold ${ROLE_CLASSES[f.role]}`}>{ROLE_NAMES[f.role]}</span> · {f.title}
              <div className="text-xs text-slate-500">{f.reason}</div>
              {f.mute ? (
                <div className="text-xs text-violet-700 dark:text-violet-300" data-testid="finding-mute">
                  {muteText(f.mute)}
                </div>
              ) : (
                onMuted && <MuteControl findingId={f.id} onDone={onMuted} />
              )}
            </li>
          ))}
        </ol>
      </details>
    </article>
  );
}
