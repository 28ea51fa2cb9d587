/**
 * A generated fleet for the counter-reset tests and the scan bench: metric names and
 * label names are random (never a list), with counters, histograms and summaries whose
 * targets restart (to zero or to a restored non-zero value), "counters" that go down
 * without a restart, gauges that go up and down, and scrape gaps. Rendered as OpenMetrics
 * for `promtool tsdb create-blocks-from openmetrics` (no metadata survives a backfill, so
 * the scan must fall back to naming conventions, as on Thanos or remote-written data).
 */
import { escapeLabelValue, formatPromNumber } from '@/lib/model/prom-text';

/** The demo's seeded generator (mulberry32): a fleet is repeatable from its seed. */
export { rng } from '@/demo/scenario/random';
import { rng } from '@/demo/scenario/random';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export function randomIdent(r: () => number, min = 3, max = 9): string {
  const n = min + Math.floor(r() * (max - min + 1));
  let s = LETTERS[Math.floor(r() * 26)];
  for (let i = 1; i < n; i++) s += r() < 0.2 ? String(Math.floor(r() * 10)) : LETTERS[Math.floor(r() * 26)];
  return s;
}

export type FleetKind = 'counter' | 'histogram' | 'summary' | 'non_monotonic' | 'gauge';

export interface FleetSeries {
  name: string;
  labels: Record<string, string>;
  kind: FleetKind;
  points: [number, number][];
}

export interface FleetOptions {
  seed: number;
  fromMs: number;
  toMs: number;
  stepMs: number;
  /** Metric families per kind. */
  families: Partial<Record<FleetKind, number>>;
  /** Targets (job/instance) per family. */
  targets: number;
  /** Restarts per target over the range (Poisson-ish mean). */
  restartsPerTarget: number;
  /** Chance that a target has one scrape gap of 1–4 minutes. */
  gapChance: number;
}

interface Target {
  job: string;
  instance: string;
  restarts: number[];
  /** A restart that restores the counter from saved state instead of from zero. */
  restoredAt: Set<number>;
  gap: [number, number] | null;
}

function targetsFor(r: () => number, o: Omit<FleetOptions, 'families'>, jobName: string): Target[] {
  const out: Target[] = [];
  for (let i = 0; i < o.targets; i++) {
    const restarts: number[] = [];
    const n = Math.floor(r() * (2 * o.restartsPerTarget + 1));
    for (let k = 0; k < n; k++) restarts.push(o.fromMs + Math.floor(r() * (o.toMs - o.fromMs)));
    restarts.sort((a, b) => a - b);
    const restoredAt = new Set(restarts.filter(() => r() < 0.3));
    let gap: [number, number] | null = null;
    if (r() < o.gapChance) {
      const at = o.fromMs + Math.floor(r() * (o.toMs - o.fromMs - 300_000));
      gap = [at, at + 60_000 + Math.floor(r() * 180_000)];
    }
    out.push({ job: jobName, instance: `${randomIdent(r, 4, 6)}-${i}:${8000 + i}`, restarts, restoredAt, gap });
  }
  return out;
}

/** A counter's value over time for one target: increments, restarts to 0 or to a restored value. */
function counterPoints(r: () => number, o: Omit<FleetOptions, 'families'>, t: Target, ratePerStep: number): [number, number][] {
  const pts: [number, number][] = [];
  let v = Math.floor(r() * 1000);
  let next = 0;
  for (let ts = o.fromMs; ts < o.toMs; ts += o.stepMs) {
    while (next < t.restarts.length && t.restarts[next] <= ts) {
      // Restored state lands below the last value, so resets() still sees the drop.
      v = t.restoredAt.has(t.restarts[next]) ? Math.floor(v * (0.2 + 0.5 * r())) : 0;
      next += 1;
    }
    v += Math.round(ratePerStep * (0.5 + r()));
    if (t.gap && ts >= t.gap[0] && ts < t.gap[1]) continue;
    pts.push([ts, v]);
  }
  return pts;
}

