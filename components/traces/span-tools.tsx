'use client';

import { useEffect, useMemo, useState } from 'react';
import { buildFilterIndex, type SpanFilterIndex } from '@/lib/trace-tools/filter-index';
import { FILTER_PARAMS, filterIndexed, filterIsActive, parseSpanFilter, type FilterResult, type ParsedFilter } from '@/lib/trace-tools/span-filter';
import { selfTimesUs, traceStatistics, type SpanStatRow, type TraceStatistics } from '@/lib/trace-tools/span-stats';
import { whenIdle } from '@/components/ui/when-idle';
import type { WaterfallIndex } from './waterfall-model';

const input = 'rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-900';
const btn = 'rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:hover:bg-slate-800';

/** The filter parameters and `fhide`: what the Clear button removes. */
const TOOL_PARAMS = [...Object.values(FILTER_PARAMS), 'fhide'];

export interface SpanFilterState {
  parsedFilter: ParsedFilter;
  filterActive: boolean;
  /** The match mask and list; null while no filter is set. */
  filtered: FilterResult | null;
  filterIndex: SpanFilterIndex;
}

/**
 * The span search of the trace page (lib/trace-tools): the filter index is built once per
 * trace, and the filter re-runs only when its own URL parameters change.
 */
export function useSpanFilter(index: WaterfallIndex, params: URLSearchParams, detailsVersion = 0): SpanFilterState {
  const filterKey = Object.values(FILTER_PARAMS).map((k) => params.get(k) ?? '').join('\u0000');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the filter's parameters only
  const parsedFilter = useMemo(() => parseSpanFilter(params), [filterKey]);
  const filterActive = filterIsActive(parsedFilter.filter);
  const filterIndex = useMemo(() => buildFilterIndex(index.spans), [index.spans]);
  // Tags land in the spans after the first paint (the stream's detail frames bump detailsVersion).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- detailsVersion marks the spans' tags changing in place
  const filtered = useMemo(() => (filterActive ? filterIndexed(filterIndex, parsedFilter.filter) : null), [filterIndex, parsedFilter, filterActive, detailsVersion]);
  return { parsedFilter, filterActive, filtered, filterIndex };
}

/** Per trace (its filter index): self times and the rows of all spans, computed once. */
const statisticsOfTrace = new WeakMap<SpanFilterIndex, TraceStatistics>();
function statisticsOf(index: WaterfallIndex, filterIndex: SpanFilterIndex): TraceStatistics {
  let stats = statisticsOfTrace.get(filterIndex);
  if (!stats) {
    stats = traceStatistics(filterIndex, selfTimesUs(index.spans, index.children));
    statisticsOfTrace.set(filterIndex, stats);
  }
  return stats;
}

/**
 * The statistics table's rows while it is open. Self times and the rows of all spans are
 * computed once per trace (traceStatistics): in idle time once the page has settled, or when
 * the table opens if that is sooner, so opening it draws rows instead of computing them. A
 * filter's rows follow the filter.
 */
export function useSpanStats(index: WaterfallIndex, filterIndex: SpanFilterIndex, open: boolean, mask: Uint8Array | null, settled: boolean): { rows: SpanStatRow[]; filtered: boolean } | null {
  useEffect(() => {
    if (!settled || index.spans.length === 0) return;
    return whenIdle(() => statisticsOf(index, filterIndex));
  }, [settled, index, filterIndex]);
  const stats = useMemo(() => (open ? statisticsOf(index, filterIndex) : null), [open, index, filterIndex]);
  return useMemo(() => (stats ? { rows: stats.of(mask), filtered: mask !== null } : null), [stats, mask]);
}

export interface SpanToolsProps {
  filterIndex: SpanFilterIndex;
  params: URLSearchParams;
  setParams: (changes: Record<string, string | null>) => void;
  active: boolean;
  matchCount: number;
  /** 1-based position of the selected span among the matches, or null. */
  position: number | null;
  errors: string[];
  onStep: (direction: 1 | -1) => void;
  statsOpen: boolean;
  onStats: (open: boolean) => void;
}

/** Keys typed into a field are text; a focused checkbox (just toggled) leaves n / N to the page. */
const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset']);
const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLElement && ((t instanceof HTMLInputElement && !NOT_TEXT.has(t.type)) || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);

