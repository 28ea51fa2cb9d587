/** Jaeger v1 tag lists (`[{key, type?, value}]`), checked by hand: they are most of a trace's objects. */

export interface KVv1 {
  key: string;
  type?: string;
  value?: unknown;
}

/** Why `v` is not a list of `{key, type?, value}` tags, or null when it is one. */
export function kvListProblem(v: unknown): string | null {
  if (!Array.isArray(v)) return `expected an array of {key, value} tags, got ${v === null ? 'null' : typeof v}`;
  for (let i = 0; i < v.length; i++) {
    const kv: unknown = v[i];
    if (typeof kv !== 'object' || kv === null || Array.isArray(kv)) return `tag ${i}: expected an object, got ${kv === null ? 'null' : Array.isArray(kv) ? 'array' : typeof kv}`;
    const { key, type } = kv as { key?: unknown; type?: unknown };
    if (typeof key !== 'string') return `tag ${i}: key must be a string, got ${typeof key}`;
    if (type !== undefined && typeof type !== 'string') return `tag ${i} (${JSON.stringify(key)}): type must be a string, got ${typeof type}`;
  }
  return null;
}
