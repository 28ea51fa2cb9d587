import { IntentLink } from '@/components/ui/intent-link';
import { KindBadge, SeverityBadge } from '@/components/anomalies/badges';
import { clockText } from '@/components/anomalies/time-text';
import { useTimeZone } from '@/components/settings/time-zone';
import type { TelemetryHealth } from '@/lib/incidents';
import { muteText } from '@/lib/mutes/text';
import { healthGroups } from './health-groups';

/** Tracing, logging and counter hygiene: listed apart, never ranked with incidents; one line per service and kind. */
export function TelemetryHealthList({ health, referenceMs, listHref }: { health: TelemetryHealth; referenceMs: number; listHref: (service: string | null, kind: string) => string }) {
  const zone = useTimeZone();
  if (health.findings.length === 0) return <p className="text-sm text-slate-500">No telemetry problems in this range.</p>;
  return (
    <ul className="space-y-1" data-testid="telemetry-health">
      {healthGroups(health.findings).map((g) => (
        <li key={g.key} data-testid="telemetry-health-item" data-kind={g.kind} data-service={g.service ?? ''} className="flex flex-wrap items-center gap-2 text-sm">
          <SeverityBadge severity={g.worst.severity} />
          <KindBadge kind={g.kind} />
          <IntentLink href={listHref(g.service, g.kind)} className="min-w-0 flex-1 break-words hover:underline">
            {g.worst.title}
            {g.count > 1 && <span className="text-slate-500"> · {g.count} findings</span>}
          </IntentLink>
          <time dateTime={g.latestStart} className="text-xs text-slate-500">
            latest {clockText(Date.parse(g.latestStart), zone, referenceMs)}
          </time>
          {g.allMuted && g.worst.mute && <span className="w-full text-xs text-violet-700 dark:text-violet-300">{muteText(g.worst.mute)}</span>}
        </li>
      ))}
    </ul>
  );
}
