import type { Span, TagValue, Trace } from '../../lib/model/types';
import { canonicalTraceId } from '../../lib/model/ids';
import { json, text, type DemoClock, type DemoRequest, type DemoResponse } from '../http';
import { toOtlpResourceSpans } from '../jaeger/format';
import { DEMO_SEED } from '../scenario/story';
import { traceById, tracesInRange, traceStartUs } from '../scenario/traces';
import { parseSpanFilter, spanMatches, TraceQLError, type SpanFilter } from './traceql';

/**
 * The demo Tempo: the query API routes of lib/sources/tempo/README.md §1 over the demo
 * trace store, in Tempo's JSON shapes (jsonpb: uint64 as strings, zero values omitted) and
 * its plain-text errors (§5). Single-tenant: X-Scope-OrgID is accepted and ignored.
 */

class BadRequest extends Error {}

/** Without start/end Tempo searches only recent data (README §3.1); the demo takes the last hour. */
const RECENT_MS = 3_600_000;
const ROOT_NOT_YET_RECEIVED = '<root span not yet received>';
const INTRINSICS = ['duration', 'kind', 'name', 'status'];

function secondsParam(req: DemoRequest, name: string): number | undefined {
  const v = req.params.get(name);
  if (v === null || v === '') return undefined;
  if (!/^\d+$/.test(v)) throw new BadRequest(`invalid ${name}: strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v) * 1000;
}

function range(req: DemoRequest, c: DemoClock): { fromMs: number; toMs: number } {
  const toMs = secondsParam(req, 'end') ?? c.nowMs;
  const fromMs = secondsParam(req, 'start') ?? toMs - RECENT_MS;
  if (fromMs > toMs) throw new BadRequest('invalid start: start must not be after end');
  return { fromMs, toMs: toMs + 1 };
}

function positive(req: DemoRequest, name: string, def: number): number {
  const v = req.params.get(name);
  if (v === null || v === '') return def;
  if (!/^\d+$/.test(v) || Number(v) === 0) throw new BadRequest(`invalid ${name}: must be a positive integer`);
  return Number(v);
}

function filterOf(q: string | null): SpanFilter {
  try {
    return parseSpanFilter(q && q.trim() ? q : '{ }');
  } catch (e) {
    if (e instanceof TraceQLError) throw new BadRequest(`invalid TraceQL query: ${e.message}`);
    throw e;
  }
}

/** Tag search (`tags=k=v k2="v 2"`): each value matched as a case-insensitive substring (README §3.1). */
function tagsFilter(raw: string): (s: Span) => boolean {
  const pairs: [string, string][] = [];
  const re = /\s*([^\s="]+)=(?:"((?:[^"\\]|\\.)*)"|(\S*))/y;
  while (re.lastIndex < raw.length && !/^\s*$/.test(raw.slice(re.lastIndex))) {
    const m = re.exec(raw);
    if (!m) throw new BadRequest(`invalid tags: ${JSON.stringify(raw)}`);
    pairs.push([m[1], (m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]).toLowerCase()]);
  }
  return (s) => pairs.every(([k, v]) => {
    const a = k === 'name' ? s.operation : k === 'service.name' ? s.service : s.tags[k] ?? s.processTags[k];
    return a !== undefined && String(a).toLowerCase().includes(v);
  });
}

const nsOf = (us: number) => (BigInt(Math.round(us)) * 1000n).toString();

function searchEntry(t: Trace, matched: Span[], spss: number) {
  const root = t.spans.find((s) => s.parentSpanId === null);
  const startUs = traceStartUs(t);
  const endUs = Math.max(...t.spans.map((s) => s.startUs + s.durationUs));
  const stats: Record<string, { spanCount: number; errorCount?: number }> = {};
  for (const s of t.spans) {
    const st = (stats[s.service] ??= { spanCount: 0 });
    st.spanCount++;
    if (s.status === 'error') st.errorCount = (st.errorCount ?? 0) + 1;
  }
  return {
    traceID: t.traceId,
    rootServiceName: root?.service ?? ROOT_NOT_YET_RECEIVED,
    ...(root ? { rootTraceName: root.operation } : {}),
    startTimeUnixNano: nsOf(startUs),
    durationMs: Math.round((endUs - startUs) / 1000),
    spanSets: [{ spans: matched.slice(0, spss).map((s) => ({ spanID: s.spanId, name: s.operation, startTimeUnixNano: nsOf(s.startUs), durationNanos: nsOf(s.durationUs) })), matched: matched.length }],
    serviceStats: stats,
  };
}

function search(req: DemoRequest, c: DemoClock, seed: number): DemoResponse {
  const q = req.params.get('q');
  const tags = req.params.get('tags');
  if (q && tags) throw new BadRequest("invalid request: can't specify tags and q in the same query");
  const match: (s: Span) => boolean = tags ? tagsFilter(tags) : ((f) => (s: Span) => spanMatches(s, f))(filterOf(q));
  const durationNs = (name: string) => {
    const v = req.params.get(name);
    if (!v) return undefined;
    const m = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)$/.exec(v);
    if (!m) throw new BadRequest(`invalid ${name}: time: invalid duration ${JSON.stringify(v)}`);
    return Number(m[1]) * ({ ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 } as Record<string, number>)[m[2]];
  };
  const minNs = durationNs('minDuration');
  const maxNs = durationNs('maxDuration');
  if (minNs !== undefined && maxNs !== undefined && maxNs <= minNs) throw new BadRequest('invalid maxDuration: must be greater than minDuration');
  const limit = positive(req, 'limit', 20);
  const spss = positive(req, 'spss', 3);
  const { fromMs, toMs } = range(req, c);
  const all = tracesInRange(fromMs, toMs, c.anchorMs, c.nowMs, seed);
  const traces = [];
  for (let i = all.length - 1; i >= 0 && traces.length < limit; i--) {
    const t = all[i];
    const matched = t.spans.filter(match);
    if (!matched.length) continue;
    const ns = (Math.max(...t.spans.map((s) => s.startUs + s.durationUs)) - traceStartUs(t)) * 1000;
    if ((minNs !== undefined && ns < minNs) || (maxNs !== undefined && ns > maxNs)) continue;
    traces.push(searchEntry(t, matched, spss));
  }
  return json(200, { traces, metrics: { inspectedTraces: all.length, completedJobs: 1, totalJobs: 1 } });
}

function resourceOf(s: Span): Record<string, TagValue> {
  return { 'service.name': s.service, ...s.processTags };
}

function tagsV2(req: DemoRequest, c: DemoClock, seed: number): DemoResponse {
  const scope = req.params.get('scope') || 'all';
  if (!['all', 'resource', 'span', 'intrinsic', 'event', 'link', 'instrumentation'].includes(scope)) throw new BadRequest(`invalid scope: ${scope}`);
  const { fromMs, toMs } = range(req, c);
  const spans = tracesInRange(fromMs, toMs, c.anchorMs, c.nowMs, seed).flatMap((t) => t.spans);
  const keys = (pick: (s: Span) => Record<string, TagValue>) => [...new Set(spans.flatMap((s) => Object.keys(pick(s))))].sort();
  const scopes = [
    { name: 'resource', tags: keys(resourceOf) },
    { name: 'span', tags: keys((s) => s.tags) },
    { name: 'intrinsic', tags: INTRINSICS },
  ].filter((s) => scope === 'all' || s.name === scope);
  return json(200, { scopes, metrics: { inspectedBytes: '0' } });
}

function typed(v: TagValue): { type: string; value: string } {
  if (typeof v === 'number') return { type: Number.isInteger(v) ? 'int' : 'float', value: String(v) };
  if (typeof v === 'boolean') return { type: 'bool', value: String(v) };
  return { type: 'string', value: v };
}

function tagValues(identifier: string, req: DemoRequest, c: DemoClock, seed: number): DemoResponse {
  let filter: SpanFilter;
  try {
    filter = parseSpanFilter(req.params.get('q')?.trim() || '{ }');
  } catch {
    filter = { and: [] }; // an unparsable q is ignored, not refused (README §4.2)
  }
  const { fromMs, toMs } = range(req, c);
  const spans = tracesInRange(fromMs, toMs, c.anchorMs, c.nowMs, seed).flatMap((t) => t.spans).filter((s) => spanMatches(s, filter));
  const m = /^(resource|span)?\.(.+)$/.exec(identifier);
  const valueOf = (s: Span): { type: string; value: string } | undefined => {
    if (identifier === 'name') return { type: 'string', value: s.operation };
    if (identifier === 'status') return { type: 'keyword', value: s.status === 'error' ? 'error' : s.status === 'ok' ? 'ok' : 'unset' };
    if (identifier === 'kind') return { type: 'keyword', value: s.kind };
    if (!m) return undefined;
    const v = m[1] === 'resource' ? resourceOf(s)[m[2]] : m[1] === 'span' ? s.tags[m[2]] : s.tags[m[2]] ?? resourceOf(s)[m[2]];
    return v === undefined ? undefined : typed(v);
  };
  const seen = new Map<string, { type: string; value: string }>();
  for (const s of spans) {
    const v = valueOf(s);
    if (v) seen.set(`${v.type}\u0000${v.value}`, v);
  }
  return json(200, { tagValues: [...seen.values()].sort((a, b) => a.value.localeCompare(b.value)), metrics: { inspectedBytes: '0' } });
}

function traceRoute(rawId: string, v2: boolean, c: DemoClock, seed: number): DemoResponse {
  const id = canonicalTraceId(decodeURIComponent(rawId));
  if (!id) throw new BadRequest(`invalid trace id: ${JSON.stringify(rawId.slice(0, 64))}`);
  const t = traceById(id, c.anchorMs, c.nowMs, seed);
  // Not found: 404 with no body (README §2.3).
  if (!t) return { status: 404, contentType: 'text/plain; charset=utf-8', body: '' };
  const resourceSpans = toOtlpResourceSpans(t);
  return v2 ? json(200, { trace: { resourceSpans } }) : json(200, { batches: resourceSpans });
}

/** Answer one demo Tempo request (path below the mount, e.g. `/api/v2/traces/…`). */
export function handleTempoRequest(req: DemoRequest, clock: DemoClock): DemoResponse {
  const seed = clock.seed ?? DEMO_SEED;
  const path = req.path.replace(/\/+$/, '');
  try {
    if (path === '/ready') return text(200, 'ready');
    const v2 = /^\/api\/v2\/traces\/([^/]+)$/.exec(path);
    if (v2) return traceRoute(v2[1], true, clock, seed);
    const v1 = /^\/api\/traces\/([^/]+)$/.exec(path);
    if (v1) return traceRoute(v1[1], false, clock, seed);
    if (path === '/api/search') return search(req, clock, seed);
    if (path === '/api/v2/search/tags') return tagsV2(req, clock, seed);
    const values = /^\/api\/v2\/search\/tag\/([^/]+)\/values$/.exec(path);
    if (values) return tagValues(decodeURIComponent(values[1]), req, clock, seed);
    return text(404, '404 page not found\n');
  } catch (e) {
    if (e instanceof BadRequest) return text(400, e.message);
    return text(500, 'internal error');
  }
}
