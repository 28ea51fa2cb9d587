'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { DEFAULT_EXPIRES_IN, EXPIRY_CHOICES } from '@/lib/api/contract/views';
import { hasRelativeRange } from '@/lib/views/view-path';
import { useTimeZone } from '@/components/settings/time-zone';
import { useEscapeToClose } from '@/components/ui/use-shortcut';
import { CopyLink } from './copy-link';
import { formatExpiry } from './format';
import { ShareList } from './share-list';
import { defaultViewName, viewsApi } from './views-api';

/**
 * Share the view at `path`: saves it first when it is not saved yet (asking for a name),
 * then creates a live link or a snapshot with an expiry, shows the link to copy, and lists
 * the view's existing links with a revoke button.
 */
export function ShareDialog({ path, onClose }: { path: string; onClose: () => void }) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const client = useQueryClient();
  const zone = useTimeZone();
  const saved = useQuery({ queryKey: ['view-by-path', path], queryFn: () => viewsApi.findByPath(path) });
  const existing = saved.data?.views[0] ?? null;

  const [name, setName] = useState(() => defaultViewName(path));
  const [snapshot, setSnapshot] = useState(false);
  const [expiresIn, setExpiresIn] = useState<string>(DEFAULT_EXPIRES_IN);
  const [pinRange, setPinRange] = useState(false);
  const relative = safeHasRelativeRange(path);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  // Escape through the app's registry, so it closes this dialog and not a drawer opened before it.
  useEscapeToClose(true, () => dialog.current?.close(), dialog);

  const create = useMutation({
    mutationFn: async () => {
      const view = existing ?? (await viewsApi.create({ name: name.trim(), path }));
      const share = await viewsApi.share(view.id, { snapshot, expiresIn, pinRange: snapshot || pinRange });
      return { view, share };
    },
    onSuccess: ({ view }) => {
      client.invalidateQueries({ queryKey: ['view-by-path', path] });
      client.invalidateQueries({ queryKey: ['view-shares', view.id] });
      client.invalidateQueries({ queryKey: ['views'] });
    },
  });
  const result = create.data?.share;

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={onClose}
      data-testid="share-dialog"
      className="w-[36rem] max-w-[95vw] rounded-lg border border-slate-300 bg-white p-4 text-slate-900 shadow-xl backdrop:bg-black/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="mb-3 flex items-center justify-between">
        <h2 id={titleId} className="text-lg font-semibold">
          Share this view
        </h2>
        <button type="button" aria-label="Close" onClick={() => dialog.current?.close()} className="rounded px-2 text-xl leading-none hover:bg-slate-100 dark:hover:bg-slate-800">
          ×
        </button>
      </div>

      <form
        className="space-y-3 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        {saved.isPending ? (
          <p className="text-slate-500">Checking saved views…</p>
        ) : existing ? (
          <p>
            Saved as <strong>{existing.name}</strong>
          </p>
        ) : (
          <label className="block">
            <span className="mb-1 block font-medium">Name (the view is saved under it)</span>
            <input
              required
              maxLength={200}
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid="share-view-name"
              className="w-full rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-800"
            />
          </label>
        )}

        <fieldset className="flex gap-4">
          <legend className="mb-1 font-medium">Kind</legend>
          <label className="flex items-center gap-1">
            <input type="radio" name="kind" checked={!snapshot} onChange={() => setSnapshot(false)} data-testid="share-kind-live" />
            Live (re-queries the backends)
          </label>
          <label className="flex items-center gap-1">
            <input type="radio" name="kind" checked={snapshot} onChange={() => setSnapshot(true)} data-testid="share-kind-snapshot" />
            Snapshot (freezes the data)
          </label>
        </fieldset>

        <label className="flex items-center gap-2">
          <span className="font-medium">Expires</span>
          <select value={expiresIn} onChange={(e) => setExpiresIn(e.target.value)} data-testid="share-expiry" className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-800">
            {EXPIRY_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>

        {relative && (
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={snapshot || pinRange} disabled={snapshot} onChange={(e) => setPinRange(e.target.checked)} data-testid="share-pin-range" />
            Share as of now (pin the relative time range to absolute times{snapshot ? '; snapshots always do' : ''})
          </label>
        )}

        <button
          type="submit"
          disabled={create.isPending || saved.isPending}
          data-testid="share-create"
          className="rounded bg-sky-600 px-3 py-1.5 font-medium text-white hover:bg-sky-700 disabled:opacity-50"
        >
          {create.isPending ? (snapshot ? 'Capturing snapshot…' : 'Creating link…') : 'Create link'}
        </button>
        {create.isError && (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {create.error.message}
          </p>
        )}
      </form>

      {result && (
        <div className="mt-3 space-y-1" data-testid="share-result">
          <CopyLink url={result.url} />
          <p className="text-xs text-slate-500">
            {result.share.snapshot ? 'Snapshot' : 'Live link'} · {formatExpiry(result.expiresAt, zone)}
          </p>
          {result.failedParts.length > 0 && <p className="text-xs text-amber-700">Some parts of the view could not be captured; the snapshot says which.</p>}
        </div>
      )}

      {existing && (
        <section className="mt-4">
          <h3 className="mb-1 font-medium">Links of this view</h3>
          <ShareList viewId={existing.id} />
        </section>
      )}
    </dialog>
  );
}

function safeHasRelativeRange(path: string): boolean {
  try {
    return hasRelativeRange(path);
  } catch {
    return false;
  }
}
