'use client';

import dynamic from 'next/dynamic';
import { useState, type ReactNode } from 'react';
import type { QueryLanguage } from '@/components/editor/languages';
import { QueryHistoryMenu, useQueryHistory } from './query-history-menu';

/**
 * One query's editor row: CodeMirror (loaded on the client only, after the page, so the
 * first load stays light), extra controls, history, and a Run button. The query in the URL
 * is the truth; the editor holds an unrun draft until Run or Ctrl/Cmd+Enter. Every run
 * query goes into this browser's history (query-history.ts).
 */

const QueryEditor = dynamic(() => import('@/components/editor/query-editor').then((m) => m.QueryEditor), {
  ssr: false,
  loading: () => <div className="min-h-[34px] flex-1 animate-pulse rounded border border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900" />,
});

export interface QueryBarProps {
  language: QueryLanguage;
  /** The query currently in the URL. */
  value: string;
  onRun: (query: string) => void;
  label: string;
  placeholder: string;
  running: boolean;
  /** Shown before the editor (the query's letter when several share a chart). */
  prefix?: ReactNode;
  /** Test id suffix when one language has several bars (A, B, …). */
  id?: string;
  children?: ReactNode;
}

export function QueryBar({ language, value, onRun, label, placeholder, running, prefix, id, children }: QueryBarProps) {
  const [draft, setDraft] = useState(value);
  // The URL changed under us (back/forward, a shared link): show that query.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(value);
  }
  const history = useQueryHistory(language);
  const run = (q: string) => {
    history.remember(q);
    onRun(q);
  };
  return (
    <div className="flex flex-wrap items-start gap-2">
      {prefix}
      <QueryEditor language={language} value={draft} onChange={setDraft} onRun={run} label={label} placeholder={placeholder} />
      {children}
      <QueryHistoryMenu kind={language} entries={history.all} onPick={setDraft} />
      <button
        type="button"
        data-testid={id ? `run-${language}-${id}` : `run-${language}`}
        onClick={() => run(draft)}
        title="Run (Ctrl/Cmd+Enter)"
        className="h-[34px] rounded bg-sky-600 px-3 text-sm font-medium text-white hover:bg-sky-700 disabled:opacity-60"
        disabled={running && draft.trim() === value.trim()}
      >
        {running ? 'Running…' : 'Run'}
      </button>
    </div>
  );
}