export function generateFleet(o: FleetOptions): FleetSeries[] {
  const r = rng(o.seed);
  const out: FleetSeries[] = [];
  const labelKey = randomIdent(r, 3, 6);
  const fam = (suffix = '') => `${randomIdent(r)}_${randomIdent(r)}${suffix}`;
  const add = (kind: FleetKind, name: string, labels: Record<string, string>, points: [number, number][]) => out.push({ kind, name, labels, points });
  const base = (t: Target) => ({ job: t.job, instance: t.instance });

  for (let f = 0; f < (o.families.counter ?? 0); f++) {
    const name = fam('_total');
    for (const t of targetsFor(r, o, randomIdent(r))) {
      add('counter', name, { ...base(t), [labelKey]: randomIdent(r, 2, 4) }, counterPoints(r, o, t, 1 + r() * 50));
    }
  }
  for (let f = 0; f < (o.families.histogram ?? 0); f++) {
    const family = fam();
    const bounds = ['0.1', '1', '+Inf'];
    for (const t of targetsFor(r, o, randomIdent(r))) {
      const count = counterPoints(r, o, t, 10 + r() * 20);
      bounds.forEach((le, i) => add('histogram', `${family}_bucket`, { ...base(t), le }, count.map(([ts, v]) => [ts, Math.floor((v * (i + 1)) / bounds.length)])));
      add('histogram', `${family}_count`, base(t), count);
      add('histogram', `${family}_sum`, base(t), count.map(([ts, v]) => [ts, v * 0.25]));
    }
  }
  for (let f = 0; f < (o.families.summary ?? 0); f++) {
    const family = fam();
    for (const t of targetsFor(r, o, randomIdent(r))) {
      const count = counterPoints(r, o, t, 5 + r() * 10);
      add('summary', `${family}_count`, base(t), count);
      add('summary', `${family}_sum`, base(t), count.map(([ts, v]) => [ts, v * 0.1]));
      // The quantile series is a gauge that goes up and down; it must never be flagged.
      add('gauge', family, { ...base(t), quantile: '0.99' }, count.map(([ts]) => [ts, 0.1 + r()]));
    }
  }
  for (let f = 0; f < (o.families.non_monotonic ?? 0); f++) {
    const name = fam('_total');
    for (const t of targetsFor(r, o, randomIdent(r))) {
      const pts = counterPoints(r, o, { ...t, restarts: [] }, 5).map(([ts, v]): [number, number] => [ts, r() < 0.03 ? Math.max(0, v - 40) : v]);
      add('non_monotonic', name, base(t), pts);
    }
  }
  for (let f = 0; f < (o.families.gauge ?? 0); f++) {
    const name = fam(r() < 0.5 ? '_bytes' : '');
    for (const t of targetsFor(r, o, randomIdent(r))) {
      const pts: [number, number][] = [];
      for (let ts = o.fromMs; ts < o.toMs; ts += o.stepMs) pts.push([ts, Math.round(500 + 400 * Math.sin(ts / 600_000) + 50 * r())]);
      add('gauge', name, base(t), pts);
    }
  }
  return out;
}

const TYPE_OF: Record<FleetKind, string> = { counter: 'counter', histogram: 'histogram', summary: 'summary', non_monotonic: 'counter', gauge: 'gauge' };

/**
 * OpenMetrics for promtool. Families are written as `unknown` where OpenMetrics' strict
 * family rules (a counter's samples must end in _total, histograms need every bucket)
 * would reject generated shapes; the scan never sees TYPE lines of backfilled data anyway.
 */
export function fleetOpenMetrics(series: readonly FleetSeries[]): string {
  const byName = new Map<string, FleetSeries[]>();
  for (const s of series) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
  const out: string[] = [];
  for (const [name, list] of byName) {
    out.push(`# TYPE ${name} unknown\n`);
    for (const s of list) {
      const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',');
      for (const [t, v] of s.points) out.push(`${name}{${labels}} ${formatPromNumber(v)} ${(t / 1000).toFixed(3)}\n`);
    }
  }
  out.push('# EOF\n');
  return out.join('');
}

/** The type metadata would give each family, for tests that serve the fleet to a scrape. */
export const fleetType = (s: FleetSeries): string => TYPE_OF[s.kind];

export interface CounterFleetFile {
  names: number;
  series: number;
  /** Series with at least one reset in (fromMs, toMs], by PromQL's rule. */
  seriesWithResets: number;
  /** `name{labels}` keys of those series (seriesKey form) — the ground truth for misses. */
  resetKeys: Set<string>;
}

/**
 * A large counter-only fleet streamed to an OpenMetrics file (the bench's 10,000 names ×
 * 10 series would not fit in a string): one family at a time, every name random.
 */
export async function writeCounterFleet(file: string, o: Omit<FleetOptions, 'families'> & { names: number }, keyOf: (name: string, labels: Record<string, string>) => string): Promise<CounterFleetFile> {
  const { createWriteStream } = await import('node:fs');
  const out = createWriteStream(file);
  const write = (chunk: string) => (out.write(chunk) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  const r = rng(o.seed);
  const labelKey = randomIdent(r, 3, 6);
  const resetKeys = new Set<string>();
  let series = 0;
  const seen = new Set<string>();
  for (let f = 0; f < o.names; f++) {
    let name = `${randomIdent(r)}_${randomIdent(r)}_total`;
    while (seen.has(name)) name = `${randomIdent(r)}_${randomIdent(r)}_total`;
    seen.add(name);
    const lines: string[] = [`# TYPE ${name} unknown\n`];
    for (const t of targetsFor(r, o, randomIdent(r))) {
      const labels = { job: t.job, instance: t.instance, [labelKey]: randomIdent(r, 2, 4) };
      const pts = counterPoints(r, o, t, 1 + r() * 50);
      const text = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',');
      for (const [ts, v] of pts) lines.push(`${name}{${text}} ${formatPromNumber(v)} ${(ts / 1000).toFixed(3)}\n`);
      series += 1;
      let resets = 0;
      for (let i = 1; i < pts.length; i++) if (pts[i][0] > o.fromMs && pts[i - 1][0] > o.fromMs && pts[i][1] < pts[i - 1][1]) resets += 1;
      if (resets > 0) resetKeys.add(keyOf(name, labels));
    }
    await write(lines.join(''));
  }
  await write('# EOF\n');
  await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
  return { names: o.names, series, seriesWithResets: resetKeys.size, resetKeys };
}
