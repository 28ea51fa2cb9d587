import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser } from 'playwright-core';
import { toApiTrace } from '@/lib/correlate/api-shape';
import { analyzeTrace } from '@/lib/correlate/trace-model';
import { normalizeTracesV1 } from '@/lib/sources/jaeger/normalize-v1';
import { v1TracesSchema } from '@/lib/sources/jaeger/schemas';
import { buildFilterIndex } from '@/lib/trace-tools/filter-index';
import { filterIndexed, NO_FILTER, type SpanFilter } from '@/lib/trace-tools/span-filter';
import { selfTimesUs, statisticsIndexed } from '@/lib/trace-tools/span-stats';
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
export async function startSearchFixture(nowMs: number) {
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

/**
 * The API's wall time, and in the same loop the floor under it: fetching Jaeger's answer
 * directly and parsing it (what any search must do), so the ratio holds on a loaded machine.
 */
async function apiTimes(app: RunningApp, jaegerSearchUrl: string): Promise<{ ms: number[]; floorMs: number[]; results: number }> {
  const ms: number[] = [];
  const floorMs: number[] = [];
  let results = 0;
  for (let i = 0; i < RUNS + 1; i++) {
    const f0 = performance.now();
    JSON.parse(await (await fetch(jaegerSearchUrl)).text());
    const floor = performance.now() - f0;
    const t0 = performance.now();
    const res = await fetch(`${app.url}/api/v1/traces?${SEARCH_QS}`);
    const body = (await res.json()) as { results?: unknown[]; error?: { message: string } };
    if (!res.ok || !body.results) throw new Error(`search API failed: ${res.status} ${body.error?.message ?? ''}`);
    results = body.results.length;
    if (i > 0) {
      // the first call warms the route up
      ms.push(performance.now() - t0);
      floorMs.push(floor);
    }
  }
  return { ms, floorMs, results };
}

/** From page.goto() until `selector` is in the DOM, fresh context each time; the first visit warms up. */
async function timeToSelector(browser: Browser, url: string, selector: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForSelector(selector, { state: 'attached', timeout: 120_000 });
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
    const api = await apiTimes(app, `${fixture.env.JAEGER_URL}/api/traces?service=${SERVICES[0]}&limit=${SEARCH_RESULTS}`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'], headless: true });
    log(`search: first result row × ${RUNS}, and the page without a search × ${RUNS}`);
    const rows = await timeToSelector(browser, `${app.url}/traces?${SEARCH_QS}`, '[data-testid="search-result"]');
    const shell = await timeToSelector(browser, `${app.url}/traces?from=now-1h&to=now`, '[data-testid="search-needs-service"]');
    const apiMs = median(api.ms);
    const floorMs = median(api.floorMs);
    const firstRowMs = median(rows);
    const shellMs = median(shell);
    return {
      results: api.results,
      spansPerResult: SPANS_PER_RESULT,
      jaegerAnswerMB: round(fixture.bytes / 1e6, 2),
      apiMs: round(apiMs),
      apiRunsMs: api.ms.map((x) => round(x)),
      jaegerFetchAndParseMs: round(floorMs),
      apiToJaegerFetchAndParse: round(apiMs / floorMs, 2),
      firstResultRowMs: round(firstRowMs),
      firstResultRowRunsMs: rows.map((x) => round(x)),
      pageWithoutSearchMs: round(shellMs),
      firstRowToPagePlusApi: round(firstRowMs / (shellMs + apiMs), 2),
      method: `API: wall time of GET /api/v1/traces?${SEARCH_QS} against a local Jaeger v1 fixture answering ${SEARCH_RESULTS} traces (no delay), Loki empty; median of ${RUNS} after one warm-up. Its floor, measured in the same loop just before each call: fetching the fixture's answer directly and JSON.parse (apiToJaegerFetchAndParse = API / floor). First row: page.goto(/traces?…) to the first [data-testid="search-result"] in the DOM, fresh browser context each time, median of ${RUNS} after one warm-up; its reference in the same run: the same page without a search (until its "choose a service" note is in the DOM), so firstRowToPagePlusApi = first row / (that page + API time) is 1 when the page adds nothing to the API's wait.`,
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
  // What the page runs: the index and self times once per trace, then the filter (and the open table) per change.
  const buildIndex = timeMedian(() => buildFilterIndex(api.spans));
  const ix = buildFilterIndex(api.spans);
  const selfTimes = timeMedian(() => selfTimesUs(api.spans, index.children));
  const self = selfTimesUs(api.spans, index.children);
  const filterMs = Object.fromEntries(Object.entries(filters).map(([name, f]) => [name, { ...timeMedian(() => filterIndexed(ix, f)), matches: filterIndexed(ix, f).matches.length }]));
  const statsAll = timeMedian(() => statisticsIndexed(ix, self));
  const mask = filterIndexed(ix, filters.service).mask;
  const statsFiltered = timeMedian(() => statisticsIndexed(ix, self, mask));
  return {
    spans: api.spans.length,
    oncePerTraceMs: { filterIndex: buildIndex, selfTimes },
    filterMs,
    statisticsMs: { all: statsAll, filtered: statsFiltered, rows: statisticsIndexed(ix, self).length },
    goalMs: 100,
    method: 'Node, in process, over the ApiSpan list of a generated 50k-span trace, as the trace page runs them (lib/trace-tools): once per trace the filter index and the self times; per filter change filterIndexed, and statisticsIndexed while the table is open; median of 7 after one warm-up. The page itself is measured by the tools-browser section.',
  };
}
