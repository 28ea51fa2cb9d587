/**
 * Field lookup in JSON log lines. Keys may be flat (`"trace.id": …`) or nested
 * (`{"trace":{"id":…}}`, `{"dd":{"trace_id":…}}`), and may sit under a wrapper object
 * (`{"context":{"trace_id":…}}`). Shallower matches win, then the configured key order.
 * The walk is bounded so a hostile line cannot make it expensive.
 */

const MAX_DEPTH = 6;
const MAX_OBJECTS = 2_000;

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parse a line that looks like a JSON object; null for anything else (never throws). */
export function parseJsonObject(line: string): JsonObject | null {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  if (line[i] !== '{') return null;
  try {
    const v: unknown = JSON.parse(line);
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
}

export interface JsonField {
  key: string;
  value: string;
}

function lookup(node: JsonObject, key: string): unknown {
  if (Object.prototype.hasOwnProperty.call(node, key)) return node[key];
  if (!key.includes('.')) return undefined;
  let cur: unknown = node;
  for (const part of key.split('.')) {
    if (!isObject(cur) || !Object.prototype.hasOwnProperty.call(cur, part)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/**
 * A JSON number above 2^53 has already lost digits in JSON.parse, so read the digits
 * back from the raw text of the line.
 */
function exactDigits(raw: string, key: string, parsed: number): string | null {
  if (Number.isSafeInteger(parsed) && parsed >= 0) return String(parsed);
  if (!Number.isInteger(parsed) || parsed < 0) return null;
  const last = key.slice(key.lastIndexOf('.') + 1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`"${last}"\\s*:\\s*(\\d{1,20})(?![\\d.eE])`).exec(raw);
  return m ? m[1] : null;
}

function scalar(v: unknown, raw: string, key: string): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return exactDigits(raw, key, v);
  return null;
}

/**
 * First of `keys` found in `obj` (breadth-first: shallower objects first). The returned
 * key is the full dotted path, so `{"dd":{"trace_id":…}}` reports `dd.trace_id`.
 */
export function findJsonField(obj: JsonObject, keys: readonly string[], raw: string): JsonField | null {
  let level: { node: JsonObject; path: string }[] = [{ node: obj, path: '' }];
  let visited = 0;
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth++) {
    for (const { node, path } of level) {
      for (const key of keys) {
        const value = scalar(lookup(node, key), raw, key);
        if (value !== null) return { key: path + key, value };
      }
    }
    const next: { node: JsonObject; path: string }[] = [];
    for (const { node, path } of level) {
      for (const k in node) {
        const child = node[k];
        if (isObject(child)) {
          if (++visited > MAX_OBJECTS) return null;
          next.push({ node: child, path: `${path}${k}.` });
        }
      }
    }
    level = next;
  }
  return null;
}
