'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { addToHistory, loadHistory, saveHistory, searchHistory, type HistoryEntry, type HistoryKind } from './query-history';
import { formatDateTime } from '@/lib/time/format';
import { useTimeZone } from '@/components/settings/time-zone';

const storage = () => (typeof window === 'undefined' ? undefined : window.localStorage);

/** This browser's query history of one kind; `remember` adds a run query. */
export function useQueryHistory(kind: HistoryKind) {
  // Read on the client only; the list renders only when the menu opens, so SSR markup matches.
  const [all, setAll] = useState<HistoryEntry[]>(() => loadHistory(storage()));
  const remember = useCallback(
    (query: string) => {
      // Re-read first: another tab or the other editor may have written since.
      const next = addToHistory(loadHistory(storage()), kind, query, Date.now());
      saveHistory(storage(), next);
      setAll(next);
    },
    [kind],
  );
  return { all, remember };
}

/** A "History" button opening a searchable list of past queries of this kind. */
export function QueryHistoryMenu({ kind, entries, onPick }: { kind: HistoryKind; entries: readonly HistoryEntry[]; onPick: (query: string) => void }) {
  const zone = useTimeZone();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const found = searchHistory(entries, kind, text);
  return (
    <div ref={box} className="relative">
      <button
        type="button"
        data-testid={`history-${kind}`}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="h-[34px] rounded border border-slate-300 px-2 text-xs text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        History
      </button>
      {open && (
        <div
          className="absolute right-0 z-30 mt-1 w-[32rem] max-w-[90vw] rounded border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900"
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
        >
          <input
            autoFocus
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="Search past queries"
            aria-label="Search query history"
            className="mb-1 w-full rounded border border-slate-300 bg-transparent px-2 py-1 text-xs dark:border-slate-700"
          />
          {found.length === 0 ? (
            <p className="p-2 text-xs text-slate-500">{entries.some((e) => e.kind === kind) ? 'No past query matches.' : 'Queries you run appear here (kept in this browser).'}</p>
          ) : (
            <ul className="max-h-64 overflow-auto" data-testid={`history-list-${kind}`}>
              {found.map((e) => (
                <li key={`${e.atMs}:${e.query}`}>
                  <button
                    type="button"
                    onClick={() => {
                      onPick(e.query);
                      setOpen(false);
                    }}
                    className="flex w-full items-baseline gap-2 rounded px-1 py-0.5 text-left text-xs hover:bg-slate-100 dark:hover:bg-slate-800"
                  >
                    <span className="min-w-0 flex-1 truncate font-mono" title={e.query}>
                      {e.query}
                    </span>
                    <time className="shrink-0 text-[10px] text-slate-500">{formatDateTime(e.atMs, zone, { precision: 'min' })}</time>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
