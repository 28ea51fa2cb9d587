'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ANOMALY_KINDS, KIND_NAMES, SEVERITIES, type Severity } from '@/lib/model/anomaly';
import { CRON_PRESETS } from '@/lib/digests/schedule';
import { ChannelFields } from './channel-fields';
import { digestsApi, type ScheduleRecord } from './digests-api';
import { draftFromScheduleForm, newScheduleForm, scheduleFormFromRecord, windowChoices, type FormChannel, type ScheduleFormState } from './schedule-form-model';

/**
 * A digest schedule's form: name, when (preset or cron + time zone), window, filters,
 * channels. New (POST) or, given `schedule`, edit (PATCH; stored secrets are kept unless replaced).
 */

const field = 'rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-800';
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function ScheduleForm({ schedule, onDone }: { schedule?: ScheduleRecord; onDone: () => void }) {
  const client = useQueryClient();
  const [form, setForm] = useState<ScheduleFormState>(() => (schedule ? scheduleFormFromRecord(schedule) : newScheduleForm(browserZone(), CRON_PRESETS[0].cron)));
  const set = (patch: Partial<ScheduleFormState>) => setForm((f) => ({ ...f, ...patch }));
  const { name, cron, timezone, window, services, kinds, minSeverity, skipEmpty, channels } = form;
  const preset = CRON_PRESETS.find((p) => p.cron === cron)?.cron ?? 'custom';

  const save = useMutation({
    mutationFn: () => {
      const draft = draftFromScheduleForm(form);
      return schedule ? digestsApi.update(schedule.id, draft) : digestsApi.create(draft);
    },
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['digests'] });
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const setChannels = (update: (cs: FormChannel[]) => FormChannel[]) => setForm((f) => ({ ...f, channels: update(f.channels) }));
  const setChannel = (i: number, c: FormChannel) => setChannels((cs) => cs.map((x, j) => (j === i ? c : x)));

  return (
    <form onSubmit={submit} className="space-y-3 rounded border border-slate-200 p-3 dark:border-slate-800" data-testid="digest-form">
      <label className="block text-sm">
        Name
        <input className={`${field} ml-2 w-72`} value={name} onChange={(e) => set({ name: e.target.value })} data-testid="digest-name" required />
      </label>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label>
          When
          <select className={`${field} ml-2`} value={preset} onChange={(e) => e.target.value !== 'custom' && set({ cron: e.target.value })} data-testid="digest-preset">
            {CRON_PRESETS.map((p) => (
              <option key={p.cron} value={p.cron}>
                {p.label}
              </option>
            ))}
            <option value="custom">Custom cron…</option>
          </select>
        </label>
        <input className={`${field} w-40 font-mono`} aria-label="Cron expression" value={cron} onChange={(e) => set({ cron: e.target.value })} data-testid="digest-cron" />
        <label>
          Time zone
          <input className={`${field} ml-2 w-48`} value={timezone} onChange={(e) => set({ timezone: e.target.value })} data-testid="digest-timezone" />
        </label>
        <label>
          Window
          <select className={`${field} ml-2`} value={window} onChange={(e) => set({ window: e.target.value })} data-testid="digest-window">
            {windowChoices(window).map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label>
          Services
          <input className={`${field} ml-2 w-64`} placeholder="all (or: checkout, payment-gateway)" value={services} onChange={(e) => set({ services: e.target.value })} data-testid="digest-services" />
        </label>
        <label>
          Minimum severity
          <select className={`${field} ml-2`} value={minSeverity} onChange={(e) => set({ minSeverity: e.target.value as Severity | '' })} data-testid="digest-min-severity">
            <option value="">any</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={skipEmpty} onChange={(e) => set({ skipEmpty: e.target.checked })} data-testid="digest-skip-empty" />
          Skip when there is nothing to report
        </label>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Kinds ({kinds.length ? kinds.length : 'all'})</summary>
        <div className="mt-1 flex flex-wrap gap-3">
          {ANOMALY_KINDS.map((k) => (
            <label key={k} className="flex items-center gap-1">
              <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => set({ kinds: e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k) })} />
              {KIND_NAMES[k]}
            </label>
          ))}
        </div>
      </details>
      <div className="space-y-2">
        {channels.map((c, i) => (
          <ChannelFields key={i} channel={c} onChange={(n) => setChannel(i, n)} onRemove={() => setChannels((cs) => cs.filter((_, j) => j !== i))} />
        ))}
        <div className="flex gap-2 text-sm">
          <button type="button" className="rounded border px-2 py-1" onClick={() => setChannels((cs) => [...cs, { type: 'webhook', url: '', secret: '' }])} data-testid="digest-add-webhook">
            + Webhook
          </button>
          <button type="button" className="rounded border px-2 py-1" onClick={() => setChannels((cs) => [...cs, { type: 'slack', url: '' }])} data-testid="digest-add-slack">
            + Slack
          </button>
          <button type="button" className="rounded border px-2 py-1" onClick={() => setChannels((cs) => [...cs, { type: 'email', to: [] }])} data-testid="digest-add-email">
            + E-mail
          </button>
        </div>
      </div>
      {save.isError && (
        <p role="alert" className="text-sm text-red-600" data-testid="digest-form-error">
          {save.error.message}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" disabled={save.isPending} className="rounded bg-slate-900 px-3 py-1 text-sm text-white disabled:opacity-50 dark:bg-slate-100 dark:text-slate-900" data-testid="digest-save">
          {save.isPending ? 'Saving…' : schedule ? 'Save changes' : 'Create schedule'}
        </button>
        <button type="button" className="rounded border px-3 py-1 text-sm" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
