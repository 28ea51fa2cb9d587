/**
 * A small logfmt tokenizer (the format of go-logfmt / Loki's `| logfmt`): space-separated
 * `key=value` pairs, values optionally double-quoted with backslash escapes. Quoted
 * values are opaque, so `msg="trace_id=abc"` does not yield a `trace_id` field. A bare key
 * without `=` has the empty value. Malformed input never throws; the first value of a
 * repeated key wins.
 */

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

export function parseLogfmt(line: string): Map<string, string> {
  const out = new Map<string, string>();
  const n = line.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (i >= n) break;
    // A quote where a key should start is garbage: skip the quoted run.
    if (line[i] === '"' || line[i] === '=') {
      i = line[i] === '"' ? skipQuoted(line, i) : i + 1;
      continue;
    }
    const keyStart = i;
    while (i < n && !isSpace(line.charCodeAt(i)) && line[i] !== '=' && line[i] !== '"') i++;
    const key = line.slice(keyStart, i);
    if (i >= n || line[i] !== '=') {
      if (!out.has(key)) out.set(key, '');
      continue;
    }
    i++; // '='
    let value: string;
    if (i < n && line[i] === '"') {
      const q = readQuoted(line, i);
      value = q.value;
      i = q.end;
    } else {
      const valueStart = i;
      while (i < n && !isSpace(line.charCodeAt(i))) i++;
      value = line.slice(valueStart, i);
    }
    if (!out.has(key)) out.set(key, value);
  }
  return out;
}

function skipQuoted(line: string, start: number): number {
  return readQuoted(line, start).end;
}

/** Read a quoted value starting at the opening quote; an unterminated quote runs to the end. */
function readQuoted(line: string, start: number): { value: string; end: number } {
  let i = start + 1;
  let value = '';
  let runStart = i;
  while (i < line.length) {
    const c = line[i];
    if (c === '"') {
      value += line.slice(runStart, i);
      return { value, end: i + 1 };
    }
    if (c === '\\' && i + 1 < line.length) {
      value += line.slice(runStart, i);
      const e = line[i + 1];
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(line.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(line.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        value += ESCAPES[e] ?? e;
        i += 2;
      }
      runStart = i;
      continue;
    }
    i++;
  }
  value += line.slice(runStart);
  return { value, end: line.length };
}
