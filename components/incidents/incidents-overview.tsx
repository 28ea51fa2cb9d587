'use client';

import { useQueryClient } from '@tanstack/react-query';
import { anomaliesHref, type LinkRange } from '@/lib/routes';
import { IncidentCard } from './incident-card';
import { TelemetryHealthList } from './telemetry-health';
import { useIncidents } from './use-incidents';

interface Props {
  params: URLSearchParams;
  range: { from: string; to: string; fromMs: number; toMs: number; link?: LinkRange | null } | null;
  nowMs: number;
}

function Heading({ children, testId }: { children: React.ReactNode; testId: string }) {
  return (
    <h2 className="text-base font-semibold" data-testid={testId}>
      {children}
    </h2>
  );
}

/**
 * The overview's first screen: the incidents as cards (user-facing first, worst first,
 * each marked ongoing or ended), then Telemetry health — which comes first only when
 * there is no incident at all.
 */
export function IncidentsOverview({ params, range, nowMs }: Props) {
  const query = useIncidents(params);
  const client = useQueryClient();
  const data = query.data;
  if (query.isPending) return <p className="animate-pulse text-sm text-slate-500">Grouping findings into incidents…</p>;
  if (query.isError || !data || !range) {
    return (
      <p role="alert" className="text-sm text-rose-700">
        Could not load incidents: {query.error?.message ?? 'no response'}
      </p>
    );
  }
  const ongoing = data.incidents.filter((i) => i.ongoing).length;
  const refresh = () => void client.invalidateQueries({ queryKey: ['api'] });
  const listHref = (service: string | null, kind: string) => anomaliesHref(params, { service, kind });
  const health = (
    <section className="space-y-2" key="health">
      <Heading testId="telemetry-health-heading">Telemetry health</Heading>
      <TelemetryHealthList health={data.telemetryHealth} referenceMs={range.toMs} listHref={listHref} />
    </section>
  );
  // In the API's order: user-facing first, worst first; an incident that just ended stays above an internal one still going.
  const incidents = (
    <section className="space-y-3" key="incidents" data-testid="incidents">
      <Heading testId="incidents-heading">{data.incidents.length ? `Incidents (${ongoing} ongoing)` : 'No incident in this range'}</Heading>
      {data.incidents.map((i) => (
        <IncidentCard key={i.id} incident={i} range={range} nowMs={nowMs} onMuted={refresh} />
      ))}
    </section>
  );
  return <div className="space-y-6">{data.incidents.length ? [incidents, health] : [health, incidents]}</div>;
}
