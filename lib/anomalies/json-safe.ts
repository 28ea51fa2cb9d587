/**
 * Findings travel as JSON (API responses, digest snapshots, share links), and JSON has no
 * NaN, ±Infinity, -0 or undefined: `JSON.stringify` silently turns them into null, 0 or
 * nothing. The registry passes every finding through `jsonSafe`, so what a detector returns
 * is exactly what a client reads back.
 */

/**
 * A copy of plain data that survives `JSON.parse(JSON.stringify(x))` unchanged: non-finite
 * numbers become null, -0 becomes 0, undefined/functions/symbols are dropped from objects
 * and become null in arrays, bigints become decimal strings, `toJSON` (Date) is applied.
 * Own keys are copied as data (a "__proto__" key stays a key). The type is kept because a
 * finding's numbers that matter to callers are finite already; only loose evidence changes.
 */
export function jsonSafe<T>(value: T): T {
  return safe(value) as T;
}

function safe(v: unknown): unknown {
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? (Object.is(v, -0) ? 0 : v) : null;
    case 'bigint':
      return v.toString();
    case 'string':
    case 'boolean':
      return v;
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (v === null) return null;
  const withToJson = v as { toJSON?: unknown };
  if (typeof withToJson.toJSON === 'function') return safe((withToJson.toJSON as () => unknown).call(v));
  if (Array.isArray(v)) return Array.from(v, (x) => safe(x) ?? null); // holes too
  const entries: [string, unknown][] = [];
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const s = safe(x);
    if (s !== undefined) entries.push([k, s]);
  }
  return Object.fromEntries(entries);
}
