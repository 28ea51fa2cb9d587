'use client';

import { findingMute } from '@/lib/api/contract';
import { useState } from 'react';
import { sendApi } from '@/components/ui/use-api';

/** Acknowledge or mute one finding for a time, saying who and why (until sign-in, "who" is typed). */
export function MuteControl({ findingId, onDone }: { findingId: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <button type="button" className="text-xs text-sky-700 hover:underline dark:text-sky-400" onClick={() => setOpen(true)} data-testid="mute-open">
        Acknowledge or mute…
      </button>
    );
  }
  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await sendApi('POST', '/api/v1/mutes', findingMute, { findingId, mode: form.get('mode'), by: form.get('by'), reason: form.get('reason'), for: form.get('for') });
      setOpen(false);
      onDone();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const input = 'rounded border border-slate-300 px-1 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-900';
  return (
    <form onSubmit={submit} className="mt-1 flex flex-wrap items-center gap-1 text-xs" data-testid="mute-form">
      <select name="mode" className={input} defaultValue="ack" aria-label="Acknowledge or mute">
        <option value="ack">Acknowledge</option>
        <option value="mute">Mute (leave out of digests)</option>
      </select>
      <select name="for" className={input} defaultValue="4h" aria-label="For how long">
        {['30m', '1h', '4h', '1d', '7d'].map((d) => (
          <option key={d}>{d}</option>
        ))}
      </select>
      <input name="by" required maxLength={100} placeholder="who" className={input} aria-label="Who" />
      <input name="reason" required maxLength={500} placeholder="why" className={`${input} min-w-48 flex-1`} aria-label="Why" />
      <button type="submit" disabled={busy} className="rounded bg-slate-800 px-2 py-0.5 text-white disabled:opacity-50 dark:bg-slate-200 dark:text-slate-900">
        Save
      </button>
      <button type="button" onClick={() => setOpen(false)} className="px-1 text-slate-500">
        Cancel
      </button>
      {error && <span role="alert" className="text-rose-700">{error}</span>}
    </form>
  );
}
