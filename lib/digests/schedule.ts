import { Cron } from 'croner';
import { MAX_WINDOW_MS, MIN_WINDOW_MS, windowDurationMs } from '../api/contract/digests';
/**
 * Cron expressions of digest schedules, evaluated by croner in the schedule's IANA time
 * zone. Pure (no clock of its own): every function takes the instant to count from.
 *
 * Daylight-saving behaviour (croner 11, pinned by schedule.test.ts):
 * - spring forward: a wall time that does not exist that day ("30 2 * * *" in
 *   Europe/Berlin on the last Sunday of March) fires once, at the first instant after
 *   the gap (03:00 local) — the digest is late by the gap, never skipped;
 * - fall back: a wall time that happens twice ("30 2 * * *" on the last Sunday of
 *   October) fires once, at its first occurrence (summer time); hourly patterns fire
 *   every real hour, so the repeated hour gets its two runs.
 */

/** Friendly presets offered by the UI; the API takes any 5-field expression. */
export const CRON_PRESETS = [
  { label: 'Weekdays at 09:00', cron: '0 9 * * 1-5' },
  { label: 'Every day at 09:00', cron: '0 9 * * *' },
  { label: 'Every day at 08:00 and 17:00', cron: '0 8,17 * * *' },
  { label: 'Hourly', cron: '0 * * * *' },
  { label: 'Every 15 minutes', cron: '*/15 * * * *' },
  { label: 'Mondays at 09:00', cron: '0 9 * * 1' },
] as const;

const NICKNAMES = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** Every IANA zone this runtime knows (Intl); UTC included. */
export function isKnownTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function cronOf(cron: string, timezone: string): Cron {
  return new Cron(cron, { timezone, paused: true, mode: '5-part' });
}

/**
 * Why `cron` in `timezone` cannot be a schedule, or null when it can. The runner ticks
 * about twice a minute, so patterns with a seconds field are refused.
 */
export function cronProblem(cron: string, timezone: string, nowMs: number): string | null {
  const expr = cron.trim();
  if (!isKnownTimeZone(timezone)) return `unknown time zone "${timezone.slice(0, 64)}" (use an IANA name such as Europe/Berlin or UTC)`;
  if (!NICKNAMES.has(expr.toLowerCase()) && expr.split(/\s+/).length !== 5) {
    return 'cron must have 5 fields (minute hour day-of-month month day-of-week), e.g. "0 9 * * 1-5"';
  }
  let next: Date | null;
  try {
    next = cronOf(expr, timezone).nextRun(new Date(nowMs));
  } catch (e) {
    return `invalid cron expression: ${(e as Error).message.replace(/^CronPattern:\s*/, '')}`;
  }
  return next ? null : 'this cron expression never fires';
}

/** Digests at most this often (docs/security.md, "Digests"): a schedule is not a load generator or a spam cannon. */
export const MIN_CRON_INTERVAL_MS = 5 * 60_000;

/** Why `cron` fires too often (its closest two runs among the next 100), or null. */
export function cronIntervalProblem(cron: string, timezone: string, nowMs: number, minMs = MIN_CRON_INTERVAL_MS): string | null {
  const runs = cronOf(cron.trim(), timezone).nextRuns(100, new Date(nowMs)).map((d) => d.getTime());
  for (let i = 1; i < runs.length; i++) {
    if (runs[i] - runs[i - 1] < minMs) return `cron fires more often than every ${minMs / 60_000} minutes`;
  }
  return null;
}

/** The first run strictly after `afterMs`, or null when the pattern never fires again. */
export function nextRunAfter(cron: string, timezone: string, afterMs: number): number | null {
  return cronOf(cron, timezone).nextRun(new Date(afterMs))?.getTime() ?? null;
}

/** The last run strictly before `beforeMs` (null when none is found in the past year). */
export function previousRunBefore(cron: string, timezone: string, beforeMs: number): number | null {
  const prev = cronOf(cron, timezone).previousRuns(1, new Date(beforeMs))[0];
  return prev && beforeMs - prev.getTime() <= 366 * 86_400_000 ? prev.getTime() : null;
}

/**
 * Scheduled times in (afterMs, uptoMs], oldest first. At most `max`: when more were due
 * (a long downtime of an every-minute schedule), the most recent `max` are returned.
 */
export function slotsBetween(cron: string, timezone: string, afterMs: number, uptoMs: number, max = 200): number[] {
  const job = cronOf(cron, timezone);
  const out: number[] = [];
  let cursor = new Date(afterMs);
  for (;;) {
    const next = job.nextRun(cursor);
    if (!next || next.getTime() > uptoMs) break;
    out.push(next.getTime());
    if (out.length > max) out.shift();
    cursor = next;
  }
  return out;
}

export { MAX_WINDOW_MS, MIN_WINDOW_MS, WINDOW_PATTERN, windowDurationMs } from '../api/contract/digests';

export interface WindowInput {
  window: string;
  cron: string;
  timezone: string;
  /** End of the window: the scheduled time (or the press time of "Run now"). */
  toMs: number;
  /** Where the previous digest of this schedule ended, if there was one. */
  lastWindowToMs: number | null;
}

/**
 * The time range a digest covers. A duration counts back from `toMs`; "since last run"
 * starts where the previous digest ended, or one cron period back for the first one.
 * Always between 5 minutes and 7 days, so a digest after a long pause stays scannable.
 */
export function digestWindow(input: WindowInput): { fromMs: number; toMs: number } {
  const { toMs } = input;
  const duration = windowDurationMs(input.window);
  let fromMs: number;
  if (duration !== null) fromMs = toMs - duration;
  else if (input.lastWindowToMs !== null && input.lastWindowToMs < toMs) fromMs = input.lastWindowToMs;
  else fromMs = previousRunBefore(input.cron, input.timezone, toMs) ?? toMs - 86_400_000;
  fromMs = Math.min(fromMs, toMs - MIN_WINDOW_MS);
  fromMs = Math.max(fromMs, toMs - MAX_WINDOW_MS);
  return { fromMs, toMs };
}
