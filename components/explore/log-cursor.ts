/**
 * Where the shared time cursor falls in the log list (newest first): the index of the first
 * entry at or before the cursor, when an entry lies within `toleranceMs` of it; otherwise
 * null and no cursor line is drawn.
 */
export function cursorRow(timesMsDesc: readonly number[], cursorMs: number | null, toleranceMs: number): number | null {
  if (cursorMs === null || timesMsDesc.length === 0) return null;
  // Binary search: first index whose time is <= cursor.
  let lo = 0;
  let hi = timesMsDesc.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timesMsDesc[mid] > cursorMs) lo = mid + 1;
    else hi = mid;
  }
  const before = lo > 0 ? Math.abs(timesMsDesc[lo - 1] - cursorMs) : Infinity;
  const after = lo < timesMsDesc.length ? Math.abs(timesMsDesc[lo] - cursorMs) : Infinity;
  return Math.min(before, after) <= toleranceMs ? lo : null;
}

/** How close a log must be to the cursor to mark it: one chart step, at least 1/200 of the range. */
export function cursorTolerance(fromMs: number, toMs: number, stepSec: number | null): number {
  return Math.max((stepSec ?? 0) * 1000, (toMs - fromMs) / 200);
}

export function parseCursor(raw: string | null): number | null {
  if (raw === null || !/^\d{1,15}$/.test(raw)) return null;
  return Number(raw);
}
