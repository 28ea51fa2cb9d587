import { apiUrlsForView } from './api-urls';
import type { FailedPart, StoredSnapshot } from './snapshot-codec';

/**
 * Captures a snapshot by requesting, from this app itself, every API URL the view makes
 * (the same handlers the live page uses), so the frozen responses are exactly what the
 * page would have shown. `pinnedPath` must already have absolute from/to.
 */

export interface CaptureDeps {
  /** Base URL of this app over loopback, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  fetch: typeof fetch;
  /** Sent with every request: the app's internal credential (lib/auth/internal.ts), so capture works under sign-in. */
  headers?: Record<string, string>;
  nowMs: number;
  timeoutMs?: number;
  /** Raw JSON bytes all parts together may hold (snapshot-codec: 8× the compressed cap); a part past it is recorded as failed, not kept. */
  maxRawBytes: number;
}

/** The remaining raw-byte budget of one capture, shared by its parts as they stream in. */
interface Budget {
  left: number;
}

class PartTooLarge extends Error {}

async function readWithin(res: Response, budget: Budget): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    budget.left -= value.byteLength;
    if (budget.left < 0) {
      budget.left += total; // handed back before anything else runs: this part is not kept
      await reader.cancel().catch(() => undefined);
      throw new PartTooLarge();
    }
    parts.push(value);
  }
  return Buffer.concat(parts, total).toString('utf8');
}

const DEFAULT_TIMEOUT_MS = 60_000;

async function capturePart(url: string, deps: CaptureDeps, budget: Budget): Promise<{ ok: true; body: unknown } | { ok: false; failed: FailedPart }> {
  try {
    const res = await deps.fetch(new URL(url, deps.baseUrl), {
      headers: { ...deps.headers, accept: 'application/json' },
      signal: AbortSignal.timeout(deps.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    let body: unknown = null;
    try {
      body = JSON.parse(await readWithin(res, budget));
    } catch (e) {
      if (e instanceof PartTooLarge) return { ok: false, failed: { status: 413, message: 'too large for a snapshot (narrow the range or the query)' } };
    }
    if (res.ok && body !== null) return { ok: true, body };
    const err = (body as { error?: { message?: unknown } } | null)?.error;
    const message = typeof err?.message === 'string' ? err.message : `request failed with HTTP ${res.status}`;
    return { ok: false, failed: { status: res.status, message } };
  } catch (e) {
    const timedOut = (e as Error).name === 'TimeoutError';
    return { ok: false, failed: { status: timedOut ? 504 : 502, message: timedOut ? 'timed out while capturing' : (e as Error).message } };
  }
}

export async function captureSnapshot(pinnedPath: string, deps: CaptureDeps): Promise<StoredSnapshot> {
  const urls = apiUrlsForView(pinnedPath);
  const budget: Budget = { left: deps.maxRawBytes };
  const parts = await Promise.all(urls.map(async (url) => [url, await capturePart(url, deps, budget)] as const));
  const snapshot: StoredSnapshot = { version: 1, takenAt: new Date(deps.nowMs).toISOString(), path: pinnedPath, responses: {}, failed: {} };
  for (const [url, part] of parts) {
    if (part.ok) snapshot.responses[url] = part.body;
    else snapshot.failed[url] = part.failed;
  }
  return snapshot;
}

/** Loopback base URL of this app: its own HOST, or 127.0.0.1 when it listens on every interface. */
export function selfBaseUrl(host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
  return `http://${h.includes(':') ? `[${h}]` : h}:${port}`;
}
