import { canonicalTraceId } from '../../lib/model/ids';
import { json, type DemoClock, type DemoRequest, type DemoResponse } from '../http';
import { toOtlpResourceSpans, toV1Trace } from './format';
import { DEMO_SEED } from '../scenario/story';
import { parseGoDurationUs } from '../../lib/time/go-duration';
import { dependencies, operations, searchTraces, services, traceById, type DemoTraceSearch } from '../scenario/traces';

/**
 * The demo Jaeger: v1 UI JSON routes (as of Jaeger v2.20.0) and the /api/v3 HTTP gateway,
 * answering from the demo trace store. Shapes and error bodies follow lib/sources/jaeger/README.md §4.
 */

class ApiError extends Error {
  constructor(public readonly status: number, message: string) {
    super(message);
  }
}

function intParam(req: DemoRequest, name: string, fallback: number): number {
  const v = req.params.get(name);
  if (v === null || v === '') return fallback;
  if (!/^-?\d+$/.test(v)) throw new ApiError(400, `unable to parse param '${name}': strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

function durationParam(req: DemoRequest, name: string): number | undefined {
  const v = req.params.get(name);
  if (!v) return undefined;
  const us = parseGoDurationUs(v);
  if (us === null) throw new ApiError(400, `unable to parse param '${name}': time: invalid duration ${JSON.stringify(v)}`);
  return us;
}

const v1 = (data: unknown, total = 0) => json(200, { data, total, limit: 0, offset: 0, errors: null });

function v1Tags(req: DemoRequest): Record<string, string> {
  const tags: Record<string, string> = {};
  const raw = req.params.get('tags');
  if (raw) {
    let parsed: unknown;
    try { parsed = JSON.parse(raw); } catch { throw new ApiError(400, `unable to parse param 'tags': malformed JSON`); }
    if (!parsed || typeof parsed !== 'object') throw new ApiError(400, `unable to parse param 'tags': not an object`);
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) tags[k] = String(v);
  }
  for (const t of req.params.getAll('tag')) {
    const i = t.indexOf(':');
    if (i < 0) throw new ApiError(400, `malformed 'tag' parameter, expecting key:value, received: ${t}`);
    tags[t.slice(0, i)] = t.slice(i + 1);
  }
  return tags;
}

function v1Route(req: DemoRequest, c: DemoClock, seed: number): DemoResponse {
  const path = req.path.replace(/\/+$/, '');
  const byId = /^\/api\/traces\/([^/]+)$/.exec(path);
  if (byId) {
    const t = traceById(decodeURIComponent(byId[1]), c.anchorMs, c.nowMs, seed);
    if (!t) throw new ApiError(404, 'trace not found');
    return v1([toV1Trace(t)]);
  }
  if (path === '/api/traces') {
    const ids = req.params.getAll('traceID');
    if (ids.length) {
      const found = ids.map((id) => ({ id, t: traceById(id, c.anchorMs, c.nowMs, seed) }));
      const errors = found.filter((f) => !f.t).map((f) => ({ code: 404, msg: 'trace not found', traceID: canonicalTraceId(f.id) ?? f.id }));
      return json(200, { data: found.filter((f) => f.t).map((f) => toV1Trace(f.t!)), total: 0, limit: 0, offset: 0, errors: errors.length ? errors : null });
    }
    const service = req.params.get('service');
    if (!service) throw new ApiError(400, "parameter 'service' is required");
    const endUs = intParam(req, 'end', c.nowMs * 1000);
    const startUs = intParam(req, 'start', endUs - 48 * 3600e6);
    const q: DemoTraceSearch = {
      service, operation: req.params.get('operation') || undefined, tags: v1Tags(req),
      fromMs: startUs / 1000, toMs: endUs / 1000 + 0.001, limit: intParam(req, 'limit', 100),
      minDurationUs: durationParam(req, 'minDuration'), maxDurationUs: durationParam(req, 'maxDuration'),
    };
    return v1(searchTraces(q, c.anchorMs, c.nowMs, seed).map(toV1Trace));
  }
  if (path === '/api/services') {
    const s = services();
    return v1(s, s.length);
  }
  const legacyOps = /^\/api\/services\/([^/]+)\/operations$/.exec(path);
  if (legacyOps) {
    const ops = operations(decodeURIComponent(legacyOps[1])).map((o) => o.name);
    return v1(ops, ops.length);
  }
  if (path === '/api/operations') {
    const service = req.params.get('service');
    if (!service) throw new ApiError(400, "parameter 'service' is required");
    const kind = req.params.get('spanKind');
    const ops = operations(service).filter((o) => !kind || o.spanKind === kind);
    return v1(ops, ops.length);
  }
  if (path === '/api/dependencies') {
    const endTs = intParam(req, 'endTs', c.nowMs);
    const lookback = intParam(req, 'lookback', 24 * 3600_000);
    return v1(dependencies(endTs - lookback, endTs + 1, c.anchorMs, c.nowMs, seed));
  }
  throw new ApiError(404, '404 page not found');
}

class V3Error extends ApiError {}

function v3Route(req: DemoRequest, c: DemoClock, seed: number): DemoResponse {
  const path = req.path.replace(/\/+$/, '');
  const p = (camel: string, snake: string) => req.params.get(camel) ?? req.params.get(snake) ?? '';
  const byId = /^\/api\/v3\/traces\/([^/]+)$/.exec(path);
  if (byId) {
    const t = traceById(decodeURIComponent(byId[1]), c.anchorMs, c.nowMs, seed);
    if (!t) throw new V3Error(404, 'No traces found');
    return json(200, { result: { resourceSpans: toOtlpResourceSpans(t) } });
  }
  if (path === '/api/v3/traces') {
    const min = p('query.startTimeMin', 'query.start_time_min');
    const max = p('query.startTimeMax', 'query.start_time_max');
    if (!min || !max) throw new V3Error(400, 'query.startTimeMin and query.startTimeMax are required');
    const fromMs = Date.parse(min);
    const toMs = Date.parse(max);
    if (Number.isNaN(fromMs) || Number.isNaN(toMs)) throw new V3Error(400, 'malformed parameter query.startTimeMin/query.startTimeMax');
    let tags: Record<string, string> = {};
    const rawAttrs = p('query.attributes', 'query.attributes');
    if (rawAttrs) {
      try { tags = Object.fromEntries(Object.entries(JSON.parse(rawAttrs) as Record<string, unknown>).map(([k, v]) => [k, String(v)])); } catch {
        throw new V3Error(400, 'malformed parameter query.attributes');
      }
    }
    const depth = Number(p('query.searchDepth', 'query.search_depth') || p('query.numTraces', 'query.num_traces') || 100);
    const traces = searchTraces({
      service: p('query.serviceName', 'query.service_name'), operation: p('query.operationName', 'query.operation_name') || undefined, tags,
      fromMs, toMs: toMs + 0.001, limit: depth,
      minDurationUs: parseGoDurationUs(p('query.durationMin', 'query.duration_min')) ?? undefined,
      maxDurationUs: parseGoDurationUs(p('query.durationMax', 'query.duration_max')) ?? undefined,
    }, c.anchorMs, c.nowMs, seed);
    if (!traces.length) throw new V3Error(404, 'No traces found');
    return json(200, { result: { resourceSpans: traces.flatMap(toOtlpResourceSpans) } });
  }
  if (path === '/api/v3/services') return json(200, { services: services() });
  if (path === '/api/v3/operations') {
    const service = p('service', 'service');
    const kind = p('spanKind', 'span_kind');
    return json(200, { operations: operations(service).filter((o) => !kind || o.spanKind === kind) });
  }
  throw new V3Error(404, 'Not Found');
}

/** Answer one demo Jaeger request (path below the demo mount, e.g. `/api/traces/…`). */
export function handleJaegerRequest(req: DemoRequest, clock: DemoClock): DemoResponse {
  const seed = clock.seed ?? DEMO_SEED;
  const isV3 = req.path.startsWith('/api/v3/');
  try {
    return isV3 ? v3Route(req, clock, seed) : v1Route(req, clock, seed);
  } catch (e) {
    const status = e instanceof ApiError ? e.status : 500;
    const message = e instanceof ApiError ? e.message : 'internal error';
    if (isV3) return json(status, { error: { httpCode: status, message } });
    // Jaeger writes v1 errors with http.Error: JSON body, text/plain content type.
    return json(status, { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: status, msg: message }] }, 'text/plain; charset=utf-8');
  }
}
