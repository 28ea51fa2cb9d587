import { sourceQuery } from './contract/common';
import { badRequest } from './respond';
import { getSourceLists } from '../sources';
import { selectSources, UnknownSourceError, type SourceLists, type SourceSelection } from '../sources/registry';

/**
 * `metricsSource`, `logsSource`, `tracesSource` from a request's query (docs/api.md,
 * "Choosing sources"), checked against the configured names: a malformed value or a
 * name no source has is a 400 that says which names exist.
 */
export function sourceSelection(q: URLSearchParams, lists: SourceLists = getSourceLists()): SourceSelection {
  const parsed = sourceQuery.safeParse({ metricsSource: q.get('metricsSource') ?? undefined, logsSource: q.get('logsSource') ?? undefined, tracesSource: q.get('tracesSource') ?? undefined });
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw badRequest(`${i.path.join('.')}: ${i.message}`, 'bad_source');
  }
  const { metricsSource, logsSource, tracesSource } = parsed.data;
  const selection: SourceSelection = {};
  if (metricsSource) selection.metrics = metricsSource;
  if (logsSource) selection.logs = logsSource;
  if (tracesSource) selection.traces = tracesSource;
  try {
    selectSources(lists, selection);
  } catch (e) {
    if (e instanceof UnknownSourceError) throw badRequest(e.message, 'unknown_source');
    throw e;
  }
  return selection;
}

/** A stable key of a selection, for caches shared between requests. */
export const selectionKey = (s: SourceSelection): string => `${s.metrics ?? ''}|${s.logs ?? ''}|${s.traces ?? ''}`;
