'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { parseTracePaste } from '@/lib/model/trace-paste';
import { useShortcut } from '@/components/ui/use-shortcut';
import { useRangeQuery } from './url-state';
import { tracePath } from '@/lib/routes';

/** Accepts a trace id in any form Jaeger, OTel or legacy clients print, a traceparent, or a Jaeger UI / Grafana trace link. */
export function TraceSearch() {
  const router = useRouter();
  const range = useRangeQuery();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();

  useShortcut('/', 'Focus the trace search', () => {
    input.current?.focus();
    input.current?.select();
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseTracePaste(value);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    setValue('');
    const q = new URLSearchParams(range);
    if (parsed.spanId) q.set('span', parsed.spanId);
    router.push(tracePath(parsed.traceId, q));
  };

  return (
    <form onSubmit={submit} className="relative" role="search" aria-label="Trace search">
      <input
        ref={input}
        data-testid="trace-search"
        aria-label="Trace id or trace link"
        aria-keyshortcuts="/"
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          if (error) setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && (value || error)) {
            setValue('');
            setError(null);
          }
        }}
        placeholder="Trace id or link   /"
        className="mono w-48 rounded transition-[width] focus:w-72 border border-slate-300 bg-transparent px-2 py-1.5 text-sm placeholder:text-slate-500 dark:border-slate-700 dark:placeholder:text-slate-400"
      />
      {error && (
        <p id={errorId} role="alert" data-testid="trace-search-error" className="absolute z-50 mt-1 w-80 rounded bg-red-50 p-2 text-xs text-red-800 shadow dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      )}
    </form>
  );
}
