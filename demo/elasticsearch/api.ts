import { fieldAt, isoToNs } from './fields';
import { json, type DemoClock, type DemoRequest, type DemoResponse } from '../http';
import { DEMO_SEED } from '../scenario/story';
import { DEMO_INDEX, docsInRange, isoNs, type DemoDoc } from './documents';
import { matchesQueryString, parseQueryString, QueryStringError } from './lucene';
import { aggregate } from './aggregations';
import { EsError, parsing } from './errors';

/**
 * The demo Elasticsearch: `GET /` and `POST /<index>/_search` (lib/sources/elasticsearch/README.md
 * §1–§3) over the demo log lines as ECS documents (documents.ts). Queries: `bool`
 * (filter/must/should/must_not), `term`, `terms`, `range`, `query_string` (lucene.ts),
 * `match_all`; sort on `@timestamp` and `_doc`, `search_after`, `size`, `track_total_hits`;
 * `aggs` as aggregations.ts takes them.
 * Errors in Elasticsearch's shape: `index_not_found_exception` (404),
 * `search_phase_execution_exception` (400, a query that does not parse or a result window
 * too large), `parsing_exception` (400, a query type outside the subset) and
 * `es_rejected_execution_exception` (429) when more searches arrive in a second than the
 * search pool takes.
 */

const TIME_FIELD = '@timestamp';
const TEXT_FIELD = 'message';
const MAX_RESULT_WINDOW = 10_000;
const RECENT_MS = 3_600_000;
const NS_PER_MS = 1_000_000n;

/** A shard-level failure: ES wraps it as "all shards failed" (README §3). */
function shardFailure(cause: { type: string; reason: string }): EsError {
  const reason = { ...cause, index_uuid: 'demo', index: DEMO_INDEX };
  return new EsError(400, 'search_phase_execution_exception', 'all shards failed', { phase: 'query', grouped: true, failed_shards: [{ shard: 0, index: DEMO_INDEX, node: 'demo-node', reason }] }, reason);
}


type Pred = (d: DemoDoc) => boolean;
interface Bounds { fromNs?: bigint; toNs?: bigint }

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const single = (q: Record<string, unknown>, what: string): [string, unknown] => {
  const entries = Object.entries(q);
  if (entries.length !== 1) throw parsing(`[${what}] query malformed, no start_object after query name`);
  return entries[0];
};
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function valueNs(v: unknown, format: unknown): bigint {
  if (format === 'epoch_millis' || typeof v === 'number') {
    const n = Number(v);
    if (!Number.isFinite(n)) throw parsing(`failed to parse date field [${String(v)}] with format [epoch_millis]`);
    return BigInt(Math.round(n * 1e6));
  }
  const ns = isoToNs(v);
  if (ns === null) throw parsing(`failed to parse date field [${String(v)}]`);
  return ns;
}

function rangePred(field: string, spec: unknown, bounds: Bounds | null): Pred {
  if (!isObj(spec)) throw parsing('[range] query malformed');
  if (field === TIME_FIELD) {
    const b = { gte: spec.gte ?? spec.from, gt: spec.gt, lte: spec.lte ?? spec.to, lt: spec.lt };
    const lo = b.gte !== undefined ? valueNs(b.gte, spec.format) : b.gt !== undefined ? valueNs(b.gt, spec.format) + 1n : undefined;
    const hi = b.lte !== undefined ? valueNs(b.lte, spec.format) : b.lt !== undefined ? valueNs(b.lt, spec.format) - 1n : undefined;
    if (bounds) {
      if (lo !== undefined) bounds.fromNs = bounds.fromNs === undefined || lo > bounds.fromNs ? lo : bounds.fromNs;
      if (hi !== undefined) bounds.toNs = bounds.toNs === undefined || hi < bounds.toNs ? hi : bounds.toNs;
    }
    return (d) => (lo === undefined || d.tsNs >= lo) && (hi === undefined || d.tsNs <= hi);
  }
  return (d) => {
    const v = fieldAt(d.source, field);
    if (v === undefined || v === null) return false;
    const cmp = (o: unknown) => (typeof v === 'number' ? v - Number(o) : String(v).localeCompare(String(o)));
    return (spec.gte === undefined || cmp(spec.gte) >= 0) && (spec.gt === undefined || cmp(spec.gt) > 0) && (spec.lte === undefined || cmp(spec.lte) <= 0) && (spec.lt === undefined || cmp(spec.lt) < 0);
  };
}

const termValue = (v: unknown) => (isObj(v) ? v.value : v);
const docValues = (d: DemoDoc, field: string) => list(fieldAt(d.source, field)).map(String);

