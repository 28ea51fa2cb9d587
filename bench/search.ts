import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser } from 'playwright-core';
import { toApiTrace } from '@/lib/correlate/api-shape';
import { analyzeTrace } from '@/lib/correlate/trace-model';
import { normalizeTracesV1 } from '@/lib/sources/jaeger/normalize-v1';
import { v1TracesSchema } from '@/lib/sources/jaeger/schemas';
import { filterSpans, NO_FILTER, type SpanFilter } from '@/lib/trace-tools/span-filter';
import { spanStatistics } from '@/lib/trace-tools/span-stats';
import { indexTrace } from '@/components/traces/waterfall-model';
import { CHROMIUM } from './browser';
import { ensureBuild, startApp, type RunningApp } from '../scripts/lib/next-server';
import { SERVICES, generateJaegerTrace } from './payloads';
import { median, round } from './pipeline';

/**
 * Trace search and the in-trace tools: the search API answering 1,500 results from a Jaeger
 * v1 fixture, the time from navigation to the first result row of /traces in Chromium, and
 * the span filter and statistics on the bench's 50k-span trace (the pure steps the trace
 * page runs on every filter change).
 */

export const SEARCH_RESULTS = 1_500;
const SPANS_PER_RESULT = 12;
const RUNS = 5;

/** A Jaeger v1 that answers every search with the same 1,500 traces; Loki and Prometheus are empty. */
async function startSearchFixture(nowMs: number) {
  const traces = Array.from({ length: SEARCH_RESULTS }, (_, i) => generateJaegerTrace(SPANS_PER_RESULT, 1_000 + i, nowMs - 50 * 60_000 + i * 1_500).trace);
  const searchBody = JSON.stringify({ data: traces, total: 0, limit: 0, offset: 0, errors: null });
  const hits: Record<string, number> = {};
  const server: Server = createServer((req, res) => {
    req.resume();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, prefix, ...rest] = url.pathname.split('/');
    const path = `/${rest.join('/')}`;
    hits[`${prefix}${path}`] = (hits[`${prefix}${path}`] ?? 0) + 1;
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    };
    if (prefix === 'jaeger') {
      if (path.startsWith('/api/v3/')) return send(404, '404 page not found\n');
      if (path === '/api/services') return send(200, JSON.stringify({ data: SERVICES, total: SERVICES.length, errors: null }));
      if (path === '/api/operations') return send(200, JSON.stringify({ data: [], total: 0, errors: null }));
      if (path === '/api/traces') return send(200, searchBody);
      return send(404, JSON.stringify({ data: null, errors: [{ code: 404, msg: 'trace not found' }] }));
    }
    if (prefix === 'loki') {
      if (path === '/loki/api/v1/labels') return send(200, JSON.stringify({ status: 'success', data: ['service_name'] }));
      return send(200, JSON.stringify({ status: 'success', data: { resultType: 'streams', encodingFlags: ['categorize-labels'], result: [] } }));
    }
    if (prefix === 'prom') return send(200, JSON.stringify({ status: 'success', data: [] }));
    return send(404, '{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    env: { JAEGER_URL: `${base}/jaeger`, LOKI_URL: `${base}/loki`, PROMETHEUS_URL: `${base}/prom` },
    bytes: Buffer.byteLength(searchBody),
    hits,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

const SEARCH_QS = `service=${SERVICES[0]}&limit=${SEARCH_RESULTS}&from=now-1h&to=now`;

async function apiTimes(app: RunningApp): Promise<{ ms: number[]; results: number }> {
  const ms: number[] = [];
  let results = 0;
  for (let i = 0; i < RUNS + 1; i++) {
    const t0 = performance.now();
    const res = await fetch(`${app.url}/api/v1/traces?${SEARCH_QS}`);
    const body = (await res.json()) as { results?: unknown[]; error?: { message: string } };
    if (!res.ok || !body.results) throw new Error(`search API failed: ${res.status} ${body.error?.message ?? ''}`);
    results = body.results.length;
    if (i > 0) ms.push(performance.now() - t0); // the first call warms the route up
  }
  return { ms, results };
}

async function firstRowTimes(browser: Browser, app: RunningApp): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(`${app.url}/traces?${SEARCH_QS}`, { waitUntil: 'commit' });
    await page.waitForSelector('[data-testid="search-result"]', { state: 'attached', timeout: 120_000 });
    if (i > 0) out.push(performance.now() - t0);
    await context.close();
  }
  return out;
}

