/** What the per-source statuses of an anomalies response mean for the findings shown. */
import { SOURCE_NAMES, type SourceName, type SourceReport } from '@/lib/model/types';
import { SOURCE_DISPLAY_NAMES as NAMES } from '@/lib/model/source-names';

const MISSING: Record<SourceName, string> = {
  prometheus: 'metric findings (counter resets, GC storms, leaks, error and latency outliers) may be missing',
  loki: 'log findings (logs without trace context, trace ids seen only in logs) may be missing',
  jaeger: 'trace findings (orphan spans, split traces, clock skew, missing traces) may be missing',
};

export interface SourceProblem {
  source: SourceName;
  status: Exclude<SourceReport['status'], 'ok'>;
  /** "Loki unreachable: connection refused — log findings … may be missing" */
  text: string;
}

export function sourceProblems(sources: Partial<Record<SourceName, SourceReport>> | undefined): SourceProblem[] {
  const out: SourceProblem[] = [];
  for (const source of SOURCE_NAMES) {
    const s = sources?.[source];
    if (!s || s.status === 'ok') continue;
    const what = s.status === 'timeout' ? 'timed out' : s.status === 'not_configured' ? 'not configured' : 'unreachable';
    const detail = s.message ? `: ${s.message}` : '';
    out.push({ source, status: s.status, text: `${NAMES[source]} ${what}${detail} — ${MISSING[source]}` });
  }
  return out;
}

/** True when no source answered: an empty list then means "not checked", not "healthy". */
export function allSourcesDown(sources: Partial<Record<SourceName, SourceReport>> | undefined): boolean {
  return SOURCE_NAMES.every((s) => sources?.[s] !== undefined && sources[s]!.status !== 'ok');
}