/** Compile a query; `bounds` collects the time range of the top-level conjunction (what the demo generates). */
function compile(q: unknown, bounds: Bounds | null): Pred {
  if (!isObj(q)) throw parsing('query malformed, must start with start_object');
  const [kind, spec] = single(q, 'query');
  switch (kind) {
    case 'match_all':
      return () => true;
    case 'bool': {
      if (!isObj(spec)) throw parsing('[bool] query malformed');
      const must = [...list(spec.filter), ...list(spec.must)].map((c) => compile(c, bounds));
      const should = list(spec.should).map((c) => compile(c, null));
      const mustNot = list(spec.must_not).map((c) => compile(c, null));
      const minShould = spec.minimum_should_match !== undefined ? Number(spec.minimum_should_match) : must.length ? 0 : should.length ? 1 : 0;
      return (d) => must.every((p) => p(d)) && !mustNot.some((p) => p(d)) && should.filter((p) => p(d)).length >= minShould;
    }
    case 'term': {
      const [field, v] = single(spec as Record<string, unknown>, 'term');
      const want = String(termValue(v));
      return (d) => docValues(d, field).includes(want);
    }
    case 'terms': {
      const [field, vs] = single(spec as Record<string, unknown>, 'terms');
      if (!Array.isArray(vs)) throw parsing(`[terms] query does not support [${field}]`);
      const want = new Set(vs.map(String));
      return (d) => docValues(d, field).some((v) => want.has(v));
    }
    case 'range': {
      const [field, r] = single(spec as Record<string, unknown>, 'range');
      return rangePred(field, r, bounds);
    }
    case 'query_string': {
      if (!isObj(spec) || typeof spec.query !== 'string') throw parsing('[query_string] requires query');
      let node;
      try {
        node = parseQueryString(spec.query);
      } catch (e) {
        if (e instanceof QueryStringError) throw shardFailure({ type: 'query_shard_exception', reason: e.message });
        throw e;
      }
      const def = typeof spec.default_field === 'string' ? spec.default_field : null;
      return (d) => matchesQueryString(d.source, node, TEXT_FIELD, def);
    }
    default:
      throw parsing(`unknown query [${kind}]`);
  }
}

type SortKey = { field: string; desc: boolean; iso: boolean };

function sortKeys(sort: unknown): SortKey[] {
  return list(sort).map((s) => {
    if (typeof s === 'string') return { field: s, desc: false, iso: false };
    if (!isObj(s)) throw parsing('[sort] malformed');
    const [field, spec] = single(s, 'sort');
    const order = isObj(spec) ? spec.order : spec;
    if (order !== undefined && order !== 'asc' && order !== 'desc') throw parsing(`[sort] unknown order [${String(order)}]`);
    return { field, desc: order === 'desc', iso: isObj(spec) && typeof spec.format === 'string' && spec.format.startsWith('strict_date_optional_time') };
  });
}

function sortValue(d: DemoDoc, k: SortKey): string | number | bigint {
  if (k.field === TIME_FIELD) return d.tsNs;
  if (k.field === '_doc') return d.docNo;
  return docValues(d, k.field)[0] ?? '';
}

/** As ES writes `sort`: the time as the asked format (ISO with ns) or epoch ms, `_doc` as a number. */
function wireSortValue(d: DemoDoc, k: SortKey): string | number {
  if (k.field === TIME_FIELD) return k.iso ? isoNs(d.tsNs) : Number(d.tsNs / NS_PER_MS);
  const v = sortValue(d, k);
  return typeof v === 'bigint' ? v.toString() : v;
}

function cmp(a: string | number | bigint, b: string | number | bigint): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

function afterValue(v: unknown, k: SortKey): string | number | bigint {
  if (k.field === TIME_FIELD) return valueNs(v, typeof v === 'number' ? 'epoch_millis' : undefined);
  if (k.field === '_doc') return Number(v);
  return String(v);
}

