import { SourceError } from '../errors';
import type { CallOptions, JaegerClient, TempoClient, TraceSearch } from '../types';

/**
 * A Tempo as the app's trace client (the JaegerClient interface the investigation codes
 * against), so a Tempo source can stand where a Jaeger one does (lib/sources/tempo/README.md §6):
 * search is TraceQL built from the Jaeger-style search, full traces are fetched per result,
 * services and operations are tag values. Tempo has no dependencies API.
 */

const IDENT = /^[A-Za-z0-9_.:\-/]+$/;

/** A TraceQL string literal: double quotes, backslash escapes. */
export const traceqlString = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const badQuery = (message: string) => new SourceError({ source: 'jaeger', kind: 'bad_query', message });

/** One attribute condition; numbers and booleans also match their typed form (Jaeger compares tag text). */
function tagCondition(key: string, value: string): string {
  if (!IDENT.test(key)) throw badQuery(`tag name ${JSON.stringify(key.slice(0, 64))} is not a TraceQL attribute name`);
  const text = `.${key} = ${traceqlString(value)}`;
  if (/^-?\d+(\.\d+)?$/.test(value) || value === 'true' || value === 'false') return `(${text} || .${key} = ${value})`;
  return text;
}

/** The Jaeger-style search as one TraceQL spanset: every condition on the same span, as Jaeger matches. */
export function traceqlFor(s: TraceSearch): string {
  const conds: string[] = [];
  if (s.service) conds.push(`resource.service.name = ${traceqlString(s.service)}`);
  if (s.operation) conds.push(`name = ${traceqlString(s.operation)}`);
  for (const [k, v] of Object.entries(s.tags ?? {})) conds.push(tagCondition(k, v));
  if (s.minDurationMs !== undefined) conds.push(`duration >= ${s.minDurationMs}ms`);
  if (s.maxDurationMs !== undefined) conds.push(`duration <= ${s.maxDurationMs}ms`);
  return conds.length ? `{ ${conds.join(' && ')} }` : '{ }';
}

export function tempoAsTraceClient(tempo: TempoClient): JaegerClient {
  const summaries = (s: TraceSearch, opts?: CallOptions) => tempo.search({ q: traceqlFor(s), fromMs: s.fromMs, toMs: s.toMs, limit: s.limit ?? 20 }, opts);
  return {
    apiVersion: async () => 'v3', // OTLP model, as Jaeger v3
    getTrace: (id, opts) => tempo.getTrace(id, opts),
    searchTraceSummaries: summaries,
    async searchTraces(s, opts) {
      // Tempo search returns summaries only: fetch each trace (the transport's limiter bounds the fan-out).
      const found = await summaries(s, opts);
      const traces = await Promise.all(found.map((f) => tempo.getTrace(f.traceId, { ...opts, fromMs: s.fromMs, toMs: s.toMs })));
      return traces.filter((t) => t !== null);
    },
    async services(opts) {
      return (await tempo.tagValues('resource.service.name', opts)).map((v) => v.value).sort();
    },
    async operations(service, opts) {
      const values = await tempo.tagValues('name', { ...opts, q: `{ resource.service.name = ${traceqlString(service)} }` });
      return values.map((v) => ({ name: v.value, spanKind: '' }));
    },
    async dependencies() {
      throw new SourceError({
        source: 'jaeger',
        kind: 'http',
        status: 501,
        message: 'tempo has no dependencies API; its service graph is the metrics-generator\'s traces_service_graph_request_total in Prometheus',
      });
    },
  };
}
