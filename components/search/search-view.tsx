'use client';

import { useMemo, useState } from 'react';
import { useRangeQuery } from '@/components/shell/url-state';
import { EmptyState } from '@/components/ui/page-title';
import { useAfterPaint } from '@/components/ui/use-after-paint';
import { useApi } from '@/components/ui/use-api';
import { useSetViewParams, useViewParams } from '@/components/ui/view-params';
import type { TraceSearchAnswer } from '@/lib/investigate/trace-search';
import { sortResults } from '@/lib/search/results';
import { SEARCH_SORTS, type SearchSort } from '@/lib/search/search-query';
import { ResultRow } from './result-row';
import { ResultScatter } from './result-scatter';
import { SearchForm, SORT_LABELS } from './search-form';

const SEARCH_KEYS = ['service', 'operation', 'tags', 'minDuration', 'maxDuration', 'limit', 'errors'];
/** Rows drawn at first; the rest on request, so 1,500 results do not block the page. */
const FIRST_ROWS = 50;

export function SearchView() {
  const params = useViewParams();
  const range = useRangeQuery();
  const setParams = useSetViewParams();
  const [showAll, setShowAll] = useState(false);
  const q = new URLSearchParams(range);
  for (const k of SEARCH_KEYS) if (params.get(k)) q.set(k, params.get(k)!);
  const hasService = !!params.get('service');
  // Sorting happens here, so a new order does not search again.
  const sortParam = params.get('sort') ?? 'recent';
  const sort: SearchSort = (SEARCH_SORTS as readonly string[]).includes(sortParam) ? (sortParam as SearchSort) : 'recent';
  const answer = useApi<TraceSearchAnswer>(hasService ? `/api/v1/traces?${q}` : null);
  const results = useMemo(() => sortResults(answer.data?.results ?? [], sort), [answer.data, sort]);
  const window = answer.data?.range ?? null;
  // The list is what the user waits for: the scatter (an SVG dot per result) draws after it is painted.
  const listPainted = useAfterPaint(results.length > 0);

  return (
    <div>
      <SearchForm key={q.toString()} />
      {!hasService ? (
        <div data-testid="search-needs-service">
          <EmptyState title="Choose a service">
            Jaeger searches one service at a time: pick a service above (then optionally an operation, tags such as <code>http.status_code=500</code>, durations or “errors only”) and press Find traces.
          </EmptyState>
        </div>
      ) : answer.isLoading ? (
        <p className="text-sm text-slate-500">Searching…</p>
      ) : answer.error ? (
        <p className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950/40 dark:text-red-200" data-testid="search-error">
          {answer.error.message}
        </p>
      ) : answer.data ? (
        <>
          {answer.data.sources.jaeger.status !== 'ok' ? (
            <p className="mb-3 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950/40 dark:text-red-200" data-testid="search-error">
              Jaeger: {answer.data.sources.jaeger.message}
            </p>
          ) : null}
          {answer.data.sources.loki.status !== 'ok' && answer.data.results.length > 0 ? (
            <p className="mb-3 text-xs text-slate-500">Logs were not checked ({answer.data.sources.loki.message}).</p>
          ) : null}
          {results.length === 0 && answer.data.sources.jaeger.status === 'ok' ? (
            <div data-testid="search-empty">
              <EmptyState title="No traces found">Searched: {answer.data.searched}.</EmptyState>
            </div>
          ) : results.length > 0 ? (
            <>
              {window && listPainted ? <ResultScatter results={results} fromMs={window.fromMs} toMs={window.toMs} /> : <div className="mb-4 h-48" aria-hidden />}
              <div className="mb-2 flex flex-wrap items-center gap-3 text-sm">
                <span data-testid="search-count">
                  {results.length} traces{answer.data.apiVersion ? ` (Jaeger ${answer.data.apiVersion})` : ''}
                  {answer.data.logsChecked < results.length ? `; logs checked for the first ${answer.data.logsChecked}` : ''}
                </span>
                <label className="ml-auto flex items-center gap-1">
                  Sort
                  <select className="rounded border border-slate-300 px-1 dark:border-slate-700 dark:bg-slate-900" value={sort} onChange={(e) => setParams({ sort: e.target.value === 'recent' ? null : e.target.value })} data-testid="search-sort">
                    {SEARCH_SORTS.map((s) => <option key={s} value={s}>{SORT_LABELS[s]}</option>)}
                  </select>
                </label>
              </div>
              <ul data-testid="search-results">
                {(showAll ? results : results.slice(0, FIRST_ROWS)).map((r) => <ResultRow key={r.traceId} r={r} />)}
              </ul>
              {!showAll && results.length > FIRST_ROWS ? (
                <button type="button" className="mt-2 text-sm text-sky-700 hover:underline" onClick={() => setShowAll(true)}>
                  Show all {results.length}
                </button>
              ) : null}
            </>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
