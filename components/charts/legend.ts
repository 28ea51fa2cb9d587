import type { ApiMetric } from '@/lib/api/types';

/**
 * What a chart's legend and tooltip say about each series. Labels every series shares are
 * said once (the subtitle), each entry keeps only the labels that tell series apart, and
 * a series with nothing to tell it apart (`sum(rate(x[5m]))`) is named after its query
 * rather than left blank. Series of several queries (A, B, …) are prefixed with the query.
 */

type LegendSeries = Pick<ApiMetric, 'name' | 'labels' | 'title' | 'query' | 'panel'>;

export interface LegendModel {
  names: string[];
  /** `k=v, …` of the labels all series share, or null. */
  shared: string | null;
}

const HIDDEN = new Set(['__name__']);
const pair = (k: string, v: string) => `${k}=${v}`;

export function legendModel(series: readonly LegendSeries[]): LegendModel {
  if (series.length === 0) return { names: [], shared: null };
  const keys = new Set<string>();
  for (const s of series) for (const k of Object.keys(s.labels)) if (!HIDDEN.has(k)) keys.add(k);
  const sorted = [...keys].sort();
  const varying = sorted.filter((k) => new Set(series.map((s) => s.labels[k] ?? '\u0000')).size > 1);
  const sharedKeys = sorted.filter((k) => !varying.includes(k));
  const namesDiffer = new Set(series.map((s) => s.name)).size > 1;
  const refs = new Set(series.map((s) => s.panel ?? ''));
  const prefix = (s: LegendSeries) => (refs.size > 1 && s.panel ? `${s.panel}: ` : '');
  const names = series.map((s) => {
    const parts = varying.filter((k) => s.labels[k] !== undefined).map((k) => pair(k, s.labels[k]));
    if (namesDiffer && s.name) parts.unshift(s.name);
    const own = parts.join(', ') || s.title || s.name || s.query || '(no labels)';
    return prefix(s) + own;
  });
  const shared = sharedKeys.length ? sharedKeys.map((k) => pair(k, series[0].labels[k])).join(', ') : null;
  return { names, shared };
}

export interface TooltipRow {
  index: number;
  name: string;
  value: number;
}

/**
 * The tooltip's rows at one time: highest value first, gaps left out, at most `max` rows
 * (the rest counted), so it stays small whatever the number of series.
 */
export function tooltipRows(values: readonly (number | null | undefined)[], names: readonly string[], max = 8): { rows: TooltipRow[]; more: number } {
  const all: TooltipRow[] = [];
  values.forEach((v, index) => {
    if (typeof v === 'number' && !Number.isNaN(v)) all.push({ index, name: names[index] ?? '', value: v });
  });
  all.sort((a, b) => b.value - a.value || a.index - b.index);
  return { rows: all.slice(0, max), more: Math.max(0, all.length - max) };
}

/**
 * Legend clicks, as in Grafana: a click shows only that series (a second click on the
 * only one shows all again); shift/ctrl/cmd-click adds or removes one series.
 */
export function toggleVisible(visible: ReadonlySet<number> | null, index: number, additive: boolean, count: number): Set<number> | null {
  const current = visible ?? new Set(Array.from({ length: count }, (_, i) => i));
  if (!additive) return visible && visible.size === 1 && visible.has(index) ? null : new Set([index]);
  const next = new Set(current);
  if (next.has(index)) next.delete(index);
  else next.add(index);
  return next.size === count || next.size === 0 ? null : next;
}
