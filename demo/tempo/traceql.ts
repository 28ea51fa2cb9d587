import type { Span, TagValue } from '../../lib/model/types';

/**
 * The subset of TraceQL the demo Tempo evaluates (lib/sources/tempo/README.md §3; what
 * lib/sources/tempo/as-trace-client.ts sends, and what a user types for one span set):
 * one span set `{ … }` of comparisons joined by `&&`, `||` and parentheses, on
 * `resource.x`, `span.x`, `.x` (either scope) and the intrinsics `name`, `duration`,
 * `status`, `kind`; operators `= != > >= < <=`; string, number, duration, boolean, status
 * and kind literals. Anything else is refused as Tempo refuses a query it cannot parse:
 * a 400 `invalid TraceQL query: …`.
 */

export class TraceQLError extends Error {}

type Value = { t: 'string'; v: string } | { t: 'number'; v: number } | { t: 'duration'; ns: number } | { t: 'bool'; v: boolean } | { t: 'keyword'; v: string };
type Field = { scope: 'resource' | 'span' | 'any'; name: string } | { intrinsic: 'name' | 'duration' | 'status' | 'kind' };
type Op = '=' | '!=' | '>' | '>=' | '<' | '<=';
export type SpanFilter = { and: SpanFilter[] } | { or: SpanFilter[] } | { field: Field; op: Op; value: Value };

const TOKEN = /\s*(?:(\{|\}|\(|\)|&&|\|\||!=|>=|<=|=~|!~|=|>|<)|("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))|(-?\d+(?:\.\d+)?)|([A-Za-z_.][A-Za-z0-9_.\-/]*))/y;
const DURATION_NS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
const STATUS = ['error', 'ok', 'unset'];
const KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

function tokenize(q: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < q.length) {
    if (/^\s*$/.test(q.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(q);
    if (!m) throw new TraceQLError(`parse error at col ${at + 1}: unexpected ${JSON.stringify(q.slice(at, at + 10))}`);
    out.push(m[0].trim());
  }
  return out;
}

function literal(tok: string): Value {
  if (tok.startsWith('"')) return { t: 'string', v: JSON.parse(tok) as string };
  const d = /^(-?\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)$/.exec(tok);
  if (d) return { t: 'duration', ns: Number(d[1]) * DURATION_NS[d[2]] };
  if (/^-?\d+(\.\d+)?$/.test(tok)) return { t: 'number', v: Number(tok) };
  if (tok === 'true' || tok === 'false') return { t: 'bool', v: tok === 'true' };
  if (STATUS.includes(tok) || KINDS.includes(tok)) return { t: 'keyword', v: tok };
  throw new TraceQLError(`parse error: ${JSON.stringify(tok)} is not a value`);
}

function field(tok: string): Field {
  if (tok === 'name' || tok === 'duration' || tok === 'status' || tok === 'kind') return { intrinsic: tok };
  const m = /^(resource|span)?\.([A-Za-z0-9_][A-Za-z0-9_.\-/]*)$/.exec(tok);
  if (!m) throw new TraceQLError(`parse error: ${JSON.stringify(tok)} is not an attribute (resource.x, span.x, .x) or a supported intrinsic (name, duration, status, kind)`);
  return { scope: (m[1] as 'resource' | 'span' | undefined) ?? 'any', name: m[2] };
}

/** Parse `{ … }`; `{ }` matches every span. */
export function parseSpanFilter(q: string): SpanFilter {
  const toks = tokenize(q);
  let i = 0;
  const peek = () => toks[i];
  const next = () => {
    if (i >= toks.length) throw new TraceQLError('parse error: unexpected end of query');
    return toks[i++];
  };
  const expect = (t: string) => {
    const got = next();
    if (got !== t) throw new TraceQLError(`parse error: expected ${t}, got ${JSON.stringify(got)}`);
  };
  function primary(): SpanFilter {
    if (peek() === '(') {
      next();
      const e = or();
      expect(')');
      return e;
    }
    const f = field(next());
    const op = next();
    if (op === '=~' || op === '!~') throw new TraceQLError('the demo Tempo does not evaluate regular-expression matchers');
    if (!['=', '!=', '>', '>=', '<', '<='].includes(op)) throw new TraceQLError(`parse error: expected a comparison, got ${JSON.stringify(op)}`);
    return { field: f, op: op as Op, value: literal(next()) };
  }
  /** `part (sep part)*`, one operand kept as it is. */
  function chain(sep: '&&' | '||', part: () => SpanFilter): SpanFilter {
    const parts = [part()];
    while (peek() === sep) {
      next();
      parts.push(part());
    }
    return parts.length === 1 ? parts[0] : sep === '&&' ? { and: parts } : { or: parts };
  }
  const and = (): SpanFilter => chain('&&', primary);
  const or = (): SpanFilter => chain('||', and);
  expect('{');
  const filter: SpanFilter = peek() === '}' ? { and: [] } : or();
  expect('}');
  if (i < toks.length) throw new TraceQLError(`parse error: the demo Tempo evaluates one span set; unexpected ${JSON.stringify(toks[i])}`);
  return filter;
}

function attribute(s: Span, f: { scope: 'resource' | 'span' | 'any'; name: string }): TagValue | undefined {
  const resource: Record<string, TagValue> = { 'service.name': s.service, ...s.processTags };
  if (f.scope === 'resource') return resource[f.name];
  if (f.scope === 'span') return s.tags[f.name];
  return s.tags[f.name] ?? resource[f.name];
}

function compare(a: number | string | boolean, b: number | string | boolean, op: Op): boolean {
  switch (op) {
    case '=': return a === b;
    case '!=': return a !== b;
    case '>': return a > b;
    case '>=': return a >= b;
    case '<': return a < b;
    case '<=': return a <= b;
  }
}

/** Typed comparison: a string attribute never equals a number (TraceQL is typed; hence the client's `||` of both forms). */
function test(s: Span, f: Field, op: Op, v: Value): boolean {
  if ('intrinsic' in f) {
    if (f.intrinsic === 'name') return v.t === 'string' && compare(s.operation, v.v, op);
    if (f.intrinsic === 'duration') return v.t === 'duration' && compare(s.durationUs * 1000, v.ns, op);
    if (f.intrinsic === 'status') return v.t === 'keyword' && STATUS.includes(v.v) && compare(s.status === 'error' ? 'error' : s.status === 'ok' ? 'ok' : 'unset', v.v, op);
    return v.t === 'keyword' && KINDS.includes(v.v) && compare(s.kind, v.v, op);
  }
  const a = attribute(s, f);
  if (a === undefined) return false;
  if (typeof a === 'string') return v.t === 'string' && compare(a, v.v, op);
  if (typeof a === 'number') return v.t === 'number' && compare(a, v.v, op);
  return v.t === 'bool' && compare(a, v.v, op);
}

export function spanMatches(s: Span, f: SpanFilter): boolean {
  if ('and' in f) return f.and.every((p) => spanMatches(s, p));
  if ('or' in f) return f.or.some((p) => spanMatches(s, p));
  return test(s, f.field, f.op, f.value);
}
