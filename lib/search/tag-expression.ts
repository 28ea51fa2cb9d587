/**
 * The tag filter of trace search, written as in Jaeger UI: logfmt `key=value` pairs
 * separated by spaces, values optionally double-quoted (`http.url="/a b"`). Unlike the
 * lenient log parser (lib/correlate/logfmt.ts) this one rejects what it cannot read, with a
 * message that points at the offending part, because a silently dropped filter would
 * widen the search without telling anyone.
 */

export class TagExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TagExpressionError';
  }
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };

/** Parse `k=v k2="v 2"` into a map; throws TagExpressionError naming the bad part. */
export function parseTagExpression(text: string): Record<string, string> {
  const tags: Record<string, string> = {};
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(text[i])) i++;
    if (i >= n) break;
    const keyStart = i;
    while (i < n && !isSpace(text[i]) && text[i] !== '=' && text[i] !== '"') i++;
    const key = text.slice(keyStart, i);
    if (text[i] === '"') throw new TagExpressionError(`tags: a quote inside the key at character ${i + 1}; only values may be quoted, e.g. key="some value"`);
    if (key === '') throw new TagExpressionError(`tags: "=" without a key at character ${i + 1}; write key=value`);
    if (i >= n || text[i] !== '=') throw new TagExpressionError(`tags: "${key}" has no value; write ${key}=value (separate pairs with spaces)`);
    i++; // '='
    let value = '';
    if (text[i] === '"') {
      const open = i;
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i];
        if (c === '\\' && i + 1 < n) {
          value += ESCAPES[text[i + 1]] ?? text[i + 1];
          i += 2;
          continue;
        }
        if (c === '"') {
          closed = true;
          i++;
          break;
        }
        value += c;
        i++;
      }
      if (!closed) throw new TagExpressionError(`tags: the quote opened at character ${open + 1} (value of "${key}") is never closed`);
      if (i < n && !isSpace(text[i])) throw new TagExpressionError(`tags: expected a space after the quoted value of "${key}" at character ${i + 1}`);
    } else {
      const valueStart = i;
      while (i < n && !isSpace(text[i])) i++;
      value = text.slice(valueStart, i);
      if (value.includes('"')) throw new TagExpressionError(`tags: the value of "${key}" contains a quote; quote the whole value, e.g. ${key}="a b"`);
      if (value === '') throw new TagExpressionError(`tags: "${key}=" has an empty value; write ${key}=value or quote an empty value as ${key}=""`);
    }
    if (key in tags && tags[key] !== value) throw new TagExpressionError(`tags: "${key}" is given twice with different values; Jaeger matches one value per key`);
    tags[key] = value;
  }
  return tags;
}

/** The canonical text of a tag map (round-trips through parseTagExpression). */
export function formatTagExpression(tags: Record<string, string>): string {
  return Object.entries(tags)
    .map(([k, v]) => (v === '' || /[\s"\\=]/.test(v) ? `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : `${k}=${v}`))
    .join(' ');
}
