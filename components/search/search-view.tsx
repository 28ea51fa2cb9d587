'use client';

import { traceSearchAnswer } from '@/lib/api/contract';
import { useMemo } from 'react';
import { EmptyState } from '@/components/ui/page-title';
import { useAfterPaint } from '@/components/ui/use-after-paint';
import { useApi } from '@/components/ui/use-api';
import { useSetViewParams, useViewParams } from '@/components/ui/view-params';
import { sortResults } from '@/lib/search/results';
import { SEARCH_SORTS, type SearchSort } from '@/lib/search/search-query';
import { traceSearchUrl } from '@/lib/views/api-urls';
import { ResultList } from './result-list';
import { ResultScatter } from './result-scatter';
import { SearchForm, SORT_LABELS } from './search-form';

export function SearchView() {
  const params = useViewParams();
  const setParams = useSetViewParams();
  // The URL the page preloaded (app/traces/page.tsx): the answer is often here before the script.
  const searchUrl = traceSearchUrl(params);
  const hasService = searchUrl !== null;
  // Sorting happens here, so a new order does not search again.
  const sortParam = params.get('sort') ?? 'recent';
  const sort: SearchSort = (SEARCH_SORTS as readonly string[]).includes(sortParam) ? (sortParam as SearchSort) : 'recent';
  const answer = useApi(searchUrl, traceSearchAnswer);
  const results = useMemo(() => sortResults(answer.data?.results ?? [], sort), [answer.data, sort]);
  const window = answer.data?.range ?? null;
  // The list is what the user waits for: the scatter (an SVG dot per result) draws after it is painted.
  const listPainted = useAfterPaint(results.length > 0);

  return (
    <div>
      <SearchForm key={searchUrl ?? params.toString()} />
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
              <ResultList results={results} />
            </>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
