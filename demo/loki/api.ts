import type { Labels } from '../../lib/model/types';
import { parseDurationMs } from '../../lib/time/range';
import { LogQLParseError, rangeOf, type LogQuery, type Matcher } from './logql/ast';
import { parseQuery } from './logql/parse';
import { TooManySeriesError, evalMetric, labelsKey, mergedLabels, selectLines, selectorMatches, type EvaluatedLine } from './logql/eval';
import { logsInRange } from '../scenario/logs';
import { DEMO_SEED } from '../scenario/story';
import { header, json, text, type DemoClock, type DemoRequest, type DemoResponse } from '../http';
import { formatPromNumber } from '../../lib/model/prom-text';

/**
 * The demo Loki: the documented HTTP API (lib/sources/loki/README.md §3) over the demo log lines.
 * Errors are plain text, as Loki sends them.
 */

const MAX_ENTRIES = 5000;
const NS_PER_MS = 1_000_000n;

class BadRequest extends Error {}

/** Loki's parseTimestamp: float seconds, ≤10-digit integer seconds, else ns, else RFC3339. */
export function parseLokiTime(v: string | null, fallbackNs: bigint): bigint {
  if (v === null || v === '') return fallbackNs;
  if (v.includes('.') && /^-?\d+(\.\d+)?$/.test(v)) return BigInt(Math.round(Number(v) * 1e6)) * 1000n;
  if (/^-?\d+$/.test(v)) return v.replace('-', '').length <= 10 ? BigInt(v) * 1_000_000_000n : BigInt(v);
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw new BadRequest(`invalid time: ${JSON.stringify(v)}`);
  const frac = /\.(\d+)/.exec(v)?.[1] ?? '';
  const subMsNs = frac.length > 3 ? BigInt(frac.slice(3, 9).padEnd(6, '0')) : 0n;
  return BigInt(ms) * NS_PER_MS + subMsNs;
}

function parseStepMs(v: string | null, startNs: bigint, endNs: bigint): number {
  if (!v) return Math.max(Math.floor(Number((endNs - startNs) / NS_PER_MS) / 250_000), 1) * 1000;
  const d = parseDurationMs(v);
  if (d) return d;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new BadRequest('zero or negative query resolution step widths are not accepted. Try a positive integer');
  return n * 1000;
}

function timeRange(req: DemoRequest, c: DemoClock, defaultSpanMs: number): [bigint, bigint] {
  const nowNs = BigInt(c.nowMs) * NS_PER_MS;
  const endNs = parseLokiTime(req.params.get('end'), nowNs);
  const since = req.params.get('since');
  const sinceMs = since ? parseDurationMs(since) : null;
  const startNs = parseLokiTime(req.params.get('start'), endNs - BigInt(sinceMs ?? defaultSpanMs) * NS_PER_MS);
  return [startNs, endNs];
}

const seconds = (ms: number) => ms / 1000;

function streamsResponse(q: LogQuery, req: DemoRequest, c: DemoClock): DemoResponse {
  const [startNs, endNs] = timeRange(req, c, 3_600_000);
  if (endNs <= startNs) throw new BadRequest('end timestamp must not be before or equal to start time');
  const limit = Number(req.params.get('limit') ?? 100);
  if (!Number.isInteger(limit) || limit <= 0) throw new BadRequest('limit must be a positive value');
  if (limit > MAX_ENTRIES) throw new BadRequest(`max entries limit per query exceeded, limit > max_entries_limit_per_query (${limit} > ${MAX_ENTRIES})`);
  const direction = (req.params.get('direction') ?? 'backward').toLowerCase();
  if (direction !== 'forward' && direction !== 'backward') throw new BadRequest(`invalid direction: ${direction}`);
  const categorize = (header(req, 'X-Loki-Response-Encoding-Flags') ?? '').split(',').map((s) => s.trim()).includes('categorize-labels');

  let lines = selectLines(q, logsInRange(startNs, endNs, c.anchorMs, c.nowMs, c.seed ?? DEMO_SEED));
  if (direction === 'backward') lines = lines.reverse();
  lines = lines.slice(0, limit);

  const streams = new Map<string, { stream: Labels; values: unknown[] }>();
  for (const e of lines) {
    const labels = categorize ? e.src.stream : mergedLabels(e);
    const key = labelsKey(labels);
    let s = streams.get(key);
    if (!s) streams.set(key, (s = { stream: labels, values: [] }));
    s.values.push(categorize ? [e.src.tsNs.toString(), e.src.line, categories(e)] : [e.src.tsNs.toString(), e.src.line]);
  }
  const data: Record<string, unknown> = { resultType: 'streams' };
  if (categorize) data.encodingFlags = ['categorize-labels'];
  data.result = [...streams.values()];
  data.stats = { summary: { totalEntriesReturned: lines.length, execTime: 0.001 } };
  return json(200, { status: 'success', data });
}

