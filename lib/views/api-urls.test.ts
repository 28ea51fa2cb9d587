import { describe, expect, it } from 'vitest';
import { apiUrlsForView, logsQueryUrl, logVolumeUrl, traceSearchUrl, traceStreamUrl, viewKind } from './api-urls';

describe('apiUrlsForView', () => {
  it('maps a trace view to its correlated request, keeping only the range', () => {
    expect(apiUrlsForView('/trace/4bf92f3577b34da6a3ce929d0e0e4736?from=2026-11-23T10:00:00.000Z&to=2026-11-23T11:00:00.000Z&span=abc')).toEqual([
      '/api/v1/traces/4bf92f3577b34da6a3ce929d0e0e4736/correlated?from=2026-11-23T10%3A00%3A00.000Z&to=2026-11-23T11%3A00%3A00.000Z',
    ]);
  });
  it('maps explore to its metric and log queries', () => {
    const urls = apiUrlsForView('/explore?query=rate(x[5m])&logql={job="a"}&from=now-1h&to=now');
    expect(urls).toHaveLength(3);
    expect(urls[0]).toMatch(/^\/api\/v1\/query\/metrics\?query=rate/);
    // The chart's reset markers and GC storm bands come with the snapshot too.
    expect(urls[1]).toBe('/api/v1/anomalies?from=now-1h&to=now&kind=counter_reset%2Cgc_storm');
    expect(urls[2]).toMatch(/^\/api\/v1\/query\/logs\?/);
    expect(new URL(urls[2], 'http://x').searchParams.get('query')).toBe('{job="a"}');
  });
  it('maps every explore query (A is query, then queryB…) to its own range query', () => {
    const urls = apiUrlsForView('/explore?query=up&queryC=rate(x[5m])&from=now-1h&to=now&step=30');
    expect(urls.slice(0, 2).map((u) => new URL(u, 'http://x').searchParams.get('query'))).toEqual(['up', 'rate(x[5m])']);
    expect(new URL(urls[1], 'http://x').searchParams.get('step')).toBe('30');
    expect(urls[2]).toMatch(/^\/api\/v1\/anomalies\?/);
    expect(apiUrlsForView('/explore?queryB=up')).toHaveLength(2);
  });
  it('maps anomalies and overview to the anomalies request with filters', () => {
    expect(apiUrlsForView('/anomalies?from=now-6h&to=now&kind=gc_storm')).toEqual(['/api/v1/anomalies?from=now-6h&to=now&kind=gc_storm', '/api/v1/incidents?from=now-6h&to=now']);
    expect(apiUrlsForView('/?from=now-1h')).toEqual(['/api/v1/anomalies?from=now-1h', '/api/v1/incidents?from=now-1h']);
  });
  it('passes the sources a page picked through to the API', () => {
    const q = new URLSearchParams('from=now-1h&logsSource=*&tracesSource=jaeger-eu&span=ab&logql={a="b"}');
    expect(traceStreamUrl('abc', q)).toBe('/api/v1/traces/abc/stream?from=now-1h&logsSource=*&tracesSource=jaeger-eu');
    expect(logsQueryUrl(q)).toBe(`/api/v1/query/logs?from=now-1h&logsSource=*&query=${encodeURIComponent('{a="b"}')}`);
    // The volume histogram asks the same logs source as the lines.
    expect(logVolumeUrl(q)).toBe(`/api/v1/query/logs/volume?from=now-1h&logsSource=*&query=${encodeURIComponent('{a="b"}')}`);
  });

  it('knows no requests for unknown paths', () => {
    expect(apiUrlsForView('/views')).toEqual([]);
    expect(viewKind('/trace/a/b')).toBeNull();
  });
});

describe('traceSearchUrl', () => {
  it('is the same request for the page\'s preload and the view: the range (defaulted) and the search filters, not the sort', () => {
    const q = new URLSearchParams('service=risk-engine&errors=true&sort=longest&tags=http.status_code%3D500&span=x');
    expect(traceSearchUrl(q)).toBe('/api/v1/traces?from=now-1h&to=now&service=risk-engine&tags=http.status_code%3D500&errors=true');
    expect(traceSearchUrl(new URLSearchParams('from=now-15m&to=now&service=a&limit=1500'))).toBe('/api/v1/traces?from=now-15m&to=now&service=a&limit=1500');
  });
  it('asks nothing without a service (the page says what Jaeger needs instead)', () => {
    expect(traceSearchUrl(new URLSearchParams('from=now-1h&operation=GET'))).toBeNull();
  });
});
