import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrlsForView } from './api-urls';
import { captureSnapshot, selfBaseUrl } from './snapshot-capture';

// A real HTTP server standing in for the app's own API: metrics and markers answer, logs fail.
let server: Server;
let baseUrl: string;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/api/v1/query/metrics')) {
      res.end(JSON.stringify({ series: [{ name: 'up', labels: {}, points: [[1, 1]] }], warnings: [], step: 15 }));
    } else if (req.url?.startsWith('/api/v1/anomalies')) {
      res.end(JSON.stringify({ anomalies: [], sources: {}, range: {} }));
    } else if (req.url?.startsWith('/api/v1/query/logs')) {
      res.statusCode = 502;
      res.end(JSON.stringify({ error: { code: 'source_unreachable', message: 'loki: connection refused' } }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('captureSnapshot', () => {
  const path = '/explore?query=up&logql=%7Bjob%3D%22a%22%7D&from=2026-11-23T11%3A00%3A00.000Z&to=2026-11-23T12%3A00%3A00.000Z';

  it('stores each response under the exact URL the view requests, and failed parts with their reason', async () => {
    const snap = await captureSnapshot(path, { baseUrl, fetch, nowMs: Date.parse('2026-11-23T12:00:05Z'), maxRawBytes: 1 << 20 });
    const [metricsUrl, markersUrl, logsUrl] = apiUrlsForView(path);
    expect(seen).toEqual(expect.arrayContaining([metricsUrl, markersUrl, logsUrl]));
    expect(snap.takenAt).toBe('2026-11-23T12:00:05.000Z');
    expect(snap.path).toBe(path);
    expect(Object.keys(snap.responses).sort()).toEqual([markersUrl, metricsUrl].sort());
    expect((snap.responses[metricsUrl] as { series: unknown[] }).series).toHaveLength(1);
    expect(snap.failed).toEqual({ [logsUrl]: { status: 502, message: 'loki: connection refused' } });
  });

  it('records an unreachable app as a failed part rather than throwing', async () => {
    const snap = await captureSnapshot('/anomalies?from=2026-11-23T11%3A00%3A00.000Z&to=2026-11-23T12%3A00%3A00.000Z', {
      baseUrl: 'http://127.0.0.1:1',
      fetch,
      nowMs: 0,
      maxRawBytes: 1 << 20,
    });
    expect(snap.responses).toEqual({});
    // The anomalies view asks for its findings and its incidents: both failed.
    expect(Object.values(snap.failed)).toHaveLength(2);
    expect(Object.values(snap.failed)[0].status).toBe(502);
  });
});

describe('captureSnapshot caps what it holds while capturing', () => {
  it('a part past the raw budget is recorded as too large and not kept; parts within it are kept', async () => {
    const path = '/explore?query=up&logql=%7Bjob%3D%22a%22%7D&from=2026-11-23T11%3A00%3A00.000Z&to=2026-11-23T12%3A00%3A00.000Z';
    const [metricsUrl] = apiUrlsForView(path);
    const big = `{"series":[${Array.from({ length: 5_000 }, () => '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"').join(',')}]}`;
    const fakeFetch = (async (input: RequestInfo | URL) => new Response(String(input).includes('/api/v1/query/metrics') ? big : '{"ok":true}', { headers: { 'content-type': 'application/json' } })) as typeof fetch;
    const snap = await captureSnapshot(path, { baseUrl: 'http://127.0.0.1:1', fetch: fakeFetch, nowMs: 0, maxRawBytes: 100_000 });
    expect(big.length).toBeGreaterThan(100_000);
    expect(snap.failed[metricsUrl]).toEqual({ status: 413, message: 'too large for a snapshot (narrow the range or the query)' });
    expect(Object.keys(snap.responses).length, JSON.stringify(snap.failed)).toBeGreaterThan(0);
  });
});

describe('selfBaseUrl', () => {
  it('uses loopback when listening on every interface', () => {
    expect(selfBaseUrl('0.0.0.0', 3000)).toBe('http://127.0.0.1:3000');
    expect(selfBaseUrl('::', 3000)).toBe('http://127.0.0.1:3000');
    expect(selfBaseUrl('127.0.0.1', 3100)).toBe('http://127.0.0.1:3100');
    expect(selfBaseUrl('::1', 3100)).toBe('http://[::1]:3100');
  });
});
