import { describe, expect, it } from 'vitest';
import { effectiveRefresh, refreshMs, refreshWords } from './refresh-interval';

describe('refresh interval', () => {
  it('takes the choice in the URL', () => {
    expect(effectiveRefresh('10s', '/explore')).toBe('10s');
    expect(effectiveRefresh('off', '/')).toBe('off');
    expect(refreshMs('30s')).toBe(30_000);
    expect(refreshMs('5m')).toBe(300_000);
    expect(refreshMs('off')).toBeNull();
  });

  it("falls back to the page's default for no choice or one it does not offer", () => {
    expect(effectiveRefresh(null, '/')).toBe('1m');
    expect(effectiveRefresh(null, '/anomalies')).toBe('off');
    expect(effectiveRefresh('2s', '/')).toBe('1m');
    expect(effectiveRefresh('', '/traces')).toBe('off');
  });

  it('says the interval in words', () => {
    expect(refreshWords('1m')).toBe('every minute');
    expect(refreshWords('10s')).toBe('every 10 seconds');
  });
});
