'use client';

import { anomaliesResponse, servicePageAnswer } from '@/lib/api/contract';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { KindBadge, SeverityBadge } from '@/components/anomalies/badges';
import { ResultRow } from '@/components/search/result-row';
import { useRangeQuery } from '@/components/shell/url-state';
import { useApi } from '@/components/ui/use-api';
import type { SourceReport } from '@/lib/model/types';
import { searchHref } from '@/lib/views/service-href';
import { anomaliesUrl } from '@/lib/views/api-urls';
import { LogVolumeChart } from './log-volume-chart';
import { NeighbourTable } from './neighbour-table';
import { ServiceIncidents } from './service-incidents';

const MetricPanels = dynamic(() => import('@/components/traces/metric-panels'), { ssr: false, loading: () => <p className="text-xs text-slate-500">Loading charts…</p> });

const card = 'rounded border border-slate-200 p-3 dark:border-slate-800';

function SourceNote({ name, report }: { name: string; report: SourceReport }) {
  return report.status === 'ok' ? null : <p className="text-xs text-amber-700">{name}: {report.message ?? report.status}</p>;
}

export function ServiceView({ service }: { service: string }) {
  const range = useRangeQuery();
  const enc = encodeURIComponent(service);
  const page = useApi(`/api/v1/services/${enc}/overview?${range}`, servicePageAnswer);
  // The whole range's scan, filtered here: the incidents below are built from the same scan (lib/investigate/shared-scan.ts).
  const findings = useApi(anomaliesUrl(new URLSearchParams(range)), anomaliesResponse);
  const anomalies = (findings.data?.anomalies ?? []).filter((a) => a.service === service);
  const d = page.data;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-3 text-sm">
        <Link className="text-sky-700 hover:underline dark:text-sky-400" href={searchHref(service, range)}>Search its traces</Link>
        <Link className="text-sky-700 hover:underline dark:text-sky-400" href={`/map?${range}`}>Service map</Link>
        <Link className="text-sky-700 hover:underline dark:text-sky-400" href={`/anomalies?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(range)), service })}`}>All its findings</Link>
      </div>

      <section className={card} data-testid="service-findings">
        <h2 className="mb-2 font-semibold">Findings</h2>
        {findings.isLoading ? <p className="text-xs text-slate-500">Checking…</p> : null}
        {findings.error ? <p className="text-xs text-red-700 dark:text-red-400">{findings.error.message}</p> : null}
        {findings.data && anomalies.length === 0 ? <p className="text-xs text-slate-500">No findings for {service} in this range.</p> : null}
        <ul className="space-y-1">
          {anomalies.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-2 text-sm" data-testid="service-finding" data-kind={a.kind}>
              <SeverityBadge severity={a.severity} /> <KindBadge kind={a.kind} /> <span>{a.title}</span>
            </li>
          ))}
        </ul>
      </section>

      <ServiceIncidents service={service} range={range} />

      {page.isLoading ? <p className="text-sm text-slate-500">Loading {service}…</p> : null}
      {page.error ? <p className="text-sm text-red-700 dark:text-red-400">{page.error.message}</p> : null}
      {d ? (
        <>
          <section className={card}>
            <h2 className="mb-2 font-semibold">Rate, errors, latency and runtime</h2>
            <SourceNote name="Prometheus" report={d.sources.prometheus} />
            {d.panels.length === 0 && d.sources.prometheus.status === 'ok' ? <p className="text-xs text-slate-500">No metrics found for {service}.</p> : null}
            {d.panels.length > 0 ? <MetricPanels metrics={d.panels} exemplars={[]} anomalies={anomalies} fromMs={d.range.fromMs} toMs={d.range.toMs} /> : null}
          </section>

          <section className={card}>
            <h2 className="mb-2 font-semibold">Log volume by level</h2>
            <SourceNote name="Loki" report={d.sources.loki} />
            {d.logVolume && d.logVolume.buckets.length > 0 ? <LogVolumeChart volume={d.logVolume} fromMs={d.range.fromMs} toMs={d.range.toMs} /> : <p className="text-xs text-slate-500">No log lines for {service} in this range.</p>}
          </section>

          <section className={`${card} grid gap-4 md:grid-cols-2`}>
            <SourceNote name="Jaeger" report={d.sources.jaeger} />
            <NeighbourTable title="Callers" edges={d.graph.callers} side="parent" />
            <NeighbourTable title="Callees" edges={d.graph.callees} side="child" />
            <p className="text-xs text-slate-500 md:col-span-2">
              {d.graph.source === 'jaeger_dependencies' ? "Call counts from Jaeger's dependencies; error and broken-link rates from sampled traces." : 'Derived from sampled traces of the range.'}
            </p>
          </section>

          <div className="grid gap-4 lg:grid-cols-2">
            <section className={card} data-testid="service-failing">
              <h2 className="mb-1 font-semibold">Failing traces</h2>
              {d.failing.length === 0 ? <p className="text-xs text-slate-500">No trace with an error span in this range.</p> : <ul>{d.failing.map((r) => <ResultRow key={r.traceId} r={r} />)}</ul>}
            </section>
            <section className={card} data-testid="service-slowest">
              <h2 className="mb-1 font-semibold">Slowest traces</h2>
              {d.slowest.length === 0 ? <p className="text-xs text-slate-500">No traces in this range.</p> : <ul>{d.slowest.map((r) => <ResultRow key={r.traceId} r={r} />)}</ul>}
            </section>
          </div>
          {d.warnings.map((w) => <p key={w} className="text-xs text-slate-500">{w}</p>)}
        </>
      ) : null}
    </div>
  );
}
