/**
 * One anomaly scan in a process of its own, so its peak memory is the app's and not the
 * bench's (which generated the fleet). Prints one JSON line: wall time, queries sent,
 * the counter scan's coverage and the process's peak RSS.
 */
import { findAnomalies } from '@/lib/investigate/scan/anomalies';
import { seriesKey } from '@/lib/anomalies/series-utils';
import { realClients } from '../tests/helpers/clients';
import type { PrometheusClient } from '@/lib/sources/types';
import { investigationContext } from '@/lib/investigate/context';

async function main() {
  const [url, from, to] = process.argv.slice(2);
  const prom = realClients({ prometheus: url }, 60_000).prometheus!;
  let queries = 0;
  const counted = new Proxy(prom, {
    get(target, key: keyof PrometheusClient) {
      const v = target[key];
      return typeof v === 'function' ? (...args: unknown[]) => ((queries += 1), (v as (...a: unknown[]) => unknown).apply(target, args)) : v;
    },
  });
  const rssBeforeMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  const t0 = performance.now();
  const res = await findAnomalies(investigationContext({ clients: { prometheus: counted, loki: null, jaeger: null }, nowMs: Number(to) }), { fromMs: Number(from), toMs: Number(to), kinds: ['counter_reset'] });
  const wallMs = Math.round(performance.now() - t0);
  const records = res.anomalies.filter((a) => a.kind === 'counter_reset');
  process.stdout.write(
    `${JSON.stringify({
      wallMs,
      queries,
      records: records.length,
      recordsWithTimes: records.filter((a) => a.evidence.countedFrom === 'raw_samples').length,
      keys: records.map((a) => seriesKey(a.subject.series!.name, a.subject.series!.labels)),
      coverage: res.counterScan,
      skipped: res.skipped ?? [],
      prometheus: res.sources.prometheus.status,
      rssBeforeMb,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    })}\n`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
