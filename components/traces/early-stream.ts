import { canonicalTraceId } from '@/lib/model/ids';
import { traceIdOfPath } from '@/lib/routes';
import { traceStreamUrl } from '@/lib/views/api-urls';
import { fetchApiStream } from '@/components/ui/use-api';

/**
 * The trace page's stream, asked for once the page's scripts have loaded and before React
 * hydrates (docs/bench-trace-page.md, "The 10k first row"): instrumentation-client.ts starts
 * it, and the view takes that response instead of asking again. Asked for any earlier (a
 * preload in the HTML), the server's work for the first frames held back the page's script
 * chunks, which the same Node thread serves; asked for from the view's effect, it would wait
 * for hydration.
 */

interface Started {
  url: string;
  response: Promise<Response>;
  abort: () => void;
}

let started: Started | null = null;

/** The stream URL of a trace page's address (as the page and the view build it), or null for any other page. */
export function traceStreamUrlOf(pathname: string, search: string): string | null {
  const raw = traceIdOfPath(pathname);
  const id = raw === null ? null : canonicalTraceId(raw);
  return id ? traceStreamUrl(id, new URLSearchParams(search)) : null;
}

/** On a trace page, starts its stream (once per page load); anywhere else does nothing. */
export function startTraceStream(where: { pathname: string; search: string }, fetchStream: typeof fetchApiStream = fetchApiStream): void {
  const url = traceStreamUrlOf(where.pathname, where.search);
  if (!url) return;
  started?.abort();
  const ctl = new AbortController();
  const response = fetchStream(url, ctl.signal);
  // The view observes it when it takes it; one never taken must not be an unhandled rejection.
  response.catch(() => undefined);
  started = { url, response, abort: () => ctl.abort() };
}

/**
 * The started stream when it is the one `url` names (at most once: a later view asks
 * again), cancelled with `signal`; null otherwise, and a stream started for another
 * address is cancelled, since nobody will read it.
 */
export function takeTraceStream(url: string, signal: AbortSignal): Promise<Response> | null {
  const s = started;
  started = null;
  if (!s) return null;
  if (s.url !== url) {
    s.abort();
    return null;
  }
  if (signal.aborted) s.abort();
  else signal.addEventListener('abort', s.abort, { once: true });
  return s.response;
}