function resolveIndices(target: string): boolean {
  let any = false;
  for (const name of decodeURIComponent(target).split(',')) {
    if (name === '_all' || name === '*') any = true;
    else if (name.includes('*')) any ||= new RegExp(`^${name.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(DEMO_INDEX);
    else if (name === DEMO_INDEX) any = true;
    else throw new EsError(404, 'index_not_found_exception', `no such index [${name}]`, { 'resource.type': 'index_or_alias', 'resource.id': name, index_uuid: '_na_', index: name });
  }
  return any;
}

function search(target: string, rawBody: string | undefined, c: DemoClock): DemoResponse {
  const matched = resolveIndices(target);
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = rawBody ? JSON.parse(rawBody) : {};
    if (!isObj(parsed)) throw new Error('not an object');
    body = parsed;
  } catch {
    throw new EsError(400, 'x_content_parse_exception', 'request body is not a JSON object');
  }
  const size = body.size === undefined ? 10 : Number(body.size);
  const from = body.from === undefined ? 0 : Number(body.from);
  if (!Number.isInteger(size) || size < 0 || !Number.isInteger(from) || from < 0) throw parsing('[size] and [from] must be non-negative integers');
  if (from + size > MAX_RESULT_WINDOW) {
    throw shardFailure({ type: 'illegal_argument_exception', reason: `Result window is too large, from + size must be less than or equal to: [${MAX_RESULT_WINDOW}] but was [${from + size}]. See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the [index.max_result_window] index level setting.` });
  }
  const bounds: Bounds = {};
  const pred = compile(body.query ?? { match_all: {} }, bounds);
  const keys = sortKeys(body.sort);
  const after = body.search_after;
  if (after !== undefined && (!Array.isArray(after) || after.length !== keys.length)) throw parsing(`search_after has ${Array.isArray(after) ? after.length : 0} value(s) but sort has ${keys.length}.`);
  const nowNs = BigInt(c.nowMs) * NS_PER_MS;
  const fromNs = bounds.fromNs ?? nowNs - BigInt(RECENT_MS) * NS_PER_MS;
  const toNs = (bounds.toNs ?? nowNs) + 1n;
  let docs = matched && toNs > fromNs ? docsInRange(fromNs, toNs, c.anchorMs, c.nowMs, c.seed ?? DEMO_SEED).filter(pred) : [];
  const order = (a: DemoDoc, b: DemoDoc) => {
    for (const k of keys) {
      const r = cmp(sortValue(a, k), sortValue(b, k));
      if (r) return k.desc ? -r : r;
    }
    return a.docNo - b.docNo;
  };
  docs.sort(order);
  const total = docs.length;
  // Aggregations count every matched document, whatever page of hits is asked.
  const aggs = body.aggs ?? body.aggregations;
  const aggregations = aggs === undefined ? {} : { aggregations: aggregate(aggs, docs) };
  if (Array.isArray(after)) {
    const vals = keys.map((k, i) => afterValue(after[i], k));
    docs = docs.filter((d) => {
      for (let i = 0; i < keys.length; i++) {
        const r = cmp(sortValue(d, keys[i]), vals[i]);
        if (r) return keys[i].desc ? r < 0 : r > 0;
      }
      return false;
    });
  }
  const page = docs.slice(from, from + size);
  const track = body.track_total_hits ?? MAX_RESULT_WINDOW;
  const totalField = track === false ? {} : { total: track === true || total <= Number(track) ? { value: total, relation: 'eq' } : { value: Number(track), relation: 'gte' } };
  return json(200, {
    took: 1,
    timed_out: false,
    _shards: { total: matched ? 1 : 0, successful: matched ? 1 : 0, skipped: 0, failed: 0 },
    hits: {
      ...totalField,
      max_score: null,
      hits: page.map((d) => ({
        _index: d._index,
        _id: d._id,
        _score: null,
        _source: d.source,
        ...(keys.length ? { sort: keys.map((k) => wireSortValue(d, k)) } : {}),
      })),
    },
    ...aggregations,
  });
}

export interface ElasticsearchEmulationOptions {
  /** Searches taken per second before the search pool rejects with 429 (README §3). */
  maxSearchesPerSecond?: number;
}

/** A demo Elasticsearch handler with its own search-pool state. */
export function createElasticsearchHandler(opts: ElasticsearchEmulationOptions = {}): (req: DemoRequest, clock: DemoClock) => DemoResponse {
  const perSecond = opts.maxSearchesPerSecond ?? 200;
  let windowStart = 0;
  let inWindow = 0;
  return (req, clock) => {
    const path = req.path.replace(/\/+$/, '');
    try {
      if (path === '') {
        return json(200, { name: 'demo-node', cluster_name: 'triangulate-demo', version: { number: '8.15.0', build_flavor: 'default', lucene_version: '9.11.1' }, tagline: 'You Know, for Search' });
      }
      const m = /^\/([^/]+)\/_search$/.exec(path);
      if (!m) throw new EsError(400, 'illegal_argument_exception', `no handler found for uri [${req.path}]`);
      if (clock.nowMs - windowStart >= 1_000) {
        windowStart = clock.nowMs;
        inWindow = 0;
      }
      if (++inWindow > perSecond) {
        throw new EsError(429, 'es_rejected_execution_exception', `rejected execution of TimedRunnable on QueueResizingEsThreadPoolExecutor[name = demo-node/search, queue capacity = ${perSecond}]`);
      }
      return search(m[1], req.body, clock);
    } catch (e) {
      if (e instanceof EsError) return json(e.status, e.body());
      throw e;
    }
  };
}
