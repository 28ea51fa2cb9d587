import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TRACE_SHARE_MS } from '../lib/investigate/trace/fetch-cache';
import { startFixtureServer, type FixtureServer } from './fixture-server';
import { ensureBuild, startApp, type RunningApp } from '../scripts/lib/next-server';
import { INIT_SCRIPT, initScript, JAEGER_UI_PAGE, scrollScript, type JsResource, type ProbeState, type ScrollOutcome } from './page-probe';
import { median, omit, round } from './pipeline';
import { startJaegerUiPeer, type JaegerUiPeer } from './jaeger-ui-peer';
import { baselineFromEnv, pairedSummary, type PairedVisits } from './baseline';

/**
 * Headless Chromium against `next start` and generated Jaeger traces: time from navigation
 * to the first span row of /trace/<id>, long tasks while scrolling the waterfall, and the
 * JS the page loaded before its first row.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SIZES = [10_000, 50_000];
// Five cold visits: a median of three moved by ±150 ms between bench runs on this 2-core machine.
// BENCH_RUNS asks for more (paired comparisons with a baseline build want ten or so).
const RUNS = Math.max(1, Math.floor(Number(process.env.BENCH_RUNS)) || 5);
const SCROLL = { pages: 20, intervalMs: 100 };
const ROW_TIMEOUT_MS = 120_000;

interface Visit {
  /** From page.goto() to the first span row painted (page clock translated to the bench's). */
  firstRowMs: number;
  /** From page.goto() to every panel filled and painted, and to the page idle after it (idleAfterFilled). */
  filledMs: number;
  idleMs: number;
  longTasksAfterFirstRow: number;
  /** From page.goto() to Playwright seeing the row visible: later by up to its polling interval. */
  detectedMs: number;
  /** performance.now() in the page when the first row entered the DOM (from navigation start). */
  inPageFirstRowMs: number | null;
  /** The correlated API fetch: when it started and ended (ms from navigation start), its size. */
  api: { startTime: number; ms: number; responseEnd: number; encodedKB: number; decodedKB: number } | null;
  longTasksBeforeFirstRow: number;
  js: JsResource[];
  page: Page;
}

interface Failure {
  error: string;
  url: string;
  pageText: string;
  consoleErrors: string[];
  pageErrors: string[];
  serverOutputTail: string;
}

class RowNeverAppeared extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error);
  }
}

/**
 * Waits until `expr` is true in the page, polling through page.evaluate: Jaeger UI's page
 * refuses string evaluation (CSP), which waitForFunction needs. The times measured are
 * the page's own, so the polling interval does not enter them.
 */
async function waitInPage(page: Page, expr: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await page.evaluate(expr))) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Quiet time after which a page counts as idle: no long task and every panel filled. */
const IDLE_QUIET_MS = 2_000;
const IDLE_TIMEOUT_MS = 60_000;

/**
 * Navigation → page idle with every panel filled: the later of "every panel filled and
 * painted" and the end of the last long task before a quiet IDLE_QUIET_MS (bench clock).
 */
