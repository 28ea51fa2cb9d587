import { describe, expect, it } from 'vitest';
import { describeApiUrl, formatExpiry, formatTimestamp, readablePath } from './format';
import { defaultViewName } from './views-api';

describe('views display helpers', () => {
  it('formats times the same way on server and browser (24-hour, no locale), in the chosen zone', () => {
    expect(formatTimestamp('2026-11-23T12:00:05.123Z', 'UTC')).toBe('2026-11-23 12:00:05 UTC');
    expect(formatTimestamp(null, 'UTC')).toBe('—');
    expect(formatExpiry(null, 'UTC')).toBe('never expires');
    // The share dialog and the links table print an expiry the same way.
    expect(formatExpiry('2027-01-03T13:02:50.000Z', 'UTC')).toBe('expires 2027-01-03 13:02:50 UTC');
    expect(formatExpiry('2027-01-03T13:02:50.000Z', 'America/New_York')).toBe('expires 2027-01-03 08:02:50 EST');
  });

  it('shows a pinned path decoded, and a malformed one as stored', () => {
    expect(readablePath('/explore?query=rate%28x%7Bjob%3D%22a%22%7D%5B5m%5D%29&from=now-1h')).toBe('/explore?query=rate(x{job="a"}[5m])&from=now-1h');
    expect(readablePath('/trace/abc%20def?from=now-1h&to=now')).toBe('/trace/abc def?from=now-1h&to=now');
    expect(readablePath('/trace/%E0%A4%A')).toBe('/trace/%E0%A4%A');
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
