'use client';

import Link from 'next/link';
import { SourceBanner } from '@/components/anomalies/source-banner';
import { allSourcesDown } from '@/components/anomalies/source-status';
import { clockText, rangeText } from '@/components/anomalies/time-text';
import { useTimeZone } from '@/components/settings/time-zone';
import { useAnomalies } from '@/components/anomalies/use-anomalies';
import { IncidentsOverview } from '@/components/incidents/incidents-overview';
import { CountMatrix } from './count-matrix';
import { anomaliesHref } from '@/lib/routes';
import { SourceCards } from './source-cards';
import { WorstFindings } from './worst-findings';
import { Alert } from '@/components/ui/alert';
import { refreshWords } from '@/components/settings/refresh-interval';

function Section({ title, children, aside }: { title: string; children: React.ReactNode; aside?: React.ReactNode }) {
  return (
    <section className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold">{title}</h2>
        {aside}
      </div>
      {children}
    </section>
  );
}

/**
 * The overview: the ongoing incidents first, then what is wrong in the range at a glance
 * (counts by service and kind, the worst findings), and where the data comes from. Refreshes every minute while the range
 * follows the clock, unless the header's refresh choice says otherwise; a snapshot never refreshes.
 */
export function OverviewView() {
  const { params, query, data, range, nowMs, autoRefresh, isSnapshot } = useAnomalies();
  const zone = useTimeZone();
  const openHref = (id: string) => anomaliesHref(params, { open: id });
  const checked = data ? (
    <p className="text-xs text-slate-500" data-testid="last-checked">
      {isSnapshot ? 'Snapshot of' : 'Last checked'} {clockText(nowMs, zone)} · {rangeText(data.range, zone)}
      {autoRefresh && ` · refreshes ${refreshWords(autoRefresh)}`}
      {query.isFetching && !query.isPending && ' · checking…'}
    </p>
  ) : null;

  return (
    <div className="space-y-6">
      {query.isPending ? (
        <p role="status" className="animate-pulse text-sm text-slate-500">
          Checking metrics, logs and traces for anomalies…
        </p>
      ) : query.isError || !data || !range ? (
        <Alert>
          Could not load anomalies: {query.error?.message ?? 'no response'}
        </Alert>
      ) : (
        <>
          {checked}
          {allSourcesDown(data.sources) ? (
            <Alert data-testid="all-sources-down">
              No data source answered, so nothing was checked: see the sources below.
            </Alert>
          ) : (
            <SourceBanner sources={data.sources} skipped={data.skipped} />
          )}
          <IncidentsOverview params={params} range={range} nowMs={nowMs} />
          {data.anomalies.length === 0 ? (
            !allSourcesDown(data.sources) && (
              <p className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200" data-testid="no-anomalies">
                No anomalies in this range ({rangeText(data.range, zone)}).
              </p>
            )
          ) : (
            <div className="grid gap-6 xl:grid-cols-2">
              <Section
                title="Worst findings"
                aside={
                  <Link href={anomaliesHref(params, {})} className="text-sm text-sky-700 hover:underline dark:text-sky-400">
                    All {data.anomalies.length} findings →
                  </Link>
                }
              >
                <WorstFindings anomalies={data.anomalies} range={range} nowMs={nowMs} openHref={openHref} />
              </Section>
              <Section title="Findings by service and kind">
                <CountMatrix anomalies={data.anomalies} params={params} />
              </Section>
            </div>
          )}
        </>
      )}
      <Section title="Data sources">
        <SourceCards />
      </Section>
    </div>
  );
}
