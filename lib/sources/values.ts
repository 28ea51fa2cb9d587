import type { Labels, Series } from '../model/types';

/**
 * Sample values arrive as strings (JSON has no NaN/Inf). JS `Number("+Inf")` is NaN, so the
 * special values are mapped explicitly (lib/sources/prometheus/README.md §1.6, lib/sources/README.md §7).
 */
export function parseSampleValue(v: string): number {
  switch (v) {
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    case 'NaN':
      return NaN;
    default:
      return v.trim() === '' ? NaN : Number(v);
  }
}

/** Prometheus/Loki seconds (float, ms precision) → unix ms. */
export function secondsToMs(sec: number): number {
  return Math.round(sec * 1000);
}

/** unix ms → the seconds string both APIs accept, without float noise. */
export function msToSecondsParam(ms: number): string {
  const sec = ms / 1000;
  return Number.isInteger(sec) ? String(sec) : sec.toFixed(3);
}

type RawSample = readonly [number, string];
interface RawSeries {
  metric: Labels;
  values?: readonly RawSample[];
  value?: RawSample;
}

/** One matrix/vector entry → a Series; `__name__` moves to `name`. */
export function toSeries(raw: RawSeries): Series {
  const { __name__: name = '', ...labels } = raw.metric;
  const samples = raw.values ?? (raw.value ? [raw.value] : []);
  const points: [number, number][] = new Array(samples.length);
  for (let i = 0; i < samples.length; i++) points[i] = [secondsToMs(samples[i][0]), parseSampleValue(samples[i][1])];
  return { name, labels, points };
}
