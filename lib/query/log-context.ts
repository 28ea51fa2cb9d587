import { logContextQuery, type ExploreLogEntry, type LogContextResponse } from '../api/contract/explore';
import { DEFAULT_EXTRACTION } from '../correlate/extraction-config';
import type { InvestigationContext } from '../investigate/context';
import { toExploreEntries } from './convert';
import { check } from './input';
import { streamSelector } from './logql-edit';

/**
 * GET /api/v1/query/logs/context: the lines just before and after one line of one stream,
 * as Grafana's "show context" does: two query_range calls with the stream's exact selector
 * (its index labels, so no other stream mixes in), backward up to the line and forward from
 * it, each looking at most an hour away (docs/api.md). Loki takes times in ns but the client
 * in ms, so both calls overlap the line's millisecond and the split is by exact nanoseconds.
 */

export const CONTEXT_WINDOW_MS = 3_600_000;
/** Extra lines asked for, for the lines that share the anchor's millisecond. */
const SAME_MS_SLACK = 50;

export async function runLogContext(raw: Record<string, string | undefined>, ctx: InvestigationContext): Promise<LogContextResponse> {
  const input = check(logContextQuery, raw);
  const selector = streamSelector(input.stream);
  const loki = ctx.clients.loki;
  if (!loki) return { before: [], line: null, after: [], selector, warnings: [], sources: { loki: { status: 'not_configured', message: ctx.config.notConfigured.loki, ms: 0 } } };
  const anchor = BigInt(input.tsNs);
  const anchorMs = Number(anchor / 1_000_000n);
  const started = performance.now();
  const extraction = ctx.config.extraction ?? DEFAULT_EXTRACTION;
  const [older, newer] = await Promise.all([
    loki.queryRange(selector, anchorMs - CONTEXT_WINDOW_MS, anchorMs + 1, { limit: input.before + SAME_MS_SLACK, direction: 'backward', signal: ctx.signal }),
    loki.queryRange(selector, anchorMs, anchorMs + CONTEXT_WINDOW_MS, { limit: input.after + SAME_MS_SLACK, direction: 'forward', signal: ctx.signal }),
  ]);
  const split = splitAround([...toExploreEntries(older.lines, extraction), ...toExploreEntries(newer.lines, extraction)], anchor);
  return {
    before: split.before.slice(Math.max(0, split.before.length - input.before)),
    line: split.line,
    after: split.after.slice(0, input.after),
    selector,
    warnings: [...new Set([...older.warnings, ...newer.warnings])],
    sources: { loki: { status: 'ok', ms: Math.round(performance.now() - started) } },
  };
}

/** Oldest-first lines before the anchor nanosecond, the first line at it, and the rest after (duplicates of the two calls dropped). */
export function splitAround(entries: readonly ExploreLogEntry[], anchor: bigint): { before: ExploreLogEntry[]; line: ExploreLogEntry | null; after: ExploreLogEntry[] } {
  const seen = new Set<string>();
  const unique = entries.filter((e) => {
    const key = `${e.tsNs}\u0000${e.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) => (BigInt(a.tsNs) < BigInt(b.tsNs) ? -1 : BigInt(a.tsNs) > BigInt(b.tsNs) ? 1 : 0));
  const before: ExploreLogEntry[] = [];
  const after: ExploreLogEntry[] = [];
  let line: ExploreLogEntry | null = null;
  for (const e of unique) {
    const t = BigInt(e.tsNs);
    if (t < anchor) before.push(e);
    else if (t === anchor && line === null) line = e;
    else after.push(e);
  }
  return { before, line, after };
}
