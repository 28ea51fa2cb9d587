/**
 * In-page instrumentation for the browser benchmark, installed with addInitScript before
 * any page script runs: long tasks (PerformanceObserver 'longtask', buffered), the moment
 * the first span row enters the DOM and the moment it was painted, and the JS resources
 * loaded by then.
 */

export interface JsResource {
  name: string;
  transferSize: number;
  encodedBodySize: number;
  decodedBodySize: number;
}

export interface ProbeState {
  longTasks: { start: number; duration: number }[];
  firstRowAt: number | null;
  /** After the frame that drew the first row was painted (an animation frame, then a task). */
  firstRowPaintedAt: number | null;
  /** performance.timeOrigin: the page's clock zero as epoch ms, to compare with the bench's clock. */
  timeOrigin: number;
  /** When every panel was filled (no part of the investigation pending), and after that frame's paint. */
  filledAt: number | null;
  filledPaintedAt: number | null;
  jsAtFirstRow: JsResource[];
}

/** Our trace page: every panel is filled once the view is up and nothing says it is still loading. */
export const TRIANGULATE_PAGE = {
  row: '[data-testid="span-row"]',
  filled: 'document.querySelector(\'[data-testid="trace-view"]\') && !document.querySelector(\'[data-testid="investigation-pending"]\')',
};
/** Jaeger UI's trace page (the peer): its rows; it has no other panels, so the first row fills it. */
export const JAEGER_UI_PAGE = { row: '.span-row .endpoint-name', filled: "document.querySelector('.span-row .endpoint-name')" };

export const initScript = (page: { row: string; filled: string }) => `(() => {
  const state = { longTasks: [], firstRowAt: null, firstRowPaintedAt: null, filledAt: null, filledPaintedAt: null, timeOrigin: performance.timeOrigin, jsAtFirstRow: [] };
  window.__bench = state;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { state.longTaskError = String(e); }
  // The frame after a DOM change paints it; a task queued from its animation frame runs after that paint.
  const afterPaint = (set) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => set(performance.now());
    ch.port2.postMessage(0);
  });
  const mo = new MutationObserver(() => {
    if (state.firstRowAt === null && document.querySelector(${JSON.stringify(page.row)})) {
      state.firstRowAt = performance.now();
      afterPaint((t) => { state.firstRowPaintedAt = t; });
      state.jsAtFirstRow = performance.getEntriesByType('resource')
        .filter((e) => new URL(e.name).pathname.endsWith('.js'))
        .map((e) => ({ name: e.name, transferSize: e.transferSize, encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize }));
    }
    if (state.firstRowAt !== null && state.filledAt === null && (${page.filled})) {
      state.filledAt = performance.now();
      afterPaint((t) => { state.filledPaintedAt = t; });
      mo.disconnect();
    }
  });
  mo.observe(document, { childList: true, subtree: true });
})();`;

export const INIT_SCRIPT = initScript(TRIANGULATE_PAGE);

export interface ScrollOutcome {
  error?: string;
  pages: number;
  pageHeightPx: number;
  scrolledPx: number;
  scrollHeightPx: number;
  durationMs: number;
  rowsInDom: number;
  firstRowTextBefore: string;
  firstRowTextAfter: string;
  longTasks: { start: number; duration: number }[];
}

/**
 * In-page source (a string: tsx would inject helpers into a compiled function): scroll the
 * waterfall down `pages` pages, one page every `intervalMs`, and return what happened.
 */
export const scrollScript = (pages: number, intervalMs: number) => `(async () => {
  const el = document.querySelector('[data-testid="waterfall"] [role="grid"]');
  const firstText = () => (document.querySelector('[data-testid="span-row"]')?.textContent ?? '').slice(0, 80);
  if (!el) return { error: 'no [data-testid="waterfall"] [role="grid"] scroll container', pages: 0, pageHeightPx: 0, scrolledPx: 0, scrollHeightPx: 0, durationMs: 0, rowsInDom: 0, firstRowTextBefore: '', firstRowTextAfter: '', longTasks: [] };
  const before = firstText();
  const t0 = performance.now();
  const page = el.clientHeight;
  for (let i = 0; i < ${pages}; i++) {
    el.scrollTop += page;
    await new Promise((r) => setTimeout(r, ${intervalMs}));
  }
  // Long-task entries are delivered asynchronously: let the last ones arrive.
  await new Promise((r) => setTimeout(r, 500));
  return {
    pages: ${pages},
    pageHeightPx: page,
    scrolledPx: el.scrollTop,
    scrollHeightPx: el.scrollHeight,
    durationMs: performance.now() - t0,
    rowsInDom: document.querySelectorAll('[data-testid="span-row"]').length,
    firstRowTextBefore: before,
    firstRowTextAfter: firstText(),
    longTasks: window.__bench.longTasks.filter((t) => t.start >= t0),
  };
})()`;
