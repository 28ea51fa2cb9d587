import { describe, expect, it } from 'vitest';
import type { ExploreLogEntry } from '@/lib/api/contract/explore';
import { mergeTail, tailFromMs, tailPollUrl } from './log-tail';

const e = (tsNs: string, line: string, job = 'a'): ExploreLogEntry => ({
  ts: new Date(Number(BigInt(tsNs) / 1_000_000n)).toISOString(),
  tsNs,
  line,
  labels: { job },
  stream: { job },
  service: null,
  traceId: null,
  spanId: null,
  joinedBy: null,
});

describe('mergeTail', () => {
  it('adds only unseen lines, newest first, and caps the buffer', () => {
    const buf = [e('3000000', 'c'), e('2000000', 'b')];
    const next = mergeTail(buf, [e('3000000', 'c'), e('3000000', 'c', 'other'), e('4000000', 'd')], 3);
    expect(next[0].line).toBe('d');
    // Same time, another stream: both kept (their order among themselves is not defined).
    expect(new Set(next.slice(1).map((x) => `${x.tsNs}/${x.labels.job}`))).toEqual(new Set(['3000000/a', '3000000/other']));
    expect(next).toHaveLength(3);
  });
  it('returns the same buffer when nothing is new (no re-render)', () => {
    const buf = [e('1', 'x')];
    expect(mergeTail(buf, [e('1', 'x')])).toBe(buf);
  });
});

describe('tailFromMs', () => {
  it("starts at the newest line's millisecond so lines sharing it are re-read", () => {
    expect(tailFromMs([e('1719990000123456789', 'x')], 0)).toBe(1719990000123);
    expect(tailFromMs([], 42)).toBe(42);
  });
});

describe('tailPollUrl', () => {
  it('asks the logs source the page chose, so a tail never polls another source in another language', () => {
    const url = new URL(tailPollUrl('{app="a"}', '2026-01-01T00:00:00.000Z', 'loki-eu', 500), 'http://x');
    expect(Object.fromEntries(url.searchParams)).toEqual({ query: '{app="a"}', from: '2026-01-01T00:00:00.000Z', to: 'now', limit: '500', logsSource: 'loki-eu' });
    expect(new URL(tailPollUrl('{app="a"}', 'f', null, 500), 'http://x').searchParams.has('logsSource')).toBe(false);
  });
});
