'use client';

import { useEffect, useRef } from 'react';
import { EmptyState } from '@/components/ui/page-title';
import { useSetViewParams } from '@/components/ui/view-params';
import { FiltersBar, type FilterValues } from './filters-bar';
import type { RowContext } from './finding-row';
import { filterFindings, groupFindings } from './grouping';
import { IncidentGroupsView } from './incident-groups-view';
import { isSeverity } from './kinds';
import { ServiceGroupView } from './service-group';
import { SourceBanner } from './source-banner';
import { allSourcesDown, sourceProblems } from './source-status';
import { clockText, rangeText } from './time-text';
import { useTimeZone } from '@/components/settings/time-zone';
import { useAnomalies } from './use-anomalies';
import { Alert } from '@/components/ui/alert';

/** /anomalies: every finding of the range, grouped by service and kind (or by incident, `group=incident`), worst first. */
export function AnomaliesView() {
  const { params, query, data, range, nowMs } = useAnomalies();
  const set = useSetViewParams();
  const zone = useTimeZone();
  const open = params.get('open');
  const severity = params.get('severity');
  const values: FilterValues = { service: params.get('service'), kind: params.get('kind'), severity, q: params.get('q') };

  // A shared link with `open` lands on that finding once the data is there.
  const scrolled = useRef(false);
  useEffect(() => {
    if (scrolled.current || !data || !open) return;
    scrolled.current = true;
    document.getElementById(`finding-${open}`)?.scrollIntoView({ block: 'center' });
  }, [data, open]);

  const filters = <FiltersBar values={values} services={[...new Set((data?.anomalies ?? []).flatMap((a) => (a.service ? [a.service] : [])))]} onChange={(c) => set({ ...c }, 'replace')} />;

  if (query.isPending) {
    return (
      <div>
        {filters}
        <p role="status" className="animate-pulse text-sm text-slate-500" data-testid="anomalies-loading">
          Checking metrics, logs and traces for anomalies…
        </p>
      </div>
    );
  }
  if (query.isError || !data) {
    return (
      <div>
        {filters}
        <Alert>
          Could not load anomalies: {query.error?.message ?? 'no response'}
        </Alert>
      </div>
    );
  }

  const shown = filterFindings(data.anomalies, { minSeverity: isSeverity(severity) ? severity : null, text: values.q });
  const groups = groupFindings(shown);
  const ctx: RowContext | null = range ? { range, nowMs, open, onToggle: (key) => set({ open: key }, 'replace') } : null;
  const down = allSourcesDown(data.sources);
  const byIncident = params.get('group') === 'incident';
  const groupToggle = (
    <div className="mb-3 flex gap-3 text-sm" role="group" aria-label="Group findings by">
      <span className="text-slate-500">Group by</span>
      {(['service', 'incident'] as const).map((g) => (
        <button key={g} type="button" aria-pressed={byIncident === (g === 'incident')} data-testid={`group-by-${g}`} onClick={() => set({ group: g === 'incident' ? 'incident' : null }, 'replace')} className={byIncident === (g === 'incident') ? 'font-semibold' : 'text-sky-700 hover:underline dark:text-sky-400'}>
          {g}
        </button>
      ))}
    </div>
  );

  return (
    <div>
      {filters}
      {!down && <SourceBanner sources={data.sources} skipped={data.skipped} />}
      {!down && groupToggle}
      <p className="mb-3 text-xs text-slate-500" data-testid="anomalies-summary">
        {shown.length === data.anomalies.length ? `${data.anomalies.length}` : `${shown.length} of ${data.anomalies.length}`} findings {byIncident ? '' : `in ${groups.length} `}
        {byIncident ? 'grouped by incident' : groups.length === 1 ? 'service group' : 'service groups'} · {rangeText(data.range, zone)} · checked {clockText(nowMs, zone, range?.toMs)}
      </p>
      {down ? (
        <EmptyState title="No data source answered">
          <div data-testid="all-sources-down">
            Nothing could be checked in {rangeText(data.range, zone)}, so no findings does not mean healthy.
            <ul className="mt-2 space-y-1 text-left">
              {sourceProblems(data.sources).map((p) => (
                <li key={p.source}>{p.text}</li>
              ))}
            </ul>
          </div>
        </EmptyState>
      ) : data.anomalies.length === 0 ? (
        <EmptyState title="No anomalies in this range">
          <span data-testid="no-anomalies">{rangeText(data.range, zone)}</span>
        </EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState title="No findings match the filters">
          {data.anomalies.length} findings are hidden by the severity or text filter.
        </EmptyState>
      ) : (
        ctx &&
        (byIncident ? (
          <IncidentGroupsView params={params} anomalies={shown} ctx={ctx} />
        ) : (
          <div className="space-y-6">
            {groups.map((g) => (
              <ServiceGroupView key={g.service ?? ''} group={g} ctx={ctx} />
            ))}
          </div>
        ))
      )}
    </div>
  );
}