export async function runSearchBench(log: (m: string) => void): Promise<Record<string, unknown>> {
  if (!existsSync(CHROMIUM)) return { skipped: `Chromium not found at ${CHROMIUM}` };
  const build = await ensureBuild();
  if (build.error) return { skipped: build.error };
  const fixture = await startSearchFixture(Date.now());
  let app: RunningApp | null = null;
  let browser: Browser | null = null;
  try {
    app = await startApp(fixture.env);
    log(`search: API, ${SEARCH_RESULTS} results × ${RUNS}`);
    const api = await apiTimes(app);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'], headless: true });
    log(`search: first result row × ${RUNS}`);
    const rows = await firstRowTimes(browser, app);
    return {
      results: api.results,
      spansPerResult: SPANS_PER_RESULT,
      jaegerAnswerMB: round(fixture.bytes / 1e6, 2),
      apiMs: round(median(api.ms)),
      apiRunsMs: api.ms.map((x) => round(x)),
      firstResultRowMs: round(median(rows)),
      firstResultRowRunsMs: rows.map((x) => round(x)),
      method: `API: wall time of GET /api/v1/traces?${SEARCH_QS} against a local Jaeger v1 fixture answering ${SEARCH_RESULTS} traces (no delay), Loki empty; median of ${RUNS} after one warm-up. First row: page.goto(/traces?…) to the first [data-testid="search-result"] in the DOM, fresh browser context each time, median of ${RUNS} after one warm-up.`,
      fixtureHits: fixture.hits,
    };
  } finally {
    await browser?.close().catch(() => undefined);
    await app?.stop();
    await fixture.close();
  }
}

function timeMedian(fn: () => unknown, runs = 7): { ms: number; runsMs: number[] } {
  fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return { ms: round(median(samples), 2), runsMs: samples.map((x) => round(x, 2)) };
}

/** Filter and statistics times on a 50k-span trace in its API form, as the trace page holds it. */
export function runTraceToolsBench(spans = 50_000): Record<string, unknown> {
  const generated = generateJaegerTrace(spans, 7, Date.now() - 10 * 60_000);
  const trace = normalizeTracesV1(v1TracesSchema.parse({ data: [generated.trace] }).data)[0];
  const api = toApiTrace(analyzeTrace(trace));
  const index = indexTrace(api);
  const some = api.spans[Math.floor(api.spans.length / 2)];
  const tagKey = Object.keys(some.tags)[0];
  const filters: Record<string, SpanFilter> = {
    service: { ...NO_FILTER, service: some.service },
    tag: { ...NO_FILTER, tags: tagKey ? { [tagKey]: String(some.tags[tagKey]) } : {} },
    errorsAndMinDuration: { ...NO_FILTER, errorsOnly: true, minDurationMs: 1 },
    criticalPath: { ...NO_FILTER, criticalOnly: true },
  };
  const filterMs = Object.fromEntries(Object.entries(filters).map(([name, f]) => [name, { ...timeMedian(() => filterSpans(api.spans, f)), matches: filterSpans(api.spans, f).matches.length }]));
  const statsAll = timeMedian(() => spanStatistics(api.spans, index.children));
  const mask = filterSpans(api.spans, filters.service).mask;
  const statsFiltered = timeMedian(() => spanStatistics(api.spans, index.children, mask));
  return {
    spans: api.spans.length,
    filterMs,
    statisticsMs: { all: statsAll, filtered: statsFiltered, rows: spanStatistics(api.spans, index.children).length },
    goalMs: 100,
    method: 'Node, in process: filterSpans and spanStatistics (lib/trace-tools) over the ApiSpan list of a generated 50k-span trace, as the trace page runs them on a filter change; median of 7 after one warm-up. Rendering the dimmed rows is not included (the waterfall is virtualized: only the rows in view re-render).',
  };
}
