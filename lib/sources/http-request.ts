import type { SourceConfig } from '../config';

/**
 * How the transport (http.ts) writes a request: the query string, the body of a form or JSON
 * POST, and the source's credentials.
 */

export type ParamValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type QueryParams = Record<string, ParamValue>;

export function toSearchParams(params: QueryParams | undefined): URLSearchParams {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const item of v) sp.append(k, String(item));
    else sp.append(k, String(v));
  }
  return sp;
}

export function authHeader(cfg: SourceConfig): string | null {
  if (!cfg.auth) return null;
  if (cfg.auth.type === 'bearer') return `Bearer ${cfg.auth.token}`;
  return `Basic ${Buffer.from(`${cfg.auth.user}:${cfg.auth.password}`, 'utf8').toString('base64')}`;
}

/**
 * The URL and body of one call: a GET or a JSON POST carries `params` in the query string, a
 * form POST (Prometheus long queries) in its body. `headers` gains the matching Content-Type.
 */
export function requestParts(
  method: 'GET' | 'POST',
  baseUrl: string,
  path: string,
  params: QueryParams | undefined,
  headers: Record<string, string>,
  jsonBody?: string,
): { url: string; body: URLSearchParams | string | undefined } {
  let url = `${baseUrl}${path}`;
  if (method === 'POST' && jsonBody === undefined) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    return { url, body: toSearchParams(params) };
  }
  if (jsonBody !== undefined) headers['Content-Type'] = 'application/json';
  const qs = toSearchParams(params).toString();
  if (qs) url += `?${qs}`;
  return { url, body: jsonBody };
}
