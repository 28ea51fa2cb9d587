import type { Anomaly } from '@/lib/model/anomaly';
import { selector } from '@/lib/anomalies/format';
import { evidenceFacts, logExamples } from './evidence-facts';
import { FindingSparkline, FindingTimeline } from './finding-sparkline';
import { evidencePoints } from './sparkline-model';
import { clockText } from './time-text';
import { useTimeZone } from '@/components/settings/time-zone';

/** The expanded part of a finding: the explanation in full, its evidence, and what it refers to. */
export function FindingDetails({ anomaly, range }: { anomaly: Anomaly; range: { fromMs: number; toMs: number } }) {
  const zone = useTimeZone();
  const facts = evidenceFacts(anomaly, zone, range.toMs);
  const examples = logExamples(anomaly);
  const series = anomaly.subject.series;
  const hasPoints = evidencePoints(anomaly.evidence) !== null;
  return (
    <div className="mt-2 space-y-3 border-t border-slate-200 pt-2 text-sm dark:border-slate-800" data-testid="finding-details">
      <p className="whitespace-pre-wrap break-words">{anomaly.explanation}</p>
      <div className="flex flex-wrap items-start gap-6">
        {hasPoints ? (
          <FindingSparkline anomaly={anomaly} range={range} width={360} height={60} />
        ) : (
          <div className="space-y-1">
            <FindingSparkline anomaly={anomaly} range={range} width={360} height={16} />
            <FindingTimeline anomaly={anomaly} referenceMs={range.toMs} />
          </div>
        )}
        {facts.length > 0 && (
          <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs" data-testid="evidence-facts">
            {facts.map((f) => (
              <div key={f.label} className="contents">
                <dt className="text-slate-500">{f.label}</dt>
                <dd className="break-words">{f.value}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
      {examples.length > 0 && (
        <div>
          <p className="text-xs text-slate-500">Example lines without a trace id</p>
          <ul className="mt-1 max-h-48 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-950" data-testid="log-examples">
            {examples.map((e, i) => (
              <li key={i} className="whitespace-pre-wrap break-all">
                {e.ts && <span className="mr-2 text-slate-500">{clockText(Date.parse(e.ts), zone, range.toMs)}</span>}
                {e.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs text-slate-600 dark:text-slate-400">
        {series && (
          <>
            <dt>Series</dt>
            <dd className="break-all font-mono">{selector(series.name, series.labels)}</dd>
          </>
        )}
        {anomaly.subject.traceId && (
          <>
            <dt>Trace</dt>
            <dd className="break-all font-mono">{anomaly.subject.traceId}</dd>
          </>
        )}
        {anomaly.subject.spanIds && anomaly.subject.spanIds.length > 0 && (
          <>
            <dt>Spans</dt>
            <dd className="break-all font-mono">{anomaly.subject.spanIds.join(' ')}</dd>
          </>
        )}
        <dt>Finding id</dt>
        <dd className="font-mono">{anomaly.id}</dd>
      </dl>
    </div>
  );
}
