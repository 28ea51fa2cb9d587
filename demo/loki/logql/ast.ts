/**
 * The LogQL subset the demo Loki evaluates, as read from Grafana's LogQL grammar
 * (@grafana/lezer-logql, parse.ts): stream selectors (= != =~ !~); line filters
 * (|= != |~ !~, with `or`); `| json` and `| logfmt`; label filters (= != =~ !~ and numeric
 * > >= < <= == !=, combined with `and`, `,`, `or` and parentheses); count_over_time, rate,
 * bytes_over_time and bytes_rate, under sum, count, min, max, avg, stddev and stdvar with
 * by/without. Anything else in the grammar is refused with a 400 (docs/architecture.md).
 */

export type MatchOp = '=' | '!=' | '=~' | '!~';

/** A compiled user regex: RE2 semantics, linear time in the input (no catastrophic backtracking). */
export interface LinearRegex {
  test(input: string): boolean;
}

export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
  re?: LinearRegex;
}

export type NumberOp = '>' | '>=' | '<' | '<=' | '==' | '!=';

export type LabelPredicate =
  | { kind: 'match'; matcher: Matcher }
  | { kind: 'number'; name: string; op: NumberOp; value: number }
  | { kind: 'and'; left: LabelPredicate; right: LabelPredicate }
  | { kind: 'or'; left: LabelPredicate; right: LabelPredicate };

export interface LineFilter {
  type: 'line';
  op: '|=' | '!=' | '|~' | '!~';
  /** Alternatives (`|= "a" or "b"`): a line matches when any of them does. */
  values: string[];
  res?: LinearRegex[];
}

export type Stage = LineFilter | { type: 'json' } | { type: 'logfmt' } | { type: 'labels'; filter: LabelPredicate };

export interface LogQuery {
  kind: 'log';
  selector: Matcher[];
  stages: Stage[];
}

export type RangeFn = 'count_over_time' | 'rate' | 'bytes_over_time' | 'bytes_rate';
export type AggOp = 'sum' | 'count' | 'min' | 'max' | 'avg' | 'stddev' | 'stdvar';

export interface RangeQuery {
  kind: 'range';
  fn: RangeFn;
  rangeMs: number;
  log: LogQuery;
}

export interface VectorQuery {
  kind: 'vector';
  op: AggOp;
  by?: string[];
  without?: string[];
  inner: MetricQuery;
}

export type MetricQuery = RangeQuery | VectorQuery;
export type Query = LogQuery | MetricQuery;

/** The one range aggregation inside a metric query: which lines over which window. */
export const rangeOf = (q: MetricQuery): RangeQuery => (q.kind === 'range' ? q : rangeOf(q.inner));

/** Loki's parse error text: `parse error at line L, col C: detail` (a 400, plain text). */
export class LogQLParseError extends Error {
  constructor(src: string, offset: number, detail: string) {
    const before = src.slice(0, offset);
    const line = before.split('\n').length;
    const col = offset - before.lastIndexOf('\n');
    super(`parse error at line ${line}, col ${col}: ${detail}`);
    this.name = 'LogQLParseError';
  }
}
