import { describe, expect, it } from 'vitest';
import { describeApiUrl, formatExpiry, formatUtc } from './format';
import { defaultViewName } from './views-api';

describe('views display helpers', () => {
  it('formats times the same way on server and browser (UTC, no locale)', () => {
    expect(formatUtc('2026-11-23T12:00:05.123Z')).toBe('2026-11-23 12:00:05 UTC');
    expect(formatUtc(null)).toBe('—');
    expect(formatExpiry(null)).toBe('never expires');
  });

  it('names the part of a view an API URL fetched, for "not captured" notes', () => {
    expect(describeApiUrl('/api/v1/traces/abc/correlated?from=a')).toBe('trace, logs and metrics');
    expect(describeApiUrl('/api/v1/query/logs?query=x')).toBe('log query');
    expect(describeApiUrl('/api/v1/anomalies?from=a')).toBe('anomalies');
  });

  it('suggests a name for an unsaved view from its path', () => {
    expect(defaultViewName('/trace/4bf92f3577b34da6a3ce929d0e0e4736?from=now-1h')).toBe('Trace 4bf92f35…');
    expect(defaultViewName('/explore?query=rate(http_requests_total[5m])')).toBe('Explore rate(http_requests_total[5m])');
    expect(defaultViewName('/anomalies?kind=gc_storm')).toBe('Anomalies');
    expect(defaultViewName('/?from=now-6h')).toBe('Overview');
  });
});
