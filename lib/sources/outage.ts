import type { SourceName } from '../model/types';
import type { SourceError } from './errors';

/**
 * What counts against a source's circuit breaker (docs/reliability.md, "Breakers"): only
 * outages. A refused connection or a 5xx from the backend itself is one. A slow or heavy
 * query is not — a PromQL evaluation timeout (503 errorType "timeout"), an execution error
 * or a 429 says the backend is alive and protecting itself. A call that ran out of time
 * (our timeout, or a 504 from a gateway) is ambiguous: a cheap liveness request decides.
 */

export type Verdict = 'outage' | 'not_outage' | 'ask_liveness';

const QUERY_COST_TYPES = new Set(['timeout', 'execution', 'canceled', 'bad_data']);

export function classifyFailure(err: SourceError): Verdict {
  if (err.kind === 'unreachable') return 'outage';
  if (err.kind === 'timeout' && (err.status === undefined || err.status === 504) && !QUERY_COST_TYPES.has(err.backendType ?? '')) return 'ask_liveness';
  if (err.kind === 'http' && err.status !== undefined && err.status >= 500 && !QUERY_COST_TYPES.has(err.backendType ?? '')) return 'outage';
  return 'not_outage';
}

/** The cheapest thing each backend answers; any HTTP answer below 500 means "alive". */
export const LIVENESS_PATH: Record<SourceName, string> = { prometheus: '/-/healthy', loki: '/ready', jaeger: '/' };

/** One liveness request at a time per source; concurrent timeouts share its answer. */
export function sharedLiveness(check: () => Promise<boolean>): () => Promise<boolean> {
  let current: Promise<boolean> | null = null;
  return () => {
    current ??= check()
      .catch(() => false)
      .finally(() => {
        current = null;
      });
    return current;
  };
}
