import type { SourceConfig } from '../../config';
import { canonicalTraceId } from '../../model/ids';
import { appendTo } from '../../model/group';
import type { LogLine, Series } from '../../model/types';
import { SourceError, isSourceError, parseAnswer } from '../errors';
import { createTransport, type Transport } from '../http';
import type { CallOptions } from '../types';
import { labelName } from '../../model/label-name';
import { hitToLogLine, type HitFields } from './hits';
import { fieldQuery, luceneQuery, MAX_VOLUME_BUCKETS, traceQuery, volumeQuery, type PageRequest, type SortOrder } from './query';
import { rootInfoSchema, searchResponseSchema, volumeResponseSchema, type EsSearchResponse } from './schemas';

/**
 * Elasticsearch / OpenSearch log client (lib/sources/elasticsearch/README.md): `_search` with a
 * bounded query, `search_after` paging under a page and line cap, hits mapped to LogLine. It
 * serves the logs role: errors carry source "loki" (the role) and say "elasticsearch".
 */

export interface ElasticsearchLogsConfig extends HitFields {
  /** Index, alias, data stream or pattern; a comma list is allowed (`logs-*,filebeat-*`). */
  index: string;
  /** Tie-breaker sort field (§2.2): a unique keyword such as `event.id`, else `_doc`. */
  tiebreaker: string;
  /** Hits per request (≤ 10,000, index.max_result_window). */
  pageSize: number;
  /** Requests per query at most. */
  maxPages: number;
  /** Default field of Lucene queries without a field prefix (Elasticsearch default: `index.query.default_field`). */
  defaultField?: string;
}

export const DEFAULT_ELASTICSEARCH_LOGS: Omit<ElasticsearchLogsConfig, 'index'> = {
  timestampField: '@timestamp',
  messageField: 'message',
  traceIdField: 'trace.id',
  spanIdField: 'span.id',
  requestIdFields: ['http.request.id', 'request_id', 'x_request_id'],
  labelFields: ['service.name', 'service.environment', 'host.name', 'container.name', 'kubernetes.namespace', 'kubernetes.pod.name', 'log.level', 'data_stream.dataset'],
  tiebreaker: '_doc',
  pageSize: 500,
  maxPages: 10,
};

export const ELASTICSEARCH_TRANSPORT = { displayName: 'elasticsearch', livenessPath: '/' } as const;

export interface EsLogsResult {
  lines: LogLine[];
  /** True when the cap stopped the paging and more hits matched. */
  truncated: boolean;
  warnings: string[];
}

export interface EsQueryOptions extends CallOptions {
  /** Lines wanted at most (default pageSize × maxPages). */
  limit?: number;
  /** forward = oldest first (a trace's lines), backward = newest first (Explore). */
  direction?: 'forward' | 'backward';
}

export interface ElasticsearchClient {
  /** The lines of one trace in [fromMs, toMs]. */
  logsForTrace(traceId: string, fromMs: number, toMs: number, opts?: EsQueryOptions): Promise<EsLogsResult>;
  /** Explore: a Lucene query string in [fromMs, toMs]. */
  search(query: string, fromMs: number, toMs: number, opts?: EsQueryOptions): Promise<EsLogsResult>;
  /** Lines whose keyword `field` equals `value` (newest first by default): one service's lines when `field` names services. */
  linesWhere(field: string, value: string, fromMs: number, toMs: number, opts?: EsQueryOptions): Promise<EsLogsResult>;
  /**
   * Lines per `stepSec` bucket whose keyword `field` equals `value`, one series per value of
   * `groupField` (labelled with its Loki-style name; `unknown` for lines without one), or one
   * unlabelled series without it: the service page's log volume by level (README §2.3).
   */
  volumeWhere(field: string, value: string, groupField: string | null, fromMs: number, toMs: number, stepSec: number, opts?: CallOptions): Promise<{ series: Series[]; warnings: string[] }>;
  /** The configured fields that become line labels (their Loki-style names: lib/model/label-name.ts). */
  readonly labelFields: readonly string[];
  /** `GET /`: the cluster's version (OpenSearch says so in `version.distribution`), for /api/health. */
  info(opts?: CallOptions): Promise<{ version: string }>;
}

