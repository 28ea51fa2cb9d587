'use client';

import dynamic from 'next/dynamic';
import { useState, type ReactNode } from 'react';
import type { QueryLanguage } from '@/components/editor/languages';

/**
 * One query's editor row: CodeMirror (loaded on the client only, after the page, so the
 * first load stays light), extra controls, and a Run button. The query in the URL is the
 * truth; the editor holds an unrun draft until Run or Ctrl/Cmd+Enter.
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
  children?: ReactNode;
}

export function QueryBar({ language, value, onRun, label, placeholder, running, children }: QueryBarProps) {
  const [draft, setDraft] = useState(value);
  // The URL changed under us (back/forward, a shared link): show that query.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(value);
  }
  return (
    <div className="flex flex-wrap items-start gap-2">
      <QueryEditor language={language} value={draft} onChange={setDraft} onRun={onRun} label={label} placeholder={placeholder} />
      {children}
      <button
        type="button"
        data-testid={`run-${language}`}
        onClick={() => onRun(draft)}
        title="Run (Ctrl/Cmd+Enter)"
        className="h-[34px] rounded bg-sky-600 px-3 text-sm font-medium text-white hover:bg-sky-700 disabled:opacity-60"
        disabled={running && draft.trim() === value.trim()}
      >
        {running ? 'Running…' : 'Run'}
      </button>
    </div>
  );
}
