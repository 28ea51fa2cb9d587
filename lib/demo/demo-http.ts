/** The framework-free request/response the demo API handlers take and return. */

export interface DemoRequest {
  /** Path below the demo mount, e.g. `/loki/api/v1/query_range` or `/api/traces/abc`. */
  path: string;
  params: URLSearchParams;
  headers?: Record<string, string | undefined>;
}

export interface DemoResponse {
  status: number;
  contentType: string;
  body: string;
}

export interface DemoClock {
  anchorMs: number;
  nowMs: number;
  seed?: number;
}

export function json(status: number, body: unknown, contentType = 'application/json'): DemoResponse {
  return { status, contentType, body: JSON.stringify(body) };
}

export function text(status: number, body: string): DemoResponse {
  return { status, contentType: 'text/plain; charset=utf-8', body };
}

export function header(req: DemoRequest, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(req.headers ?? {})) if (k.toLowerCase() === want) return v;
  return undefined;
}
