'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatBytes } from '@/lib/views/snapshot-format';
import { formatExpiry, formatTimestamp } from './format';
import { useTimeZone } from '@/components/settings/time-zone';
import { viewsApi } from './views-api';

/** The existing share links of a saved view, with opens, last open, expiry, and revoke. */
export function ShareList({ viewId }: { viewId: string }) {
  const client = useQueryClient();
  const zone = useTimeZone();
  const shares = useQuery({ queryKey: ['view-shares', viewId], queryFn: () => viewsApi.shares(viewId) });
  const revoke = useMutation({
    mutationFn: (shareId: string) => viewsApi.revoke(viewId, shareId),
    onSuccess: () => client.invalidateQueries({ queryKey: ['view-shares', viewId] }),
  });
  if (shares.isPending) return <p className="text-sm text-slate-500">Loading share links…</p>;
  if (shares.isError) return <p role="alert" className="text-sm text-red-700 dark:text-red-400">{shares.error.message}</p>;
  const list = shares.data.shares;
  if (list.length === 0) return <p className="text-sm text-slate-500">No share links of this view yet.</p>;
  return (
    <table className="w-full text-left text-xs" data-testid="share-list">
      <thead className="text-slate-500">
        <tr>
          <th className="py-1 font-medium">Link</th>
          <th className="font-medium">Created</th>
          <th className="font-medium">Expiry</th>
          <th className="font-medium">Opens</th>
          <th className="font-medium">Last open</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {list.map((s) => (
          <tr key={s.id} data-testid="share-row" data-status={s.status} className="border-t border-slate-200 dark:border-slate-800">
            <td className="py-1">
              {s.snapshot ? `Snapshot (${formatBytes(s.snapshotBytes)})` : 'Live'}
              {s.status !== 'active' && <span className="ml-1 rounded bg-slate-200 px-1 dark:bg-slate-700">{s.status}</span>}
            </td>
            <td>{formatTimestamp(s.createdAt, zone)}</td>
            <td>{s.status === 'revoked' ? `revoked ${formatTimestamp(s.revokedAt, zone)}` : formatExpiry(s.expiresAt, zone)}</td>
            <td>{s.openCount}</td>
            <td>{formatTimestamp(s.lastOpenedAt, zone)}</td>
            <td className="text-right">
              {s.status === 'active' && (
                <button
                  type="button"
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate(s.id)}
                  className="rounded border border-red-300 px-2 py-0.5 text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
                >
                  Revoke
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
