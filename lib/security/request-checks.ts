/**
 * Checks every request passes before it reaches a page or a route (proxy.ts). Pure, so
 * tests drive them with plain Headers. Why each one: docs/security.md, "Forged requests".
 */

export interface Refusal {
  status: number;
  code: string;
  message: string;
}

export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** DNS rebinding: a hostile name that resolves to us carries its own name in Host. */
export function checkHost(headers: Headers, allowedHosts: readonly string[]): Refusal | null {
  const host = (headers.get('host') ?? '').toLowerCase();
  if (allowedHosts.includes(host)) return null;
  return { status: 421, code: 'bad_host', message: `this server does not answer to Host "${host.slice(0, 100)}"; set PUBLIC_URL to the address people use` };
}

const hasBody = (headers: Headers) => headers.has('transfer-encoding') || Number(headers.get('content-length') ?? '0') > 0;

/**
 * Cross-site request forgery: a mutating request must come from our own pages
 * (Sec-Fetch-Site, else Origin) and be JSON, which no HTML form and no "simple" cross-site
 * fetch can send without a CORS preflight we never answer. Only a DELETE with neither a body
 * nor a content type may leave it out.
 */
export function checkMutation(method: string, headers: Headers, allowedHosts: readonly string[]): Refusal | null {
  if (SAFE_METHODS.has(method)) return null;
  const site = headers.get('sec-fetch-site');
  const origin = headers.get('origin');
  if (site !== null && site !== 'same-origin' && site !== 'none') {
    return { status: 403, code: 'cross_site', message: `cross-site ${method} refused (Sec-Fetch-Site: ${site.slice(0, 40)})` };
  }
  if (origin !== null && site !== 'same-origin' && !originAllowed(origin, allowedHosts)) {
    return { status: 403, code: 'cross_site', message: `${method} from origin ${origin.slice(0, 100)} refused` };
  }
  const type = (headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json' && !(method === 'DELETE' && type === '' && !hasBody(headers))) {
    return { status: 415, code: 'json_required', message: `${method} requests must send Content-Type: application/json` };
  }
  return null;
}

function originAllowed(origin: string, allowedHosts: readonly string[]): boolean {
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && allowedHosts.includes(u.host.toLowerCase());
  } catch {
    return false; // "null" (sandboxed frames, file:) and garbage
  }
}

/** A path whose %-escapes do not decode is a bad request, not a server error. */
export function checkPath(pathname: string): Refusal | null {
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    return { status: 400, code: 'bad_path', message: 'the path has a malformed %-escape' };
  }
}
