/**
 * The one way the app shows a moment (docs/architecture.md, "Times on screen"): 24-hour
 * clock, ISO date order, and the zone always named, in UTC or the zone the user chose. Pure:
 * the zone (an IANA name such as "UTC" or "Europe/Berlin") is an argument, never read here,
 * so the server and the browser print the same text for the same zone.
 */

export const UTC = 'UTC';

/** The user's choice: UTC, or the browser's own zone. */
export type ZoneSetting = 'utc' | 'local';
export const isZoneSetting = (v: unknown): v is ZoneSetting => v === 'utc' || v === 'local';

interface WallClock {
  date: string; // 2026-12-04
  time: string; // 14:02:10
  millis: string; // 123
  zone: string; // UTC, CET, GMT+5:30
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** One formatter per zone (building one costs more than using it); null for a zone Intl does not know. */
function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
        timeZoneName: 'short',
      });
    } catch {
      f = null;
    }
    formatters.set(zone, f);
  }
  return f;
}

function wallClock(ms: number, zone: string): WallClock {
  const millis = String(((Math.floor(ms) % 1000) + 1000) % 1000).padStart(3, '0');
  const f = zone === UTC ? null : formatterFor(zone);
  if (!f) {
    const iso = new Date(ms).toISOString();
    return { date: iso.slice(0, 10), time: iso.slice(11, 19), millis, zone: UTC };
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(ms)) p[part.type] = part.value;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}`, millis, zone: p.timeZoneName ?? zone };
}

export type Precision = 'min' | 's' | 'ms';

function timeOf(w: WallClock, precision: Precision): string {
  return precision === 'min' ? w.time.slice(0, 5) : precision === 'ms' ? `${w.time}.${w.millis}` : w.time;
}

const valid = (ms: number) => Number.isFinite(ms) && Math.abs(ms) <= 8.64e15;

/** The zone's short name at a moment ("UTC", "CET", "GMT+5:30"). */
export function zoneName(ms: number, zone: string): string {
  return valid(ms) ? wallClock(ms, zone).zone : zone;
}

export interface FormatOptions {
  /** Leave the date out when it is this moment's day in the zone (a range's end, "now"). */
  referenceMs?: number;
  precision?: Precision;
  /** Append the zone's name (default true). */
  zoneLabel?: boolean;
}

/** "2026-12-04 14:02:10 UTC", or "14:02:10 UTC" on the reference day; "—" for no time. */
export function formatDateTime(ms: number, zone: string, opts: FormatOptions = {}): string {
  if (!valid(ms)) return '—';
  const w = wallClock(ms, zone);
  const ref = opts.referenceMs;
  const sameDay = ref !== undefined && valid(ref) && wallClock(ref, zone).date === w.date;
  const text = sameDay ? timeOf(w, opts.precision ?? 's') : `${w.date} ${timeOf(w, opts.precision ?? 's')}`;
  return opts.zoneLabel === false ? text : `${text} ${w.zone}`;
}

/** An ISO 8601 text ("2026-12-04T14:02:10.123Z"), shown in the zone; the text itself when it is not a time. */
export function formatIso(iso: string | null | undefined, zone: string, opts: FormatOptions = {}): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? formatDateTime(ms, zone, opts) : iso;
}

/** Just the clock ("14:02:10", "14:02:10.123"), for dense columns whose heading names the zone. */
export function formatClock(ms: number, zone: string, precision: Precision = 's'): string {
  return valid(ms) ? timeOf(wallClock(ms, zone), precision) : '—';
}

/** "2026-12-04 11:54:50 → 12:54:50 UTC": the date once when both ends share it, the zone once. */
export function formatRange(fromMs: number, toMs: number, zone: string, precision: Precision = 's'): string {
  if (!valid(fromMs) || !valid(toMs)) return '—';
  const from = formatDateTime(fromMs, zone, { precision, zoneLabel: false });
  const to = formatDateTime(toMs, zone, { precision, referenceMs: fromMs });
  return `${from} → ${to}`;
}

/** "just now", "5 min ago", "2 h ago", "3 d ago", or "in 4 min" for the future. */
export function formatRelative(ms: number, nowMs: number): string {
  if (!Number.isFinite(ms) || !Number.isFinite(nowMs)) return '';
  const delta = nowMs - ms;
  const abs = Math.abs(delta);
  if (abs < 45_000) return 'just now';
  const text =
    abs < 90 * 60_000 ? `${Math.round(abs / 60_000)} min` : abs < 36 * 3_600_000 ? `${Math.round(abs / 3_600_000)} h` : `${Math.round(abs / 86_400_000)} d`;
  return delta >= 0 ? `${text} ago` : `in ${text}`;
}

/** The zone's offset from UTC at a moment, in ms (positive east of Greenwich). */
export function zoneOffsetMs(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  const asUtc = Date.parse(`${w.date}T${w.time}Z`);
  return asUtc - (Math.floor(ms / 1000) * 1000);
}

/** A moment as the value of an `<input type="datetime-local">` showing the zone's wall clock ("2026-12-04T14:02"). */
export function toWallClockInput(ms: number, zone: string): string {
  if (!valid(ms)) return '';
  const w = wallClock(ms, zone);
  return `${w.date}T${w.time.slice(0, 5)}`;
}

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}))?$/;

/**
 * The moment a wall-clock text ("2026-12-04T14:02") names in the zone, or null when it is
 * not one. Two passes of the offset cover a change of offset between guess and answer (DST).
 */
export function parseWallClock(text: string, zone: string): number | null {
  const m = WALL_CLOCK.exec(text.trim());
  if (!m) return null;
  const asUtc = Date.parse(`${m[1]}T${m[2]}:${m[3] ?? '00'}Z`);
  if (!Number.isFinite(asUtc)) return null;
  let ms = asUtc - zoneOffsetMs(asUtc, zone);
  ms = asUtc - zoneOffsetMs(ms, zone);
  return ms;
}

/** A time axis tick: seconds only when the window is short, the date only when it is long. */
export function formatAxisTick(ms: number, windowMs: number, zone: string): string {
  if (!valid(ms)) return '';
  const w = wallClock(ms, zone);
  if (windowMs <= 10 * 60_000) return w.time;
  if (windowMs <= 2 * 86_400_000) return w.time.slice(0, 5);
  return `${w.date.slice(5)} ${w.time.slice(0, 5)}`;
}

/** The least precision that shows both ends exactly, down to seconds (a picked range is whole minutes). */
export const rangePrecision = (fromMs: number, toMs: number): Precision => (fromMs % 60_000 === 0 && toMs % 60_000 === 0 ? 'min' : 's');
