import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeTransport, json, sourceConfig, text } from '../test-helpers';
import { createJaegerClient } from './client';
import { normalizeTraceV1 } from './normalize-v1';
import { traceV1Schema } from './schemas';
import { summarizeTrace } from './summary';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const search = { service: 'frontend', fromMs: 0, toMs: 2_000_000 };

describe('trace summaries', () => {
  it('reads the v3 FindTraceSummaries snapshot', async () => {
    const { transport, requests } = fakeTransport('jaeger', () => json(fixture('jaeger-v3-FindTraceSummaries.json')));
    const jaeger = createJaegerClient(sourceConfig('jaeger'), transport, 'v3');
    expect(await jaeger.searchTraceSummaries!(search)).toEqual([
      { traceId: '00000000000000000000000000000001', rootService: 'frontend', rootOperation: 'HTTP GET /', startMs: 1_000_000, durationMs: 1_000, spanCount: 2, errorSpanCount: 1, services: ['frontend'] },
    ]);
    expect(requests[0].url.pathname).toBe('/api/v3/trace-summaries');
  });

  it('computes summaries from full traces when the server has no summaries route', async () => {
    const { transport, requests } = fakeTransport('jaeger', (req) =>
      req.url.pathname === '/api/v3/trace-summaries' ? text('404 page not found', 404) : json(fixture('jaeger-v3-FindTraces.json')),
    );
    const jaeger = createJaegerClient(sourceConfig('jaeger'), transport, 'v3');
    const [s] = await jaeger.searchTraceSummaries!(search);
    expect(s).toMatchObject({ traceId: '00000000000000000000000000000001', rootOperation: 'foobar', spanCount: 1, errorSpanCount: 1 });
    expect(requests.map((r) => r.url.pathname)).toEqual(['/api/v3/trace-summaries', '/api/v3/traces']);
  });

  it('treats "No traces found" as an empty summary list', async () => {
    const { transport } = fakeTransport('jaeger', () => json({ error: { httpCode: 404, message: 'No traces found' } }, 404));
    expect(await createJaegerClient(sourceConfig('jaeger'), transport, 'v3').searchTraceSummaries!(search)).toEqual([]);
  });

  it('picks the true root over orphans and counts error spans and services', () => {
    const t = normalizeTraceV1(traceV1Schema.parse(fixture('jaeger-v1-trace-ui_01.json')))!;
    expect(summarizeTrace(t)).toEqual({
      traceId: '00000000000000000000000000000001',
      rootService: 'service-x',
      rootOperation: 'test-general-conversion',
      startMs: 1485467191639,
      durationMs: 0.005,
      spanCount: 5,
      errorSpanCount: 1,
      services: ['service-x', 'service-y'],
    });
  });
});
