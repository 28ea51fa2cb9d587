/**
 * Times of findings as an on-call engineer reads them, in the zone the user chose
 * (lib/time/format.ts prints them): absolute, and relative to when the data was checked.
 */
import { formatDateTime, formatRange, formatRelative } from '@/lib/time/format';

/** 14:02:10 UTC, with the date when it is not the reference day (in that zone). */
export function clockText(ms: number, zone: string, referenceMs?: number): string {
  return formatDateTime(ms, zone, { referenceMs });
}

export const relativeTime = formatRelative;

/** Start and end of a finding: "14:02:10 UTC → 14:20:00 UTC", "since 14:02:10 UTC (ongoing)". */
export function spanText(startIso: string, endIso: string | undefined, ongoingKinds: boolean, zone: string, referenceMs?: number): string {
  const start = clockText(Date.parse(startIso), zone, referenceMs);
  if (endIso) {
    const end = Date.parse(endIso);
    return end === Date.parse(startIso) ? start : `${start} → ${clockText(end, zone, referenceMs)}`;
  }
  return ongoingKinds ? `since ${start} (ongoing)` : start;
}

/** The checked range in words: "2026-03-02 14:00:00 → 15:00:00 UTC". */
export function rangeText(range: { from: string; to: string }, zone: string): string {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return `${range.from} → ${range.to}`;
  return formatRange(from, to, zone);
}

export { isRelativeRange } from '@/lib/time/range';
