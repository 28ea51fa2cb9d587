import { DEFAULT_EXTRACTION } from '../correlate/extraction-config';
import { chooseStepSec } from '../sources/prometheus/client';
import type { LokiClient } from '../sources/types';
import { toRfc3339 } from '../time/range';
import { MAX_SERIES, capList, toApiMetric, toExploreEntries } from './convert';
import { caseInsensitiveVariant } from './logql-edit';
import { parseLogsInput, type LogsQueryInput } from './input';
import { logqlKind, type LogQLKind } from './logql-kind';
import type { ExploreLogsResponse } from '../api/contract/explore';
import { withBudget, type InvestigationContext } from '../investigate/context';
import { logsSources } from '../sources/registry';
import type { ElasticsearchClient } from '../sources/elasticsearch/client';

/**
 * GET /api/v1/query/logs: a LogQL range query for the explore page (or, when the chosen logs
 * source is an Elasticsearch, a Lucene `query_string`, lib/sources/elasticsearch/README.md §2.1). A log query returns
 * entries (newest first, trace and span ids extracted so the page can link them); a metric
 * query (`count_over_time(…)`, `rate(…)`) returns series instead, which the page draws.
 * Error mapping as in metrics.ts.
 */

export type { ExploreLogsResponse } from '../api/contract/explore';


type Body = Omit<ExploreLogsResponse, 'range' | 'sources' | 'limit'>;

/** The Loki client refuses a query of the other kind with this bad_query (loki/client.ts). */
function wrongKind(err: unknown): LogQLKind | null {
  const e = err as { kind?: string; message?: string } | null;
  if (e?.kind !== 'bad_query' || typeof e.message !== 'string') return null;
  if (e.message.includes('got a metric query')) return 'metric';
  if (e.message.includes('got a log query')) return 'log';
  return null;
}

async function ask(loki: LokiClient, kind: LogQLKind, input: LogsQueryInput, deps: InvestigationContext): Promise<Body> {
  if (kind === 'metric') {
    const step = chooseStepSec(input.fromMs, input.toMs);
    const r = await loki.queryRangeMetric(input.query, input.fromMs, input.toMs, { step: String(step), signal: deps.signal });
    const warnings = [...r.warnings];
    const series = capList(r.series, MAX_SERIES, 'series', warnings).map(toApiMetric);
    return { resultType: 'matrix', logs: [], truncated: false, series, step, warnings };
  }
  const r = await loki.queryRange(input.query, input.fromMs, input.toMs, { limit: input.limit, direction: 'backward', signal: deps.signal });
  const extraction = deps.config.extraction ?? DEFAULT_EXTRACTION;
  return {
    resultType: 'streams',
    logs: toExploreEntries(r.lines, extraction),
    truncated: r.truncated,
    series: [],
    step: null,
    warnings: r.warnings,
  };
}

export async function runLogsQuery(raw: Record<string, string | undefined>, deps: InvestigationContext): Promise<ExploreLogsResponse> {
  const input = parseLogsInput(raw, deps.nowMs);
  const common = { range: { from: toRfc3339(input.fromMs), to: toRfc3339(input.toMs) }, limit: input.limit };
  // The first chosen logs source decides the language: LogQL for a Loki, Lucene for an Elasticsearch.
  const first = logsSources(deps.sources)[0];
  if (first?.type === 'elasticsearch') {
    const es = first.client as ElasticsearchClient;
    const started = deps.clock();
    const r = await es.search(input.query, input.fromMs, input.toMs, { limit: input.limit, direction: 'backward', signal: deps.signal });
    const logs = toExploreEntries(r.lines, first.extraction ?? deps.config.extraction ?? DEFAULT_EXTRACTION);
    return { ...common, resultType: 'streams', logs, truncated: r.truncated, series: [], step: null, warnings: r.warnings, sources: { loki: { status: 'ok', ms: Math.round(deps.clock() - started) } } };
  }
  const loki = deps.clients.loki;
  if (!loki) {
    return {
      ...common,
      resultType: 'streams',
      logs: [],
      truncated: false,
      series: [],
      step: null,
      warnings: [],
      sources: { loki: { status: 'not_configured', message: deps.config.notConfigured.loki, ms: 0 } },
    };
  }

  const clock = deps.clock;
  const started = clock();
  const guessed = logqlKind(input.query);
  let body: Body;
  try {
    body = await ask(loki, guessed, input, deps);
  } catch (err) {
    // The grammar can lag behind Loki (new functions): trust Loki's verdict and ask again.
    const actual = wrongKind(err);
    if (!actual || actual === guessed) throw err;
    body = await ask(loki, actual, input, deps);
  }
  const ms = Math.round(clock() - started);
  const suggestion = body.resultType === 'streams' && body.logs.length === 0 ? await caseSuggestion(loki, input, deps) : null;
  return { ...common, ...body, suggestion, sources: { loki: { status: 'ok', ms } } };
}

/** How long the case check may take: it is a hint, never worth holding the answer for. */
const SUGGESTION_TIMEOUT_MS = 3_000;

/**
 * An empty result of a query with `|= "Error"`-style filters: ask Loki once more for ONE
 * line (limit 1, same range) with the filters made case-insensitive, and suggest that query
 * only if it finds something. Only runs on an empty answer, so it costs nothing otherwise
 * (docs/api.md, "Case hint"). A failure or timeout just means no suggestion.
 */
async function caseSuggestion(loki: LokiClient, input: LogsQueryInput, ctx: InvestigationContext): Promise<{ query: string; message: string } | null> {
  const variant = caseInsensitiveVariant(input.query);
  if (!variant) return null;
  const budget = withBudget(ctx, SUGGESTION_TIMEOUT_MS, 'the case hint');
  try {
    const r = await loki.queryRange(variant, input.fromMs, input.toMs, { limit: 1, direction: 'backward', signal: budget.ctx.signal });
    if (r.lines.length === 0) return null;
    return { query: variant, message: 'No line matched, but lines match when the filter ignores case (LogQL line filters are case-sensitive).' };
  } catch {
    return null;
  } finally {
    budget.done();
  }
}
