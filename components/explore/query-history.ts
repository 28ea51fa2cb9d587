import { z } from 'zod';

/**
 * Query history of the explore page, kept in the browser (localStorage): per kind (PromQL,
 * LogQL, Lucene for an Elasticsearch logs source), newest first, a query run again moves to the top, at most 50 per kind, searchable.
 * What is stored is parsed on read, so a damaged or foreign value is an empty history.
 */

const HISTORY_KINDS = ['promql', 'logql', 'lucene'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];
export const HISTORY_MAX = 50;
export const HISTORY_STORAGE_KEY = 'triangulate.explore.history.v1';

const entry = z.object({ kind: z.enum(HISTORY_KINDS), query: z.string(), atMs: z.number() });
export type HistoryEntry = z.infer<typeof entry>;
const stored = z.array(entry);

export function addToHistory(list: readonly HistoryEntry[], kind: HistoryKind, query: string, atMs: number): HistoryEntry[] {
  const q = query.trim();
  if (!q) return [...list];
  const rest = list.filter((e) => !(e.kind === kind && e.query === q));
  const next = [{ kind, query: q, atMs }, ...rest];
  let kept = 0;
  return next.filter((e) => e.kind !== kind || ++kept <= HISTORY_MAX);
}

/** Entries of one kind whose query contains every word of `text` (case-insensitive). */
export function searchHistory(list: readonly HistoryEntry[], kind: HistoryKind, text: string): HistoryEntry[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return list.filter((e) => e.kind === kind && words.every((w) => e.query.toLowerCase().includes(w)));
}

export function parseHistory(raw: string | null): HistoryEntry[] {
  if (!raw) return [];
  try {
    const r = stored.safeParse(JSON.parse(raw));
    return r.success ? r.data : [];
  } catch {
    return [];
  }
}

/** Reads and writes through the browser's storage; storage may be full or disabled (private mode). */
export function loadHistory(storage: Pick<Storage, 'getItem'> | undefined): HistoryEntry[] {
  try {
    return parseHistory(storage?.getItem(HISTORY_STORAGE_KEY) ?? null);
  } catch {
    return [];
  }
}

export function saveHistory(storage: Pick<Storage, 'setItem'> | undefined, list: readonly HistoryEntry[]): void {
  try {
    storage?.setItem(HISTORY_STORAGE_KEY, JSON.stringify(list));
  } catch {
    // Full or disabled storage: the history is a convenience, the query still runs.
  }
}
