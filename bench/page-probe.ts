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
  jsAtFirstRow: JsResource[];
}

export const INIT_SCRIPT = `(() => {
  const state = { longTasks: [], firstRowAt: null, firstRowPaintedAt: null, timeOrigin: performance.timeOrigin, jsAtFirstRow: [] };
  window.__bench = state;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { state.longTaskError = String(e); }
  const mo = new MutationObserver(() => {
    if (state.firstRowAt !== null || !document.querySelector('[data-testid="span-row"]')) return;
    state.firstRowAt = performance.now();
    // The frame after the DOM change paints the row; a task queued from its animation frame runs after that paint.
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { state.firstRowPaintedAt = performance.now(); };
      ch.port2.postMessage(0);
    });
    state.jsAtFirstRow = performance.getEntriesByType('resource')
      .filter((e) => new URL(e.name).pathname.endsWith('.js'))
      .map((e) => ({ name: e.name, transferSize: e.transferSize, encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize }));
    mo.disconnect();
  });
  mo.observe(document, { childList: true, subtree: true });
})();`;

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
