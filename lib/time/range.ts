/**
 * Query time parsing for the public API: RFC3339, unix seconds (float), or Grafana-style
 * relative expressions (`now`, `now-1h`, `now-7d`, `now-90s`). `now` is always passed in
 * so that parsing stays pure and testable.
 */

export class TimeRangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeRangeError';
  }
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

const DURATION = /^(?:\d+(?:ms|s|m|h|d|w|y))+$/;

/** A Prometheus/Loki duration (`250ms`, `5m`, `1h30m`) in milliseconds; null when malformed. */
export function parseDurationMs(text: string): number | null {
  if (!DURATION.test(text)) return null;
  let total = 0;
  for (const m of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(m[1]) * UNIT_MS[m[2]];
  return total;
}

const RELATIVE = /^now(?:\s*([+-])\s*(\d+)(ms|s|m|h|d|w|y))?$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const UNIX_SECONDS = /^\d{1,11}(\.\d+)?$/;

/** Parse one time expression to unix milliseconds, or throw TimeRangeError with a message. */
export function parseTime(input: string, nowMs: number, name = 'time'): number {
  const s = input.trim();
  if (!s) throw new TimeRangeError(`${name} is empty`);
  const rel = RELATIVE.exec(s);
  if (rel) {
    if (!rel[1]) return nowMs;
    const delta = Number(rel[2]) * UNIT_MS[rel[3]];
    return rel[1] === '-' ? nowMs - delta : nowMs + delta;
  }
  if (UNIX_SECONDS.test(s)) return Math.round(Number(s) * 1000);
  if (RFC3339.test(s)) {
    const ms = Date.parse(s);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new TimeRangeError(
    `${name} "${s.slice(0, 64)}" is not a time: use RFC3339 (2026-01-02T15:04:05Z), unix seconds, or now-<n><unit> (e.g. now-1h)`,
  );
}

export interface TimeRange {
  fromMs: number;
  toMs: number;
}

export const DEFAULT_FROM = 'now-1h';
export const DEFAULT_TO = 'now';
/** Longest range any query may span (Loki's default max_query_length is 30d1h). */
export const MAX_RANGE_MS = 30 * 86_400_000;

/** Parse a from/to pair; defaults to the last hour. Rejects empty, inverted and huge ranges. */
export function parseRange(
  from: string | null | undefined,
  to: string | null | undefined,
  nowMs: number,
): TimeRange {
  const fromMs = parseTime(from ?? DEFAULT_FROM, nowMs, 'from');
  const toMs = parseTime(to ?? DEFAULT_TO, nowMs, 'to');
  if (toMs <= fromMs) throw new TimeRangeError('"to" must be after "from"');
  if (toMs - fromMs > MAX_RANGE_MS) throw new TimeRangeError('time range is longer than 30 days');
  return { fromMs, toMs };
}

/** Orders decimal nanosecond timestamps without leading zeros (as Loki sends them) exactly, without BigInt. */
export function compareNs(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Response times: RFC3339 with millisecond precision. */
export const toRfc3339 = (ms: number): string => new Date(ms).toISOString();

/**
 * toRfc3339 for many times close together (a trace's 50,000 spans): the text up to the
 * second is kept per second, so most calls only append the milliseconds.
 */
export function rfc3339Formatter(): (ms: number) => string {
  const bySecond = new Map<number, string>();
  return (ms) => {
    if (!Number.isFinite(ms) || ms < 0 || ms >= 253_402_300_800_000) return toRfc3339(ms); // outside years 1970–9999: as Date says it
    const t = Math.floor(ms);
    const second = Math.floor(t / 1000);
    let head = bySecond.get(second);
    if (head === undefined) {
      if (bySecond.size > 10_000) bySecond.clear();
      head = toRfc3339(second * 1000).slice(0, 20); // "YYYY-MM-DDTHH:MM:SS."
      bySecond.set(second, head);
    }
    const milli = t - second * 1000;
    return `${head}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
  };
}

/** Relative presets offered by the time picker. */
export const RELATIVE_PRESETS = ['now-15m', 'now-1h', 'now-3h', 'now-6h', 'now-12h', 'now-24h', 'now-2d', 'now-7d'] as const;

export function describeRelative(expr: string): string | null {
  const m = RELATIVE.exec(expr);
  if (!m || !m[1] || m[1] !== '-') return null;
  const unit: Record<string, string> = { ms: 'milliseconds', s: 'seconds', m: 'minutes', h: 'hours', d: 'days', w: 'weeks', y: 'years' };
  const n = Number(m[2]);
  return `Last ${n} ${n === 1 ? unit[m[3]].replace(/s$/, '') : unit[m[3]]}`;
}

/** Whether a time expression follows the clock (`now`, `now-1h`). */
export const isRelativeTime = (expr: string): boolean => RELATIVE.test(expr.trim());

/** Whether a view's range follows the clock (`to` absent or relative to now). */
export const isRelativeRange = (to: string | null): boolean => to === null || to === '' || isRelativeTime(to);
