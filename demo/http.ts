/**
 * The framework-free request and response every emulated backend takes and returns, and
 * the shape of a backend module (docs/architecture.md, "The demo").
 */

export interface DemoRequest {
  /** Path below the backend's mount, e.g. `/loki/api/v1/query_range` or `/api/traces/abc`. */
  path: string;
  /** Query parameters, with a form-encoded POST body's fields appended. */
  params: URLSearchParams;
  headers?: Record<string, string | undefined>;
  /** The raw body of a POST that is not form-encoded (Elasticsearch's JSON `_search`). */
  body?: string;
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

/** One emulated backend: mounted below `mount` (e.g. `/loki`) of the demo process. */
export interface DemoBackend {
  name: string;
  mount: string;
  /** Accepts JSON POST bodies (DemoRequest.body); the others take only GET and form-encoded POST. */
  jsonBody?: boolean;
  handle(req: DemoRequest, clock: DemoClock): DemoResponse;
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
