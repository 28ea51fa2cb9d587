import { ServiceLink } from '@/components/ui/service-link';
import { IntentLink } from '@/components/ui/intent-link';
import type { Anomaly } from '@/lib/model/anomaly';
import type { LinkRange } from '@/lib/routes';
import { KindBadge, SeverityBadge } from '@/components/anomalies/badges';
import { FindingLinks } from '@/components/anomalies/finding-links';
import { FindingSparkline } from '@/components/anomalies/finding-sparkline';
import { rowFindings, rowLead, worstRows } from '@/components/anomalies/grouping';
import { clockText, relativeTime } from '@/components/anomalies/time-text';
import { useTimeZone } from '@/components/settings/time-zone';

interface Props {
  anomalies: readonly Anomaly[];
  range: { from: string; to: string; fromMs: number; toMs: number; link?: LinkRange | null };
  nowMs: number;
  /** Where "open on the anomalies page" goes, given a finding id. */
  openHref: (id: string) => string;
  limit?: number;
}

/** The worst findings first (a restart's counter resets count once), each with its links. */
export function WorstFindings({ anomalies, range, nowMs, openHref, limit = 5 }: Props) {
  const zone = useTimeZone();
  const rows = worstRows(anomalies, limit);
  return (
    <ol className="space-y-2" data-testid="worst-findings">
      {rows.map((row) => {
        const a = rowLead(row);
        const n = rowFindings(row).length;
        return (
          <li key={row.key} data-testid="worst-finding" data-kind={a.kind} data-service={a.service ?? ''} data-severity={a.severity} className="rounded border border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900">
            <div className="flex flex-wrap items-center gap-2">
              <SeverityBadge severity={a.severity} />
              <KindBadge kind={a.kind} />
              {a.service && <ServiceLink name={a.service} className="text-sm text-slate-600 dark:text-slate-400" />}
              <IntentLink href={openHref(row.type === 'single' ? a.id : row.key)} className="min-w-0 flex-1 break-words font-medium hover:underline">
                {row.type === 'collapsed' ? `${n} counters reset (${a.title})` : a.title}
              </IntentLink>
              <time dateTime={a.start} title={a.start} className="whitespace-nowrap text-xs text-slate-500">
                {relativeTime(Date.parse(a.start), nowMs)} · {clockText(Date.parse(a.start), zone, range.toMs)}
              </time>
              <FindingSparkline anomaly={a} range={range} width={100} height={20} />
            </div>
            <div className="mt-1">
              <FindingLinks anomaly={a} range={range} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
