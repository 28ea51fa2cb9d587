/**
 * The demo's anchor: the moment the demo started. `npm run demo` passes DEMO_ANCHOR_MS to
 * both the backfill script and the app so their stories line up; otherwise the server's
 * start time, rounded down to the minute.
 */

export function resolveAnchorMs(envValue: string | undefined, startMs: number): number {
  return Number(envValue) || Math.floor(startMs / 60_000) * 60_000;
}

let processAnchor: number | null = null;

/** This process's anchor, fixed on first use (reads the environment and the clock once). */
export function demoAnchorMs(): number {
  processAnchor ??= resolveAnchorMs(process.env.DEMO_ANCHOR_MS, Date.now());
  return processAnchor;
}
