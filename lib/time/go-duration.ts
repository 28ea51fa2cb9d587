/** Go duration strings (`1.5s`, `100ms`, `1h30m`), the format of Jaeger's duration parameters (backend-apis.md §4). */

const GO_UNITS: Record<string, number> = { ns: 1e-3, us: 1, 'µs': 1, ms: 1e3, s: 1e6, m: 60e6, h: 3600e6 };

/** A Go duration in microseconds, or null when malformed. */
export function parseGoDurationUs(v: string): number | null {
  if (!/^((\d+(\.\d+)?)(ns|us|µs|ms|s|m|h))+$/.test(v)) return null;
  let us = 0;
  for (const m of v.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) us += Number(m[1]) * GO_UNITS[m[2]];
  return us;
}
