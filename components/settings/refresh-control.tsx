'use client';

import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { useSetViewParams } from '@/components/ui/view-params';
import { useShortcut } from '@/components/ui/use-shortcut';
import { REFRESH_CHOICES, isRefreshChoice } from './refresh-interval';
import { useRefreshInterval } from './use-refresh';

/**
 * Refresh now, and refresh every 10 s … 5 min (in the URL, `refresh=`). Both refetch the
 * page's React Query data that is on screen; relative ranges ("last 1 hour") move with it
 * because the API resolves `now` per request.
 */
export function RefreshControl() {
  const client = useQueryClient();
  const setParams = useSetViewParams();
  const { choice, ms } = useRefreshInterval();
  const fetching = useIsFetching() > 0;
  const refresh = useCallback(() => void client.refetchQueries({ type: 'active' }), [client]);

  useEffect(() => {
    if (ms === null) return;
    const id = window.setInterval(refresh, ms);
    return () => window.clearInterval(id);
  }, [ms, refresh]);
  useShortcut('r', 'Refresh the data now', refresh);

  return (
    <div className="flex items-center overflow-hidden rounded border border-slate-300 text-xs dark:border-slate-700" data-testid="refresh-control">
      <button type="button" onClick={refresh} aria-label="Refresh now" aria-keyshortcuts="r" title="Refresh now (r)" data-testid="refresh-now" data-fetching={fetching} className="px-2 py-1.5 hover:bg-slate-100 dark:hover:bg-slate-800">
        <svg aria-hidden viewBox="0 0 16 16" className={`h-3.5 w-3.5 ${fetching ? 'animate-spin' : ''}`} fill="none" stroke="currentColor" strokeWidth="1.6">
          <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2.5v3h-3" />
        </svg>
      </button>
      <label className="border-l border-slate-300 dark:border-slate-700">
        <span className="sr-only">Auto-refresh</span>
        <select
          data-testid="refresh-interval"
          value={choice}
          onChange={(e) => isRefreshChoice(e.target.value) && setParams({ refresh: e.target.value }, 'replace')}
          className="bg-white py-1.5 pl-1 pr-0.5 text-xs dark:bg-slate-900"
        >
          {REFRESH_CHOICES.map((c) => (
            <option key={c} value={c}>
              {c === 'off' ? 'Auto: off' : c}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
