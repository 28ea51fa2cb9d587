import type { SourceConfig } from '../../config';
import type { LogLine } from '../../model/types';
import { SourceError, parseAnswer } from '../errors';
import { createTransport, type Transport } from '../http';
import { chooseStepSec } from '../prometheus/client';
import type { CallOptions, LokiClient, LokiRangeOptions, LokiStreamsResult } from '../types';
import { compareNs } from '../../time/range';
import { CATEGORIZE_FLAG, entryKey, labelsKey, msToNs, normalizeMetricData, normalizeStreams } from './normalize';
import { buildinfoSchema, listResponseSchema, queryResponseSchema, seriesResponseSchema, type LokiData } from './schemas';
import type { z } from 'zod';

/** Loki HTTP API client (lib/sources/loki/README.md §3). */

/** Loki's default `max_entries_limit_per_query`: one page never asks for more. */
const LOKI_PAGE_LIMIT = 5_000;
const DEFAULT_LOG_LIMIT = 1_000;
const MAX_LOG_LIMIT = 100_000;

export interface LokiClientOptions {
  /** X-Scope-OrgID for multi-tenant Loki. */
  tenant?: string | null;
  /** Entries per request (default 5,000, Loki's default max_entries_limit_per_query). */
  pageLimit?: number;
}

const parse = <T extends z.ZodType>(schema: T, raw: unknown, what: string): z.infer<T> => parseAnswer('loki', schema, raw, what);

function notA(kind: 'log' | 'metric', what: string): SourceError {
  return new SourceError({
    source: 'loki',
    kind: 'bad_query',
    message: kind === 'log' ? `${what} needs a log query (a stream selector with filters), got a metric query` : `${what} needs a metric query, got a log query`,
  });
}

export function createLokiClient(cfg: SourceConfig, transport: Transport = createTransport(cfg), options: LokiClientOptions = {}): LokiClient {
  const pageMax = Math.max(1, options.pageLimit ?? LOKI_PAGE_LIMIT);
  const baseHeaders: Record<string, string> = options.tenant ? { 'X-Scope-OrgID': options.tenant } : {};
  const queryHeaders = { ...baseHeaders, 'X-Loki-Response-Encoding-Flags': CATEGORIZE_FLAG };
  const req = (o?: CallOptions, headers = baseHeaders) => ({ signal: o?.signal, headers });

  async function queryRangeRaw(query: string, startNs: string, endNs: string, extra: Record<string, string | number | undefined>, opts?: CallOptions) {
    const raw = await transport.getJson('/loki/api/v1/query_range', { query, start: startNs, end: endNs, ...extra }, req(opts, queryHeaders));
    return parse(queryResponseSchema, raw, 'query_range');
  }

  /**
   * Pages past the server's entry cap. Backward: the next page ends just after the oldest
   * timestamp seen (end is exclusive), so entries sharing that nanosecond are fetched again
   * and dropped by key; forward mirrors it with `start`.
   */
  async function queryRange(query: string, fromMs: number, toMs: number, opts: LokiRangeOptions = {}): Promise<LokiStreamsResult> {
    const direction = opts.direction ?? 'backward';
    const wanted = Math.min(MAX_LOG_LIMIT, Math.max(1, Math.floor(opts.limit ?? DEFAULT_LOG_LIMIT)));
    let startNs = msToNs(fromMs);
    let endNs = msToNs(Math.max(toMs, fromMs + 1));
    const lines: LogLine[] = [];
    const warnings = new Set<string>();
    let categorized = false;
    let boundaryKeys = new Set<string>();
    let truncated = false;

    for (;;) {
      const pageLimit = Math.min(pageMax, wanted - lines.length + boundaryKeys.size);
      const page = await queryRangeRaw(query, startNs, endNs, { limit: pageLimit, direction }, opts);
      for (const w of page.warnings ?? []) warnings.add(w);
      if (page.data.resultType !== 'streams') throw notA('log', 'queryRange');
      const got = normalizeStreams(page.data.result, page.data.encodingFlags, direction);
      categorized ||= got.categorized;

      const streamKeys = new Map<object, string>();
      const keyOf = (l: LogLine) => {
        let k = streamKeys.get(l.stream);
        if (k === undefined) streamKeys.set(l.stream, (k = labelsKey(l.stream)));
        return entryKey(l, k);
      };
      let added = 0;
      for (const l of got.lines) {
        if (boundaryKeys.size > 0 && boundaryKeys.has(keyOf(l))) continue;
        if (lines.length >= wanted) break;
        lines.push(l);
        added += 1;
      }
      const serverExhausted = got.lines.length < pageLimit;
      if (serverExhausted) break;
      if (lines.length >= wanted || added === 0) {
        // A full page: more entries may exist. (added === 0: one nanosecond holds more entries than a page.)
        truncated = true;
        break;
      }
      const boundary = lines[lines.length - 1].tsNs;
      boundaryKeys = new Set(lines.filter((l) => compareNs(l.tsNs, boundary) === 0).map(keyOf));
      if (direction === 'backward') endNs = (BigInt(boundary) + 1n).toString();
      else startNs = boundary;
    }
    return { lines, truncated, warnings: [...warnings], categorized };
  }

  return {
    queryRange,

    async queryRangeMetric(query, fromMs, toMs, opts = {}) {
      const step = opts.step ?? String(chooseStepSec(fromMs, toMs));
      const page = await queryRangeRaw(query, msToNs(fromMs), msToNs(Math.max(toMs, fromMs + 1)), { step, direction: opts.direction }, opts);
      if (page.data.resultType === 'streams') throw notA('metric', 'queryRangeMetric');
      return { series: normalizeMetricData(page.data), warnings: page.warnings ?? [] };
    },

    async query(query, timeMs, opts) {
      const raw = await transport.getJson('/loki/api/v1/query', { query, time: msToNs(timeMs), limit: opts?.limit }, req(opts, queryHeaders));
      const r = parse(queryResponseSchema, raw, 'query');
      if (r.data.resultType === 'streams') throw notA('metric', 'query');
      return { series: normalizeMetricData(r.data as Exclude<LokiData, { resultType: 'streams' }>), warnings: r.warnings ?? [] };
    },

    async labels(fromMs, toMs, opts) {
      const raw = await transport.getJson('/loki/api/v1/labels', { start: msToNs(fromMs), end: msToNs(toMs), query: opts?.query }, req(opts));
      return parse(listResponseSchema, raw, 'labels').data ?? [];
    },

    async labelValues(label, fromMs, toMs, opts) {
      const path = `/loki/api/v1/label/${encodeURIComponent(label)}/values`;
      const raw = await transport.getJson(path, { start: msToNs(fromMs), end: msToNs(toMs), query: opts?.query }, req(opts));
      return parse(listResponseSchema, raw, 'label values').data ?? [];
    },

    async series(match, fromMs, toMs, opts) {
      if (match.length === 0) throw new SourceError({ source: 'loki', kind: 'bad_query', message: 'series needs at least one selector' });
      const raw = await transport.postForm('/loki/api/v1/series', { 'match[]': match, start: msToNs(fromMs), end: msToNs(toMs) }, req(opts));
      return parse(seriesResponseSchema, raw, 'series').data ?? [];
    },

    async buildinfo(opts) {
      const b = parse(buildinfoSchema, await transport.getJson('/loki/api/v1/status/buildinfo', {}, req(opts)), 'buildinfo');
      return { version: 'version' in b ? b.version : b.data.version };
    },
  };
}
