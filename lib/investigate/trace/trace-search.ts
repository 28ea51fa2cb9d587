/**
 * Trace search (docs/search-api.md, GET /api/v1/traces): Jaeger finds the traces, every
 * one is checked like the trace page checks it, and Loki is asked once which of the first
 * results have logs. Loki failing only leaves "has logs" unknown; Jaeger failing is the
 * answer's error.
 */
import type { SourceReport } from '../../model/types';
import { batchTraceLogQueries, MAX_LOG_CHECKED_TRACES, traceIdsInLines } from '../../search/log-check';
import { buildSearchResults, withLogFlags } from '../../search/results';
import { describeSearch, toJaegerSearch, type SearchQuery } from '../../search/search-query';
import type { LokiClient } from '../../sources/types';
import type { InvestigationContext } from '../context';
import { callSource } from '../source-call';
import { pickServiceLabel } from './trace-logs';

/** The answer's shape is the contract's (lib/api/contract/search.ts). */
export type { TraceSearchAnswer } from '../../api/contract/search';
import type { TraceSearchAnswer } from '../../api/contract/search';

const LOG_CHECK_LIMIT = 5_000;

async function findLogged(loki: LokiClient, ids: string[], q: SearchQuery, signal?: AbortSignal): Promise<{ checked: Set<string>; found: Set<string> }> {
  const label = pickServiceLabel(await loki.labels(q.fromMs, q.toMs, { signal }));
  if (!label) return { checked: new Set(ids), found: new Set() };
  const queries = batchTraceLogQueries(ids, label);
  const opts = { signal, limit: LOG_CHECK_LIMIT, direction: 'backward' as const };
  const [meta, line] = await Promise.allSettled([loki.queryRange(queries.byMetadata, q.fromMs, q.toMs, opts), loki.queryRange(queries.byLine, q.fromMs, q.toMs, opts)]);
  // A Loki without structured metadata rejects the label filter; the line filter still answers.
  if (line.status === 'rejected') throw line.reason;
  const answers = [line.value, ...(meta.status === 'fulfilled' ? [meta.value] : [])];
  const asked = new Set(ids);
  const found = traceIdsInLines(answers.flatMap((a) => a.lines), asked);
  // A truncated answer proves presence, not absence: the ids not found stay unknown.
  const checked = answers.some((a) => a.truncated) ? found : asked;
  return { checked, found };
}

export async function searchTraces(ctx: InvestigationContext, q: SearchQuery): Promise<TraceSearchAnswer> {
  const { jaeger, loki } = ctx.clients;
  const { signal, clock } = ctx;
  const notConfigured = ctx.config.notConfigured;
  const found = await callSource(
    jaeger,
    async () => ({ traces: await jaeger!.searchTraces(toJaegerSearch(q), { signal }), api: await jaeger!.apiVersion({ signal }) }),
    notConfigured.jaeger,
    clock,
  );
  const results = found.value ? buildSearchResults(found.value.traces, { errorsOnly: q.errorsOnly, sort: q.sort }) : [];
  const ids = results.slice(0, MAX_LOG_CHECKED_TRACES).map((r) => r.traceId);
  const logs =
    ids.length > 0
      ? await callSource(loki, () => findLogged(loki!, ids, q, signal), notConfigured.loki, clock)
      : { value: null, report: { status: loki ? 'ok' : 'not_configured', ms: 0 } as SourceReport };
  return {
    searched: describeSearch(q),
    range: { fromMs: q.fromMs, toMs: q.toMs },
    apiVersion: found.value?.api ?? null,
    results: logs.value ? withLogFlags(results, logs.value.checked, logs.value.found) : results,
    logsChecked: logs.value?.checked.size ?? 0,
    sources: { jaeger: found.report, loki: logs.report },
  };
}
