import { RE2JS } from 're2js';
import { LogQLParseError, type LinearRegex } from './ast';

/** Go string escapes (strconv.Unquote), which LogQL strings use. */
const GO_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };

/**
 * The value of a LogQL string literal as Loki reads it: `"…"` with Go escapes, or a raw
 * `` `…` ``. `offset` places errors in the query.
 */
export function unquote(literal: string, src: string, offset: number): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  if (!literal.startsWith('"')) throw new LogQLParseError(src, offset, 'syntax error: unexpected character');
  let out = '';
  for (let j = 1; j < literal.length - 1; ) {
    const ch = literal[j];
    if (ch !== '\\') {
      out += ch;
      j++;
      continue;
    }
    const c = literal[j + 1];
    if (c in GO_ESCAPES) {
      out += GO_ESCAPES[c];
      j += 2;
      continue;
    }
    const hex = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
    const digits = literal.slice(j + 2, j + 2 + hex);
    if (hex && digits.length === hex && /^[0-9a-fA-F]+$/.test(digits)) {
      out += String.fromCodePoint(parseInt(digits, 16));
      j += 2 + hex;
      continue;
    }
    if (/^[0-7]{3}$/.test(literal.slice(j + 1, j + 4))) {
      out += String.fromCharCode(parseInt(literal.slice(j + 1, j + 4), 8));
      j += 4;
      continue;
    }
    throw new LogQLParseError(src, offset, 'invalid syntax');
  }
  return out;
}

/** Whether the literal starting at `at` closes (the grammar leaves an unclosed one as an error). */
export function literalTerminates(src: string, at: number): boolean {
  const quote = src[at];
  if (quote === '`') return src.indexOf('`', at + 1) > 0;
  for (let j = at + 1; j < src.length; j++) {
    if (src[j] === '\n') return false;
    if (src[j] === '\\') j++;
    else if (src[j] === quote) return true;
  }
  return false;
}

/**
 * A LogQL regex compiled with RE2 semantics, as Loki does (re2js: linear-time matching).
 * JS RegExp would backtrack: `(a+)+$` over a long line of a's pins the demo's CPU
 * (docs/reliability.md, "Demo backends"). Label matchers are anchored, line filters not.
 */
export function compileRegex(pattern: string, anchored: boolean, src = pattern, offset = 0): LinearRegex {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (e) {
    throw new LogQLParseError(src, offset, `error parsing regexp: ${(e as Error).message}`);
  }
  return anchored ? { test: (s) => re.testExact(s) } : { test: (s) => re.test(s) };
}
