import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { addressProblem, hostProblem, normalizeHost, urlProblem, type EgressPolicy } from './egress-policy';

/**
 * An outgoing POST that obeys the egress policy (docs/security.md, "Egress"): the host is
 * resolved once, every address it resolves to is checked, and the connection is made to
 * the checked address through a pinned `lookup` — a DNS answer that changes between the
 * check and the connect (rebinding) is never asked for. TLS still verifies the certificate
 * against the host name. Redirects are never followed; response bodies are never read.
 */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolve: Resolve = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export class EgressDenied extends Error {
  constructor(readonly reason: string) {
    super(`refused by the egress policy: ${reason}`);
    this.name = 'EgressDenied';
  }
}

/** The address to connect to; throws EgressDenied when the host or any of its addresses is not allowed. */
export async function resolveAllowed(policy: EgressPolicy, url: URL, resolve: Resolve): Promise<ResolvedAddress> {
  const problem = urlProblem(policy, url.href);
  if (problem) throw new EgressDenied(problem);
  const host = normalizeHost(url.hostname);
  const family = isIP(host);
  if (family) return { address: host, family: family === 6 ? 6 : 4 };
  const hp = hostProblem(policy, host);
  if (hp) throw new EgressDenied(hp);
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolve(host);
  } catch {
    throw new EgressDenied(`host ${host} could not be resolved`);
  }
  if (addresses.length === 0) throw new EgressDenied(`host ${host} has no address`);
  // All of them: a name with one public and one private address must not reach the private one.
  for (const a of addresses) {
    const p = addressProblem(policy, a.address);
    if (p) throw new EgressDenied(`host ${host} resolves to ${p}`);
  }
  return addresses[0];
}

/** A `lookup` that answers every question with the address already checked. */
export function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return ((_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) => {
    if (opts?.all) cb(null, [{ address: pinned.address, family: pinned.family }]);
    else cb(null, pinned.address, pinned.family);
  }) as LookupFunction;
}

export interface PostResult {
  status: number;
}

export interface EgressPostOptions {
  policy: EgressPolicy;
  resolve?: Resolve;
  timeoutMs?: number;
}

/** POST `body` to `url`; resolves with the status (3xx included: the caller treats it as a failure). */
export async function egressPost(url: string, body: string, headers: Record<string, string>, opts: EgressPostOptions): Promise<PostResult> {
  const u = new URL(url);
  const pinned = await resolveAllowed(opts.policy, u, opts.resolve ?? systemResolve);
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const options: RequestOptions & { servername?: string } = {
    method: 'POST',
    headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    lookup: pinnedLookup(pinned),
    agent: false,
    ...(u.protocol === 'https:' && !isIP(normalizeHost(u.hostname)) ? { servername: normalizeHost(u.hostname) } : {}),
  };
  return new Promise<PostResult>((resolve, reject) => {
    const req = send(u, options, (res: IncomingMessage) => {
      // The answer's body is not read at all: only its status matters, and a hostile target could send gigabytes.
      res.destroy();
      clearTimeout(timer);
      resolve({ status: res.statusCode ?? 0 });
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error('timed out'), { name: 'TimeoutError' })), timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(body);
  });
}
