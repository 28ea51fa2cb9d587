/** One POST of a channel, with a timeout; non-2xx answers become DeliveryError. */

export class DeliveryError extends Error {
  constructor(
    message: string,
    /** False for answers a retry cannot fix (4xx other than 408/429). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface PostOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export async function postJson(url: string, body: string, headers: Record<string, string>, opts: PostOptions = {}): Promise<void> {
  const doFetch = opts.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Triangulate-Digest/1', ...headers },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    });
  } catch (e) {
    const err = e as Error;
    const reason = err.name === 'TimeoutError' ? 'timed out' : ((err.cause as Error | undefined)?.message ?? err.message);
    throw new DeliveryError(`request failed: ${reason}`, true);
  }
  if (res.ok) {
    await res.body?.cancel();
    return;
  }
  const text = (await res.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ').trim();
  const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
  throw new DeliveryError(`HTTP ${res.status}${text ? `: ${text}` : ''}`, retryable);
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
