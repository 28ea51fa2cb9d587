import { formatDateTime } from '@/lib/time/format';

/**
 * When a finding happened, in words, with the one time format (lib/time/format.ts) in the
 * zone the user chose: "14:02:10 UTC → 14:20:00 UTC", "since 14:02:10 UTC (ongoing)". The
 * date is left out on the reference day (the range's end).
 */
export function findingSpanText(startIso: string, endIso: string | undefined, ongoingKinds: boolean, zone: string, referenceMs?: number): string {
  const startMs = Date.parse(startIso);
  const start = formatDateTime(startMs, zone, { referenceMs });
  if (endIso) {
    const endMs = Date.parse(endIso);
    return endMs === startMs ? start : `${start} → ${formatDateTime(endMs, zone, { referenceMs })}`;
  }
  return ongoingKinds ? `since ${start} (ongoing)` : start;
}
