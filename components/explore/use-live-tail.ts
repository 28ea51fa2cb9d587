'use client';

import { useEffect, useState } from 'react';
import { exploreLogsResponse, type ExploreLogEntry } from '@/lib/api/contract/explore';
import { fetchApi } from '@/components/ui/use-api';
import { mergeTail, tailFromMs, tailPollUrl } from './log-tail';

/** Seconds between polls: close to Loki's own tail delay, light on the backend. */
export const TAIL_INTERVAL_MS = 2_000;
const FIRST_LOOKBACK_MS = 60_000;
const PAGE = 500;

/**
 * Live tail of a log query by polling our logs endpoint (log-tail.ts says why not Loki's
 * WebSocket), from the chosen `logsSource`. Starts from `seed` (the lines already shown) and
 * stops when disabled or when the query or source changes; a failed poll is reported and the
 * next one tries again.
 */
export function useLiveTail(logql: string, logsSource: string | null, enabled: boolean, seed: readonly ExploreLogEntry[]) {
  const [lines, setLines] = useState<ExploreLogEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [polls, setPolls] = useState(0);
  useEffect(() => {
    if (!enabled || !logql) return;
    let stopped = false;
    let buffer = mergeTail([], seed);
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const from = new Date(tailFromMs(buffer, Date.now() - FIRST_LOOKBACK_MS)).toISOString();
      const url = tailPollUrl(logql, from, logsSource, PAGE);
      try {
        const r = await fetchApi(url, exploreLogsResponse, ctl.signal);
        buffer = mergeTail(buffer, r.logs);
        if (stopped) return;
        setLines(buffer);
        setError(null);
        setPolls((n) => n + 1);
      } catch (err) {
        if (stopped) return;
        setError(err instanceof Error ? err.message : 'poll failed');
      }
      if (!stopped) timer = setTimeout(poll, TAIL_INTERVAL_MS);
    };
    timer = setTimeout(poll, 0);
    return () => {
      stopped = true;
      ctl.abort();
      clearTimeout(timer);
    };
    // The seed is read when tailing starts, not followed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, logql, logsSource]);
  return { lines, error, polls };
}
