import { describe, expect, it } from 'vitest';
import { forOutsiders } from './shared-view';

describe('a live share as someone without an account sees it', () => {
  it('keeps the data and each source\'s status, drops error text that names internal hosts', () => {
    const data = {
      version: 1 as const,
      takenAt: '2026-11-23T12:00:00.000Z',
      path: '/anomalies?from=a&to=b',
      responses: {
        '/api/v1/anomalies?from=a&to=b': {
          anomalies: [{ id: 'x', summary: 'GC storm' }],
          sources: { prometheus: { status: 'error', message: 'prometheus unreachable: connect ECONNREFUSED 10.0.3.7:9090', ms: 3 }, loki: { status: 'ok', ms: 4 }, jaeger: { status: 'not_configured', message: 'JAEGER_URL is not set' } },
        },
        '/api/v1/incidents?from=a&to=b': [1, 2],
      },
      failed: { '/api/v1/query/logs?query=x': { status: 502, message: 'loki: connect ECONNREFUSED 10.0.3.8:3100' } },
    };
    const seen = forOutsiders(data);
    expect(JSON.stringify(seen)).not.toMatch(/10\.0\.3|ECONNREFUSED/);
    expect(seen.responses['/api/v1/anomalies?from=a&to=b']).toEqual({
      anomalies: [{ id: 'x', summary: 'GC storm' }],
      sources: { prometheus: { status: 'error', message: 'unavailable', ms: 3 }, loki: { status: 'ok', ms: 4 }, jaeger: { status: 'not_configured', message: 'JAEGER_URL is not set' } },
    });
    expect(seen.responses['/api/v1/incidents?from=a&to=b']).toEqual([1, 2]);
    expect(seen.failed).toEqual({ '/api/v1/query/logs?query=x': { status: 502, message: 'not available (HTTP 502)' } });
  });
});