async function idleAfterFilled(page: Page, t0Epoch: number): Promise<{ filledMs: number; idleMs: number; longTasksAfterFirstRow: number }> {
  await waitInPage(page, 'window.__bench.filledPaintedAt !== null', IDLE_TIMEOUT_MS);
  const deadline = performance.now() + IDLE_TIMEOUT_MS;
  for (;;) {
    const q = (await page.evaluate(`(() => {
      const s = window.__bench, now = performance.now();
      const lastEnd = Math.max(0, ...s.longTasks.map((t) => t.start + t.duration));
      return { quiet: now - Math.max(lastEnd, s.filledPaintedAt) >= ${IDLE_QUIET_MS} };
    })()`)) as { quiet: boolean };
    if (q.quiet || performance.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const s = (await page.evaluate('window.__bench')) as ProbeState;
  const lastEnd = Math.max(0, ...s.longTasks.map((t) => t.start + t.duration));
  const toBench = (pageMs: number) => s.timeOrigin + pageMs - t0Epoch;
  return {
    filledMs: toBench(s.filledPaintedAt!),
    idleMs: toBench(Math.max(s.filledPaintedAt!, lastEnd)),
    longTasksAfterFirstRow: s.longTasks.filter((t) => s.firstRowAt !== null && t.start > s.firstRowAt).length,
  };
}

/** Jaeger UI's trace page: first row and idle, the same way as ours. */
async function visitPeer(browser: Browser, url: string): Promise<{ firstRowMs: number; idleMs: number }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(initScript(JAEGER_UI_PAGE));
  const page = await context.newPage();
  try {
    const t0 = performance.now();
    const t0Epoch = performance.timeOrigin + t0;
    await page.goto(url, { waitUntil: 'commit', timeout: ROW_TIMEOUT_MS });
    await waitInPage(page, 'window.__bench.firstRowPaintedAt !== null', ROW_TIMEOUT_MS);
    const state = (await page.evaluate('window.__bench')) as ProbeState;
    const firstRowMs = state.timeOrigin + state.firstRowPaintedAt! - t0Epoch;
    const { idleMs } = await idleAfterFilled(page, t0Epoch);
    return { firstRowMs, idleMs };
  } finally {
    await context.close();
  }
}

async function visit(browser: Browser, app: RunningApp, traceId: string): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(INIT_SCRIPT);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text().slice(0, 500)));
  page.on('pageerror', (e) => pageErrors.push(String(e).slice(0, 500)));
  const url = `${app.url}/trace/${traceId}`;
  const t0 = performance.now();
  const t0Epoch = performance.timeOrigin + t0;
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: ROW_TIMEOUT_MS });
    await page.waitForSelector('[data-testid="span-row"]', { state: 'visible', timeout: ROW_TIMEOUT_MS });
  } catch (e) {
    const pageText = await page.evaluate('document.body ? document.body.innerText.slice(0, 2000) : ""').catch(() => '(page not readable)');
    await context.close();
    throw new RowNeverAppeared({ error: String(e).slice(0, 500), url, pageText: String(pageText), consoleErrors, pageErrors, serverOutputTail: app.output().slice(-1500) });
  }
  const detectedMs = performance.now() - t0;
  // The row is visible once painted: that moment on the page's clock, on the bench's clock.
  await page.waitForFunction('window.__bench.firstRowPaintedAt !== null', undefined, { timeout: ROW_TIMEOUT_MS });
  const state = (await page.evaluate('window.__bench')) as ProbeState;
  const firstRowMs = state.timeOrigin + state.firstRowPaintedAt! - t0Epoch;
  const idle = await idleAfterFilled(page, t0Epoch);
  const api = (await page.evaluate(`(() => {
    const e = performance.getEntriesByType('resource').find((r) => r.name.includes('/api/v1/traces/'));
    return e ? { startTime: e.startTime, ms: e.duration, responseEnd: e.responseEnd, encodedKB: e.encodedBodySize / 1024, decodedKB: e.decodedBodySize / 1024 } : null;
  })()`)) as Visit['api'];
  return {
    firstRowMs,
    ...idle,
    detectedMs,
    inPageFirstRowMs: state.firstRowAt,
    api: api && { startTime: round(api.startTime), ms: round(api.ms), responseEnd: round(api.responseEnd), encodedKB: round(api.encodedKB), decodedKB: round(api.decodedKB) },
    longTasksBeforeFirstRow: state.longTasks.filter((t) => state.firstRowAt === null || t.start <= state.firstRowAt).length,
    js: state.jsAtFirstRow,
    page,
  };
}

/** A visit of the baseline build, its page closed; a row that never appears there is reported as the baseline's, not ours. */
async function visitBaseline(browser: Browser, app: RunningApp, traceId: string): Promise<{ firstRowMs: number; idleMs: number }> {
  let v: Visit;
  try {
    v = await visit(browser, app, traceId);
  } catch (e) {
    throw e instanceof RowNeverAppeared ? new RowNeverAppeared({ ...e.failure, error: `the baseline build (BENCH_BASELINE): ${e.failure.error}` }) : e;
  }
  await v.page.context().close();
  return { firstRowMs: v.firstRowMs, idleMs: v.idleMs };
}

async function scroll(page: Page): Promise<ScrollOutcome & { totalLongTaskMs: number; maxLongTaskMs: number }> {
  // Let loading finish (charts, logs) so its work is not counted as scrolling.
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
  await page.waitForTimeout(1_000);
  const out = (await page.evaluate(scrollScript(SCROLL.pages, SCROLL.intervalMs))) as ScrollOutcome;
  return {
    ...out,
    durationMs: round(out.durationMs),
    totalLongTaskMs: round(out.longTasks.reduce((n, t) => n + t.duration, 0)),
    maxLongTaskMs: round(Math.max(0, ...out.longTasks.map((t) => t.duration))),
  };
}

/** Sum of gzip (zlib default level 6) of each JS file the page loaded before its first row. */
async function gzipSizes(js: JsResource[]) {
  let gzip = 0;
  let served = 0;
  let raw = 0;
  for (const r of js) {
    const body = Buffer.from(await (await fetch(r.name)).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body).length;
    served += r.encodedBodySize;
  }
  return { files: js.length, gzipKb: round(gzip / 1024), servedEncodedKb: round(served / 1024), rawKb: round(raw / 1024) };
}

