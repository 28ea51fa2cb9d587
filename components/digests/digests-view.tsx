'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState } from '@/components/ui/page-title';
import { KIND_NAMES } from '@/lib/model/anomaly';
import { digestsApi, type PublicChannel, type ScheduleRecord } from './digests-api';
import { formatIso } from '@/lib/time/format';
import { useTimeZone } from '@/components/settings/time-zone';
import { RunHistory } from './run-history';
import { ScheduleForm } from './schedule-form';

/** The /digests page: schedules with their next run, "Run now", "Preview", "Edit", history. */

const button = 'rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800';

export function DigestsView() {
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: ['digests'], queryFn: digestsApi.list });
  return (
    <div className="space-y-3">
      {!creating && (
        <button className={button} onClick={() => setCreating(true)} data-testid="digest-new">
          New schedule
        </button>
      )}
      {creating && <ScheduleForm onDone={() => setCreating(false)} />}
      {list.isPending && <p className="text-sm text-slate-500">Loading schedules…</p>}
      {list.isError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {list.error.message}
        </p>
      )}
      {list.data && list.data.schedules.length === 0 && !creating && (
        <EmptyState title="No digest schedules yet">A digest sends what went wrong in a window — counter resets, GC storms, broken traces — to Slack, a webhook or e-mail on a schedule.</EmptyState>
      )}
      {list.data?.schedules.map((s) => <ScheduleCard key={s.id} schedule={s} />)}
    </div>
  );
}

function channelLabel(c: PublicChannel): string {
  if (c.type === 'email') return `e-mail ${c.to.join(', ')}`;
  if (c.type === 'slack') return `Slack ${c.url}`;
  return `webhook ${c.url}${c.hasSecret ? ' (signed)' : ''}`;
}

function ScheduleCard({ schedule: s }: { schedule: ScheduleRecord }) {
  const client = useQueryClient();
  const zone = useTimeZone();
  const refresh = () => client.invalidateQueries({ queryKey: ['digests'] });
  const [preview, setPreview] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const runNow = useMutation({ mutationFn: () => digestsApi.runNow(s.id), onSettled: refresh });
  const showPreview = useMutation({ mutationFn: () => digestsApi.preview(s.id), onSuccess: (p) => setPreview(`${p.subject}\n\n${p.text}`) });
  const toggle = useMutation({ mutationFn: () => digestsApi.update(s.id, { enabled: !s.enabled }), onSettled: refresh });
  const remove = useMutation({ mutationFn: () => digestsApi.remove(s.id), onSettled: refresh });
  const f = s.filters;
  const filters = [
    f.services?.length ? `services: ${f.services.join(', ')}` : null,
    f.kinds?.length ? `kinds: ${f.kinds.map((k) => KIND_NAMES[k]).join(', ')}` : null,
    f.minSeverity ? `≥ ${f.minSeverity}` : null,
  ].filter(Boolean);

  return (
    <section className="space-y-2 rounded border border-slate-200 p-3 dark:border-slate-800" data-testid="digest-schedule">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 className="font-medium" data-testid="digest-schedule-name">
            {s.name} {!s.enabled && <span className="text-xs text-slate-500">(paused)</span>}
          </h2>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            <code>{s.cron}</code> in {s.timezone} · window {s.window === 'since_last_run' ? 'since the last digest' : `last ${s.window}`}
            {s.skipEmpty ? ' · skipped when empty' : ''} · next run {formatIso(s.nextRunAt, zone, { precision: 'min' })}
          </p>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {filters.length ? filters.join(' · ') : 'all findings'} → {s.channels.length ? s.channels.map(channelLabel).join('; ') : 'no channel (history only)'}
          </p>
        </div>
        <div className="flex gap-2">
          <button className={button} disabled={runNow.isPending} onClick={() => runNow.mutate()} data-testid="digest-run-now">
            {runNow.isPending ? 'Running…' : 'Run now'}
          </button>
          <button className={button} disabled={showPreview.isPending} onClick={() => showPreview.mutate()} data-testid="digest-preview">
            {showPreview.isPending ? 'Rendering…' : 'Preview'}
          </button>
          <button className={button} disabled={editing} onClick={() => setEditing(true)} data-testid="digest-edit">
            Edit
          </button>
          <button className={button} onClick={() => toggle.mutate()} data-testid="digest-toggle">
            {s.enabled ? 'Pause' : 'Resume'}
          </button>
          <button className={`${button} text-red-700`} onClick={() => window.confirm(`Delete “${s.name}” and its history?`) && remove.mutate()} data-testid="digest-delete">
            Delete
          </button>
        </div>
      </div>
      {editing && <ScheduleForm schedule={s} onDone={() => setEditing(false)} />}
      {(runNow.isError || showPreview.isError) && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {(runNow.error ?? showPreview.error)?.message}
        </p>
      )}
      {preview !== null && (
        <div>
          <div className="flex items-center justify-between text-xs text-slate-500">
            <span>Preview — what would be sent now (nothing was sent)</span>
            <button className="hover:underline" onClick={() => setPreview(null)}>
              Close
            </button>
          </div>
          <pre className="max-h-96 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 text-xs dark:bg-slate-900" data-testid="digest-preview-text">
            {preview}
          </pre>
        </div>
      )}
      <details open>
        <summary className="cursor-pointer text-sm text-slate-600 dark:text-slate-400">History</summary>
        <RunHistory scheduleId={s.id} />
      </details>
    </section>
  );
}
