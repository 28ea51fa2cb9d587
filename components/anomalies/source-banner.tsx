import type { SourceName, SourceReport } from '@/lib/model/types';
import { sourceProblems } from './source-status';

/**
 * One line per source that did not answer, saying which findings may be missing, and the
 * checks the server skipped to stay within its budgets, folded away.
 */
export function SourceBanner({ sources, skipped }: { sources: Partial<Record<SourceName, SourceReport>> | undefined; skipped?: string[] }) {
  const problems = sourceProblems(sources);
  const notes = (skipped ?? []).filter((s) => typeof s === 'string' && s !== '');
  if (problems.length === 0 && notes.length === 0) return null;
  return (
    <div className="mb-3 space-y-1" data-testid="source-banner">
      {problems.map((p) => (
        <p
          key={p.source}
          role="status"
          data-source={p.source}
          data-status={p.status}
          className={`rounded border px-2 py-1 text-sm ${p.status === 'not_configured' ? 'border-slate-300 text-slate-600 dark:border-slate-700 dark:text-slate-400' : 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200'}`}
        >
          {p.text}
        </p>
      ))}
      {notes.length > 0 && (
        <details className="rounded border border-slate-200 px-2 py-1 text-sm dark:border-slate-800" data-testid="skipped-note">
          <summary className="cursor-pointer text-slate-600 dark:text-slate-400">What was not checked ({notes.length})</summary>
          <ul className="mt-1 list-disc pl-5 text-slate-700 dark:text-slate-300">
            {notes.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