const JAEGER_UI_MS: Record<number, number> = { 10_000: 2_000, 50_000: 2_900 };
const GOAL_MS: Record<number, number> = { 10_000: 1_000, 50_000: 1_500 };
const key = (n: number) => `${n / 1000}k`;

export async function runBrowserBench(log: (m: string) => void): Promise<Record<string, unknown>> {
  if (!existsSync(CHROMIUM)) return { skipped: `Chromium not found at ${CHROMIUM}` };
  const build = await ensureBuild();
  if (build.error) return { skipped: build.error };
  const notes: string[] = build.built ? ['.next/BUILD_ID was missing: the bench ran `next build` once'] : [];
  let fixtures: FixtureServer | null = null;
  let app: RunningApp | null = null;
  let browser: Browser | null = null;
  let peer: JaegerUiPeer | null = null;
  let baseApp: RunningApp | null = null;
  const named = baselineFromEnv();
  const baseline = named && !('skipped' in named) ? named : null;
  const out: Record<string, unknown> = {};
  if (named && 'skipped' in named) out.baseline = named;
  try {
    fixtures = await startFixtureServer(SIZES, Date.now());
    const backends = { JAEGER_URL: fixtures.jaegerUrl, LOKI_URL: fixtures.lokiUrl, PROMETHEUS_URL: fixtures.prometheusUrl };
    app = await startApp(backends);
    if (baseline) baseApp = await startApp(backends, baseline.root);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    const started = await startJaegerUiPeer();
    if ('skipped' in started) out.jaegerUiPeer = started;
    else peer = started;
    for (const n of SIZES) {
      const traceId = fixtures.traceIds[n];
      log(`browser: ${n} spans, warm-up visit`);
      try {
        const warm = await visit(browser, app, traceId);
        await warm.page.context().close();
        const visits: Visit[] = [];
        const peerVisits: { firstRowMs: number; idleMs: number }[] = [];
        const baseVisits: PairedVisits['base'] = [];
        if (baseApp) await visitBaseline(browser, baseApp, traceId); // its warm-up
        if (peer) await visitPeer(browser, `${peer.url}/trace/${peer.traceIds[n]}`); // warm-up
        for (let i = 0; i < RUNS; i++) {
          // Interleaved with ours (peer, us, peer, us …): both see the same machine load.
          if (peer) peerVisits.push(await visitPeer(browser, `${peer.url}/trace/${peer.traceIds[n]}`));
          // Every timed visit fetches the trace from Jaeger again: past the server's sharing of one
          // Jaeger answer (trace/fetch-cache.ts), as when an SRE opens a new trace.
          await new Promise((r) => setTimeout(r, TRACE_SHARE_MS + 500));
          log(`browser: ${n} spans, run ${i + 1}/${RUNS}`);
          // The baseline's visit in the same round, before ours in every other round (order effects cancel).
          if (baseApp && i % 2 === 1) baseVisits.push(await visitBaseline(browser, baseApp, traceId));
          const v = await visit(browser, app, traceId);
          visits.push(v);
          if (baseApp && i % 2 === 0) baseVisits.push(await visitBaseline(browser, baseApp, traceId));
          if (i < RUNS - 1) await v.page.context().close();
        }
        const last = visits[visits.length - 1];
        log(`browser: ${n} spans, scrolling ${SCROLL.pages} pages`);
        const sc = await scroll(last.page);
        const firstRow = median(visits.map((v) => v.firstRowMs));
        const idle = median(visits.map((v) => v.idleMs));
        const paired = baseline && baseVisits.length ? pairedSummary(baseline, { ours: visits, base: baseVisits }) : undefined;
        const peerFirstRow = peerVisits.length ? median(peerVisits.map((v) => v.firstRowMs)) : null;
        const peerIdle = peerVisits.length ? median(peerVisits.map((v) => v.idleMs)) : null;
        out[key(n)] = {
          spans: n,
          traceId,
          firstRowMs: round(firstRow),
          runsMs: visits.map((v) => round(v.firstRowMs)),
          idleMs: round(idle),
          idleRunsMs: visits.map((v) => round(v.idleMs)),
          filledRunsMs: visits.map((v) => round(v.filledMs)),
          longTasksAfterFirstRow: visits.map((v) => v.longTasksAfterFirstRow),
          idleToOwnFirstRow: round(idle / firstRow, 2),
          idleGoalToFirstRow: 1.5,
          jaegerUiMeasured: peerFirstRow === null ? null : { firstRowMs: round(peerFirstRow), idleMs: round(peerIdle!), runsMs: peerVisits.map((v) => round(v.firstRowMs)), idleRunsMs: peerVisits.map((v) => round(v.idleMs)) },
          firstRowToJaegerUiMeasured: peerFirstRow === null ? null : round(firstRow / peerFirstRow, 2),
          idleToJaegerUiIdle: peerIdle === null ? null : round(idle / peerIdle, 2),
          baseline: paired,
          detectedByPlaywrightMs: visits.map((v) => round(v.detectedMs)),
          warmUpVisitMs: round(warm.firstRowMs),
          inPageFirstRowMs: visits.map((v) => (v.inPageFirstRowMs === null ? null : round(v.inPageFirstRowMs))),
          apiResponse: visits.map((v) => v.api),
          longTasksBeforeFirstRow: visits.map((v) => v.longTasksBeforeFirstRow),
          jaegerUiMs: JAEGER_UI_MS[n],
          ratioToJaegerUi: round(firstRow / JAEGER_UI_MS[n], 2),
          goalMs: GOAL_MS[n],
          scroll: { longTasks: sc.longTasks.length, totalLongTaskMs: sc.totalLongTaskMs, maxLongTaskMs: sc.maxLongTaskMs, ...omit(sc, 'longTasks', 'totalLongTaskMs', 'maxLongTaskMs') },
        };
        if (paired) log(`browser: ${n} spans against ${paired.commit ?? paired.root}: first row ${paired.pairedFirstRowDiffMs} ms (${paired.pairedFirstRowRatio}×) paired, faster in ${paired.roundsOursFirstRowFaster}/${paired.rounds} rounds`);
        if (n === SIZES[0]) out.firstLoadJs = { ...(await gzipSizes(last.js)), urls: last.js.map((r) => new URL(r.name).pathname) };
        await last.page.context().close();
      } catch (e) {
        if (!(e instanceof RowNeverAppeared)) throw e;
        out[key(n)] = { spans: n, traceId, firstRowMs: null, failed: e.failure, jaegerUiMs: JAEGER_UI_MS[n], goalMs: GOAL_MS[n] };
      }
    }
    out.fixtureHits = { ...fixtures.hits };
  } catch (e) {
    out.error = String(e instanceof Error ? e.stack ?? e.message : e).slice(0, 2000);
    if (app) out.serverOutputTail = app.output().slice(-1500);
  } finally {
    await peer?.stop();
    await browser?.close().catch(() => undefined);
    await app?.stop();
    await baseApp?.stop();
    await fixtures?.close();
  }
  out.method = {
    firstRow: `wall time from page.goto() to the first [data-testid="span-row"] painted (in-page: a MutationObserver sees the row, then an animation frame and a task after its paint; the page clock is translated to the bench's through performance.timeOrigin). Playwright's own visibility wait polls at growing intervals (up to 500 ms), so its time (detectedByPlaywrightMs) is later by up to one interval; ${RUNS} runs after one untimed warm-up visit, each in a fresh browser context (empty cache) and more than TRACE_SHARE_MS after the previous one, so the server fetches the trace from Jaeger again (cold); median reported. inPageFirstRowMs is performance.now() when a MutationObserver first saw a row.`,
    scroll: `after the first row and network idle + 1 s: scrollTop of the waterfall's scroll container ([data-testid="waterfall"] [role="grid"]) += its clientHeight, ${SCROLL.pages} times, one page every ${SCROLL.intervalMs} ms, then 500 ms; long tasks = PerformanceObserver 'longtask' entries (> 50 ms) starting after the first scroll.`,
    idle: `navigation → page idle with every panel filled: the later of (a) the frame painted after nothing is pending any more ([data-testid="trace-view"] present, [data-testid="investigation-pending"] absent) and (b) the end of the last long task before ${IDLE_QUIET_MS} ms without one; medians of the same ${RUNS} visits as the first row. Jaeger UI (the peer, /work/shared/peer, its own generated traces of the same sizes, interleaved with ours) has no panels beyond the waterfall: its idle is measured the same way from its first row.`,
    baseline: 'with BENCH_BASELINE=<checkout> (its .next built): that build served by its own next start against the same fixtures, visited in every round next to ours (before ours in odd rounds, after in even), each visit cold; baseline.pairedFirstRowDiffMs is the median over rounds of ours − baseline (negative: faster), pairedFirstRowRatio the median of ours / baseline.',
    firstLoadJs: 'JS resources (performance resource entries ending in .js) loaded when the first row entered the DOM; each re-fetched and gzip-compressed with zlib level 6; also the sum of encodedBodySize as served by next start.',
    viewport: '1440×900, headless Chromium, 127.0.0.1, no throttling',
  };
  if (notes.length) out.notes = notes;
  return out;
}