/** The span search bar above the waterfall. Text fields apply on Enter; `n` / `N` step through matches. */
export function SpanTools({ filterIndex, params, setParams, active, matchCount, position, errors, onStep, statsOpen, onStats }: SpanToolsProps) {
  const [tags, setTags] = useState(params.get(FILTER_PARAMS.tags) ?? '');
  const [min, setMin] = useState(params.get(FILTER_PARAMS.minDuration) ?? '');
  const service = params.get(FILTER_PARAMS.service) ?? '';
  const { services } = filterIndex;
  const operations = useMemo(() => {
    const at = service ? filterIndex.services.indexOf(service) : -1;
    return at >= 0 ? filterIndex.operationsOfService[at].map((o) => filterIndex.operations[o]) : service ? [] : filterIndex.operations;
  }, [filterIndex, service]);
  const hide = params.get('fhide') === '1';

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!active || isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'n') onStep(1);
      else if (e.key === 'N' || e.key === 'p') onStep(-1);
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active, onStep]);

  const applyText = () => setParams({ [FILTER_PARAMS.tags]: tags.trim() || null, [FILTER_PARAMS.minDuration]: min.trim() || null });
  const onEnter = (e: React.KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    applyText();
  };
  const toggle = (name: string, on: boolean) => setParams({ [name]: on ? '1' : null });

  return (
    <div className="flex flex-wrap items-center gap-2 rounded border border-slate-200 p-2 text-xs dark:border-slate-800" data-testid="span-tools" role="search" aria-label="Find spans">
      <select className={input} value={service} onChange={(e) => setParams({ [FILTER_PARAMS.service]: e.target.value || null, [FILTER_PARAMS.operation]: null })} aria-label="Service" data-testid="span-filter-service">
        <option value="">any service</option>
        {services.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
      <select className={`${input} max-w-48`} value={params.get(FILTER_PARAMS.operation) ?? ''} onChange={(e) => setParams({ [FILTER_PARAMS.operation]: e.target.value || null })} aria-label="Operation">
        <option value="">any operation</option>
        {operations.map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
      <input className={`${input} w-48 font-mono`} value={tags} onChange={(e) => setTags(e.target.value)} onKeyDown={onEnter} onBlur={applyText} placeholder="tag=value" aria-label="Tags" data-testid="span-filter-tags" />
      <input className={`${input} w-20`} value={min} onChange={(e) => setMin(e.target.value)} onKeyDown={onEnter} onBlur={applyText} placeholder="min 5ms" aria-label="Minimum duration" />
      <label className="flex items-center gap-1"><input type="checkbox" checked={params.get(FILTER_PARAMS.errorsOnly) === '1'} onChange={(e) => toggle(FILTER_PARAMS.errorsOnly, e.target.checked)} data-testid="span-filter-errors" /> errors</label>
      <label className="flex items-center gap-1"><input type="checkbox" checked={params.get(FILTER_PARAMS.criticalOnly) === '1'} onChange={(e) => toggle(FILTER_PARAMS.criticalOnly, e.target.checked)} data-testid="span-filter-critical" /> critical path only</label>
      <label className="flex items-center gap-1" title="hide non-matching spans instead of dimming them"><input type="checkbox" checked={hide} onChange={(e) => toggle('fhide', e.target.checked)} /> hide others</label>
      {active ? (
        <span className="flex items-center gap-1">
          <span data-testid="span-match-count">{position !== null ? `${position} of ` : ''}{matchCount.toLocaleString()} match{matchCount === 1 ? '' : 'es'}</span>
          <button type="button" className={btn} onClick={() => onStep(-1)} disabled={matchCount === 0} title="previous match (N)" aria-label="Previous match">↑</button>
          <button type="button" className={btn} onClick={() => onStep(1)} disabled={matchCount === 0} title="next match (n)" aria-label="Next match" data-testid="span-match-next">↓</button>
          <button type="button" className={btn} onClick={() => { setTags(''); setMin(''); setParams(Object.fromEntries(TOOL_PARAMS.map((k) => [k, null]))); }}>Clear</button>
        </span>
      ) : null}
      <button type="button" className={`${btn} ml-auto`} onClick={() => onStats(!statsOpen)} aria-expanded={statsOpen} data-testid="span-stats-toggle">
        {statsOpen ? 'Hide statistics' : 'Span statistics'}
      </button>
      {errors.map((e) => <p key={e} className="w-full text-red-600" role="alert">{e}</p>)}
    </div>
  );
}
