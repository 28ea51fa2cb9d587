'use client';

import { logContextResponse, type ExploreLogEntry } from '@/lib/api/contract/explore';
import { LogLineHead } from '@/components/logs/log-line-head';
import { detectLevel } from '@/components/logs/log-level';
import { Alert } from '@/components/ui/alert';
import { useApi } from '@/components/ui/use-api';
import { useViewParams } from '@/components/ui/view-params';

/** How many lines each side (the API allows up to 200). */
const CONTEXT_LINES = 25;

/** The context of one line, from the logs source the page chose (absent: the default). */
export function logContextUrl(e: ExploreLogEntry, logsSource: string | null): string | null {
  if (!e.stream) return null;
  const q = new URLSearchParams({ stream: JSON.stringify(e.stream), tsNs: e.tsNs, before: String(CONTEXT_LINES), after: String(CONTEXT_LINES) });
  if (logsSource) q.set('logsSource', logsSource);
  return `/api/v1/query/logs/context?${q}`;
}

function Row({ entry, anchor }: { entry: ExploreLogEntry; anchor?: boolean }) {
  return (
    <div data-testid={anchor ? 'log-context-anchor' : 'log-context-line'} className={`flex items-start gap-2 px-2 py-0.5 text-xs ${anchor ? 'bg-amber-50 font-semibold dark:bg-amber-950/50' : ''}`}>
      <LogLineHead entry={entry} level={detectLevel(entry.labels, entry.line)} />
      <span className="min-w-0 flex-1 font-mono whitespace-pre-wrap break-all">{entry.line}</span>
    </div>
  );
}

/** The lines just before and after one line, from its own stream only (log-context.ts). */
export function LogContextPanel({ entry, onClose }: { entry: ExploreLogEntry; onClose: () => void }) {
  const logsSource = useViewParams().get('logsSource');
  const ctx = useApi(logContextUrl(entry, logsSource), logContextResponse);
  return (
    <div data-testid="log-context" className="rounded border border-amber-300 dark:border-amber-800" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="flex items-baseline justify-between gap-2 border-b border-amber-200 px-2 py-1 text-xs dark:border-amber-900">
        <span className="min-w-0 truncate">
          Context of one line in <code className="font-mono">{ctx.data?.selector ?? ''}</code>
        </span>
        <button type="button" data-testid="log-context-close" onClick={onClose} className="shrink-0 underline">
          Close
        </button>
      </div>
      {ctx.error && <Alert size="sm">{ctx.error.message}</Alert>}
      {ctx.isLoading && <p className="p-2 text-xs text-slate-500">Loading the lines around it…</p>}
      {ctx.data && (
        <div className="max-h-96 overflow-auto">
          {ctx.data.before.length === 0 && <p className="px-2 py-0.5 text-[11px] text-slate-500">No earlier line in the hour before.</p>}
          {ctx.data.before.map((e, i) => (
            <Row key={`b${i}`} entry={e} />
          ))}
          <Row entry={ctx.data.line ?? entry} anchor />
          {ctx.data.after.map((e, i) => (
            <Row key={`a${i}`} entry={e} />
          ))}
          {ctx.data.after.length === 0 && <p className="px-2 py-0.5 text-[11px] text-slate-500">No later line in the hour after.</p>}
        </div>
      )}
    </div>
  );
}
