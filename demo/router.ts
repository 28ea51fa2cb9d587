import { z } from 'zod';
import { json, text, type DemoBackend, type DemoClock, type DemoResponse } from './http';

/**
 * The demo process's router (docs/architecture.md, "The demo"): each emulated backend is
 * a module mounted below its own path, plus two routes of the process itself:
 * - `GET /ready`: 200 once listening;
 * - `GET /control`: `{backends, anchor, mounts}`; `POST /control {"backends": false}` takes
 *   every mounted backend offline (503, like a backend that is down) and `true` brings them
 *   back, so end-to-end tests can show what still works without them.
 * The switch is this router's own state: one per demo process.
 */

export interface RawRequest {
  method: string;
  pathname: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: string;
}

export interface DemoRouterOptions {
  backends: readonly DemoBackend[];
  anchorMs: number;
  seed?: number;
  now?: () => number;
}

export interface DemoRouter {
  handle(req: RawRequest): DemoResponse;
  backendsEnabled(): boolean;
}

const OWN_ROUTES = ['/ready', '/control'];
const controlBody = z.object({ backends: z.boolean() }).strict();

const switchedOff = (): DemoResponse => json(503, { error: 'demo backends are switched off' });

function mountOf(backends: readonly DemoBackend[], pathname: string): DemoBackend | undefined {
  return backends.find((b) => pathname === b.mount || pathname.startsWith(`${b.mount}/`));
}

export function createDemoRouter(opts: DemoRouterOptions): DemoRouter {
  for (const b of opts.backends) {
    if (!/^\/[a-z0-9-]+$/.test(b.mount)) throw new Error(`demo backend ${b.name}: mount must be /name, got ${b.mount}`);
    if (OWN_ROUTES.includes(b.mount) || opts.backends.filter((o) => o.mount === b.mount).length > 1) throw new Error(`demo backend ${b.name}: mount ${b.mount} is taken`);
  }
  const now = opts.now ?? Date.now;
  let enabled = true;

  function control(req: RawRequest): DemoResponse {
    if (req.method === 'GET') {
      return json(200, { backends: enabled, anchor: new Date(opts.anchorMs).toISOString(), mounts: opts.backends.map((b) => b.mount) });
    }
    if (req.method !== 'POST') return text(405, 'method not allowed');
    if (!(req.headers['content-type'] ?? '').includes('application/json')) return json(415, { error: 'send application/json' });
    let parsed;
    try {
      parsed = controlBody.safeParse(JSON.parse(req.body));
    } catch {
      return json(400, { error: 'the body is not JSON' });
    }
    if (!parsed.success) return json(400, { error: 'expected {"backends": true|false}' });
    enabled = parsed.data.backends;
    return json(200, { backends: enabled });
  }

  function handle(req: RawRequest): DemoResponse {
    if (req.pathname === '/ready') return text(200, 'ready');
    if (req.pathname === '/control') return control(req);
    const backend = mountOf(opts.backends, req.pathname);
    if (!backend) return text(404, '404 page not found');
    if (req.method !== 'GET' && req.method !== 'POST') return text(405, 'method not allowed');
    if (!enabled) return switchedOff();
    const params = new URLSearchParams(req.query);
    // Loki takes its queries as form-encoded POSTs too (lib/sources/loki/README.md §3).
    if (req.method === 'POST' && (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(req.body)) params.append(k, v);
    }
    const clock: DemoClock = { anchorMs: opts.anchorMs, nowMs: now(), seed: opts.seed };
    const body = backend.jsonBody && req.method === 'POST' ? req.body : undefined;
    return backend.handle({ path: req.pathname.slice(backend.mount.length), params, headers: req.headers, body }, clock);
  }

  return { handle, backendsEnabled: () => enabled };
}
