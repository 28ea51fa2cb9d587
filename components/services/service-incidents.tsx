'use client';

import { IncidentCard } from '@/components/incidents/incident-card';
import { useIncidents } from '@/components/incidents/use-incidents';
import { incidentsOfService } from '@/lib/incidents/of-service';

/**
 * The incidents the service takes part in (GET /api/v1/incidents over the page's range,
 * the same shared scan as its findings), as the overview draws them.
 */
export function ServiceIncidents({ service, range }: { service: string; range: string }) {
  const query = useIncidents(new URLSearchParams(range));
  const data = query.data;
  const incidents = data ? incidentsOfService(data.incidents, service) : [];
  const fromMs = data ? Date.parse(data.range.from) : NaN;
  const toMs = data ? Date.parse(data.range.to) : NaN;
  return (
    <section className="rounded border border-slate-200 p-3 dark:border-slate-800" data-testid="service-incidents">
      <h2 className="mb-2 font-semibold">Incidents</h2>
      {query.isPending ? <p className="text-xs text-slate-500">Grouping findings into incidents…</p> : null}
      {query.isError ? <p className="text-xs text-red-600">Incidents could not be loaded: {query.error.message}</p> : null}
      {data && incidents.length === 0 ? <p className="text-xs text-slate-500">{service} takes part in no incident in this range.</p> : null}
      {data && incidents.length > 0 && Number.isFinite(fromMs) && Number.isFinite(toMs) ? (
        <div className="space-y-3">
          {incidents.map((i) => (
            <IncidentCard key={i.id} incident={i} range={{ from: data.range.from, to: data.range.to, fromMs, toMs }} nowMs={query.dataUpdatedAt} />
          ))}
        </div>
      ) : null}
    </section>
  );
}
