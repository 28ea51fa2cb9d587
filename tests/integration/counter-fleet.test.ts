/**
 * The counter-reset scan on a generated fleet in a real Prometheus: random metric and
 * label names (not taken from any list), counters, histograms and summaries whose targets
 * restart (to zero and to restored non-zero values), "counters" that go down on their own,
 * gauges, and scrape gaps. For every series, over the full range and random sub-ranges,
 * the app's count equals Prometheus' own resets(); no gauge is ever flagged. A second
 * part scrapes a live exporter so metadata exists, and checks a gauge named like a
 * counter is left alone.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriesKey } from '@/lib/anomalies/series-utils';
import { findAnomalies } from '@/lib/investigate/scan/anomalies';
import type { Anomaly } from '@/lib/model/anomaly';
import { createPrometheusClient } from '@/lib/sources';
import type { PrometheusClient } from '@/lib/sources/types';
import { prometheusInstalled, startPrometheus, type RunningPrometheus } from '@/scripts/lib/prometheus-server';
import { fleetOpenMetrics, generateFleet, rng, type FleetSeries } from '../helpers/fleet';
import { sourceConfig } from '../helpers/clients';
import { investigationContext } from '@/lib/investigate/context';

const MIN = 60_000;
// Seeded, so a CI run is repeatable; FLEET_SEED explores other fleets (names stay random either way).
const SEED = Number(process.env.FLEET_SEED ?? 20_261_204);
const END = Math.floor(Date.now() / MIN) * MIN - 30 * MIN;
const START = END - 3 * 60 * MIN;

async function scan(prom: PrometheusClient, fromMs: number, toMs: number) {
  return findAnomalies(
    investigationContext({ clients: { prometheus: prom, loki: null, jaeger: null }, nowMs: toMs, config: { budgets: { deadlineMs: 120_000, counterScanMs: 90_000 } } }),
    { fromMs, toMs, kinds: ['counter_reset'] },
  );
}

/** Prometheus' own resets() of every series of these names at toMs over (fromMs, toMs]. */
async function prometheusResets(prom: PrometheusClient, names: readonly string[], fromMs: number, toMs: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const r = `${Math.round((toMs - fromMs) / 1000)}s`;
  for (const name of names) {
    const res = await prom.query(`resets(${name}[${r}])`, toMs);
    for (const s of res.series) out.set(seriesKey(name, s.labels), s.points[0][1]);
  }
  return out;
}

