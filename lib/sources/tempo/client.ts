import type { z } from 'zod';
import type { SourceConfig } from '../../config';
import { canonicalTraceId } from '../../model/ids';
import type { Trace } from '../../model/types';
import { SourceError, isSourceError, parseAnswer } from '../errors';
import { createTransport, type QueryParams, type Transport } from '../http';
import { normalizeResourceSpans } from '../otlp/normalize';
import type { CallOptions, TempoClient, TempoSearch, TempoTagOptions } from '../types';
import { searchSchema, tagValuesV2Schema, tagsV2Schema, traceV1Schema, traceV2Schema } from './schemas';
import { summariesFromSearch } from './summary';

/**
 * Grafana Tempo client over its HTTP query API (lib/sources/tempo/README.md), on the shared
 * transport (timeouts, retries, breaker, limiter, body cap: lib/sources/http.ts). Traces are
 * OTLP JSON and go through the same normalizer as Jaeger v3 (lib/sources/otlp/normalize.ts).
 * Tempo serves the trace role: errors carry source "jaeger" (the role) and say "tempo".
 */

export type TempoTraceApi = 'auto' | 'v1' | 'v2';

export const TEMPO_TRANSPORT = { displayName: 'tempo', livenessPath: '/ready' } as const;

const NAME = 'tempo';
const parse = <T extends z.ZodType>(schema: T, raw: unknown, what: string): z.infer<T> => parseAnswer('jaeger', schema, raw, what, NAME);
const is404 = (e: unknown): e is SourceError => isSourceError(e) && e.kind === 'http' && e.status === 404;
/** Go's mux answers an unknown route with "404 page not found"; a missing trace is a 404 with no body (README §2.3). */
const routeMissing = (e: SourceError) => /page not found/i.test(e.message);

const badQuery = (message: string) => new SourceError({ source: 'jaeger', kind: 'bad_query', message });

function traceIdOrThrow(input: string): string {
  const id = canonicalTraceId(input);
  if (!id) throw badQuery(`not a trace id: ${JSON.stringify(input.slice(0, 64))} (expected 1–32 hex digits)`);
  return id;
}

/** start/end are unix seconds (README §2.1): widen to whole seconds so the window still covers the ms range. */
function rangeParams(fromMs: number | undefined, toMs: number | undefined): QueryParams {
  return { start: fromMs !== undefined ? Math.floor(fromMs / 1000) : undefined, end: toMs !== undefined ? Math.ceil(toMs / 1000) : undefined };
}

