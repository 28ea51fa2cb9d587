import { telemetry } from './index';

/** A fetch that counts and times every backend request for GET /metrics. */
export function instrumentedFetch(source: string, inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const started = performance.now();
    try {
      const res = await inner(input, init);
      telemetry.sourceRequests.inc({ source, outcome: String(res.status) });
      return res;
    } catch (err) {
      const name = (err as Error)?.name;
      telemetry.sourceRequests.inc({ source, outcome: name === 'AbortError' || name === 'TimeoutError' ? 'aborted' : 'network_error' });
      throw err;
    } finally {
      telemetry.sourceDuration.observe({ source }, (performance.now() - started) / 1000);
    }
  };
}
