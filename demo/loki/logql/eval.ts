import type { Labels } from '../../../lib/model/types';
import type { DemoLogLine } from '../../scenario/logs';
import type { AggOp, LabelPredicate, LineFilter, LogQuery, Matcher, MetricQuery, NumberOp, RangeQuery, VectorQuery } from './ast';

/** Evaluates the demo's LogQL subset (ast.ts) over demo log lines, with Loki's semantics. */

export interface EvaluatedLine {
  src: DemoLogLine;
  parsed: Labels;
}

export function matches(m: Matcher, value: string): boolean {
  switch (m.op) {
    case '=': return value === m.value;
    case '!=': return value !== m.value;
    case '=~': return m.re!.test(value);
    case '!~': return !m.re!.test(value);
  }
}

function sanitizeKey(k: string): string {
  const s = k.replace(/[^a-zA-Z0-9_:]/g, '_');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

function flattenJson(obj: Record<string, unknown>, prefix: string, out: Labels): void {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}_${sanitizeKey(k)}` : sanitizeKey(k);
    if (Array.isArray(v)) continue; // Loki skips arrays
    if (v !== null && typeof v === 'object') flattenJson(v as Record<string, unknown>, key, out);
    else out[key] = v === null ? '' : String(v);
  }
}

function parseJsonLine(line: string): Labels | null {
  if (!line.trimStart().startsWith('{')) return null; // skip the cost of a thrown SyntaxError
  try {
    const v: unknown = JSON.parse(line);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
    const out: Labels = {};
    flattenJson(v as Record<string, unknown>, '', out);
    return out;
  } catch {
    return null;
  }
}

function parseLogfmt(line: string): Labels {
  const out: Labels = {};
  for (const m of line.matchAll(/([^\s=]+)=("(?:[^"\\]|\\.)*"|[^\s]*)/g)) {
    let v = m[2];
    if (v.startsWith('"')) {
      try { v = JSON.parse(v) as string; } catch { v = v.slice(1, -1); }
    }
    out[sanitizeKey(m[1])] = v;
  }
  return out;
}

/** Add extracted labels; a name already used by the stream or metadata gets `_extracted`. */
function addParsed(target: Labels, extracted: Labels, existing: DemoLogLine): void {
  for (const [k, v] of Object.entries(extracted)) {
    const name = k in existing.stream || k in existing.structuredMetadata ? `${k}_extracted` : k;
    target[name] = v;
  }
}

export function selectorMatches(selector: Matcher[], stream: Labels): boolean {
  return selector.every((m) => matches(m, stream[m.name] ?? ''));
}

function lineMatches(f: LineFilter, line: string): boolean {
  const hit = f.res ? f.res.some((re) => re.test(line)) : f.values.some((v) => line.includes(v));
  return hit === (f.op === '|=' || f.op === '|~');
}

function compare(a: number, op: NumberOp, b: number): boolean {
  switch (op) {
    case '>': return a > b;
    case '>=': return a >= b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '==': return a === b;
    case '!=': return a !== b;
  }
}

const GO_FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity|nan)$/i;

/**
 * One label filter on one line, as Loki evaluates it: once a parser failed (`__error__`),
 * only filters on `__error__` itself still drop lines; a numeric filter on a label that is
 * not a number keeps the line and marks it `LabelFilterErr`.
 */
function labelsMatch(p: LabelPredicate, l: DemoLogLine, parsed: Labels): boolean {
  if (p.kind === 'and' || p.kind === 'or') {
    const left = labelsMatch(p.left, l, parsed);
    return left === (p.kind === 'or') ? left : labelsMatch(p.right, l, parsed);
  }
  const name = p.kind === 'match' ? p.matcher.name : p.name;
  if (name === '__error__' && p.kind === 'match') return matches(p.matcher, parsed.__error__ ?? '');
  if (parsed.__error__) return true;
  const value = parsed[name] ?? l.structuredMetadata[name] ?? l.stream[name];
  if (p.kind === 'match') return matches(p.matcher, value ?? '');
  if (value === undefined) return false;
  if (!GO_FLOAT.test(value)) {
    Object.assign(parsed, { __error__: 'LabelFilterErr', __error_details__: `strconv.ParseFloat: parsing ${JSON.stringify(value)}: invalid syntax` });
    return true;
  }
  return compare(Number(value.replace(/inf(inity)?/i, 'Infinity')), p.op, p.value);
}

/** Runs the pipeline on one line; null when a filter drops it. */
export function runPipeline(q: LogQuery, l: DemoLogLine): EvaluatedLine | null {
  const parsed: Labels = {};
  for (const st of q.stages) {
    if (st.type === 'line') {
      if (!lineMatches(st, l.line)) return null;
    } else if (st.type === 'json') {
      const j = parseJsonLine(l.line);
      if (j) addParsed(parsed, j, l);
      else Object.assign(parsed, { __error__: 'JSONParserErr', __error_details__: 'Value looks like object, but can\'t find closing \'}\' symbol' });
    } else if (st.type === 'logfmt') {
      addParsed(parsed, parseLogfmt(l.line), l);
    } else if (!labelsMatch(st.filter, l, parsed)) {
      return null;
    }
  }
  return { src: l, parsed };
}

export function selectLines(q: LogQuery, lines: DemoLogLine[]): EvaluatedLine[] {
  const out: EvaluatedLine[] = [];
  for (const l of lines) {
    if (!selectorMatches(q.selector, l.stream)) continue;
    const e = runPipeline(q, l);
    if (e) out.push(e);
  }
  return out;
}

export function labelsKey(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function mergedLabels(e: EvaluatedLine): Labels {
  return { ...e.src.stream, ...e.src.structuredMetadata, ...e.parsed };
}

export interface MetricSeries { labels: Labels; points: [number, number][] }

export class TooManySeriesError extends Error {}

/**
 * A metric query at each step time (ms). Range aggregations see the window (t − range, t]
 * per label set; steps with no lines give no point, as in Loki. Vector aggregations group
 * the series below them by their by/without labels.
 */
export function evalMetric(q: MetricQuery, lines: EvaluatedLine[], stepsMs: number[], maxSeries = 500): MetricSeries[] {
  const result = evalQuery(q, lines, stepsMs);
  if (result.length > maxSeries) throw new TooManySeriesError(`maximum of series (${maxSeries}) reached for a single query`);
  return result.sort((a, b) => labelsKey(a.labels).localeCompare(labelsKey(b.labels)));
}

function evalQuery(q: MetricQuery, lines: EvaluatedLine[], stepsMs: number[]): MetricSeries[] {
  return q.kind === 'range' ? rangeSeries(q, lines, stepsMs) : aggregate(evalQuery(q.inner, lines, stepsMs), q);
}

function rangeSeries(q: RangeQuery, lines: EvaluatedLine[], stepsMs: number[]): MetricSeries[] {
  const groups = new Map<string, { labels: Labels; items: { tMs: number; bytes: number }[] }>();
  for (const e of lines) {
    const labels = mergedLabels(e);
    const key = labelsKey(labels);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { labels, items: [] }));
    g.items.push({ tMs: Number(e.src.tsNs) / 1e6, bytes: Buffer.byteLength(e.src.line) });
  }
  const rangeS = q.rangeMs / 1000;
  const out: MetricSeries[] = [];
  for (const g of groups.values()) {
    g.items.sort((a, b) => a.tMs - b.tMs);
    const points: [number, number][] = [];
    // Sliding window over the sorted lines; steps are ascending.
    let lo = 0;
    let hi = 0;
    let bytes = 0;
    for (const t of stepsMs) {
      while (hi < g.items.length && g.items[hi].tMs <= t) bytes += g.items[hi++].bytes;
      while (lo < hi && g.items[lo].tMs <= t - q.rangeMs) bytes -= g.items[lo++].bytes;
      const count = hi - lo;
      if (!count) continue;
      const v = q.fn === 'count_over_time' ? count : q.fn === 'rate' ? count / rangeS : q.fn === 'bytes_over_time' ? bytes : bytes / rangeS;
      points.push([t, v]);
    }
    if (points.length) out.push({ labels: g.labels, points });
  }
  return out;
}

function reduce(op: AggOp, vs: number[]): number {
  const sum = vs.reduce((a, b) => a + b, 0);
  const mean = sum / vs.length;
  const variance = vs.reduce((a, v) => a + (v - mean) ** 2, 0) / vs.length;
  switch (op) {
    case 'sum': return sum;
    case 'count': return vs.length;
    case 'min': return Math.min(...vs);
    case 'max': return Math.max(...vs);
    case 'avg': return mean;
    case 'stdvar': return variance;
    case 'stddev': return Math.sqrt(variance);
  }
}

function aggregate(series: MetricSeries[], agg: VectorQuery): MetricSeries[] {
  const groups = new Map<string, { labels: Labels; byTime: Map<number, number[]> }>();
  for (const s of series) {
    const labels: Labels = {};
    for (const [k, v] of Object.entries(s.labels)) {
      if (agg.by ? agg.by.includes(k) : agg.without ? !agg.without.includes(k) : false) labels[k] = v;
    }
    const key = labelsKey(labels);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { labels, byTime: new Map() }));
    for (const [t, v] of s.points) g.byTime.set(t, [...(g.byTime.get(t) ?? []), v]);
  }
  return [...groups.values()].map((g) => ({
    labels: g.labels,
    points: [...g.byTime].sort(([a], [b]) => a - b).map(([t, vs]) => [t, reduce(agg.op, vs)] as [number, number]),
  }));
}
