/**
 * Safe PromQL construction. A label value becomes a double-quoted PromQL string with
 * Go escaping (lib/sources/loki/README.md §3.5): backslash and quote escaped, control characters
 * encoded, so a hostile service name cannot break out of its matcher. LogQL strings are the
 * same Go literals: the Loki query builders use this function too.
 */
export function promString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += '\\ufffd'; // a lone surrogate cannot be encoded as UTF-8 (nor put in a URL)
    } else out += ch;
  }
  return `${out}"`;
}

/** A classic label name (PromQL and LogQL alike). */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A `name="value"` matcher; label names outside the classic charset are refused. */
export function eqMatcher(label: string, value: string): string {
  if (!LABEL_NAME.test(label)) throw new Error(`not a PromQL label name: ${JSON.stringify(label)}`);
  return `${label}=${promString(value)}`;
}

/** RE2 metacharacters escaped, so each value matches only itself inside a regex. */
export const re2Literal = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A `name=~"a|b"` matcher matching exactly the given values (Prometheus anchors regexes). */
export function regexMatcher(label: string, values: readonly string[]): string {
  if (!LABEL_NAME.test(label)) throw new Error(`not a PromQL label name: ${JSON.stringify(label)}`);
  return `${label}=~${promString(values.map(re2Literal).join('|'))}`;
}

/** A range-vector duration such as `5m` or `30s`; anything else is refused. */
export function promDuration(window: string): string {
  if (!/^\d+(ms|s|m|h|d|w|y)$/.test(window)) throw new Error(`not a PromQL duration: ${JSON.stringify(window)}`);
  return window;
}
