import { parser } from '@grafana/lezer-logql';
import type { SyntaxNode, Tree } from '@lezer/common';
import { parseDurationMs } from '../../../lib/time/range';
import {
  LogQLParseError,
  type AggOp, type LabelPredicate, type LineFilter, type LogQuery, type Matcher, type MatchOp, type MetricQuery,
  type NumberOp, type Query, type RangeFn, type Stage,
} from './ast';
import { compileRegex, literalTerminates, unquote } from './literals';

/**
 * LogQL read with Grafana's grammar (@grafana/lezer-logql, the one the app's editor uses)
 * into the demo's subset (ast.ts). A syntax error, or valid LogQL outside the subset, is a
 * LogQLParseError: Loki's 400 text with line and column.
 */

const MATCH_OPS: Record<string, MatchOp> = { Eq: '=', Neq: '!=', Re: '=~', Nre: '!~' };
const NUMBER_OPS: Record<string, NumberOp> = { Gtr: '>', Gte: '>=', Lss: '<', Lte: '<=', Eql: '==', Eq: '==', Neq: '!=' };
const LINE_OPS: Record<string, LineFilter['op']> = { PipeExact: '|=', Neq: '!=', PipeMatch: '|~', Nre: '!~' };
const RANGE_FNS: Record<string, RangeFn> = { CountOverTime: 'count_over_time', Rate: 'rate', BytesOverTime: 'bytes_over_time', BytesRate: 'bytes_rate' };
const AGG_OPS: Record<string, AggOp> = { Sum: 'sum', Count: 'count', Min: 'min', Max: 'max', Avg: 'avg', Stddev: 'stddev', Stdvar: 'stdvar' };
/** What to call a construct the demo refuses, when its first word would not say it. */
const CONSTRUCT: Record<string, string> = {
  BinOpExpr: 'binary operations', LiteralExpr: 'number literals', DurationFilter: 'duration label filters',
  BytesFilter: 'bytes label filters', IpLabelFilter: 'ip() label filters', FilterOp: 'ip() line filters',
  PipePattern: 'pattern line filters (|>)', Npa: 'pattern line filters (!>)', Grouping: 'grouping on a range aggregation',
  OffsetExpr: 'offset', UnwrapExpr: 'unwrap', LogfmtParserFlags: 'logfmt flags', Number: 'parameters',
};

/** The earliest error node of the tree, or null. */
function firstErrorAt(tree: Tree): number | null {
  let at: number | null = null;
  tree.iterate({
    enter(n) {
      if (n.type.isError) at = at === null ? n.from : Math.min(at, n.from);
    },
  });
  return at;
}

/** Loki's wording for the token at `at`. */
function unexpected(src: string, at: number): string {
  const start = at + (/^\s*/.exec(src.slice(at))?.[0].length ?? 0);
  const rest = src.slice(start);
  if (!rest) return 'syntax error: unexpected end of input';
  if (rest[0] === '"' || rest[0] === '`') return literalTerminates(src, start) ? 'syntax error: unexpected STRING' : 'literal not terminated';
  if (/^[A-Za-z_]/.test(rest)) return 'syntax error: unexpected IDENTIFIER';
  if (/^[0-9.]/.test(rest)) return 'syntax error: unexpected NUMBER';
  return `syntax error: unexpected ${/^(\|=|\|~|!=|!~|=~|==|>=|<=|.)/.exec(rest)![0]}`;
}

class Reader {
  constructor(private readonly src: string) {}

  private text(n: SyntaxNode): string {
    return this.src.slice(n.from, n.to);
  }

