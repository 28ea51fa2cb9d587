'use client';

import { useQuery } from '@tanstack/react-query';
import { formatIso, formatRange } from '@/lib/time/format';
import { useTimeZone } from '@/components/settings/time-zone';
import { digestsApi, type RunRecord } from './digests-api';

/** A schedule's runs: when, window, counts, channel results, and the digest as it was sent. */

const STATUS_CLASS: Record<string, string> = {
  sent: 'bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-100',
  skipped: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
  failed: 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100',
  missed: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100',
  running: 'bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-100',
  pending: 'bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-100',
};

export function RunHistory({ scheduleId }: { scheduleId: string }) {
  const runs = useQuery({ queryKey: ['digests', scheduleId, 'runs'], queryFn: () => digestsApi.runs(scheduleId), refetchInterval: 30_000 });
  if (runs.isPending) return <p className="text-sm text-slate-500">Loading history…</p>;
  if (runs.isError) return <p role="alert" className="text-sm text-red-700 dark:text-red-400">{runs.error.message}</p>;
  if (runs.data.runs.length === 0) return <p className="text-sm text-slate-500" data-testid="digest-history-empty">No runs yet.</p>;
  return (
    <ul className="space-y-1" data-testid="digest-history">
      {runs.data.runs.map((r) => (
        <RunRow key={r.id} run={r} />
      ))}
    </ul>
  );
}

function RunRow({ run }: { run: RunRecord }) {
  const c = run.counts;
  const zone = useTimeZone();
  return (
    <li className="rounded border border-slate-200 text-sm dark:border-slate-800" data-testid="digest-run">
      <details>
        <summary className="flex cursor-pointer flex-wrap items-center gap-2 px-2 py-1">
          <span className={`rounded px-1.5 text-xs font-medium ${STATUS_CLASS[run.status] ?? ''}`} data-testid="digest-run-status">
            {run.status}
          </span>
          <span>{formatIso(run.scheduledFor, zone, { precision: 'min' })}</span>
          <span className="text-slate-500">{run.trigger === 'manual' ? 'run now' : run.trigger.replace('_', '-')}</span>
          <span className="text-slate-500">
            window {formatRange(Date.parse(run.window.from), Date.parse(run.window.to), zone, 'min')}
          </span>
          {c.total !== undefined && (
            <span>
              {c.total} finding{c.total === 1 ? '' : 's'} · {c.new} new · {c.ongoing} still going · {c.resolved} resolved
            </span>
          )}
        </summary>
        <div className="space-y-2 border-t border-slate-200 p-2 dark:border-slate-800">
          {run.error && <p className="text-red-700 dark:text-red-300">{run.error}</p>}
          {run.channelResults.length > 0 && (
            <ul className="text-xs" data-testid="digest-run-channels">
              {run.channelResults.map((ch) => (
                <li key={ch.index}>
                  {ch.type} → {ch.target}: <strong>{ch.status}</strong> after {ch.attempts} attempt{ch.attempts === 1 ? '' : 's'}
                  {ch.error ? ` (${ch.error})` : ''}
                </li>
              ))}
            </ul>
          )}
          {run.rendered ? (
            <pre className="max-h-96 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 text-xs dark:bg-slate-900" data-testid="digest-run-rendered">
              {run.rendered.text}
            </pre>
          ) : (
            <p className="text-slate-500">No digest was rendered for this run.</p>
          )}
        </div>
      </details>
    </li>
  );
}
