/**
 * The demo's anchor: the moment the demo started. `npm run demo` resolves it once and hands
 * the same DEMO_ANCHOR_MS to the backfill and to the demo process, so their stories line
 * up; without one, the start time rounded down to the minute.
 */
export function resolveAnchorMs(envValue: string | undefined, startMs: number): number {
  return Number(envValue) || Math.floor(startMs / 60_000) * 60_000;
}
