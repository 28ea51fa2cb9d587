'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useDeferredValue, useState } from 'react';
import { EmptyState } from '@/components/ui/page-title';
import { formatTimestamp, readablePath } from './format';
import { useTimeZone } from '@/components/settings/time-zone';
import { ShareButton } from './share-button';
import { viewsApi, type ViewRecord } from './views-api';

/** The /views page: saved views with search, open, rename, delete and share. */
export function ViewsList({ initialQuery = '' }: { initialQuery?: string }) {
  const [q, setQ] = useState(initialQuery);
  const query = useDeferredValue(q.trim());
  const [withDigests, setWithDigests] = useState(false);
  const origin = withDigests ? 'all' : 'user';
  const views = useQuery({ queryKey: ['views', query, origin], queryFn: () => viewsApi.list(query, origin) });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Search name, description or path"
          aria-label="Search saved views"
          data-testid="views-search"
          className="w-full max-w-md rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-800"
        />
        <label className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-400">
          <input type="checkbox" checked={withDigests} onChange={(e) => setWithDigests(e.target.checked)} data-testid="views-with-digests" />
          show views created by digests
        </label>
      </div>
      {views.isPending && <p className="text-sm text-slate-500">Loading saved views…</p>}
      {views.isError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {views.error.message}
        </p>
      )}
      {views.data && views.data.views.length === 0 && (
        <EmptyState title={query ? 'No saved view matches' : 'No saved views yet'}>
          {query ? 'Try another word.' : 'Use “Share” on a trace, Explore, Anomalies or the Overview to save the view and get a link.'}
        </EmptyState>
      )}
      {views.data && views.data.views.length > 0 && (
        <ul className="divide-y divide-slate-200 rounded border border-slate-200 dark:divide-slate-800 dark:border-slate-800" data-testid="views-list">
          {views.data.views.map((v) => (
            <ViewRow key={v.id} view={v} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ViewRow({ view }: { view: ViewRecord }) {
  const client = useQueryClient();
  const zone = useTimeZone();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(view.name);
  const [description, setDescription] = useState(view.description);
  const refresh = () => client.invalidateQueries({ queryKey: ['views'] });
  const save = useMutation({
    mutationFn: () => viewsApi.update(view.id, { name: name.trim(), description: description.trim() }),
    onSuccess: () => {
      setEditing(false);
      refresh();
    },
  });
  const remove = useMutation({ mutationFn: () => viewsApi.remove(view.id), onSuccess: refresh });
  const error = save.error ?? remove.error;

  return (
    <li className="flex flex-wrap items-start gap-3 p-3 text-sm" data-testid="view-row">
      <div className="min-w-0 flex-1">
        {editing ? (
          <form
            className="space-y-1"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate();
            }}
          >
            <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} aria-label="Name" className="w-full rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-800" />
            <textarea value={description} maxLength={2000} onChange={(e) => setDescription(e.target.value)} aria-label="Description" rows={2} className="w-full rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-800" />
            <div className="flex gap-2">
              <button type="submit" disabled={save.isPending} className="rounded bg-sky-600 px-2 py-0.5 text-white">
                Save
              </button>
              <button type="button" onClick={() => setEditing(false)} className="rounded border border-slate-300 px-2 py-0.5 dark:border-slate-700">
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <>
            <Link href={view.path} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
              {view.name}
            </Link>
            {view.description && <p className="text-slate-600 dark:text-slate-400">{view.description}</p>}
          </>
        )}
        <p className="mt-1 break-all font-mono text-xs text-slate-500">{readablePath(view.path)}</p>
        <p className="text-xs text-slate-500">
          Created {formatTimestamp(view.createdAt, zone)} · updated {formatTimestamp(view.updatedAt, zone)}
        </p>
        {error && (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {error.message}
          </p>
        )}
      </div>
      <div className="flex gap-2">
        <Link href={view.path} className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
          Open
        </Link>
        <ShareButton path={view.path} />
        {!editing && (
          <button type="button" onClick={() => setEditing(true)} className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
            Rename
          </button>
        )}
        <button
          type="button"
          disabled={remove.isPending}
          onClick={() => {
            if (window.confirm(`Delete “${view.name}”? Its share links stop working.`)) remove.mutate();
          }}
          className="rounded border border-red-300 px-2 py-1 text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
        >
          Delete
        </button>
      </div>
    </li>
  );
}
