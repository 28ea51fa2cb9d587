'use client';

import { Suspense } from 'react';
import { useQuery } from '@tanstack/react-query';
import { SourcePicker } from './source-picker';
import { healthResponse, type HealthResponse } from '@/lib/api/contract/health';
import { fetchApi } from '@/components/ui/use-api';
import { roleDisplayName } from '@/lib/model/source-names';
import { SOURCE_NAMES } from '@/lib/model/types';

const COLORS: Record<string, string> = {
  ok: 'bg-emerald-500',
  error: 'bg-red-500',
  timeout: 'bg-amber-500',
  not_configured: 'bg-slate-400',
};
const TEXT: Record<string, string> = { ok: 'ok', error: 'error', timeout: 'timeout', not_configured: 'not configured' };

const describe = (s: { status: string; version?: string; message?: string; ms?: number }) =>
  `${TEXT[s.status] ?? s.status}${s.version ? ` · v${s.version}` : ''}${s.message ? ` — ${s.message}` : ''}${s.ms ? ` (${s.ms} ms)` : ''}`;

export function useHealth() {
  return useQuery<HealthResponse>({
    queryKey: ['health'],
    // Not useApi: the source cards are drawn in snapshots too, and health is always live.
    queryFn: ({ signal }) => fetchApi('/api/health', healthResponse, signal),
    refetchInterval: 30_000,
  });
}

export function SourcePills() {
  const { data, isError } = useHealth();
  return (
    <ul className="flex items-center gap-2 text-xs" aria-label="Data sources">
      {SOURCE_NAMES.map((name) => {
        const s = data?.sources[name];
        const status = s?.status ?? (isError ? 'error' : 'pending');
        const label = roleDisplayName(name, s?.backend);
        // With several sources of a kind the title lists each one's own status.
        const title = s
          ? s.sources
            ? s.sources.map((n) => `${n.name} (${roleDisplayName(name, n.backend)}): ${describe(n)}`).join('\n')
            : `${label}: ${describe(s)}`
          : `${label}: checking…`;
        return (
          <li
            key={name}
            data-testid={`source-pill-${name}`}
            data-status={status}
            title={title}
            className="flex items-center gap-1.5 rounded-full border border-slate-300 px-2 py-0.5 dark:border-slate-700"
          >
            <span className={`h-2 w-2 rounded-full ${COLORS[status] ?? 'animate-pulse bg-slate-300'}`} aria-hidden />
            {/* Below 2xl a healthy source is its dot (name for screen readers and in the title), so the header stays one row. */}
            <span className={status === 'ok' ? 'sr-only 2xl:not-sr-only' : undefined}>
              {label}
              {s?.demo && <span className="ml-1.5 text-slate-600 dark:text-slate-400">demo</span>}
            </span>
            {(data?.named?.[name].length ?? 0) > 1 ? (
              // The picker reads the URL: its own Suspense boundary keeps the header static.
              <Suspense fallback={null}>
                <SourcePicker slot={name} names={data!.named![name]} backends={s?.sources?.map((n) => n.backend)} />
              </Suspense>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