const TAG_KEY = /^[^\s="]+$/;

/** The logfmt `tags` parameter (README §3.1): values with spaces, quotes or `=` are quoted. */
export function logfmtTags(tags: Record<string, string>): string {
  return Object.entries(tags)
    .map(([k, v]) => {
      if (!TAG_KEY.test(k)) throw badQuery(`tag name ${JSON.stringify(k.slice(0, 64))} must not contain spaces, quotes or "="`);
      return /[\s"=\\]/.test(v) || v === '' ? `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : `${k}=${v}`;
    })
    .join(' ');
}

function positiveInt(n: number | undefined, what: string): number | undefined {
  if (n === undefined) return undefined;
  if (!Number.isSafeInteger(n) || n <= 0) throw badQuery(`${what} must be a positive integer, got ${n}`);
  return n;
}

function durationParam(ms: number | undefined, what: string): string | undefined {
  if (ms === undefined) return undefined;
  if (!Number.isFinite(ms) || ms < 0) throw badQuery(`${what} must be a non-negative number of ms, got ${ms}`);
  return `${ms}ms`;
}

/** A TraceQL identifier for the tag-values path: scoped (`resource.x`), unscoped (`.x`) or intrinsic (`name`). */
const TRACEQL_IDENT = /^(?:[A-Za-z]+:)?[A-Za-z0-9_.\-/]+$/;

export function createTempoClient(cfg: SourceConfig, transport: Transport = createTransport(cfg, {}, TEMPO_TRANSPORT), api: TempoTraceApi = 'auto'): TempoClient {
  /** Set once /api/v2/traces answered "404 page not found" (Tempo before 2.5). */
  let v2Gone = api === 'v1';
  const req = (o?: CallOptions) => ({ signal: o?.signal, maxBytes: o?.maxBytes });

  function pick(traces: Trace[], id: string): Trace | null {
    return traces.find((t) => t.traceId === id) ?? null;
  }

  async function traceV2(id: string, params: QueryParams, opts?: CallOptions): Promise<Trace | null | 'route_missing'> {
    let raw: unknown;
    try {
      raw = await transport.getJson(`/api/v2/traces/${id}`, params, req(opts));
    } catch (e) {
      if (is404(e)) return routeMissing(e) && api === 'auto' ? 'route_missing' : null;
      throw e;
    }
    const body = parse(traceV2Schema, raw, 'trace');
    const trace = pick(normalizeResourceSpans(body.trace?.resourceSpans ?? body.trace?.batches), id);
    if (trace && (body.status === 'PARTIAL' || body.status === 1)) {
      trace.warnings.push(`Tempo returned a partial trace${body.message ? `: ${body.message}` : ' (it exceeded a size or time limit)'}`);
    }
    return trace;
  }

  async function traceV1(id: string, params: QueryParams, opts?: CallOptions): Promise<Trace | null> {
    let raw: unknown;
    try {
      raw = await transport.getJson(`/api/traces/${id}`, params, req(opts));
    } catch (e) {
      if (is404(e)) return null;
      throw e;
    }
    const body = parse(traceV1Schema, raw, 'trace');
    return pick(normalizeResourceSpans(body.resourceSpans ?? body.batches), id);
  }

  function tagParams(o: TempoTagOptions | undefined): QueryParams {
    return { ...rangeParams(o?.fromMs, o?.toMs), q: o?.q || undefined, limit: positiveInt(o?.limit, 'limit') };
  }

  return {
    async getTrace(traceId, opts) {
      const id = traceIdOrThrow(traceId);
      const params = rangeParams(opts?.fromMs, opts?.toMs);
      if (!v2Gone) {
        const found = await traceV2(id, params, opts);
        if (found !== 'route_missing') return found;
        v2Gone = true;
      }
      return traceV1(id, params, opts);
    },

    async search(s: TempoSearch, opts) {
      const q = s.q?.trim();
      const params: QueryParams = {
        q: q || undefined,
        tags: !q && s.tags && Object.keys(s.tags).length ? logfmtTags(s.tags) : undefined,
        minDuration: durationParam(s.minDurationMs, 'minDuration'),
        maxDuration: durationParam(s.maxDurationMs, 'maxDuration'),
        limit: positiveInt(s.limit ?? 20, 'limit'),
        spss: positiveInt(s.spansPerSpanSet, 'spss'),
        ...rangeParams(s.fromMs, s.toMs),
      };
      return summariesFromSearch(parse(searchSchema, await transport.getJson('/api/search', params, req(opts)), 'search'));
    },

    async searchTags(opts) {
      const raw = await transport.getJson('/api/v2/search/tags', { scope: opts?.scope, ...tagParams(opts) }, req(opts));
      return (parse(tagsV2Schema, raw, 'tags').scopes ?? []).map((s) => ({ scope: s.name, tags: s.tags ?? [] }));
    },

    async tagValues(tag, opts) {
      // `.` / `..` segments would be resolved by the URL and reach another route.
      if (!TRACEQL_IDENT.test(tag) || tag.length > 256 || tag.includes('..') || /^\.?$|\/\.|\.\//.test(tag)) throw badQuery(`not a TraceQL attribute: ${JSON.stringify(tag.slice(0, 64))} (e.g. resource.service.name, span.http.route, name)`);
      const raw = await transport.getJson(`/api/v2/search/tag/${encodeURIComponent(tag)}/values`, tagParams(opts), req(opts));
      return parse(tagValuesV2Schema, raw, 'tag values').tagValues ?? [];
    },

    async ready(opts) {
      // Any non-2xx is a SourceError from the transport; the body ("ready") carries nothing more.
      await transport.getText('/ready', {}, req(opts));
    },
  };
}
