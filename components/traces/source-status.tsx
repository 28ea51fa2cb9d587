import type { SourceName, SourceReport } from '@/lib/model/types';
import { SOURCE_DISPLAY_NAMES, SOURCE_SIGNALS } from '@/lib/model/source-names';

const label = (name: SourceName): string => `${SOURCE_DISPLAY_NAMES[name]} (${SOURCE_SIGNALS[name]})`;
const STYLE: Record<SourceReport['status'], string> = {
  ok: 'border-emerald-300 text-emerald-800 dark:border-emerald-800 dark:text-emerald-300',
  error: 'border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-300',
  timeout: 'border-amber-300 bg-amber-50 text-amber-800 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-300',
  not_configured: 'border-slate-300 text-slate-500 dark:border-slate-700',
};
const WORDS: Record<SourceReport['status'], string> = { ok: 'ok', error: 'error', timeout: 'timed out', not_configured: 'not configured' };

/** Per-backend outcome of the request: one failing source is reported here, never a blank page. */
export function SourceStatus({ sources }: { sources: Record<SourceName, SourceReport> }) {
  return (
    <ul className="flex flex-wrap gap-2" data-testid="source-status">
      {(['jaeger', 'loki', 'prometheus'] as const).map((name) => {
        const r = sources[name];
        if (!r) return null;
        return (
          <li key={name} data-testid="source-status-item" data-source={name} data-status={r.status} className={`max-w-full rounded border px-2 py-0.5 text-xs ${STYLE[r.status]}`}>
            <span className="font-medium">{label(name)}</span>: {WORDS[r.status]}
            {r.status !== 'not_configured' && <span className="text-slate-500"> · {Math.round(r.ms)} ms</span>}
            {r.message && <span className="block break-words">{r.message}</span>}
          </li>
        );
      })}
    </ul>
  );
}
