import { KindBadge, SeverityBadge } from '@/components/anomalies/badges';
import { clockUtc } from '@/components/anomalies/time-text';
import type { TelemetryHealth } from '@/lib/incidents';
import { muteText } from '@/lib/mutes/mutes';

/** Tracing, logging and counter hygiene: listed apart, never ranked with incidents. */
export function TelemetryHealthList({ health, referenceMs, openHref }: { health: TelemetryHealth; referenceMs: number; openHref: (id: string) => string }) {
  if (health.findings.length === 0) return <p className="text-sm text-slate-500">No telemetry problems in this range.</p>;
  return (
    <ul className="space-y-1" data-testid="telemetry-health">
      {health.findings.map((f) => (
        <li key={f.id} data-testid="telemetry-health-item" data-kind={f.kind} data-service={f.service ?? ''} className="flex flex-wrap items-center gap-2 text-sm">
          <SeverityBadge severity={f.severity} />
          <KindBadge kind={f.kind} />
          <a href={openHref(f.id)} className="min-w-0 flex-1 break-words hover:underline">
            {f.title}
          </a>
          <time dateTime={f.start} className="text-xs text-slate-500">
            {clockUtc(Date.parse(f.start), referenceMs)}
          </time>
          {f.mute && <span className="w-full text-xs text-violet-700 dark:text-violet-300">{muteText(f.mute)}</span>}
        </li>
      ))}
    </ul>
  );
}
