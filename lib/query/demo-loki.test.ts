import { describe, expect, it } from 'vitest';
import { errorResponse } from '../api/respond';
import { handleLokiRequest } from '@/demo/loki';
import { createLokiClient } from '../sources/loki/client';
import { fakeTransport, sourceConfig } from '../sources/test-helpers';
import { runLogsQuery } from './logs';
import { runLogVolume } from './log-volume';
import { investigationContext } from '../investigate/context';
import { NOW } from './test-fakes';

/** The logs endpoint against the built-in demo Loki, through the real HTTP client (no network). */
function demoLoki() {
  const { transport } = fakeTransport('loki', (req) => {
    const r = handleLokiRequest({ path: req.url.pathname, params: req.url.searchParams, headers: Object.fromEntries(req.headers) }, { anchorMs: NOW, nowMs: NOW });
    return new Response(r.body, { status: r.status, headers: { 'content-type': r.contentType } });
  });
  return createLokiClient(sourceConfig('loki'), transport);
}

const deps = () => investigationContext({ clients: { loki: demoLoki() }, nowMs: NOW });

describe('logs query against the demo Loki', () => {
  it('returns newest-first entries whose trace ids are extracted from each log format', async () => {
    const r = await runLogsQuery({ query: '{service_name=~"payment-gateway|inventory-service|api-gateway"}', from: 'now-15m', limit: '500' }, deps());
    expect(r.resultType).toBe('streams');
    expect(r.logs.length).toBeGreaterThan(0);
    for (let i = 1; i < r.logs.length; i++) expect(BigInt(r.logs[i - 1].tsNs) >= BigInt(r.logs[i].tsNs)).toBe(true);
    for (const l of r.logs) {
      expect(l.ts).toBe(new Date(Number(BigInt(l.tsNs) / 1_000_000n)).toISOString());
      expect(l.service).toBe(l.labels.service_name);
    }
    // metadata (payment-gateway), json (api-gateway) and logfmt (inventory-service) all yield ids.
    const withIds = new Set(r.logs.filter((l) => l.traceId !== null).map((l) => l.service));
    expect(withIds).toEqual(new Set(['payment-gateway', 'inventory-service', 'api-gateway']));
    for (const l of r.logs) if (l.traceId) expect(l.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('draws a metric LogQL query as series', async () => {
    const r = await runLogsQuery({ query: 'sum by (service_name) (count_over_time({service_name="risk-engine"}[1m]))', from: 'now-30m' }, deps());
    expect(r.resultType).toBe('matrix');
    expect(r.series.length).toBe(1);
    expect(r.series[0].labels).toEqual({ service_name: 'risk-engine' });
    expect(r.series[0].points.some(([, v]) => v !== null && v > 0)).toBe(true);
  });

  it("passes the demo Loki's parse error through as a 400", async () => {
    const err = await runLogsQuery({ query: '{service_name="risk-engine"' }, deps()).catch((e: unknown) => e);
    const res = errorResponse(err);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^loki: .*parse error/i);
  });

  it('draws the log volume of a log query by level', async () => {
    const r = await runLogVolume({ query: '{service_name="risk-engine"}', from: 'now-1h' }, investigationContext({ clients: { loki: demoLoki() }, nowMs: NOW }));
    expect(r.series.length).toBeGreaterThan(1);
    expect(new Set(r.series.map((s) => s.labels.level))).toContain('warn');
    expect(r.series.some((s) => s.points.some(([, v]) => v !== null && v > 0))).toBe(true);
  });
});
