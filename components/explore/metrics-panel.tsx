'use client';

import { useMemo, useState } from 'react';
import { TimeSeriesChart } from '@/components/charts/time-series-chart';
import { legendModel } from '@/components/charts/legend';
import { commonUnit, inferQueryUnit } from '@/components/charts/units';
import type { ApiFetchError } from '@/components/ui/use-api';
import { seriesCsv } from '@/lib/query/csv';
import { stepAdvice } from '@/lib/query/step-check';
import type { Anomaly } from '@/lib/model/anomaly';
import type { QueryRef } from '@/lib/views/api-urls';
import { csvName, downloadText } from './download';
import { mergeResults, type QueryResult } from './metric-queries';
import { QueryBar } from './query-bar';
import { QueryStatus } from './query-status';
import { StepAdviceNote } from './step-advice-note';

export interface MetricRow extends QueryResult {
  error: ApiFetchError | null;
  fetching: boolean;
}

export interface MetricsPanelProps {
  rows: MetricRow[];
  /** The next free letter, or null when all five are in use. */
  nextRef: QueryRef | null;
  step: string;
  cursorMs: number | null;
  /** Findings to mark: counter resets on counter series, GC storms shaded. */
  anomalies?: Anomaly[];
  /** Runs one query; `step` is the step box's draft when it changed. */
  onRun: (ref: QueryRef, query: string, step?: string) => void;
  onAdd: () => void;
  onRemove: (ref: QueryRef) => void;
  onStep: (step: string) => void;
  onHover: (ms: number | null) => void;
  onPin: () => void;
  onZoom: (fromMs: number, toMs: number) => void;
}

/** PromQL editors (A, B, …), one step, and one chart of every query (exemplar dots link to traces). */
export function MetricsPanel({ rows, nextRef, step, cursorMs, anomalies, onRun, onAdd, onRemove, onStep, onHover, onPin, onZoom }: MetricsPanelProps) {
  const [stepDraft, setStepDraft] = useState(step);
  const [seenStep, setSeenStep] = useState(step);
  if (seenStep !== step) {
    setSeenStep(step);
    setStepDraft(step);
  }
  const merged = useMemo(() => mergeResults(rows), [rows]);
  const unit = useMemo(() => commonUnit(rows.filter((r) => r.query).map((r) => inferQueryUnit(r.query))), [rows]);
  const answered = rows.filter((r) => r.data);
  const several = rows.length > 1;
  const anyQuery = rows.some((r) => r.query);
  const download = () => downloadText(csvName('series', Date.now()), seriesCsv(merged.series, legendModel(merged.series).names));
  return (
    <section data-testid="explore-metrics" aria-labelledby="explore-metrics-title" className="space-y-2 rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="explore-metrics-title" className="text-sm font-semibold">
          Metrics <span className="font-normal text-slate-500">PromQL</span>
        </h2>
        <div className="flex items-baseline gap-3 text-xs text-slate-500">
          {answered.length > 0 && (
            <span>
              {merged.series.length} series · step {answered.map((r) => `${r.data!.step}s`).join('/')}
              {merged.exemplars.length ? ` · ${merged.exemplars.length} exemplars` : ''}
            </span>
          )}
          {merged.series.length > 0 && (
            <button type="button" data-testid="metrics-csv" onClick={download} className="underline decoration-dotted">
              CSV
            </button>
          )}
        </div>
      </div>
      {rows.map((r, i) => (
        <div key={r.ref} className="space-y-1" data-testid="metric-query-row" data-ref={r.ref}>
          <QueryBar
            language="promql"
            value={r.query}
            id={r.ref === 'A' ? undefined : r.ref}
            label={`PromQL query ${r.ref}`}
            placeholder="e.g. sum by (job) (rate(http_requests_total[5m]))"
            running={r.fetching}
            onRun={(q) => onRun(r.ref, q, stepDraft !== step ? stepDraft : undefined)}
            prefix={several ? <span className="flex h-[34px] w-5 items-center justify-center font-mono text-xs font-semibold text-slate-500">{r.ref}</span> : undefined}
          >
            {i === 0 && (
              <label className="flex h-[34px] items-center gap-1 text-xs text-slate-600 dark:text-slate-400">
                step
                <input
                  data-testid="explore-step"
                  value={stepDraft}
                  onChange={(e) => setStepDraft(e.target.value)}
                  onKeyDown={(e) => e.key === 'Enter' && onStep(stepDraft)}
                  placeholder="auto"
                  className="w-16 rounded border border-slate-300 bg-transparent px-1.5 py-1 font-mono dark:border-slate-700"
                />
              </label>
            )}
            {r.ref !== 'A' && (
              <button type="button" aria-label={`Remove query ${r.ref}`} title="Remove this query" onClick={() => onRemove(r.ref)} className="h-[34px] rounded px-2 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800">
                ×
              </button>
            )}
          </QueryBar>
          <QueryStatus source="prometheus" report={r.data?.sources.prometheus} error={r.error} warnings={[...(r.data?.warnings ?? []), ...(r.data?.infos ?? [])]} />
          {r.data && merged.range && (() => {
            const advice = stepAdvice(r.query, r.data.step, merged.range.fromMs, merged.range.toMs);
            return advice ? <StepAdviceNote advice={advice} refName={r.ref} onStep={onStep} onQuery={(q) => onRun(r.ref, q)} /> : null;
          })()}
        </div>
      ))}
      {nextRef && (
        <button type="button" data-testid="add-query" onClick={onAdd} className="text-xs text-sky-700 underline decoration-dotted dark:text-sky-400">
          + Add query {nextRef}
        </button>
      )}
      {!anyQuery ? (
        <p className="py-6 text-center text-xs text-slate-500">Write a PromQL query and press Run (Ctrl/Cmd+Enter). Metric and label names complete as you type.</p>
      ) : merged.range ? (
        <div onClick={onPin} title="Click to pin the cursor here · drag to zoom" className="cursor-crosshair">
          <TimeSeriesChart
            series={merged.series}
            exemplars={merged.exemplars}
            anomalies={anomalies}
            unit={unit}
            fromMs={merged.range.fromMs}
            toMs={merged.range.toMs}
            height={220}
            cursorMs={cursorMs}
            onCursor={onHover}
            onZoom={onZoom}
          />
        </div>
      ) : null}
    </section>
  );
}
