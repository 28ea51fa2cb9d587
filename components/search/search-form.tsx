'use client';

import { operationList, serviceList } from '@/lib/api/contract';
import { useState, type FormEvent } from 'react';
import { useApi } from '@/components/ui/use-api';
import { useSetViewParams, useViewParams } from '@/components/ui/view-params';
import { MAX_SEARCH_LIMIT, SEARCH_SORTS } from '@/lib/search/search-query';

const input = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900';

/** The search filters; submitting writes them to the URL, which is what the results read. */
export function SearchForm() {
  const params = useViewParams();
  const setParams = useSetViewParams();
  const [service, setService] = useState(params.get('service') ?? '');
  const [operation, setOperation] = useState(params.get('operation') ?? '');
  const [tags, setTags] = useState(params.get('tags') ?? '');
  const [minDuration, setMin] = useState(params.get('minDuration') ?? '');
  const [maxDuration, setMax] = useState(params.get('maxDuration') ?? '');
  const [limit, setLimit] = useState(params.get('limit') ?? '20');
  const [errors, setErrors] = useState(params.get('errors') === 'true');
  const services = useApi('/api/v1/services', serviceList);
  const operations = useApi(service ? `/api/v1/services/${encodeURIComponent(service)}/operations` : null, operationList);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams({ service, operation, tags: tags.trim(), minDuration: minDuration.trim(), maxDuration: maxDuration.trim(), limit: limit.trim(), errors: errors ? 'true' : null });
  };

  return (
    <form onSubmit={submit} className="mb-4 flex flex-wrap items-end gap-3 rounded border border-slate-200 p-3 text-sm dark:border-slate-800" aria-label="Trace search">
      <label className="flex flex-col gap-1">
        Service
        <select className={input} value={service} onChange={(e) => { setService(e.target.value); setOperation(''); }} data-testid="search-service">
          <option value="">{services.isLoading ? 'loading…' : 'choose a service'}</option>
          {(services.data?.services ?? (service ? [service] : [])).map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        Operation
        <select className={input} value={operation} onChange={(e) => setOperation(e.target.value)} data-testid="search-operation">
          <option value="">all</option>
          {(operations.data?.operations ?? (operation ? [operation] : [])).map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      </label>
      <label className="flex min-w-64 flex-1 flex-col gap-1">
        Tags <span className="text-xs text-slate-500">logfmt, e.g. http.status_code=500 error=true</span>
        <input className={`${input} font-mono`} value={tags} onChange={(e) => setTags(e.target.value)} placeholder='key=value key2="a b"' data-testid="search-tags" />
      </label>
      <label className="flex w-24 flex-col gap-1">
        Min duration
        <input className={input} value={minDuration} onChange={(e) => setMin(e.target.value)} placeholder="100ms" />
      </label>
      <label className="flex w-24 flex-col gap-1">
        Max duration
        <input className={input} value={maxDuration} onChange={(e) => setMax(e.target.value)} placeholder="5s" />
      </label>
      <label className="flex w-20 flex-col gap-1">
        Limit
        <input className={input} value={limit} onChange={(e) => setLimit(e.target.value)} type="number" min={1} max={MAX_SEARCH_LIMIT} />
      </label>
      <label className="flex items-center gap-1 pb-1">
        <input type="checkbox" checked={errors} onChange={(e) => setErrors(e.target.checked)} data-testid="search-errors" /> errors only
      </label>
      <button type="submit" className="rounded bg-sky-600 px-3 py-1 font-medium text-white hover:bg-sky-700" data-testid="search-submit">
        Find traces
      </button>
      {services.error ? <p className="w-full text-xs text-red-700 dark:text-red-400">Services could not be listed: {services.error.message}</p> : null}
    </form>
  );
}

export const SORT_LABELS: Record<(typeof SEARCH_SORTS)[number], string> = { recent: 'most recent', longest: 'longest', spans: 'most spans', errors: 'most errors' };
