import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type RunningDemo } from './server';

/** The demo process's HTTP server on a real socket: what the app and Prometheus talk to. */
describe('the demo server', () => {
  let demo: RunningDemo;
  beforeAll(async () => {
    demo = await startDemoServer({ anchorMs: Math.floor(Date.now() / 60_000) * 60_000 - 20 * 60_000 });
  });
  afterAll(() => demo.close());

  it('serves the demo Loki (form-encoded POSTs too), the demo Jaeger and the exporter below their mounts', async () => {
    const series = await fetch(`${demo.lokiUrl}/loki/api/v1/series`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ 'match[]': '{service_name="risk-engine"}', start: String((Date.now() - 300_000) * 1e6), end: String(Date.now() * 1e6) }),
    });
    expect(series.status).toBe(200);
    expect(((await series.json()) as { data: { service_name: string }[] }).data[0].service_name).toBe('risk-engine');
    const services = (await (await fetch(`${demo.jaegerUrl}/api/services`)).json()) as { data: string[] };
    expect(services.data).toContain('risk-engine');
    const metrics = await fetch(`${demo.url}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('application/openmetrics-text');
    expect(await metrics.text()).toMatch(/# EOF\n$/);
  }, 30_000);

  it('answers a bad LogQL query with Loki’s plain-text 400', async () => {
    const res = await fetch(`${demo.lokiUrl}/loki/api/v1/query_range?${new URLSearchParams({ query: '{service_name="a"} | line_format "x"' })}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('parse error at line 1, col 22: line_format is not supported by the demo Loki');
  });

  it('goes offline and back through /control', async () => {
    const post = (backends: boolean) => fetch(`${demo.url}/control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ backends }) });
    expect((await post(false)).status).toBe(200);
    expect((await fetch(`${demo.jaegerUrl}/api/services`)).status).toBe(503);
    expect((await fetch(`${demo.url}/ready`)).status).toBe(200);
    expect((await post(true)).status).toBe(200);
    expect((await fetch(`${demo.jaegerUrl}/api/services`)).status).toBe(200);
  });

  it('refuses a request body over 1 MiB with 413', async () => {
    const res = await fetch(`${demo.lokiUrl}/loki/api/v1/series`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'x'.repeat(1024 * 1024 + 1) });
    expect(res.status).toBe(413);
  });
});
