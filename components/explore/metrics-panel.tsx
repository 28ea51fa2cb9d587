'use client';

import { useState } from 'react';
import type { ExploreMetricsResponse } from '@/lib/query/metrics';
import { TimeSeriesChart } from '@/components/charts/time-series-chart';
import type { Anomaly } from '@/lib/model/anomaly';
import type { ApiFetchError } from '@/components/ui/use-api';
import { QueryBar } from './query-bar';
import { QueryStatus } from './query-status';

export interface MetricsPanelProps {
  query: string;
  step: string;
  data: ExploreMetricsResponse | undefined;
  error: ApiFetchError | null;
  fetching: boolean;
  cursorMs: number | null;
  /** Findings to mark: counter resets on counter series, GC storms shaded. */
  anomalies?: Anomaly[];
  onRun: (changes: { query: string; step: string }) => void;
  onHover: (ms: number | null) => void;
  onPin: () => void;
}

/** PromQL editor, step, and the chart (exemplar dots link to their traces). */
export function MetricsPanel({ query, step, data, error, fetching, cursorMs, anomalies, onRun, onHover, onPin }: MetricsPanelProps) {
  const [stepDraft, setStepDraft] = useState(step);
  const [seenStep, setSeenStep] = useState(step);
  if (seenStep !== step) {
    setSeenStep(step);
    setStepDraft(step);
  }
  const fromMs = data ? Date.parse(data.range.from) : 0;
  const toMs = data ? Date.parse(data.range.to) : 0;
  return (
    <section data-testid="explore-metrics" aria-labelledby="explore-metrics-title" className="space-y-2 rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="explore-metrics-title" className="text-sm font-semibold">
          Metrics <span className="font-normal text-slate-500">PromQL</span>
        </h2>
        {data && (
          <span className="text-xs text-slate-500">
            {data.series.length} series · step {data.step}s{data.exemplars.length ? ` · ${data.exemplars.length} exemplars` : ''}
            {data.sources.prometheus?.status === 'ok' ? ` · ${data.sources.prometheus.ms} ms` : ''}
          </span>
        )}
      </div>
      <QueryBar
        language="promql"
        value={query}
        label="PromQL query"
        placeholder='e.g. sum by (job) (rate(http_requests_total[5m]))'
        running={fetching}
        onRun={(q) => onRun({ query: q, step: stepDraft })}
      >
        <label className="flex h-[34px] items-center gap-1 text-xs text-slate-600 dark:text-slate-400">
          step
          <input
            data-testid="explore-step"
            value={stepDraft}
            onChange={(e) => setStepDraft(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && onRun({ query, step: stepDraft })}
            placeholder="auto"
            className="w-16 rounded border border-slate-300 bg-transparent px-1.5 py-1 font-mono dark:border-slate-700"
          />
        </label>
      </QueryBar>
      <QueryStatus source="prometheus" report={data?.sources.prometheus} error={error} warnings={[...(data?.warnings ?? []), ...(data?.infos ?? [])]} />
      {!query ? (
        <p className="py-6 text-center text-xs text-slate-500">Write a PromQL query and press Run (Ctrl/Cmd+Enter).</p>
      ) : data && data.sources.prometheus?.status === 'ok' ? (
        <div onClick={onPin} title="Click to pin the cursor here" className="cursor-crosshair">
          <TimeSeriesChart series={data.series} exemplars={data.exemplars} anomalies={anomalies} fromMs={fromMs} toMs={toMs} height={220} cursorMs={cursorMs} onCursor={onHover} />
        </div>
      ) : null}
    </section>
  );
}
