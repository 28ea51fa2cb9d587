'use client';

import type { SourceName, SourceReport } from '@/lib/model/types';
import type { ApiFetchError } from '@/components/ui/use-api';
import { Alert } from '@/components/ui/alert';
import { SOURCE_DISPLAY_NAMES } from '@/lib/model/source-names';

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
      <Alert size="sm" className="font-mono whitespace-pre-wrap" data-testid={`query-error-${source}`}>
        {error.status === 400 ? 'Query error: ' : ''}
        {error.message}
      </Alert>
    );
  }
  return (
    <>
      {report && report.status === 'not_configured' && (
        <p data-testid={`query-not-configured-${source}`} className="rounded border border-dashed border-slate-300 px-2 py-1 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-400">
          {SOURCE_DISPLAY_NAMES[source]} is not configured. {report.message}
        </p>
      )}
      {report && (report.status === 'error' || report.status === 'timeout') && (
        <Alert size="sm">
          {source}: {report.status === 'timeout' ? 'timed out' : 'error'} {report.message ? `— ${report.message}` : ''}
        </Alert>
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