describe.runIf(prometheusInstalled())(`counter resets on a generated fleet (seed ${SEED})`, () => {
  let prom: RunningPrometheus;
  let client: PrometheusClient;
  let fleet: FleetSeries[];

  beforeAll(async () => {
    fleet = generateFleet({
      seed: SEED,
      fromMs: START,
      toMs: END,
      stepMs: 15_000,
      families: { counter: 6, histogram: 3, summary: 2, non_monotonic: 2, gauge: 4 },
      targets: 3,
      restartsPerTarget: 2,
      gapChance: 0.4,
    });
    prom = await startPrometheus({ openmetrics: fleetOpenMetrics(fleet) });
    client = createPrometheusClient(sourceConfig('prometheus', prom.url, 30_000));
  });

  afterAll(async () => {
    await prom?.stop();
  });

  const counterNames = () => [...new Set(fleet.filter((s) => s.kind !== 'gauge').map((s) => s.name))];
  const gaugeNames = () => new Set(fleet.filter((s) => s.kind === 'gauge').map((s) => s.name));

  function expectParity(found: Anomaly[], truth: Map<string, number>) {
    const byKey = new Map(found.map((a) => [seriesKey(a.subject.series!.name, a.subject.series!.labels), a]));
    let withResets = 0;
    for (const [key, count] of truth) {
      const record = byKey.get(key);
      if (count === 0) {
        expect(record, `no record for ${key}`).toBeUndefined();
        continue;
      }
      withResets += 1;
      expect(record, `a record for ${key} (${count} resets)`).toBeDefined();
      expect(record!.evidence.resets, key).toBe(count);
      expect(record!.evidence.countedFrom).toBe('raw_samples');
      expect((record!.evidence.steps as unknown[]).length).toBe(Math.min(count, 20));
    }
    expect(found.length).toBe(withResets);
    for (const a of found) expect(gaugeNames().has(a.subject.series!.name)).toBe(false);
    return withResets;
  }

  it('counts every series exactly as Prometheus resets() over the full range, gauges never flagged', async () => {
    const res = await scan(client, START, END);
    expect(res.sources.prometheus.status).toBe('ok');
    const truth = await prometheusResets(client, counterNames(), START, END);
    const withResets = expectParity(res.anomalies, truth);
    expect(withResets).toBeGreaterThan(10); // the fleet restarts: a scan that finds nothing proves nothing
    expect(res.counterScan).toMatchObject({ counters: counterNames().length, checked: counterNames().length, skippedCount: 0 });
  });

  it('keeps parity on random sub-ranges, some starting exactly on a sample', async () => {
    const r = rng(SEED + 1);
    for (let i = 0; i < 4; i++) {
      // Every other sub-range starts on a 15-s sample: Prometheus 2.x selects it, 3.x does not.
      const from = START + Math.floor(r() * 100) * MIN + (i % 2 === 0 ? Math.floor(r() * 4) * 15_000 : Math.floor(r() * 60) * 1000);
      const to = Math.min(END, from + (20 + Math.floor(r() * 60)) * MIN);
      const res = await scan(client, from, to);
      expectParity(res.anomalies, await prometheusResets(client, counterNames(), from, to));
    }
  });

  it('reports one record per series whose restart groups name the target and time', async () => {
    const res = await scan(client, START, END);
    for (const a of res.anomalies) {
      const groups = a.evidence.groups as string[];
      for (const g of groups) expect(g).toMatch(new RegExp(`^${a.subject.series!.labels.job}/`));
    }
  });
});

describe.runIf(prometheusInstalled())('counter scan with metadata from a live scrape', () => {
  let prom: RunningPrometheus;
  let server: Server;
  let scrapes = 0;

  beforeAll(async () => {
    // Every scrape: a counter that restarts every 3rd scrape, and a gauge named like a
    // counter that goes down just as often. Only metadata can tell them apart.
    server = createServer((_req, res) => {
      scrapes += 1;
      const v = (scrapes % 3) * 10;
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(
        [
          '# TYPE qpx_jobs_total counter',
          `qpx_jobs_total{job_kind="a"} ${v}`,
          '# TYPE zrv_queue_depth_total gauge',
          `zrv_queue_depth_total{lane="b"} ${v}`,
          '# TYPE wq_latency_seconds summary',
          `wq_latency_seconds{quantile="0.5"} ${3 - (scrapes % 3)}`,
          `wq_latency_seconds_sum ${v}`,
          `wq_latency_seconds_count ${v}`,
          '',
        ].join('\n'),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    prom = await startPrometheus({ scrapeTarget: `127.0.0.1:${port}`, metricsPath: '/metrics', scrapeInterval: '1s' });
    const client = createPrometheusClient(sourceConfig('prometheus', prom.url));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const meta = await client.metadata().catch(() => ({}));
      if (scrapes >= 8 && 'zrv_queue_depth_total' in meta && 'wq_latency_seconds' in meta) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  });

  afterAll(async () => {
    await prom?.stop();
    await new Promise((r) => server?.close(r));
  });

  it('flags the counter and the summary count, never the gauge named like a counter nor the quantiles', async () => {
    const client = createPrometheusClient(sourceConfig('prometheus', prom.url));
    const now = Date.now();
    const res = await scan(client, now - 2 * MIN, now);
    const names = new Set(res.anomalies.map((a) => a.subject.series!.name));
    expect(names.has('qpx_jobs_total')).toBe(true);
    expect(names.has('wq_latency_seconds_count')).toBe(true);
    expect(names.has('zrv_queue_depth_total')).toBe(false);
    expect(names.has('wq_latency_seconds')).toBe(false);
    // Prometheus does count resets on the gauge: leaving it out is the metadata's doing.
    const raw = await client.query('resets(zrv_queue_depth_total[2m])', now);
    expect(raw.series[0].points[0][1]).toBeGreaterThan(0);
  });
});
