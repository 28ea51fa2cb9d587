import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAnomalies } from '@/lib/investigate/scan/anomalies';
import { withRequestBudget } from '@/lib/sources/byte-budget';
import type { SourceName } from '@/lib/model/types';
import { realClients } from '../helpers/clients';
import { closedPortUrl, FAULTS, startFaultServer, type Fault, type FaultServer } from '../helpers/fault-servers';
import { investigationContext } from '@/lib/investigate/context';

/**
 * Done-when of issue 14, "Fault matrix" (table in docs/reliability.md): each backend ×
 * each fault, against local fake servers, through the real clients and the anomaly scan.
 * Only the faulty source degrades, the others answer, the process lives, RSS stays under
 * RSS_BOUND_MB.
 */

const SOURCES: SourceName[] = ['prometheus', 'loki', 'jaeger'];
const TIMEOUT_MS = 1_500;
/**
 * The stated bound (docs/reliability.md, "Memory budget"): what one faulty source may make
 * the process hold is its bytes in flight (96 MiB) while one request may read at most
 * 128 MiB from it, next to the test process's own ~150–250 MB. RSS is sampled every 25 ms
 * during each case, so the peak is the peak, not what was left after.
 */
export const RSS_BOUND_MB = 512;

describe('fault matrix: each backend × each fault degrades only that source', () => {
  const servers = {} as Record<SourceName, FaultServer>;
  const rows: string[] = [];
  let refusedUrl = '';
  let peakRssMb = 0;

  beforeAll(async () => {
    for (const s of SOURCES) servers[s] = await startFaultServer(s);
    refusedUrl = await closedPortUrl();
  });
  afterAll(async () => {
    for (const s of SOURCES) await servers[s]?.close();
    const table = [
      '| backend | fault | that source | other sources | scan time | peak RSS |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
      `Peak RSS ${peakRssMb} MB (bound ${RSS_BOUND_MB} MB); client timeout ${TIMEOUT_MS} ms.`,
    ].join('\n');
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/fault-matrix.md', `${table}\n`);
    console.log(`\n${table}\n`);
  });

  const cases = SOURCES.flatMap((source) => FAULTS.map((fault) => [source, fault] as [SourceName, Fault]));
  it.each(cases)('%s × %s', async (source, fault) => {
    for (const s of SOURCES) servers[s].fault = s === source && fault !== 'refused' ? fault : null;
    const urls = Object.fromEntries(SOURCES.map((s) => [s, s === source && fault === 'refused' ? refusedUrl : servers[s].url]));
    // Fresh clients per case: a breaker opened by one case must not colour the next.
    const clients = realClients(urls, TIMEOUT_MS);
    const nowMs = Date.now();
    const t0 = Date.now();
    let peak = process.memoryUsage.rss();
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 25);
    // As GET /api/v1/anomalies runs it: inside the request's byte budget (route() in lib/api/respond.ts).
    const res = await withRequestBudget(() => findAnomalies(investigationContext({ clients, nowMs }), { fromMs: nowMs - 30 * 60_000, toMs: nowMs })).finally(() => clearInterval(sampler));
    const ms = Date.now() - t0;
    const rss = Math.round(Math.max(peak, process.memoryUsage.rss()) / 1024 / 1024);
    peakRssMb = Math.max(peakRssMb, rss);

    const mine = res.sources[source];
    const others = SOURCES.filter((s) => s !== source).map((s) => `${s} ${res.sources[s].status}`).join(', ');
    rows.push(`| ${source} | ${fault} | ${mine.status}${mine.kind ? ` (${mine.kind})` : ''} | ${others} | ${(ms / 1000).toFixed(1)} s | ${rss} MB |`);
    expect(mine.status, JSON.stringify(mine)).not.toBe('ok');
    for (const other of SOURCES.filter((s) => s !== source)) expect(res.sources[other].status, `${other}: ${JSON.stringify(res.sources[other])}`).toBe('ok');
    expect(rss).toBeLessThan(RSS_BOUND_MB);
  }, 60_000);
});
