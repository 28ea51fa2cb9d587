/**
 * Times as an on-call engineer reads them: absolute in UTC (the detectors' explanations
 * and the rest of the app use UTC) and relative to when the data was checked.
 */

/** 14:02:10 UTC, with the date when it is not the reference day. */
export function clockUtc(ms: number, referenceMs?: number): string {
  if (!Number.isFinite(ms)) return '—';
  const iso = new Date(ms).toISOString();
  const sameDay = referenceMs !== undefined && Number.isFinite(referenceMs) && new Date(referenceMs).toISOString().slice(0, 10) === iso.slice(0, 10);
  return sameDay ? `${iso.slice(11, 19)} UTC` : `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** "just now", "5 min ago", "2 h ago", "3 d ago", or "in 4 min" for the future. */
export function relativeTime(ms: number, nowMs: number): string {
  if (!Number.isFinite(ms) || !Number.isFinite(nowMs)) return '';
  const delta = nowMs - ms;
  const abs = Math.abs(delta);
  if (abs < 45_000) return 'just now';
  const text =
    abs < 90 * 60_000 ? `${Math.round(abs / 60_000)} min` : abs < 36 * 3_600_000 ? `${Math.round(abs / 3_600_000)} h` : `${Math.round(abs / 86_400_000)} d`;
  return delta >= 0 ? `${text} ago` : `in ${text}`;
}

/** Start and end of a finding: "14:02:10 UTC → 14:20:00 UTC", "since 14:02:10 UTC (ongoing)". */
export function spanText(startIso: string, endIso: string | undefined, ongoingKinds: boolean, referenceMs?: number): string {
  const start = clockUtc(Date.parse(startIso), referenceMs);
  if (endIso) {
    const end = Date.parse(endIso);
    return end === Date.parse(startIso) ? start : `${start} → ${clockUtc(end, referenceMs)}`;
  }
  return ongoingKinds ? `since ${start} (ongoing)` : start;
}

/** The checked range in words: "2026-03-02 14:00:00 UTC → 15:00:00 UTC". */
export function rangeText(range: { from: string; to: string }): string {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return `${range.from} → ${range.to}`;
  return `${clockUtc(from)} → ${clockUtc(to, from)}`;
}

/** Whether a view's range follows the clock (`to` absent or relative to now). */
export const isRelativeRange = (to: string | null): boolean => to === null || to === '' || to.trim().startsWith('now');
