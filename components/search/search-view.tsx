'use client';

import { useEffect, useMemo, useState } from 'react';
import { EmptyState } from '@/components/ui/page-title';
import { useAfterPaint } from '@/components/ui/use-after-paint';
import { useApi } from '@/components/ui/use-api';
import { useSetViewParams, useViewParams } from '@/components/ui/view-params';
import { sortResults, type SearchResult } from '@/lib/search/results';
import { SEARCH_SORTS, type SearchSort } from '@/lib/search/search-query';
import { traceSearchUrl } from '@/lib/views/api-urls';
import { checkRest, parseSearchHead, type StagedSearch } from './parse-search';
import { ResultList } from './result-list';
import { ResultScatter } from './result-scatter';
import { SearchForm, SORT_LABELS } from './search-form';

/** Every result once the rest of the answer is checked (parse-search.ts); null until then. */
function useAllResults(staged: StagedSearch | undefined): { results: SearchResult[] | null; error: string | null } | null {
  const [state, setState] = useState<{ of: StagedSearch; results: SearchResult[] | null; error: string | null } | null>(null);
  useEffect(() => {
    if (!staged) return;
    const signal = { aborted: false };
    checkRest(staged.rest, signal).then(
      (rest) => signal.aborted || setState({ of: staged, results: [...staged.answer.results, ...rest], error: null }),
      (e: Error) => signal.aborted || setState({ of: staged, results: null, error: e.message }),
    );
    return () => {
      signal.aborted = true;
    };
  }, [staged]);
  return state !== null && state.of === staged ? state : null;
}

export function SearchView() {
  const params = useViewParams();
  const setParams = useSetViewParams();
  // The URL the page preloaded (app/traces/page.tsx): the answer is often here before the script.
  const searchUrl = traceSearchUrl(params);
  const hasService = searchUrl !== null;
  // Sorting happens here, so a new order does not search again.
  const sortParam = params.get('sort') ?? 'recent';
  const sort: SearchSort = (SEARCH_SORTS as readonly string[]).includes(sortParam) ? (sortParam as SearchSort) : 'recent';
  const staged = useApi(searchUrl, parseSearchHead);
  const all = useAllResults(staged.data);
  const data = staged.data?.answer;
  const total = staged.data ? staged.data.answer.results.length + staged.data.rest.length : 0;
  const complete = all?.results ?? (staged.data && staged.data.rest.length === 0 ? staged.data.answer.results : null);
  // Until the rest is checked, the first results show in the API's order (most recent first).
  const results = useMemo(() => (complete ? sortResults(complete, sort) : sort === 'recent' ? (data?.results ?? []) : []), [complete, data, sort]);
  const window = data?.range ?? null;
  // The list is what the user waits for: the scatter (an SVG dot per result) draws after it is painted, with every result.
  const listPainted = useAfterPaint(results.length > 0);
  const error = staged.error?.message ?? all?.error ?? null;

  return (
    <div>
      <SearchForm key={searchUrl ?? params.toString()} />
      {!hasService ? (
        <div data-testid="search-needs-service">
          <EmptyState title="Choose a service">
            Jaeger searches one service at a time: pick a service above (then optionally an operation, tags such as <code>http.status_code=500</code>, durations or “errors only”) and press Find traces.
          </EmptyState>
        </div>
      ) : staged.isLoading ? (
        <p className="text-sm text-slate-500">Searching…</p>
      ) : error !== null ? (
        <p className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950/40 dark:text-red-200" data-testid="search-error">
          {error}
        </p>
      ) : data ? (
        <>
          {data.sources.jaeger.status !== 'ok' ? (
            <p className="mb-3 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950/40 dark:text-red-200" data-testid="search-error">
              Jaeger: {data.sources.jaeger.message}
            </p>
          ) : null}
          {data.sources.loki.status !== 'ok' && total > 0 ? (
            <p className="mb-3 text-xs text-slate-500">Logs were not checked ({data.sources.loki.message}).</p>
          ) : null}
          {total === 0 && data.sources.jaeger.status === 'ok' ? (
            <div data-testid="search-empty">
              <EmptyState title="No traces found">Searched: {data.searched}.</EmptyState>
            </div>
          ) : total > 0 ? (
            <>
              {window && listPainted && complete ? <ResultScatter results={results} fromMs={window.fromMs} toMs={window.toMs} /> : <div className="mb-4 h-48" aria-hidden />}
              <div className="mb-2 flex flex-wrap items-center gap-3 text-sm">
                <span data-testid="search-count">
                  {total} traces{data.apiVersion ? ` (Jaeger ${data.apiVersion})` : ''}
                  {data.logsChecked < total ? `; logs checked for the first ${data.logsChecked}` : ''}
                </span>
                <label className="ml-auto flex items-center gap-1">
                  Sort
                  <select className="rounded border border-slate-300 px-1 dark:border-slate-700 dark:bg-slate-900" value={sort} onChange={(e) => setParams({ sort: e.target.value === 'recent' ? null : e.target.value })} data-testid="search-sort">
                    {SEARCH_SORTS.map((s) => <option key={s} value={s}>{SORT_LABELS[s]}</option>)}
                  </select>
                </label>
              </div>
              {results.length > 0 ? <ResultList results={results} /> : <p className="text-sm text-slate-500">Checking {total} results…</p>}
            </>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
