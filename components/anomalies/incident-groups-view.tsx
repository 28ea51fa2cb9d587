'use client';

import { IncidentTimeline } from '@/components/incidents/incident-timeline';
import { ROLE_NAMES } from '@/components/incidents/timeline-model';
import { useIncidents } from '@/components/incidents/use-incidents';
import type { Anomaly } from '@/lib/model/anomaly';
import { SeverityBadge } from './badges';
import { FindingRowView, type RowContext } from './finding-row';
import { rowLead } from './grouping';
import { groupByIncident } from './incident-grouping';

/** The anomalies page grouped by incident: each incident's sentence, then its findings with their roles. */
export function IncidentGroupsView({ params, anomalies, ctx }: { params: URLSearchParams; anomalies: readonly Anomaly[]; ctx: RowContext }) {
  const query = useIncidents(params);
  if (query.isPending) return <p className="animate-pulse text-sm text-slate-500">Grouping findings into incidents…</p>;
  if (query.isError || !query.data) {
    return (
      <p role="alert" className="text-sm text-rose-700">
        Could not group by incident: {query.error?.message ?? 'no response'}
      </p>
    );
  }
  const sections = groupByIncident(anomalies, query.data);
  return (
    <div className="space-y-6">
      {sections.map((s) => (
        <section key={s.key} data-testid="incident-group" data-kind={s.kind} className="space-y-2">
          {s.incident ? (
            <>
              <h2 className="flex flex-wrap items-center gap-2 text-base font-semibold">
                <SeverityBadge severity={s.incident.severity} />
                <span>{s.incident.userFacing ? 'User-facing incident' : 'Internal incident'}</span>
                <span className="text-sm font-normal text-slate-500">{s.incident.ongoing ? 'ongoing' : 'ended'}</span>
              </h2>
              <p className="text-sm">{s.incident.sentence}</p>
              <IncidentTimeline findings={s.incident.findings} range={ctx.range} />
            </>
          ) : (
            <h2 className="text-base font-semibold">{s.kind === 'health' ? 'Telemetry health' : 'Other findings'}</h2>
          )}
          <ul className="space-y-2">
            {s.rows.map((row) => {
              const role = s.roles.get(rowLead(row).id);
              return (
                <li key={row.key} className="list-none">
                  {role && (
                    <p className="text-xs text-slate-500" data-testid="incident-role">
                      <span className="font-semibold">{ROLE_NAMES[role.role]}</span> · {role.reason}
                    </p>
                  )}
                  <ul>
                    <FindingRowView row={row} ctx={ctx} />
                  </ul>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
