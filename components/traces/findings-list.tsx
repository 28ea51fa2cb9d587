import { memo } from 'react';
import { findingLinks, linksAwayFrom } from '@/components/anomalies/links';
import { severityRank, type Anomaly } from '@/lib/model/anomaly';

const SEVERITY_STYLE: Record<Anomaly['severity'], string> = {
  critical: 'bg-red-600 text-white',
  warning: 'bg-amber-200 text-amber-900 dark:bg-amber-800 dark:text-amber-100',
  info: 'bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200',
};

/** What the detectors found around this trace, worst first; explanations are plain text. */
export const FindingsList = memo(function FindingsList({ anomalies, currentTraceId }: { anomalies: Anomaly[]; currentTraceId: string }) {
  if (anomalies.length === 0) return null;
  const sorted = [...anomalies].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return (
    <section className="rounded border border-slate-200 p-2 dark:border-slate-800" data-testid="findings">
      <h2 className="mb-1 text-sm font-semibold">Findings ({anomalies.length})</h2>
      <ul className="space-y-1.5">
        {sorted.map((a) => {
          // Only links into the app, checked as on the anomalies page (no `//host` escapes),
          // and none back to this page.
          const links = linksAwayFrom(findingLinks(a, null), currentTraceId);
          return (
            <li key={a.id} data-testid="finding" data-kind={a.kind} className="text-xs">
              <span className={`mr-1 rounded px-1 text-[10px] uppercase ${SEVERITY_STYLE[a.severity]}`}>{a.severity}</span>
              <span className="font-medium">{a.title}</span>
              <p className="break-words text-slate-600 dark:text-slate-400">{a.explanation}</p>
              {links.length > 0 && (
                <p className="flex flex-wrap gap-2">
                  {links.map((l, i) => (
                    <a key={i} href={l.href} className="text-sky-700 hover:underline dark:text-sky-400">
                      {l.label}
                    </a>
                  ))}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
});
