import { z } from 'zod';
import { cutSeriesText } from './series-cap';
import type { SourceConfig } from '../../config';
import type { Labels } from '../../model/types';
import { SourceError, badResponse, parseAnswer } from '../errors';
import { createTransport, type Transport } from '../http';
import { errorFromResponse } from '../http-errors';
import type { CallOptions, PrometheusClient } from '../types';
import { msToSecondsParam } from '../values';
import { normalizeExemplars, normalizeMetadata, normalizeQueryData } from './normalize';
import {
  buildinfoSchema,
  envelopeSchema,
  exemplarsSchema,
  metadataSchema,
  queryDataSchema,
  seriesListSchema,
  stringListSchema,
} from './schemas';

import { MAX_POINTS_PER_SERIES } from './limits';

/** Prometheus HTTP API client (lib/sources/prometheus/README.md §1). Thin: transport + zod + normalize. */

export { MAX_POINTS_PER_SERIES };
const DEFAULT_POINTS = 600;

/**
 * The step (seconds, ms precision) for a range query: the requested one, or one giving about
 * 600 points, raised so that no series exceeds Prometheus's 11,000-point limit.
 */
export function chooseStepSec(fromMs: number, toMs: number, stepSec?: number): number {
  const rangeMs = Math.max(0, toMs - fromMs);
  const minStepMs = Math.max(1, Math.ceil(rangeMs / MAX_POINTS_PER_SERIES));
  const wantedMs = stepSec !== undefined && stepSec > 0 ? Math.round(stepSec * 1000) : Math.max(1000, Math.ceil(rangeMs / DEFAULT_POINTS / 1000) * 1000);
  return Math.max(wantedMs, minStepMs) / 1000;
}

/** Label names outside the legacy charset use the `U__` escaping in the URL path (§1.7). */
export function escapeLabelNameForPath(name: string): string {
  if (/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) return name;
  let out = 'U__';
  for (const ch of name) {
    if (/[a-zA-Z0-9]/.test(ch)) out += ch;
    else if (ch === '_') out += '__';
    else out += `_${ch.codePointAt(0)!.toString(16)}_`;
  }
  return out;
}

function unwrap<T extends z.ZodType>(raw: unknown, data: T, what: string): { data: z.infer<T> | undefined; warnings: string[]; infos: string[] } {
  const env = parseAnswer('prometheus', envelopeSchema(data), raw, what);
  if (env.status === 'error') {
    // An error envelope behind a 2xx (some proxies): classify it like the HTTP error would be.
    throw errorFromResponse('prometheus', 200, '', JSON.stringify({ errorType: env.errorType, error: env.error ?? 'unknown error' }));
  }
  return { data: env.data as z.infer<T> | undefined, warnings: env.warnings ?? [], infos: env.infos ?? [] };
}

function required<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw badResponse('prometheus', `${what}: success without data`);
  return v;
}

const t = msToSecondsParam;

/**
 * `limit` is sent to Prometheus (3.x honours it on query and query_range; older versions
 * ignore it) and enforced here too: on the body text before it is parsed (series-cap.ts),
 * and on the parsed JSON before validation and conversion copy every series.
 */
function capResult(raw: unknown, limit: number | undefined): unknown {
  const data = (raw as { data?: { result?: unknown } } | null)?.data;
  if (!limit || !data || !Array.isArray(data.result) || data.result.length <= limit) return raw;
  return { ...(raw as object), data: { ...data, result: data.result.slice(0, limit) } };
}

export function createPrometheusClient(cfg: SourceConfig, transport: Transport = createTransport(cfg)): PrometheusClient {
  const req = (o?: CallOptions) => ({ signal: o?.signal, maxBytes: o?.maxBytes });
  /** Query answers with a `limit`: cut to it before parsing (series-cap.ts), and again after for layouts the text cut leaves whole. */
  const limited = (o?: CallOptions & { limit?: number }) => ({ ...req(o), ...(o?.limit ? { beforeParse: (text: string) => cutSeriesText(text, o.limit!) } : {}) });

  return {
    async query(query, timeMs, opts) {
      const raw = await transport.postForm('/api/v1/query', { query, time: t(timeMs), limit: opts?.limit }, limited(opts));
      const env = unwrap(capResult(raw, opts?.limit), queryDataSchema, 'query');
      return normalizeQueryData(required(env.data, 'query'), env.warnings, env.infos);
    },

    async queryRange(query, fromMs, toMs, stepSec, opts) {
      if (toMs < fromMs) throw new SourceError({ source: 'prometheus', kind: 'bad_query', message: 'end of the range is before its start' });
      const step = chooseStepSec(fromMs, toMs, stepSec);
      const raw = await transport.postForm('/api/v1/query_range', { query, start: t(fromMs), end: t(toMs), step: String(step), limit: opts?.limit }, limited(opts));
      const env = unwrap(capResult(raw, opts?.limit), queryDataSchema, 'query_range');
      return { ...normalizeQueryData(required(env.data, 'query_range'), env.warnings, env.infos), stepSec: step };
    },

    async series(match, fromMs, toMs, opts) {
      if (match.length === 0) throw new SourceError({ source: 'prometheus', kind: 'bad_query', message: 'series needs at least one selector' });
      const raw = await transport.postForm('/api/v1/series', { 'match[]': match, start: t(fromMs), end: t(toMs), limit: opts?.limit }, req(opts));
      return (unwrap(raw, seriesListSchema, 'series').data ?? []) as Labels[];
    },

    async labels(fromMs, toMs, opts) {
      const raw = await transport.postForm('/api/v1/labels', { 'match[]': opts?.match, start: t(fromMs), end: t(toMs) }, req(opts));
      return unwrap(raw, stringListSchema, 'labels').data ?? [];
    },

    async labelValues(label, fromMs, toMs, opts) {
      const path = `/api/v1/label/${encodeURIComponent(escapeLabelNameForPath(label))}/values`;
      const raw = await transport.getJson(path, { 'match[]': opts?.match, start: t(fromMs), end: t(toMs) }, req(opts));
      return unwrap(raw, stringListSchema, 'label values').data ?? [];
    },

    async metadata(metric, opts) {
      const raw = await transport.getJson('/api/v1/metadata', { metric }, req(opts));
      return normalizeMetadata(unwrap(raw, metadataSchema, 'metadata').data ?? {});
    },

    async exemplars(query, fromMs, toMs, opts) {
      const raw = await transport.postForm('/api/v1/query_exemplars', { query, start: t(fromMs), end: t(toMs) }, req(opts));
      return normalizeExemplars(unwrap(raw, exemplarsSchema, 'exemplars').data ?? null);
    },

    async buildinfo(opts) {
      const raw = await transport.getJson('/api/v1/status/buildinfo', {}, req(opts));
      return { version: required(unwrap(raw, buildinfoSchema, 'buildinfo').data, 'buildinfo').version };
    },
  };
}
