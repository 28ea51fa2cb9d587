/** Links to the trace page, shared by log lines and chart exemplars. */

/** Half the window a trace link opens around the event's time, so the trace page looks in the right place. */
const AROUND_MS = 15 * 60_000;

export function traceHref(traceId: string, spanId?: string | null, atMs?: number): string {
  const q = new URLSearchParams();
  if (spanId) q.set('span', spanId);
  if (atMs !== undefined && Number.isFinite(atMs)) {
    q.set('from', new Date(atMs - AROUND_MS).toISOString());
    q.set('to', new Date(atMs + AROUND_MS).toISOString());
  }
  const qs = q.toString();
  return `/trace/${encodeURIComponent(traceId)}${qs ? `?${qs}` : ''}`;
}
