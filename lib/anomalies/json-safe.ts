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
  // Plain loops: a scan passes thousands of findings with sparkline points through here.
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) {
      const s = safe(v[i]); // holes read as undefined
      out[i] = s === undefined ? null : s;
    }
    return out;
  }
  const src = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(src)) {
    const s = safe(src[k]);
    if (s === undefined) continue;
    // Assigning "__proto__" would set the prototype; define it as the data key it is.
    if (k === '__proto__') Object.defineProperty(out, k, { value: s, enumerable: true, writable: true, configurable: true });
    else out[k] = s;
  }
  return out;
}
