/**
 * A process-wide switch that takes the demo backends (the app's /demo/loki, /demo/jaeger
 * and /demo/metrics handlers) offline, so end-to-end tests can show what still works
 * without them: snapshot shares. Demo mode only. Kept on globalThis because Next.js may
 * load this module once per route bundle, and the flag must be one for the process.
 */
const state = globalThis as unknown as { triangulateDemoBackendsEnabled?: boolean };

export const demoBackendsEnabled = (): boolean => state.triangulateDemoBackendsEnabled !== false;

export function setDemoBackendsEnabled(enabled: boolean): void {
  state.triangulateDemoBackendsEnabled = enabled;
}

/** What a switched-off demo backend answers: like a backend that is down. */
export function demoBackendsOffResponse(): Response {
  return new Response(JSON.stringify({ error: 'demo backends are switched off' }), {
    status: 503,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}
