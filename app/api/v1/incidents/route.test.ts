import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SourceError } from '@/lib/sources/errors';
import type { PrometheusClient } from '@/lib/sources/types';
import { fakePrometheus } from '@/lib/query/test-fakes';

const sources: { prometheus: PrometheusClient | null; loki: null; jaeger: null } = { prometheus: null, loki: null, jaeger: null };

vi.mock('@/lib/sources', async () => {
  const { singleSourceLists } = await import('@/lib/sources/registry');
  return { getSources: () => sources, getSourceLists: () => singleSourceLists(sources) };
});
vi.mock('@/lib/config', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/config')>();
  // The default configuration, as with no environment: not the demo.
  const cfg = { ...real.parseConfig({}), demo: false };
  return { ...real, getConfig: () => cfg };
});
// No database in this test: the answer must not depend on one (mutes only decorate it).
vi.mock('@/lib/db', () => ({ db: () => ({ findingMute: { findMany: () => Promise.reject(new Error('no database here')) } }) }));

const { GET } = await import('./route');
const get = (q: string) => GET(new Request(`http://x/api/v1/incidents?${q}`));

beforeEach(() => {
  sources.prometheus = null;
});

describe('GET /api/v1/incidents', () => {
  it('answers 400 with a message for a bad range', async () => {
    for (const q of ['from=yesterday', 'from=now&to=now-1h']) {
      const res = await get(q);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe('bad_time_range');
      expect(body.error.message).toMatch(/from|to|range|time/i);
    }
  });

  it('answers 200 when Prometheus is down, and says what is partial', async () => {
    const down = () => Promise.reject(new SourceError({ source: 'prometheus', kind: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:9090' }));
    sources.prometheus = fakePrometheus({ query: down, queryRange: down, series: down, labels: down, labelValues: down, metadata: down, exemplars: down, buildinfo: down });
    const res = await get('from=now-1h&to=now');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.incidents).toEqual([]);
    expect(body.sources.prometheus.status).toBe('error');
    expect(body.telemetryHealth.partial.map((g: { source: string }) => g.source)).toEqual(['prometheus', 'loki', 'jaeger']);
    expect(body.telemetryHealth.partial[0].message).toContain('ECONNREFUSED');
    expect(body.skipped).toContain('Acknowledgements and mutes could not be read (no database here).');
  });
});
