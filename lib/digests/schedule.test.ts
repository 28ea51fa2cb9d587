import { describe, expect, it } from 'vitest';
import { CRON_PRESETS, cronProblem, digestWindow, nextRunAfter, previousRunBefore, slotsBetween } from './schedule';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const at = (s: string) => Date.parse(s);

describe('cron validation', () => {
  const now = at('2026-01-15T12:00:00Z');
  it('accepts every preset and the @hourly nickname', () => {
    for (const p of CRON_PRESETS) expect(cronProblem(p.cron, 'Europe/Berlin', now)).toBeNull();
    expect(cronProblem('@hourly', 'UTC', now)).toBeNull();
  });
  it('names the problem of a bad field, a seconds field, an unknown zone and a date that never comes', () => {
    expect(cronProblem('61 * * * *', 'UTC', now)).toMatch(/minute/);
    expect(cronProblem('0 0 9 * * *', 'UTC', now)).toMatch(/5 fields/);
    expect(cronProblem('0 9 * * *', 'Mars/Olympus_Mons', now)).toMatch(/unknown time zone/);
    expect(cronProblem('0 0 30 2 *', 'UTC', now)).toMatch(/never fires/);
  });
});

describe('next run in a time zone', () => {
  it('is strictly after the given instant', () => {
    expect(iso(nextRunAfter('0 * * * *', 'UTC', at('2026-01-01T10:00:00Z')))).toBe('2026-01-01T11:00:00.000Z');
    expect(iso(nextRunAfter('0 * * * *', 'UTC', at('2026-01-01T09:59:59.999Z')))).toBe('2026-01-01T10:00:00.000Z');
  });
  it('"weekdays at 09:00" in New York skips the weekend and follows the March DST change', () => {
    const runs = slotsBetween('0 9 * * 1-5', 'America/New_York', at('2026-03-06T12:00:00Z'), at('2026-03-10T23:00:00Z'));
    // Fri 09:00 EST = 14:00Z; Mon 9 March is already EDT (UTC-4) = 13:00Z.
    expect(runs.map(iso)).toEqual(['2026-03-06T14:00:00.000Z', '2026-03-09T13:00:00.000Z', '2026-03-10T13:00:00.000Z']);
  });
});

describe('daylight-saving edges in Europe/Berlin', () => {
  it('spring forward: 02:30 does not exist on 29 March 2026, the run moves to 03:00 CEST once', () => {
    const runs = slotsBetween('30 2 * * *', 'Europe/Berlin', at('2026-03-28T12:00:00Z'), at('2026-03-30T12:00:00Z'));
    expect(runs.map(iso)).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
  });
  it('fall back: 02:30 happens twice on 25 October 2026, the daily run fires once, at the first one', () => {
    const runs = slotsBetween('30 2 * * *', 'Europe/Berlin', at('2026-10-24T12:00:00Z'), at('2026-10-26T12:00:00Z'));
    expect(runs.map(iso)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });
  it('fall back: "0 1 * * *" runs once a day, an hour later in UTC after the change', () => {
    const runs = slotsBetween('0 1 * * *', 'Europe/Berlin', at('2026-10-24T12:00:00Z'), at('2026-10-26T12:00:00Z'));
    expect(runs.map(iso)).toEqual(['2026-10-24T23:00:00.000Z', '2026-10-26T00:00:00.000Z']);
  });
  it('fall back: hourly runs every real hour, so the repeated 02:00 hour gets two runs', () => {
    const runs = slotsBetween('0 * * * *', 'Europe/Berlin', at('2026-10-24T23:30:00Z'), at('2026-10-25T02:30:00Z'));
    expect(runs.map(iso)).toEqual(['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z']);
  });
});

describe('slots between two instants', () => {
  it('keeps only the most recent ones past the cap', () => {
    const runs = slotsBetween('* * * * *', 'UTC', at('2026-01-01T00:00:00Z'), at('2026-01-01T01:00:00Z'), 3);
    expect(runs.map(iso)).toEqual(['2026-01-01T00:58:00.000Z', '2026-01-01T00:59:00.000Z', '2026-01-01T01:00:00.000Z']);
  });
  it('includes the upper bound and excludes the lower one', () => {
    const runs = slotsBetween('0 * * * *', 'UTC', at('2026-01-01T10:00:00Z'), at('2026-01-01T12:00:00Z'));
    expect(runs.map(iso)).toEqual(['2026-01-01T11:00:00.000Z', '2026-01-01T12:00:00.000Z']);
  });
  it('previous run looks back across a weekend', () => {
    expect(iso(previousRunBefore('0 9 * * 1-5', 'UTC', at('2026-01-12T09:00:00Z')))).toBe('2026-01-09T09:00:00.000Z');
  });
});

describe('digest window', () => {
  const base = { cron: '0 9 * * 1-5', timezone: 'UTC', toMs: at('2026-01-12T09:00:00Z') };
  it('since last run starts where the previous digest ended', () => {
    const w = digestWindow({ ...base, window: 'since_last_run', lastWindowToMs: at('2026-01-09T09:00:00Z') });
    expect(iso(w.fromMs)).toBe('2026-01-09T09:00:00.000Z');
  });
  it('the first digest covers one cron period (Monday covers the weekend)', () => {
    const w = digestWindow({ ...base, window: 'since_last_run', lastWindowToMs: null });
    expect(iso(w.fromMs)).toBe('2026-01-09T09:00:00.000Z');
  });
  it('a duration counts back from the scheduled time', () => {
    const w = digestWindow({ ...base, window: '12h', lastWindowToMs: at('2026-01-09T09:00:00Z') });
    expect(iso(w.fromMs)).toBe('2026-01-11T21:00:00.000Z');
  });
  it('stays between 5 minutes and 7 days', () => {
    const long = digestWindow({ ...base, window: 'since_last_run', lastWindowToMs: at('2025-06-01T00:00:00Z') });
    expect(base.toMs - long.fromMs).toBe(7 * 86_400_000);
    const short = digestWindow({ ...base, window: 'since_last_run', lastWindowToMs: base.toMs - 1000 });
    expect(base.toMs - short.fromMs).toBe(5 * 60_000);
  });
});