const NAME = 'elasticsearch';
const badQuery = (message: string) => new SourceError({ source: 'loki', kind: 'bad_query', message });
const INDEX = /^[A-Za-z0-9._*,:+-]+$/;
const MAX_QUERY_CHARS = 8_192;
const FIELD = /^[A-Za-z0-9_@][A-Za-z0-9_.@-]{0,254}$/;

function checkConfig(c: ElasticsearchLogsConfig): void {
  // `.`/`..` would be resolved by the URL (Elasticsearch forbids them as names anyway).
  if (!INDEX.test(c.index) || c.index.split(',').some((i) => i === '.' || i === '..')) throw badQuery(`index ${JSON.stringify(c.index.slice(0, 64))} must be index names or patterns (letters, digits, . _ - * + : and commas)`);
  if (!Number.isSafeInteger(c.pageSize) || c.pageSize < 1 || c.pageSize > 10_000) throw badQuery(`pageSize must be 1–10000, got ${c.pageSize}`);
  if (!Number.isSafeInteger(c.maxPages) || c.maxPages < 1) throw badQuery(`maxPages must be a positive integer, got ${c.maxPages}`);
}

function checkRange(fromMs: number, toMs: number): void {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || fromMs > toMs) throw badQuery(`time range must be two finite times with from ≤ to (got ${fromMs}, ${toMs})`);
}

/** Shard failures and timeouts make an answer partial: say so rather than hide it (§3.4). */
function partialWarnings(r: Pick<EsSearchResponse, 'timed_out' | '_shards'>): string[] {
  const out: string[] = [];
  if (r.timed_out) out.push('elasticsearch: the search timed out on some shards; lines may be missing');
  const failed = r._shards?.failed ?? 0;
  if (failed > 0) out.push(`elasticsearch: ${failed} of ${r._shards?.total ?? '?'} shards failed; lines may be missing`);
  return out;
}

