'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { parseTraceInput } from '@/lib/model/ids';
import { useRangeQuery } from './url-state';
import { tracePath } from '@/lib/routes';

/** Accepts a trace id in any form Jaeger, OTel or legacy clients print, or a traceparent. */
export function TraceSearch() {
  const router = useRouter();
  const range = useRangeQuery();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseTraceInput(value);
    if (!parsed) {
      setError('Not a trace id: paste 16 or 32 hex digits, a traceparent or an uber-trace-id');
      return;
    }
    setError(null);
    setValue('');
    const q = new URLSearchParams(range);
    if (parsed.spanId) q.set('span', parsed.spanId);
    router.push(tracePath(parsed.traceId, q));
  };

  return (
    <form onSubmit={submit} className="relative" role="search">
      <input
        data-testid="trace-search"
        aria-label="Trace id"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder="Trace id or traceparent…"
        className="mono w-72 rounded border border-slate-300 bg-transparent px-2 py-1.5 text-sm dark:border-slate-700"
      />
      {error && (
        <p role="alert" data-testid="trace-search-error" className="absolute z-50 mt-1 w-72 rounded bg-red-50 p-2 text-xs text-red-700 shadow dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      )}
    </form>
  );
}