function categories(e: EvaluatedLine): Record<string, Labels> {
  const out: Record<string, Labels> = {};
  if (Object.keys(e.src.structuredMetadata).length) out.structuredMetadata = e.src.structuredMetadata;
  if (Object.keys(e.parsed).length) out.parsed = e.parsed;
  return out;
}

function metricResponse(src: string, req: DemoRequest, c: DemoClock, instant: boolean): DemoResponse {
  const q = parseQuery(src);
  if (q.kind === 'log') {
    if (instant) throw new BadRequest('log queries are not supported as an instant query type, please change your query to a range query type');
    return streamsResponse(q, req, c);
  }
  let steps: number[];
  if (instant) {
    steps = [Number(parseLokiTime(req.params.get('time'), BigInt(c.nowMs) * NS_PER_MS) / NS_PER_MS)];
  } else {
    const [startNs, endNs] = timeRange(req, c, 3_600_000);
    if (endNs <= startNs) throw new BadRequest('end timestamp must not be before or equal to start time');
    const stepMs = parseStepMs(req.params.get('step'), startNs, endNs);
    const startMs = Number(startNs / NS_PER_MS);
    const endMs = Number(endNs / NS_PER_MS);
    if ((endMs - startMs) / stepMs > 11_000) throw new BadRequest('exceeded maximum resolution of 11,000 points per time series. Try increasing the value of the step parameter');
    steps = [];
    for (let t = startMs; t <= endMs; t += stepMs) steps.push(t);
  }
  const { rangeMs, log } = rangeOf(q);
  const fromNs = BigInt(Math.floor(steps[0] - rangeMs)) * NS_PER_MS;
  const toNs = BigInt(Math.floor(steps[steps.length - 1])) * NS_PER_MS + 1n;
  const lines = selectLines(log, logsInRange(fromNs, toNs, c.anchorMs, c.nowMs, c.seed ?? DEMO_SEED));
  const series = evalMetric(q, lines, steps);
  const result = instant
    ? series.map((s) => ({ metric: s.labels, value: [seconds(s.points[0][0]), formatPromNumber(s.points[0][1])] }))
    : series.map((s) => ({ metric: s.labels, values: s.points.map(([t, v]) => [seconds(t), formatPromNumber(v)]) }));
  return json(200, { status: 'success', data: { resultType: instant ? 'vector' : 'matrix', result, stats: { summary: { execTime: 0.001 } } } });
}

function streamSets(req: DemoRequest, c: DemoClock, selectors: Matcher[][]): Labels[] {
  const [startNs, endNs] = timeRange(req, c, 6 * 3_600_000);
  const seen = new Map<string, Labels>();
  for (const l of logsInRange(startNs, endNs, c.anchorMs, c.nowMs, c.seed ?? DEMO_SEED)) {
    if (selectors.length && !selectors.some((sel) => selectorMatches(sel, l.stream))) continue;
    seen.set(labelsKey(l.stream), l.stream);
  }
  return [...seen.values()];
}

function selectorOf(src: string): Matcher[] {
  const q = parseQuery(src);
  return q.kind === 'log' ? q.selector : rangeOf(q).log.selector;
}

function route(req: DemoRequest, c: DemoClock): DemoResponse {
  const path = req.path.replace(/\/+$/, '');
  const query = req.params.get('query') ?? '';
  if (path === '/loki/api/v1/query_range') return metricResponse(query, req, c, false);
  if (path === '/loki/api/v1/query') return metricResponse(query, req, c, true);
  if (path === '/loki/api/v1/labels' || path === '/loki/api/v1/label') {
    const sets = streamSets(req, c, query ? [selectorOf(query)] : []);
    return json(200, { status: 'success', data: [...new Set(sets.flatMap((s) => Object.keys(s)))].sort() });
  }
  const values = /^\/loki\/api\/v1\/label\/([^/]+)\/values$/.exec(path);
  if (values) {
    const name = decodeURIComponent(values[1]);
    const sets = streamSets(req, c, query ? [selectorOf(query)] : []);
    return json(200, { status: 'success', data: [...new Set(sets.map((s) => s[name]).filter((v): v is string => v !== undefined))].sort() });
  }
  if (path === '/loki/api/v1/series') {
    const match = req.params.getAll('match[]').concat(req.params.getAll('match'));
    if (!match.length) throw new BadRequest('at least one match[] argument required');
    return json(200, { status: 'success', data: streamSets(req, c, match.map(selectorOf)) });
  }
  if (path === '/loki/api/v1/status/buildinfo') {
    return json(200, { version: '3.5.0-demo', revision: 'demo', branch: 'demo', buildUser: 'triangulate', buildDate: '', goVersion: '' });
  }
  if (path === '/ready') return text(200, 'ready');
  return text(404, '404 page not found');
}

/** Answer one demo Loki request. Never throws. */
export function handleLokiRequest(req: DemoRequest, clock: DemoClock): DemoResponse {
  try {
    return route(req, clock);
  } catch (e) {
    if (e instanceof LogQLParseError || e instanceof BadRequest || e instanceof TooManySeriesError) return text(400, e.message);
    return text(500, 'internal error');
  }
}
