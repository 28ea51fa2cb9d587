import { describe, expect, it, vi } from 'vitest';
import type { JaegerClient } from '@/lib/sources/types';

let asked = 0;
const jaeger = {
  getTrace: async () => {
    asked++;
    return null;
  },
} as unknown as JaegerClient;

vi.mock('@/lib/sources', async () => {
  const { singleSourceLists } = await import('@/lib/sources/registry');
  return { getSources: () => ({ prometheus: null, loki: null, jaeger }), getSourceLists: () => singleSourceLists(({ prometheus: null, loki: null, jaeger })) };
});
vi.mock('@/lib/config', () => ({ getConfig: () => ({ demo: false }) }));

const { GET } = await import('./route');

const call = (id: string, query = 'from=now-1h&to=now') =>
  GET(new Request(`http://x/api/v1/traces/${id}/correlated?${query}`), { params: Promise.resolve({ traceId: id }) });

describe('GET /api/v1/traces/{traceId}/correlated', () => {
  it('rejects a malformed trace id with a 400 and a message, asking no backend', async () => {
    for (const bad of ['not-a-trace', '%3Cscript%3E', '1'.repeat(33), '0'.repeat(32)]) {
      const res = await call(bad);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe('bad_trace_id');
      expect(body.error.message).toMatch(/not a trace id/);
    }
    expect(asked).toBe(0);
  });

  it('rejects a bad time range with a 400', async () => {
    const res = await call('4bf92f3577b34da6a3ce929d0e0e4736', 'from=yesterday&to=now');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'bad_time_range' });
    const inverted = await call('4bf92f3577b34da6a3ce929d0e0e4736', 'from=now&to=now-1h');
    expect(inverted.status).toBe(400);
  });

  it('accepts any textual form of an id and answers with per-source status, even when the trace is unknown (no finding: nothing refers to it)', async () => {
    const res = await call('A3CE929D0E0E4736');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.traceId).toBe('0000000000000000a3ce929d0e0e4736');
    expect(body.trace).toBeNull();
    expect(body.sources.jaeger.status).toBe('ok');
    expect(body.sources.loki.status).toBe('not_configured');
    // An id no log line or exemplar names is most likely a typo, not a missing trace (issue 16).
    expect(body.anomalies.map((a: { kind: string }) => a.kind)).not.toContain('missing_trace');
  });
});
