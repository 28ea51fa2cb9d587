import type { z } from 'zod';
import type { SourceConfig } from '../../config';
import { canonicalTraceId } from '../../model/ids';
import type { Trace } from '../../model/types';
import { SourceError, isSourceError, parseAnswer } from '../errors';
import { createTransport, type QueryParams, type Transport } from '../http';
import type { CallOptions, JaegerClient, TraceSearch } from '../types';
import { normalizeTracesV1 } from './normalize-v1';
import { normalizeResourceSpans } from '../otlp/normalize';
import { summarizeTrace, normalizeSummariesV3 } from './summary';
import { v3SummariesSchema, v1DependenciesSchema, v1OperationsSchema, v1ServicesSchema, v1TracesSchema, v3OperationsSchema, v3ServicesSchema, v3TracesSchema } from './schemas';

/**
 * Jaeger client over the v1 UI JSON API or the v3 OTLP JSON API (lib/sources/jaeger/README.md §4), both
 * normalized to one Trace model. In 'auto' mode the API is probed once. Newest Jaeger removed
 * the v1 search/services/operations routes, so those fall back to v3 on 404.
 */

export type JaegerApiMode = 'auto' | 'v1' | 'v3';

const parse = <T extends z.ZodType>(schema: T, raw: unknown, what: string): z.infer<T> => parseAnswer('jaeger', schema, raw, what);

const is404 = (e: unknown) => isSourceError(e) && e.kind === 'http' && e.status === 404;
const iso = (ms: number) => new Date(ms).toISOString();

function traceIdOrThrow(input: string): string {
  const id = canonicalTraceId(input);
  if (!id) throw new SourceError({ source: 'jaeger', kind: 'bad_query', message: `not a trace id: ${JSON.stringify(input.slice(0, 64))} (expected 1–32 hex digits)` });
  return id;
}

