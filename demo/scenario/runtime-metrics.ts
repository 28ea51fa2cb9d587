import type { Labels } from '../../lib/model/types';
import { hash32 } from './random';
import { DEMO_SEED, LEAK_START_OFFSET_MS, SERVICES, isStorming, serviceLabels } from './story';
import { gaugeFamily, noisy, processStartMs, stormSplitCounts, type MetricFamily, type MetricSource, type Sample } from './metric-math';

/**
 * Runtime metrics under the names real client libraries use: client_golang for Go
 * services, simpleclient_hotspot for the JVM ones (docs/anomalies.md §5).
 */

const MB = 1024 * 1024;

/** GC rates per (service, collector) outside and during storms: collections/s and mean pause. */
interface GcProfile { rates: [number, number]; meanPauseS: [number, number] }

function gcProfile(service: string, gc: string): GcProfile {
  const always = (rate: number, meanPauseS: number): GcProfile => ({ rates: [rate, rate], meanPauseS: [meanPauseS, meanPauseS] });
  if (service === 'risk-engine') {
    // The storm: young GCs from 0.2/s to 30/s; with old-gen collections > 25 % of wall time.
    return gc === 'G1 Young Generation' ? { rates: [0.2, 30], meanPauseS: [0.015, 0.0105] } : { rates: [1 / 900, 1 / 30], meanPauseS: [0.25, 0.35] };
  }
  if (gc === 'G1 Young Generation') return always(0.15, 0.012);
  if (gc === 'G1 Old Generation') return always(1 / 1200, 0.2);
  return always(0.1 + 0.2 * ((hash32(service, 'gc') % 100) / 100), 0.00025); // Go
}

function gcSummary(name: string, services: string[], anchorMs: number, seed: number, gcLabel: string | null): MetricSource[] {
  return services.map((svc) => {
    const labels: Labels = gcLabel ? { ...serviceLabels(svc), gc: gcLabel } : serviceLabels(svc);
    const profile = gcProfile(svc, gcLabel ?? 'go');
    const key = `${svc}:${name}:${gcLabel ?? ''}`;
    return {
      key, service: svc, labels,
      at(t: number) {
        const n = stormSplitCounts(profile.rates, processStartMs(svc, t, anchorMs, seed), t, anchorMs, hash32(seed, key));
        const count = Math.floor(n[0] + n[1]);
        const sum = n[0] * profile.meanPauseS[0] + n[1] * profile.meanPauseS[1];
        const out: Sample[] = [];
        if (!gcLabel) {
          // client_golang also exports pause quantiles (a gauge-like snapshot of recent pauses).
          const mean = profile.meanPauseS[0];
          for (const [q, f] of [['0', 0.3], ['0.25', 0.6], ['0.5', 0.9], ['0.75', 1.3], ['1', 3]] as const) {
            out.push({ name, labels: { ...labels, quantile: q }, value: noisy(seed, `${key}${q}`, t, mean * f, 0.1) });
          }
        }
        out.push({ name: `${name}_sum`, labels, value: sum }, { name: `${name}_count`, labels, value: count });
        return out;
      },
    };
  });
}

/** Go, JVM and process metrics of every service, for a given anchor. */
export function runtimeFamilies(anchorMs: number, seed = DEMO_SEED): MetricFamily[] {
  const go = SERVICES.filter((s) => s.runtime === 'go').map((s) => s.name);
  const jvm = SERVICES.filter((s) => s.runtime === 'jvm').map((s) => s.name);
  const all = SERVICES.map((s) => s.name);
  const leakAt = anchorMs + LEAK_START_OFFSET_MS;
  const storming = (svc: string, t: number) => svc === 'risk-engine' && isStorming(anchorMs, t);
  const int = (x: number) => Math.round(x);

  return [
    { name: 'go_gc_duration_seconds', type: 'summary', help: 'A summary of the pause duration of garbage collection cycles.', metrics: gcSummary('go_gc_duration_seconds', go, anchorMs, seed, null) },
    gaugeFamily('go_goroutines', 'Number of goroutines that currently exist.', go, (svc, t) =>
      svc === 'worker'
        ? 60 + Math.floor((0.05 * Math.max(0, t - leakAt)) / 1000) // leaks ~3 goroutines a minute, never released
        : int(noisy(seed, `${svc}:gr`, t, 90, 0.08)),
    ),
    gaugeFamily('go_threads', 'Number of OS threads created.', go, (svc, t) => int(noisy(seed, `${svc}:th`, t, 14, 0.07))),
    gaugeFamily('go_memstats_heap_inuse_bytes', 'Number of heap bytes that are in use.', go, (svc, t) => int(noisy(seed, `${svc}:heap`, t, 38 * MB, 0.12))),
    {
      name: 'jvm_gc_collection_seconds', type: 'summary', help: 'Time spent in a given JVM garbage collector in seconds.',
      metrics: [...gcSummary('jvm_gc_collection_seconds', jvm, anchorMs, seed, 'G1 Young Generation'), ...gcSummary('jvm_gc_collection_seconds', jvm, anchorMs, seed, 'G1 Old Generation')],
    },
    gaugeFamily('jvm_memory_bytes_used', 'Used bytes of a given JVM memory area.', jvm, (svc, t) =>
      int(storming(svc, t) ? noisy(seed, `${svc}:jheap`, t, 980 * MB, 0.02) : noisy(seed, `${svc}:jheap`, t, 420 * MB, 0.25)), { area: 'heap' }),
    gaugeFamily('jvm_memory_bytes_max', 'Max (bytes) of a given JVM memory area.', jvm, () => 1024 * MB, { area: 'heap' }),
    gaugeFamily('jvm_threads_current', 'Current thread count of a JVM.', jvm, (svc, t) => int(noisy(seed, `${svc}:jth`, t, 52, 0.05))),
    gaugeFamily('process_start_time_seconds', 'Start time of the process since unix epoch in seconds.', all, (svc, t) => processStartMs(svc, t, anchorMs, seed) / 1000),
    gaugeFamily('process_open_fds', 'Number of open file descriptors.', all, (svc, t) => int(noisy(seed, `${svc}:fds`, t, 42, 0.06))),
  ];
}
