import type { DemoBackend, DemoClock } from './http';
import { createDemoRouter } from './router';
import type { Responder } from '../lib/sources/test-helpers';

/**
 * For the emulations' contract tests (demo/tempo, demo/elasticsearch): a scripted fetch
 * that answers through the demo router and one backend module, so the app's real client
 * reads exactly what the demo process would send.
 */
export function demoResponder(backend: DemoBackend, clock: DemoClock): Responder {
  const router = createDemoRouter({ backends: [backend], anchorMs: clock.anchorMs, seed: clock.seed, now: () => clock.nowMs });
  return (req) => {
    const headers: Record<string, string> = {};
    req.headers.forEach((v, k) => (headers[k] = v));
    const out = router.handle({ method: req.method, pathname: req.url.pathname, query: req.url.searchParams, headers, body: req.body });
    return new Response(out.status === 204 || out.body === '' && out.status === 404 ? null : out.body, { status: out.status, headers: { 'content-type': out.contentType } });
  };
}
