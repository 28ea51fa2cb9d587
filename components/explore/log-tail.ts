import type { ExploreLogEntry } from '@/lib/api/contract/explore';

/**
 * Live tail by polling (docs/api.md, "Live tail"): Loki's /loki/api/v1/tail is a WebSocket,
 * which Next route handlers cannot proxy, so the page asks the logs endpoint every few
 * seconds for the lines since the newest one it has (from = that line's millisecond, so a
 * line sharing it is fetched again and dropped here by its stream, time and text).
 */

export const TAIL_MAX_LINES = 1_000;

const keyOf = (e: ExploreLogEntry) => `${e.tsNs}\u0000${JSON.stringify(e.stream ?? e.labels)}\u0000${e.line}`;
const cmp = (a: ExploreLogEntry, b: ExploreLogEntry) => {
  const x = BigInt(a.tsNs);
  const y = BigInt(b.tsNs);
  return x > y ? -1 : x < y ? 1 : 0;
};

/** `fresh` merged into `buffer`: newest first, each line once, at most `max` lines. */
export function mergeTail(buffer: readonly ExploreLogEntry[], fresh: readonly ExploreLogEntry[], max = TAIL_MAX_LINES): ExploreLogEntry[] {
  const seen = new Set(buffer.map(keyOf));
  const added = fresh.filter((e) => {
    const k = keyOf(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (added.length === 0) return buffer as ExploreLogEntry[];
  return [...added, ...buffer].sort(cmp).slice(0, max);
}

/** Where the next poll starts: the newest line's millisecond, or `fallbackMs` with no line yet. */
export function tailFromMs(buffer: readonly ExploreLogEntry[], fallbackMs: number): number {
  return buffer.length ? Number(BigInt(buffer[0].tsNs) / 1_000_000n) : fallbackMs;
}

/** One poll's URL: the query since `fromIso`, from the logs source the page chose (absent: the default). */
export function tailPollUrl(query: string, fromIso: string, logsSource: string | null, limit: number): string {
  const q = new URLSearchParams({ query, from: fromIso, to: 'now', limit: String(limit) });
  if (logsSource) q.set('logsSource', logsSource);
  return `/api/v1/query/logs?${q}`;
}