export function createJaegerClient(cfg: SourceConfig, transport: Transport = createTransport(cfg), mode: JaegerApiMode = 'auto'): JaegerClient {
  let version: Promise<'v1' | 'v3'> | null = mode === 'auto' ? null : Promise.resolve(mode);
  /** Set once a v1 listing/search route answered 404 (removed in newest Jaeger). */
  let v1SearchGone = false;
  const req = (o?: CallOptions) => ({ signal: o?.signal });

  function apiVersion(opts?: CallOptions): Promise<'v1' | 'v3'> {
    if (!version) {
      const probe = transport
        .getJson('/api/v3/services', {}, req(opts))
        .then((): 'v3' => 'v3')
        .catch((e: unknown) => {
          if (is404(e)) return 'v1' as const;
          version = null; // unknown yet: probe again on the next call
          throw e;
        });
      version = probe;
    }
    return version;
  }

  /** v1 listing/search with the documented fallback to v3 when the route is gone. */
  async function v1OrV3<T>(opts: CallOptions | undefined, v1: () => Promise<T>, v3: () => Promise<T>): Promise<T> {
    if ((await apiVersion(opts)) === 'v3' || v1SearchGone) return v3();
    try {
      return await v1();
    } catch (e) {
      if (!is404(e)) throw e;
      v1SearchGone = true;
      return v3();
    }
  }

  async function v3Traces(path: string, params: QueryParams, opts?: CallOptions): Promise<Trace[]> {
    try {
      const raw = await transport.getJson(path, params, req(opts));
      return normalizeResourceSpans(parse(v3TracesSchema, raw, 'traces').result?.resourceSpans);
    } catch (e) {
      if (is404(e)) return []; // v3 answers "No traces found" with a 404
      throw e;
    }
  }

  async function v1Traces(path: string, params: QueryParams, opts?: CallOptions): Promise<Trace[]> {
    const raw = await transport.getJson(path, params, req(opts));
    return normalizeTracesV1(parse(v1TracesSchema, raw, 'traces').data);
  }

  function v3SearchParams(s: TraceSearch): QueryParams {
    return {
      'query.service_name': s.service,
      'query.operation_name': s.operation,
      'query.attributes': s.tags && Object.keys(s.tags).length ? JSON.stringify(s.tags) : undefined,
      'query.start_time_min': iso(s.fromMs),
      'query.start_time_max': iso(s.toMs),
      'query.search_depth': s.limit ?? 20,
      'query.duration_min': s.minDurationMs !== undefined ? `${s.minDurationMs}ms` : undefined,
      'query.duration_max': s.maxDurationMs !== undefined ? `${s.maxDurationMs}ms` : undefined,
    };
  }

  const searchV3 = (s: TraceSearch, opts?: CallOptions) => v3Traces('/api/v3/traces', v3SearchParams(s), opts);

  /** v3 summaries; null when the route does not exist (404 other than "No traces found"). */
  async function summariesV3(s: TraceSearch, opts?: CallOptions) {
    try {
      return normalizeSummariesV3(parse(v3SummariesSchema, await transport.getJson('/api/v3/trace-summaries', v3SearchParams(s), req(opts)), 'trace summaries'));
    } catch (e) {
      if (!is404(e)) throw e;
      return /no traces found/i.test((e as SourceError).message) ? [] : null;
    }
  }

  function searchV1(s: TraceSearch, opts?: CallOptions) {
    return v1Traces(
      '/api/traces',
      {
        service: s.service,
        operation: s.operation,
        tags: s.tags && Object.keys(s.tags).length ? JSON.stringify(s.tags) : undefined,
        start: Math.round(s.fromMs * 1000),
        end: Math.round(s.toMs * 1000),
        limit: s.limit ?? 20,
        minDuration: s.minDurationMs !== undefined ? `${s.minDurationMs}ms` : undefined,
        maxDuration: s.maxDurationMs !== undefined ? `${s.maxDurationMs}ms` : undefined,
      },
      opts,
    );
  }

  async function traceBy(api: 'v1' | 'v3', id: string, opts?: CallOptions & { fromMs?: number; toMs?: number }): Promise<Trace | null> {
    let traces: Trace[];
    if (api === 'v3') {
      const range = { start_time: opts?.fromMs !== undefined ? iso(opts.fromMs) : undefined, end_time: opts?.toMs !== undefined ? iso(opts.toMs) : undefined };
      traces = await v3Traces(`/api/v3/traces/${id}`, range, opts);
    } else {
      const range = { start: opts?.fromMs !== undefined ? Math.round(opts.fromMs * 1000) : undefined, end: opts?.toMs !== undefined ? Math.round(opts.toMs * 1000) : undefined };
      try {
        traces = await v1Traces(`/api/traces/${id}`, range, opts);
      } catch (e) {
        if (is404(e)) return null;
        throw e;
      }
    }
    return traces.find((t) => t.traceId === id) ?? null;
  }

  return {
    apiVersion,

    async getTrace(traceId, opts) {
      const id = traceIdOrThrow(traceId);
      if (version) return traceBy(await version, id, opts);
      // API unknown (first call): ask both APIs alongside the probe so that it costs no extra
      // round trip, keep the answer of the API the probe names and abandon the other.
      const both = { v1: new AbortController(), v3: new AbortController() };
      const started = (['v1', 'v3'] as const).map((api) => {
        const signal = opts?.signal ? AbortSignal.any([opts.signal, both[api].signal]) : both[api].signal;
        const p = traceBy(api, id, { ...opts, signal });
        p.catch(() => undefined); // the abandoned one rejects unobserved
        return p;
      });
      let api: 'v1' | 'v3';
      try {
        api = await apiVersion(opts);
      } catch (e) {
        both.v1.abort();
        both.v3.abort();
        throw e;
      }
      both[api === 'v1' ? 'v3' : 'v1'].abort();
      return started[api === 'v1' ? 0 : 1];
    },

    searchTraces: (s, opts) => v1OrV3(opts, () => searchV1(s, opts), () => searchV3(s, opts)),

    async searchTraceSummaries(s, opts) {
      if ((await apiVersion(opts)) === 'v3') {
        const summaries = await summariesV3(s, opts);
        if (summaries) return summaries;
      }
      const traces = await v1OrV3(opts, () => searchV1(s, opts), () => searchV3(s, opts));
      return traces.map(summarizeTrace);
    },

    services: (opts) =>
      v1OrV3(
        opts,
        async () => parse(v1ServicesSchema, await transport.getJson('/api/services', {}, req(opts)), 'services').data ?? [],
        async () => parse(v3ServicesSchema, await transport.getJson('/api/v3/services', {}, req(opts)), 'services').services ?? [],
      ),

    operations: (service, opts) =>
      v1OrV3(
        opts,
        async () => parse(v1OperationsSchema, await transport.getJson('/api/operations', { service }, req(opts)), 'operations').data ?? [],
        async () => parse(v3OperationsSchema, await transport.getJson('/api/v3/operations', { service }, req(opts)), 'operations').operations ?? [],
      ),

    async dependencies(fromMs, toMs, opts) {
      // v3 has no HTTP dependencies route: v1 /api/dependencies in every mode.
      const raw = await transport.getJson('/api/dependencies', { endTs: Math.round(toMs), lookback: Math.max(1, Math.round(toMs - fromMs)) }, req(opts));
      return parse(v1DependenciesSchema, raw, 'dependencies').data ?? [];
    },
  };
}
