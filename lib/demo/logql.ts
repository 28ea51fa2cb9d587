import { RE2JS } from 're2js';
/**
 * The LogQL subset the demo Loki understands: stream selectors (= != =~ !~), line filters
 * (|= != |~ !~), `| json`, `| logfmt`, label filters (= != =~ !~, chained with `,`/`and`),
 * and count_over_time / rate / bytes_over_time / bytes_rate under sum|count|min|max|avg
 * with by/without. Anything else is a parse error in Loki's own wording.
 */

export type MatchOp = '=' | '!=' | '=~' | '!~';
/** A compiled user regex: RE2 semantics, linear time in the input (no catastrophic backtracking). */
export interface LinearRegex { test(input: string): boolean }

export interface Matcher { name: string; op: MatchOp; value: string; re?: LinearRegex }
export type Stage =
  | { type: 'line'; op: '|=' | '!=' | '|~' | '!~'; value: string; re?: LinearRegex }
  | { type: 'json' }
  | { type: 'logfmt' }
  | { type: 'labels'; matchers: Matcher[] };
export interface LogQuery { kind: 'log'; selector: Matcher[]; stages: Stage[] }
export type RangeFn = 'count_over_time' | 'rate' | 'bytes_over_time' | 'bytes_rate';
export type AggOp = 'sum' | 'count' | 'min' | 'max' | 'avg';
export interface MetricQuery {
  kind: 'metric';
  fn: RangeFn;
  rangeMs: number;
  log: LogQuery;
  agg?: { op: AggOp; by?: string[]; without?: string[] };
}
export type Query = LogQuery | MetricQuery;

export class LogQLParseError extends Error {
  constructor(public readonly col: number, detail: string) {
    super(`parse error at line 1, col ${col}: ${detail}`);
    this.name = 'LogQLParseError';
  }
}

interface Token { kind: 'op' | 'string' | 'ident' | 'duration' | 'eof'; text: string; value: string; col: number }

const OPS = ['|=', '|~', '!=', '!~', '=~', '==', '{', '}', '(', ')', '[', ']', ',', '|', '='];
const GO_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };

function readString(src: string, i: number): [string, number] {
  const col = i + 1;
  if (src[i] === '`') {
    const end = src.indexOf('`', i + 1);
    if (end < 0) throw new LogQLParseError(col, 'literal not terminated');
    return [src.slice(i + 1, end), end + 1];
  }
  let out = '';
  let j = i + 1;
  while (j < src.length && src[j] !== '"') {
    if (src[j] === '\n') break;
    if (src[j] !== '\\') { out += src[j++]; continue; }
    const c = src[j + 1];
    if (c in GO_ESCAPES) { out += GO_ESCAPES[c]; j += 2; continue; }
    const hex = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
    if (hex && new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(src.slice(j + 2, j + 2 + hex))) {
      out += String.fromCodePoint(parseInt(src.slice(j + 2, j + 2 + hex), 16)); j += 2 + hex; continue;
    }
    if (/^[0-7]{3}$/.test(src.slice(j + 1, j + 4))) { out += String.fromCharCode(parseInt(src.slice(j + 1, j + 4), 8)); j += 4; continue; }
    throw new LogQLParseError(col, 'invalid syntax');
  }
  if (src[j] !== '"') throw new LogQLParseError(col, 'literal not terminated');
  return [out, j + 1];
}

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    const col = i + 1;
    if (c === '"' || c === '`') {
      const [value, next] = readString(src, i);
      tokens.push({ kind: 'string', text: src.slice(i, next), value, col });
      i = next;
      continue;
    }
    const dur = /^(\d+(?:ms|s|m|h|d|w|y))+/.exec(src.slice(i));
    if (dur && tokens.at(-1)?.text === '[') {
      tokens.push({ kind: 'duration', text: dur[0], value: dur[0], col });
      i += dur[0].length;
      continue;
    }
    const id = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(src.slice(i));
    if (id) { tokens.push({ kind: 'ident', text: id[0], value: id[0], col }); i += id[0].length; continue; }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new LogQLParseError(col, `syntax error: unexpected character: ${JSON.stringify(c)}`);
    tokens.push({ kind: 'op', text: op, value: op, col });
    i += op.length;
  }
  tokens.push({ kind: 'eof', text: '', value: '', col: src.length + 1 });
  return tokens;
}

/**
 * A LogQL regex compiled with RE2 semantics, as Loki does (re2js: linear-time matching).
 * JS RegExp would backtrack: `(a+)+$` over a long line of a's pins the demo server's CPU
 * (docs/reliability.md, "Demo backends"). Label matchers are anchored, line filters not.
 */
export function compileRegex(pattern: string, anchored: boolean, col: number): LinearRegex {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (e) {
    throw new LogQLParseError(col, `error parsing regexp: ${(e as Error).message}`);
  }
  return anchored ? { test: (s) => re.testExact(s) } : { test: (s) => re.test(s) };
}

export { parseDurationMs } from '../time/range';
