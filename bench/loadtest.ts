/**
 * `npm run loadtest` (docs/reliability.md, "Load"): 50 concurrent users on one trace page
 * and the anomalies page for LOADTEST_SECONDS (default 60) over backends delayed 200 ms,
 * with hostile Explore queries at the same time (PromQL the backend gives up on, and
 * queries slower than the client timeout). Everything on 127.0.0.1. Reports errors, p99,
 * backend calls per user request (≪ 1 thanks to shared loads and the scan cache) and
 * whether any breaker opened. Writes bench/loadtest-results.json; exit 1 when a bar fails.
 */
import { createServer, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { startDelayProxy, type ProxiedCall } from './delay-proxy';
import { startFixtureServer } from './fixture-server';
import { ensureBuild, startApp } from '../scripts/lib/next-server';

const SECONDS = Number(process.env.LOADTEST_SECONDS || 60);
const USERS = 50;
const HOSTILE = 5;
const DELAY_MS = 200;

/** A Prometheus stand-in: empty answers after 200 ms; "hostile" queries are expensive. */
async function startPrometheus(calls: { normal: number; hostile: number; liveness: number }): Promise<{ url: string; close: () => Promise<void> }> {
  const empty = (p: string) =>
    p.endsWith('/query_range')
      ? { status: 'success', data: { resultType: 'matrix', result: [] } }
      : p.endsWith('/query')
        ? { status: 'success', data: { resultType: 'vector', result: [] } }
        : p.endsWith('/metadata')
          ? { status: 'success', data: {} }
          : { status: 'success', data: [] };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const query = `${url.searchParams.get('query') ?? ''} ${Buffer.concat(chunks).toString('utf8')}`;
      if (url.pathname === '/-/healthy') {
        calls.liveness += 1;
        return res.end('Prometheus Server is Healthy.\n');
      }
      if (query.includes('hostile_timeout')) {
        calls.hostile += 1;
        // Slower than the app's client timeout (2 s): the client gives up first.
        return setTimeout(() => res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"error","errorType":"timeout","error":"query timed out"}'), 4_000);
      }
      if (query.includes('hostile_heavy')) {
        calls.hostile += 1;
        return setTimeout(() => res.writeHead(422, { 'content-type': 'application/json' }).end('{"status":"error","errorType":"execution","error":"query processing would load too many samples into memory"}'), DELAY_MS);
      }
      calls.normal += 1;
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(empty(url.pathname))), DELAY_MS);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

async function breakerStates(appUrl: string): Promise<Record<string, string | undefined>> {
  const body = (await (await fetch(`${appUrl}/api/health`)).json()) as { sources?: Record<string, { breaker?: string }> };
  return Object.fromEntries(Object.entries(body.sources ?? {}).map(([k, v]) => [k, v.breaker]));
}

async function main(): Promise<number> {
  const build = await ensureBuild();
  if (build.error) throw new Error(build.error);
  const nowMs = Date.now();
  const fixture = await startFixtureServer([2_000], nowMs);
  const traceId = fixture.traceIds[2_000];
  const proxied: ProxiedCall[] = [];
  const origin = new URL(fixture.jaegerUrl).origin;
  const jaeger = await startDelayProxy('jaeger', origin, DELAY_MS, proxied);
  const loki = await startDelayProxy('loki', origin, DELAY_MS, proxied);
  const promCalls = { normal: 0, hostile: 0, liveness: 0 };
  const prom = await startPrometheus(promCalls);
  const app = await startApp({ PROMETHEUS_URL: prom.url, LOKI_URL: `${loki.url}/loki`, JAEGER_URL: `${jaeger.url}/jaeger`, PROMETHEUS_TIMEOUT_MS: '2000', DIGEST_RUNNER: 'off' });
  try {
    const range = `from=${encodeURIComponent(new Date(nowMs - 30 * 60_000).toISOString())}&to=${encodeURIComponent(new Date(nowMs).toISOString())}`;
    const userPaths = [`/trace/${traceId}?${range}`, `/api/v1/traces/${traceId}?${range}`, `/api/v1/traces/${traceId}/correlated?${range}`, '/anomalies?from=now-1h', '/api/v1/anomalies?from=now-1h'];
    for (const p of userPaths) await (await fetch(`${app.url}${p}`)).arrayBuffer(); // warm up (first compile of each route)
    proxied.length = 0;
    promCalls.normal = promCalls.hostile = promCalls.liveness = 0;

    const opened = new Set<string>();
    const watch = setInterval(() => {
      breakerStates(app.url)
        .then((s) => Object.entries(s).forEach(([k, v]) => v && v !== 'closed' && opened.add(`${k}: ${v}`)))
        .catch(() => undefined);
    }, 2_000);
    const hostilePaths = ['/api/v1/query/metrics?query=sum(rate(hostile_timeout_total[30d]))&from=now-30d', '/api/v1/query/metrics?query=count(hostile_heavy_bucket)&from=now-30d'];
    const [users, hostile] = await Promise.all([
      autocannon({ url: app.url, connections: USERS, duration: SECONDS, timeout: 30, requests: userPaths.map((p) => ({ method: 'GET' as const, path: p })) }),
      autocannon({ url: app.url, connections: HOSTILE, duration: SECONDS, timeout: 30, requests: hostilePaths.map((p) => ({ method: 'GET' as const, path: p })) }),
    ]);
    clearInterval(watch);
    Object.entries(await breakerStates(app.url)).forEach(([k, v]) => v && v !== 'closed' && opened.add(`${k}: ${v}`));

    const backendCalls = proxied.length + promCalls.normal;
    const result = {
      seconds: SECONDS,
      users: USERS,
      backendDelayMs: DELAY_MS,
      userRequests: users.requests.total,
      errors: users.errors + users.timeouts + users.non2xx,
      latencyMs: { p50: users.latency.p50, p90: users.latency.p90, p99: users.latency.p99, max: users.latency.max },
      requestsPerSecond: users.requests.average,
      backendCalls: { jaeger: proxied.filter((c) => c.backend === 'jaeger').length, loki: proxied.filter((c) => c.backend === 'loki').length, prometheus: promCalls.normal, livenessChecks: promCalls.liveness },
      backendCallsPerUserRequest: Number((backendCalls / Math.max(1, users.requests.total)).toFixed(4)),
      hostile: { requests: hostile.requests.total, answered: hostile['2xx'] + hostile.non2xx, reachedPrometheus: promCalls.hostile },
      breakersOpened: [...opened],
    };
    console.log(JSON.stringify(result, null, 2));
    writeFileSync(path.join(__dirname, 'loadtest-results.json'), `${JSON.stringify(result, null, 2)}\n`);
    const failures = [
      result.errors > 0 && `${result.errors} user requests failed`,
      // Uncoalesced, one anomalies request alone is ~20 backend calls and one investigation ~6: ≥ 5 per request on this mix.
      result.backendCallsPerUserRequest >= 0.5 && `backend calls per user request ${result.backendCallsPerUserRequest} (want ≪ 1, bar 0.5)`,
      result.breakersOpened.length > 0 && `breakers opened: ${result.breakersOpened.join(', ')}`,
    ].filter(Boolean);
    for (const f of failures) console.error(`FAIL: ${f}`);
    return failures.length ? 1 : 0;
  } finally {
    await app.stop();
    await Promise.all([jaeger.close(), loki.close(), prom.close(), fixture.close()]);
  }
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e);
    process.exit(1);
  },
);
