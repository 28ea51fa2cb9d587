import type { Labels } from '../model/types';
import type { LogQuery, Matcher, MetricQuery } from './logql';
import type { DemoLogLine } from './logs';

/** Evaluates the demo LogQL subset over demo log lines. */

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

/** Runs the pipeline on one line; null when a filter drops it. */
export function runPipeline(q: LogQuery, l: DemoLogLine): EvaluatedLine | null {
  const parsed: Labels = {};
  for (const st of q.stages) {
    if (st.type === 'line') {
      const hit = st.re ? st.re.test(l.line) : l.line.includes(st.value);
      if (hit !== (st.op === '|=' || st.op === '|~')) return null;
    } else if (st.type === 'json') {
      const j = parseJsonLine(l.line);
      if (j) addParsed(parsed, j, l);
      else Object.assign(parsed, { __error__: 'JSONParserErr', __error_details__: 'Value looks like object, but can\'t find closing \'}\' symbol' });
    } else if (st.type === 'logfmt') {
      addParsed(parsed, parseLogfmt(l.line), l);
    } else {
      const ok = st.matchers.every((m) => matches(m, parsed[m.name] ?? l.structuredMetadata[m.name] ?? l.stream[m.name] ?? ''));
      if (!ok) return null;
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
 * Range-vector evaluation at each step time (ms): the window is (t − range, t]. Steps with
 * no lines give no point, as in Loki. Aggregation groups by the by/without labels.
 */
export function evalMetric(q: MetricQuery, lines: EvaluatedLine[], stepsMs: number[], maxSeries = 500): MetricSeries[] {
  const groups = new Map<string, { labels: Labels; items: { tMs: number; bytes: number }[] }>();
  for (const e of lines) {
    const labels = mergedLabels(e);
    const key = labelsKey(labels);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { labels, items: [] }));
    g.items.push({ tMs: Number(e.src.tsNs) / 1e6, bytes: Buffer.byteLength(e.src.line) });
  }
  const rangeS = q.rangeMs / 1000;
  const raw: MetricSeries[] = [];
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
    if (points.length) raw.push({ labels: g.labels, points });
  }
  const result = q.agg ? aggregate(raw, q.agg) : raw;
  if (result.length > maxSeries) throw new TooManySeriesError(`maximum of series (${maxSeries}) reached for a single query`);
  return result.sort((a, b) => labelsKey(a.labels).localeCompare(labelsKey(b.labels)));
}

function aggregate(series: MetricSeries[], agg: NonNullable<MetricQuery['agg']>): MetricSeries[] {
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
  const reduce = (vs: number[]) => {
    switch (agg.op) {
      case 'sum': return vs.reduce((a, b) => a + b, 0);
      case 'count': return vs.length;
      case 'min': return Math.min(...vs);
      case 'max': return Math.max(...vs);
      case 'avg': return vs.reduce((a, b) => a + b, 0) / vs.length;
    }
  };
  return [...groups.values()].map((g) => ({
    labels: g.labels,
    points: [...g.byTime].sort(([a], [b]) => a - b).map(([t, vs]) => [t, reduce(vs)] as [number, number]),
  }));
}
