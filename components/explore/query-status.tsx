'use client';

import type { SourceName, SourceReport } from '@/lib/model/types';
import type { ApiFetchError } from '@/components/ui/use-api';

/** What went wrong or needs attention with one query: request error, source status, warnings. */
export function QueryStatus({
  source,
  report,
  error,
  warnings = [],
}: {
  source: SourceName;
  report?: SourceReport;
  error: ApiFetchError | null;
  warnings?: string[];
}) {
  if (error) {
    return (
      <p role="alert" data-testid={`query-error-${source}`} className="rounded border border-red-200 bg-red-50 px-2 py-1 font-mono text-xs whitespace-pre-wrap text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
        {error.status === 400 ? 'Query error: ' : ''}
        {error.message}
      </p>
    );
  }
  return (
    <>
      {report && report.status === 'not_configured' && (
        <p data-testid={`query-not-configured-${source}`} className="rounded border border-dashed border-slate-300 px-2 py-1 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-400">
          {source[0].toUpperCase() + source.slice(1)} is not configured. {report.message}
        </p>
      )}
      {report && (report.status === 'error' || report.status === 'timeout') && (
        <p role="alert" className="rounded border border-red-200 bg-red-50 px-2 py-1 text-xs text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {source}: {report.status === 'timeout' ? 'timed out' : 'error'} {report.message ? `— ${report.message}` : ''}
        </p>
      )}
      {warnings.length > 0 && (
        <ul data-testid={`query-warnings-${source}`} className="text-xs text-amber-700 dark:text-amber-400">
          {warnings.map((w, i) => (
            <li key={i}>⚠ {w}</li>
          ))}
        </ul>
      )}
    </>
  );
}
