import { EgressDenied, egressPost, type Resolve } from '../../net/egress-connect';
import type { EgressPolicy } from '../../net/egress-policy';

/**
 * One POST of a channel through the egress policy (lib/net), with a timeout. What goes
 * into a run's result is fixed text — "delivery failed (HTTP 503)" — never the target's
 * body or the address it resolved to: run history must not turn into a port scanner.
 */

export class DeliveryError extends Error {
  constructor(
    message: string,
    /** False for answers a retry cannot fix (4xx other than 408/429, refused by policy). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface PostOptions {
  egress: EgressPolicy;
  /** DNS resolution (tests inject a stub; the default asks the system resolver). */
  resolve?: Resolve;
  timeoutMs?: number;
}

/** A network failure in words that name no address or port. */
function networkReason(e: Error): string {
  const code = (e as { code?: string }).code ?? ((e.cause as { code?: string } | undefined)?.code ?? '');
  if (e.name === 'TimeoutError') return 'timed out';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code.startsWith('ERR_TLS') || /certificate|SSL|TLS/i.test(e.message)) return 'TLS error';
  return 'connection failed';
}

export async function postJson(url: string, body: string, headers: Record<string, string>, opts: PostOptions): Promise<void> {
  let status: number;
  try {
    ({ status } = await egressPost(url, body, { 'content-type': 'application/json', 'user-agent': 'Triangulate-Digest/1', ...headers }, { policy: opts.egress, resolve: opts.resolve, timeoutMs: opts.timeoutMs }));
  } catch (e) {
    if (e instanceof EgressDenied) throw new DeliveryError(`delivery refused: ${e.reason}`, false);
    throw new DeliveryError(`delivery failed (${networkReason(e as Error)})`, true);
  }
  if (status >= 200 && status < 300) return;
  if (status >= 300 && status < 400) throw new DeliveryError(`delivery failed (HTTP ${status}: redirects are not followed)`, false);
  const retryable = status >= 500 || status === 408 || status === 429;
  throw new DeliveryError(`delivery failed (HTTP ${status})`, retryable);
}

/** Where a URL points, without query string or credentials (for run history). */
export function describeUrl(url: string, keepPath: boolean): string {
  try {
    const u = new URL(url);
    return keepPath ? `${u.origin}${u.pathname}` : `${u.origin}/…`;
  } catch {
    return 'invalid URL';
  }
}