export function createElasticsearchClient(cfg: SourceConfig, logs: Partial<ElasticsearchLogsConfig> & { index: string }, transport: Transport = createTransport(cfg, {}, ELASTICSEARCH_TRANSPORT)): ElasticsearchClient {
  const c: ElasticsearchLogsConfig = { ...DEFAULT_ELASTICSEARCH_LOGS, ...logs };
  checkConfig(c);

  /** One `_search`; a missing index is no error but an empty answer with this warning. */
  async function postSearch(body: unknown, opts: CallOptions | undefined): Promise<{ raw: unknown } | { indexMissing: string }> {
    try {
      return { raw: await transport.postJson(`/${c.index}/_search`, body, {}, { signal: opts?.signal, maxBytes: opts?.maxBytes }) };
    } catch (e) {
      if (isSourceError(e) && e.status === 404 && e.backendType === 'index_not_found_exception') {
        return { indexMissing: `elasticsearch: ${e.message} (check the configured index "${c.index}")` };
      }
      throw e;
    }
  }

  async function run(build: (p: PageRequest) => unknown, fromMs: number, toMs: number, opts: EsQueryOptions | undefined, defaultOrder: SortOrder): Promise<EsLogsResult> {
    checkRange(fromMs, toMs);
    const cap = Math.min(opts?.limit ?? c.pageSize * c.maxPages, c.pageSize * c.maxPages);
    if (!Number.isSafeInteger(cap) || cap < 1) throw badQuery(`limit must be a positive integer, got ${opts?.limit}`);
    const order: SortOrder = opts?.direction ? (opts.direction === 'forward' ? 'asc' : 'desc') : defaultOrder;
    const lines: LogLine[] = [];
    const warnings: string[] = [];
    const seen = new Set<string>();
    let searchAfter: unknown[] | undefined;
    for (let pageNo = 0; pageNo < c.maxPages; pageNo++) {
      const size = Math.min(c.pageSize, cap - lines.length);
      const body = build({ fromMs, toMs, size, order, timestampField: c.timestampField, tiebreaker: c.tiebreaker, searchAfter, trackTotalHits: pageNo === 0 ? cap : false });
      const answer = await postSearch(body, opts);
      if ('indexMissing' in answer) return { lines: [], truncated: false, warnings: [answer.indexMissing] };
      const r = parseAnswer('loki', searchResponseSchema, answer.raw, 'search', NAME);
      for (const w of partialWarnings(r)) if (!warnings.includes(w)) warnings.push(w);
      const hits = r.hits.hits.slice(0, size); // never more than asked, whatever the server sends
      for (const hit of hits) {
        const key = `${hit._index ?? ''}\u0000${hit._id ?? lines.length}`;
        if (seen.has(key)) continue; // a tie re-read across pages (§2.2)
        seen.add(key);
        const line = hitToLogLine(hit, c);
        if (line) lines.push(line);
      }
      const last = hits.at(-1);
      const full = hits.length >= size;
      if (!full) return { lines, truncated: false, warnings };
      if (lines.length >= cap) return { lines, truncated: true, warnings };
      if (!last?.sort?.length) {
        warnings.push('elasticsearch: hits carry no sort values, so paging stopped after one page');
        return { lines, truncated: true, warnings };
      }
      searchAfter = last.sort;
    }
    return { lines, truncated: true, warnings };
  }

  return {
    logsForTrace(traceId, fromMs, toMs, opts) {
      if (!canonicalTraceId(traceId)) return Promise.reject(badQuery(`not a trace id: ${JSON.stringify(traceId.slice(0, 64))} (expected 1–32 hex digits)`));
      return run((p) => traceQuery(c.traceIdField, traceId, p), fromMs, toMs, opts, 'asc');
    },
    search(query, fromMs, toMs, opts) {
      const q = query.trim();
      if (q === '') return Promise.reject(badQuery('the query is empty (use * for every line)'));
      if (q.length > MAX_QUERY_CHARS) return Promise.reject(badQuery(`the query is longer than ${MAX_QUERY_CHARS} characters`));
      return run((p) => luceneQuery(q, c.defaultField, p), fromMs, toMs, opts, 'desc');
    },
    linesWhere(field, value, fromMs, toMs, opts) {
      if (!FIELD.test(field)) return Promise.reject(badQuery(`not a field name: ${JSON.stringify(field.slice(0, 64))}`));
      return run((p) => fieldQuery(field, [value], p), fromMs, toMs, opts, 'desc');
    },
    async volumeWhere(field, value, groupField, fromMs, toMs, stepSec, opts) {
      checkRange(fromMs, toMs);
      for (const f of groupField ? [field, groupField] : [field]) if (!FIELD.test(f)) throw badQuery(`not a field name: ${JSON.stringify(f.slice(0, 64))}`);
      if (!Number.isSafeInteger(stepSec) || stepSec < 1) throw badQuery(`the step must be a whole number of seconds, got ${stepSec}`);
      if ((toMs - fromMs) / (stepSec * 1000) > MAX_VOLUME_BUCKETS) throw badQuery(`the range holds more than ${MAX_VOLUME_BUCKETS} steps of ${stepSec}s`);
      const answer = await postSearch(volumeQuery(field, value, groupField, { fromMs, toMs, stepSec, timestampField: c.timestampField }), opts);
      if ('indexMissing' in answer) return { series: [], warnings: [answer.indexMissing] };
      const r = parseAnswer('loki', volumeResponseSchema, answer.raw, 'search', NAME);
      // Ungrouped, one series without labels (as `count_over_time` without `by`).
      const points = new Map<string | null, [number, number][]>();
      const add = (group: string | null, t: number, n: number) => {
        if (n > 0) appendTo(points, group, [t, n]);
      };
      for (const b of r.aggregations.t.buckets) {
        if (!groupField || !b.g) add(null, b.key, b.doc_count);
        else {
          for (const g of b.g.buckets) add(String(g.key), b.key, g.doc_count);
          add('other', b.key, b.g.sum_other_doc_count ?? 0);
        }
      }
      const series: Series[] = [...points].map(([group, pts]) => ({ name: 'log_lines', labels: groupField && group !== null ? { [labelName(groupField)]: group } : {}, points: pts }));
      return { series, warnings: partialWarnings(r) };
    },
    labelFields: c.labelFields,
    async info(opts) {
      const v = parseAnswer('loki', rootInfoSchema, await transport.getJson('/', {}, { signal: opts?.signal, maxBytes: opts?.maxBytes }), 'info', NAME).version;
      return { version: v.distribution && v.distribution !== 'elasticsearch' ? `${v.distribution} ${v.number}` : v.number };
    },
  };
}