  private kids(n: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) if (c.name !== 'LineComment') out.push(c);
    return out;
  }

  private child(n: SyntaxNode, name: string): SyntaxNode | null {
    return this.kids(n).find((c) => c.name === name) ?? null;
  }

  private fail(at: number, detail: string): never {
    throw new LogQLParseError(this.src, at, detail);
  }

  /** Valid LogQL the demo does not evaluate. */
  private unsupported(n: SyntaxNode): never {
    const word = /[A-Za-z_][A-Za-z0-9_]*|\S+/.exec(this.text(n).replace(/^[|\s]+/, ''))?.[0] ?? n.name;
    this.fail(n.from, `${CONSTRUCT[n.name] ?? word} is not supported by the demo Loki`);
  }

  private refuseAny(n: SyntaxNode, names: string[]): void {
    for (const c of this.kids(n)) if (names.includes(c.name)) this.unsupported(c);
  }

  private string(n: SyntaxNode | null, owner: SyntaxNode): string {
    if (!n) this.unsupported(owner);
    return unquote(this.text(n), this.src, n.from);
  }

  expr(n: SyntaxNode): Query {
    const inner = this.kids(n)[0];
    if (inner?.name === 'LogExpr') return this.logExpr(inner);
    if (inner?.name === 'MetricExpr') return this.metricExpr(inner);
    return this.fail(n.from, unexpected(this.src, n.from));
  }

  private logExpr(n: SyntaxNode): LogQuery {
    const nested = this.child(n, 'LogExpr');
    if (nested) return this.logExpr(nested);
    return this.logQuery(n);
  }

  /** A selector and its pipeline, from the node holding both (LogExpr or LogRangeExpr). */
  private logQuery(n: SyntaxNode): LogQuery {
    const selector = this.child(n, 'Selector');
    if (!selector) return this.fail(n.from, unexpected(this.src, n.from));
    const stages: Stage[] = [];
    const pipeline = this.child(n, 'PipelineExpr');
    if (pipeline) this.pipeline(pipeline, stages);
    return { kind: 'log', selector: this.selector(selector), stages };
  }

  private selector(n: SyntaxNode): Matcher[] {
    const matchers: Matcher[] = [];
    const collect = (m: SyntaxNode) => {
      for (const c of this.kids(m)) {
        if (c.name === 'Matchers') collect(c);
        else if (c.name === 'Matcher') matchers.push(this.matcher(c));
      }
    };
    collect(this.child(n, 'Matchers')!);
    const nonEmpty = matchers.some((m) => (m.op === '=' && m.value !== '') || (m.op === '=~' && !m.re!.test('')) || (m.op === '!=' && m.value === '') || (m.op === '!~' && m.re!.test('')));
    if (!nonEmpty) {
      this.fail(n.from, 'queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will');
    }
    return matchers;
  }

  private matcher(n: SyntaxNode): Matcher {
    const [name, op, value] = this.kids(n);
    const m: Matcher = { name: this.text(name), op: MATCH_OPS[op.name], value: this.string(value, n) };
    if (m.op === '=~' || m.op === '!~') m.re = compileRegex(m.value, true, this.src, value.from);
    return m;
  }

  private pipeline(n: SyntaxNode, out: Stage[]): void {
    for (const c of this.kids(n)) {
      if (c.name === 'PipelineExpr') this.pipeline(c, out);
      else if (c.name === 'PipelineStage') this.stage(c, out);
    }
  }

  private stage(n: SyntaxNode, out: Stage[]): void {
    for (const c of this.kids(n)) {
      if (c.name === 'Pipe') continue;
      if (c.name === 'LineFilters') this.lineFilters(c, out);
      else if (c.name === 'LabelFilter') out.push({ type: 'labels', filter: this.labelFilter(c) });
      else if ((c.name === 'LabelParser' || c.name === 'LogfmtParser') && this.kids(c).length === 1 && ['Json', 'Logfmt'].includes(this.kids(c)[0].name)) {
        out.push({ type: this.kids(c)[0].name === 'Json' ? 'json' : 'logfmt' });
      } else {
        this.refuseAny(c, ['LogfmtParserFlags']);
        this.unsupported(c);
      }
    }
  }

  private lineFilters(n: SyntaxNode, out: Stage[]): void {
    for (const c of this.kids(n)) {
      if (c.name === 'LineFilters') this.lineFilters(c, out);
      else if (c.name === 'LineFilter') out.push(this.lineFilter(c));
    }
  }

  private lineFilter(n: SyntaxNode): LineFilter {
    this.refuseAny(n, ['FilterOp']);
    const filter = this.child(n, 'Filter')!;
    const opNode = this.kids(filter)[0];
    const op = LINE_OPS[opNode.name];
    if (!op) this.unsupported(opNode);
    const strings: SyntaxNode[] = [];
    const collect = (m: SyntaxNode) => {
      for (const c of this.kids(m)) {
        if (c.name === 'String') strings.push(c);
        else if (c.name === 'OrFilter') collect(c);
        else if (c.name === 'FilterOp') this.unsupported(c);
      }
    };
    collect(n);
    const values = strings.map((s) => this.string(s, n));
    const f: LineFilter = { type: 'line', op, values };
    if (op === '|~' || op === '!~') f.res = values.map((v, i) => compileRegex(v, false, this.src, strings[i].from));
    return f;
  }

  private labelFilter(n: SyntaxNode): LabelPredicate {
    const parts = this.kids(n).filter((c) => c.name === 'LabelFilter');
    if (parts.length === 2) {
      return { kind: this.child(n, 'Or') ? 'or' : 'and', left: this.labelFilter(parts[0]), right: this.labelFilter(parts[1]) };
    }
    if (parts.length === 1) return this.labelFilter(parts[0]); // parenthesised
    const leaf = this.kids(n)[0];
    if (leaf.name === 'Matcher') return { kind: 'match', matcher: this.matcher(leaf) };
    if (leaf.name === 'NumberFilter') {
      const [name, op, value] = this.kids(leaf);
      const number = Number(this.text(value).replace(/\s+/g, ''));
      if (!NUMBER_OPS[op.name] || Number.isNaN(number)) this.unsupported(leaf);
      return { kind: 'number', name: this.text(name), op: NUMBER_OPS[op.name], value: number };
    }
    return this.unsupported(leaf.name === 'UnitFilter' ? this.kids(leaf)[0] : leaf);
  }

  private metricExpr(n: SyntaxNode): MetricQuery {
    const inner = this.kids(n).find((c) => c.name !== '(' && c.name !== ')')!;
    if (inner.name === 'MetricExpr') return this.metricExpr(inner);
    if (inner.name === 'RangeAggregationExpr') return this.rangeAggregation(inner);
    if (inner.name === 'VectorAggregationExpr') return this.vectorAggregation(inner);
    return this.unsupported(inner);
  }

  private rangeAggregation(n: SyntaxNode): MetricQuery {
    const opNode = this.kids(this.child(n, 'RangeOp')!)[0];
    const fn = RANGE_FNS[opNode.name];
    if (!fn) this.unsupported(opNode);
    this.refuseAny(n, ['Number', 'Grouping']);
    let logRange = this.child(n, 'LogRangeExpr')!;
    for (let nested = this.child(logRange, 'LogRangeExpr'); nested; nested = this.child(logRange, 'LogRangeExpr')) logRange = nested;
    this.refuseAny(logRange, ['OffsetExpr', 'UnwrapExpr', 'Offset']);
    const duration = this.child(this.child(logRange, 'Range')!, 'Duration')!;
    const rangeMs = parseDurationMs(this.text(duration));
    if (!rangeMs) this.fail(duration.from, `invalid range ${this.text(duration)}`);
    return { kind: 'range', fn, rangeMs, log: this.logQuery(logRange) };
  }

  private vectorAggregation(n: SyntaxNode): MetricQuery {
    const opNode = this.kids(this.child(n, 'VectorOp')!)[0];
    const op = AGG_OPS[opNode.name];
    if (!op) this.unsupported(opNode);
    this.refuseAny(n, ['Number']);
    const q: MetricQuery = { kind: 'vector', op, inner: this.metricExpr(this.child(n, 'MetricExpr')!) };
    const grouping = this.child(n, 'Grouping');
    if (grouping) {
      const labels: string[] = [];
      const collect = (m: SyntaxNode) => {
        for (const c of this.kids(m)) {
          if (c.name === 'Labels') collect(c);
          else if (c.name === 'Identifier') labels.push(this.text(c));
        }
      };
      const list = this.child(grouping, 'Labels');
      if (list) collect(list);
      if (this.child(grouping, 'By')) q.by = labels;
      else q.without = labels;
    }
    return q;
  }
}

/** Parse a query of the demo's LogQL subset; throws LogQLParseError (Loki's 400 text). */
export function parseQuery(src: string): Query {
  const tree = parser.parse(src);
  const errorAt = firstErrorAt(tree);
  if (errorAt !== null) throw new LogQLParseError(src, errorAt, unexpected(src, errorAt));
  const expr = tree.topNode.getChild('Expr');
  if (!expr) throw new LogQLParseError(src, 0, unexpected(src, 0));
  return new Reader(src).expr(expr);
}
