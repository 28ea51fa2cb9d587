/**
 * The counter-reset detector counts exactly what Prometheus' resets() counts: random
 * counters (monotone, resets to zero, resets to a non-zero value, resets in a row, resets
 * at the first and last sample of a window) are backfilled into a real Prometheus, and
 * resets(x_total[R]) at several evaluation times is compared with countResets on the same
 * samples.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng } from '@/lib/anomalies/test-helpers';
import { countResets } from '@/lib/anomalies';
import { createPrometheusClient } from '@/lib/sources';
import type { PrometheusClient } from '@/lib/sources/types';
import { prometheusInstalled, startPrometheus, type RunningPrometheus } from '@/scripts/lib/prometheus-server';

type Points = [number, number][];

const SEED = 20_260_302;
const MIN = 60_000;
/** Whole minute, two hours back: old enough for a backfilled block, inside retention. */
const BASE = Math.floor((Date.now() - 2 * 60 * MIN) / MIN) * MIN;
const SPAN = 90 * MIN;

/**
 * Sample times 10–20 s apart, always 7 ms past a whole second, so no sample sits exactly
 * on an evaluation boundary (evaluations are on whole seconds): Prometheus before 3.0
 * includes a sample at exactly T−R, 3.0 and later do not; countResets follows 3.0.
 */
function sampleTimes(rand: () => number): number[] {
  const out: number[] = [];
  for (let t = BASE + 7; t < BASE + SPAN; t += (10 + Math.floor(rand() * 11)) * 1000) out.push(t);
  return out;
}

function randomCounter(rand: () => number, times: number[], resetChance: number): Points {
  let v = Math.floor(rand() * 100);
  return times.map((t) => {
    const r = rand();
    if (r < resetChance / 2) v = 0;
    else if (r < resetChance) v = Math.floor(v * rand()); // to a non-zero value when v was large
    else if (r < resetChance + 0.1) v += 0; // flat steps are not resets
    else v += Math.round(rand() * 1000) / 10;
    return [t, v];
  });
}

function buildSeries(): Map<string, Points> {
  const rand = prng(SEED);
  const series = new Map<string, Points>();
  const times = () => sampleTimes(rand);
  series.set('monotone', randomCounter(rand, times(), 0));
  series.set('sparse-resets', randomCounter(rand, times(), 0.03));
  series.set('frequent-resets', randomCounter(rand, times(), 0.3));
  // Resets in a row: 50, 40, 30, 20 … then growing again.
  const row = times();
  series.set('resets-in-a-row', row.map((t, i): [number, number] => [t, i < 20 ? 100 - (i % 10) * 10 : 5 * i]));
  // A reset at the very first and at the very last sample of the data.
  const edges = times();
  series.set('reset-at-edges', edges.map((t, i): [number, number] => [t, i === 0 ? 500 : i === edges.length - 1 ? 1 : 3 + i]));
  for (let n = 0; n < 8; n++) series.set(`random-${n}`, randomCounter(rand, times(), rand() * 0.2));
  return series;
}

function toOpenMetrics(series: Map<string, Points>): string {
  const lines = ['# HELP x A counter with random resets.', '# TYPE x counter'];
  for (const [name, points] of series) {
    for (const [t, v] of points) lines.push(`x_total{series="${name}"} ${v} ${(t / 1000).toFixed(3)}`);
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}

describe.runIf(prometheusInstalled())('counter resets agree with Prometheus resets()', () => {
  const series = buildSeries();
  let prom: RunningPrometheus;
  let client: PrometheusClient;

  beforeAll(async () => {
    prom = await startPrometheus({ openmetrics: toOpenMetrics(series) });
    client = createPrometheusClient({ name: 'prometheus', baseUrl: prom.url, auth: null, timeoutMs: 30_000, demo: false });
  });

  afterAll(async () => {
    await prom?.stop();
  });

  const cases: [number, number][] = [];
  const evalRand = prng(SEED + 1);
  for (const rangeMin of [1, 5, 17, 60, 120]) {
    for (let i = 0; i < 4; i++) cases.push([rangeMin, BASE + Math.floor(evalRand() * (SPAN + 10 * MIN) / 1000) * 1000]);
  }
  // Windows that start before the first sample and end after the last, and empty ones.
  cases.push([120, BASE + SPAN + 5 * MIN], [3, BASE + 60_000], [1, BASE - 5 * MIN], [1, BASE + SPAN + 10 * MIN]);

  it.each(cases)('resets(x_total[%im]) at %i', async (rangeMin, evalMs) => {
    const rangeMs = rangeMin * MIN;
    const r = await client.query(`resets(x_total[${rangeMin}m])`, evalMs);
    const fromPrometheus = new Map(r.series.map((s) => [s.labels.series, s.points[0][1]]));
    for (const [name, points] of series) {
      const ours = countResets(points, evalMs - rangeMs, evalMs);
      expect({ series: name, resets: fromPrometheus.get(name) ?? null }).toEqual({ series: name, resets: ours });
    }
  });

  it('covers windows with resets, without, and with no samples at all', async () => {
    const counts = cases.flatMap(([rangeMin, evalMs]) => [...series.values()].map((p) => countResets(p, evalMs - rangeMin * MIN, evalMs)));
    expect(counts).toContain(null);
    expect(counts).toContain(0);
    expect(counts.some((c) => (c ?? 0) > 3)).toBe(true);
  });
});
