/**
 * Field access and dates as Elasticsearch reads them, written for the demo apart from the
 * app's client (so the contract tests compare two readings of the README, not one).
 */

/** A dotted path in `_source`, through nested objects or dotted keys alike (README §4). */
export function fieldAt(source: unknown, path: string): unknown {
  if (source === null || typeof source !== 'object' || Array.isArray(source)) return undefined;
  const obj = source as Record<string, unknown>;
  if (Object.hasOwn(obj, path)) return obj[path];
  for (let i = path.indexOf('.'); i > 0; i = path.indexOf('.', i + 1)) {
    if (Object.hasOwn(obj, path.slice(0, i))) {
      const found = fieldAt(obj[path.slice(0, i)], path.slice(i + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** An ISO 8601 date with up to nine fraction digits (date_nanos), in unix ns; null if it is not one. */
export function isoToNs(v: unknown): bigint | null {
  if (typeof v !== 'string') return null;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/.exec(v);
  if (!m) return null;
  const s = Date.parse(`${m[1]}${m[3] ?? 'Z'}`);
  if (Number.isNaN(s)) return null;
  return BigInt(s) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}
