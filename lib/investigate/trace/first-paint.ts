/**
 * The trace page asks for the trace alone (to draw the waterfall) and for the full
 * investigation at once. On one Node thread, the full answer's CPU work (joins, detectors,
 * serializing tens of MB for a big trace) would hold back the sending of the trace alone,
 * which is what the user is waiting for. While a trace-alone answer for a trace is being
 * built and sent, the full investigation of that trace waits before its CPU work (at most
 * MAX_WAIT_MS); its backend calls are already done by then. Without a trace-alone request
 * (an API user, another server instance) nothing waits.
 */

export const MAX_WAIT_MS = 3_000;
/** After the last byte left the handler: the response pipeline still compresses and writes it. */
export const SETTLE_MS = 25;

const inFlight = new Map<string, Set<Promise<void>>>();

/** Marks the trace-alone answer of `traceId` as in progress; call the result once it is sent (idempotent). */
export function holdForWaterfall(traceId: string): () => void {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  const set = inFlight.get(traceId) ?? new Set();
  set.add(done);
  inFlight.set(traceId, set);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    set.delete(done);
    if (set.size === 0 && inFlight.get(traceId) === set) inFlight.delete(traceId);
    setTimeout(release, SETTLE_MS);
  };
}

/** Resolves once no trace-alone answer of `traceId` is in progress, after `maxWaitMs` at the latest, or when `signal` aborts. */
export function waterfallSent(traceId: string, signal?: AbortSignal, maxWaitMs = MAX_WAIT_MS): Promise<void> {
  const pending = inFlight.get(traceId);
  if (!pending || pending.size === 0 || signal?.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(finish, maxWaitMs);
    signal?.addEventListener('abort', finish, { once: true });
    Promise.all(pending).then(finish);
    function finish() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', finish);
      resolve();
    }
  });
}
