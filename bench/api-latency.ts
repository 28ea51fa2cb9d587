import { performance } from 'node:perf_hooks';
import { correlateTrace } from '@/lib/investigate/trace/correlated';
import { resolveAnchorMs } from '@/demo/scenario/anchor';
import { prometheusInstalled } from '../scripts/lib/prometheus-server';
import { startDemoBackends, startDemoPrometheus } from '../tests/helpers/demo-backends';
import { realClients } from '../tests/helpers/clients';
import { callsByEndpoint, longestChain, startDelayProxy, type ChainStep, type DelayProxy, type ProxiedCall } from './delay-proxy';
import { median, omit, round } from './pipeline';
import { investigationContext } from '@/lib/investigate/context';

/**
 * End-to-end latency of correlateTrace with real clients over delayed backends (demo Loki
 * and Jaeger, a real Prometheus backfilled with the demo history), against the slowest
 * single backend call and against the longest chain of dependent calls.
 */

export const DELAYS_MS = { jaeger: 300, loki: 200, prometheus: 100 };

export interface CallMeasure {
  wallMs: number;
  calls: number;
  callsByEndpoint: Record<string, number>;
  slowestCall: { backend: string; path: string; durationMs: number };
  criticalPath: { delaySumMs: number; durationSumMs: number; steps: ChainStep[] };
  ratioToSlowestCall: number;
  ratioToCriticalPathDelays: number;
  ratioToCriticalPathObserved: number;
  sources: Record<string, string>;
}

export interface ApiLatencyResult {
  delaysMs: typeof DELAYS_MS;
  traceId: string;
  spans: number;
  rounds: number;
  cold: CallMeasure;
  warm: CallMeasure;
  coldRuns: CallMeasure[];
  warmRuns: CallMeasure[];
  goal: string;
  explain: Record<string, string>;
}

const pickMedian = (runs: CallMeasure[]) => {
  const m = median(runs.map((r) => r.wallMs));
  return runs.reduce((a, b) => (Math.abs(b.wallMs - m) < Math.abs(a.wallMs - m) ? b : a));
};

export async function runApiLatencyBench(rounds = 5): Promise<ApiLatencyResult | { skipped: string }> {
  if (!prometheusInstalled()) return { skipped: 'Prometheus is not installed (/usr/bin/prometheus, /usr/bin/promtool)' };
  const anchorMs = resolveAnchorMs(undefined, Date.now());
  const backends = await startDemoBackends(anchorMs);
  const proxies: DelayProxy[] = [];
  let prom: Awaited<ReturnType<typeof startDemoPrometheus>> | null = null;
  try {
    prom = await startDemoPrometheus(anchorMs, { scrape: backends });
    const log: ProxiedCall[] = [];
    const jp = await startDelayProxy('jaeger', backends.url, DELAYS_MS.jaeger, log);
    const lp = await startDelayProxy('loki', backends.url, DELAYS_MS.loki, log);
    const pp = await startDelayProxy('prometheus', prom.url, DELAYS_MS.prometheus, log);
    proxies.push(jp, lp, pp);
    const urls = { jaeger: `${jp.url}/jaeger`, loki: `${lp.url}/loki`, prometheus: pp.url };

    // A risk-engine error trace of the demo (found without the proxies).
    const direct = realClients({ jaeger: backends.jaegerUrl });
    const now = Date.now();
    const found = await direct.jaeger!.searchTraces({ service: 'risk-engine', tags: { error: 'true' }, fromMs: now - 10 * 60_000, toMs: now, limit: 5 });
    if (found.length === 0) return { skipped: 'the demo Jaeger returned no risk-engine error trace' };
    const traceId = found[0].traceId;
    const range = () => ({ fromMs: Date.now() - 3_600_000, toMs: Date.now() });

    const measure = async (clients: ReturnType<typeof realClients>): Promise<CallMeasure & { spans: number }> => {
      log.length = 0;
      const t0 = performance.now();
      const r = await correlateTrace(investigationContext({ clients, nowMs: Date.now() }), traceId, range());
      const wallMs = performance.now() - t0;
      const calls = log.filter((c) => c.startMs >= t0);
      const slowest = calls.reduce((a, b) => (b.endMs - b.startMs > a.endMs - a.startMs ? b : a));
      const slowestMs = slowest.endMs - slowest.startMs;
      const chain = longestChain(calls);
      return {
        wallMs: round(wallMs),
        calls: calls.length,
        callsByEndpoint: callsByEndpoint(calls),
        slowestCall: { backend: slowest.backend, path: slowest.path, durationMs: round(slowestMs) },
        criticalPath: chain,
        ratioToSlowestCall: round(wallMs / slowestMs, 2),
        ratioToCriticalPathDelays: round(wallMs / chain.delaySumMs, 2),
        ratioToCriticalPathObserved: round(wallMs / chain.durationSumMs, 2),
        sources: Object.fromEntries(Object.entries(r.sources).map(([k, v]) => [k, v.status])),
        spans: r.trace?.spans.length ?? 0,
      };
    };

    const coldRuns: CallMeasure[] = [];
    const warmRuns: CallMeasure[] = [];
    let spans = 0;
    for (let i = 0; i < rounds; i++) {
      // Fresh clients: no API-version probe result, no metadata cache (both are per client).
      const clients = realClients(urls);
      const cold = await measure(clients);
      const warm = await measure(clients);
      spans = cold.spans;
      coldRuns.push(strip(cold));
      warmRuns.push(strip(warm));
    }
    return {
      delaysMs: DELAYS_MS,
      traceId,
      spans,
      rounds,
      cold: pickMedian(coldRuns),
      warm: pickMedian(warmRuns),
      coldRuns,
      warmRuns,
      goal: '≤ 1.1× the slowest single backend call (ratioToSlowestCall)',
      explain: {
        wallMs: 'wall time of correlateTrace (real clients, real HTTP through the delay proxies); cold/warm are the run with the median wall time',
        cold: 'first call on fresh clients: nothing cached (Jaeger API version, Prometheus metadata and metric inventory, Loki labels, no prefetch)',
        warm: 'second call on the same clients right after: the Jaeger answer is shared for 5 s and the metrics prefetch for 15 s, so Jaeger is not asked again',
        slowestCall: 'the longest single proxied request during the call (artificial delay + backend time)',
        'criticalPath.delaySumMs': 'sum of the artificial delays along the longest chain of requests where each started after the previous ended, as observed: no implementation issuing these calls in this order can be faster. Calls that merely happened one after the other also count as a chain, so this can overstate the true dependencies (the steps are listed to check)',
        'criticalPath.durationSumMs': 'the same chain with observed request durations',
        ratioToSlowestCall: 'wallMs / slowestCall.durationMs: the ratio the issue asks for (goal ≤ 1.1)',
        ratioToCriticalPathDelays: 'wallMs / criticalPath.delaySumMs',
        ratioToCriticalPathObserved: 'wallMs / criticalPath.durationSumMs: the overhead beyond the dependent calls themselves',
      },
    };
  } finally {
    for (const p of proxies) await p.close();
    await prom?.stop();
    await backends.close();
  }
}

const strip = (m: CallMeasure & { spans: number }): CallMeasure => omit(m, 'spans') as CallMeasure;
