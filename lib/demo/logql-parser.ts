import {
  LogQLParseError, compileRegex, parseDurationMs, tokenize,
  type AggOp, type LogQuery, type MatchOp, type Matcher, type Query, type RangeFn, type Stage,
} from './logql';

const RANGE_FNS: RangeFn[] = ['count_over_time', 'rate', 'bytes_over_time', 'bytes_rate'];
const AGG_OPS: AggOp[] = ['sum', 'count', 'min', 'max', 'avg'];
const MATCH_OPS = ['=', '!=', '=~', '!~', '=='];

class Parser {
  private i = 0;
  private readonly tokens;
  constructor(src: string) {
    this.tokens = tokenize(src);
  }

  private peek(offset = 0) {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }

  private next() {
    return this.tokens[this.i++];
  }

  private fail(t = this.peek()): never {
    const what = t.kind === 'eof' ? 'end of input' : t.kind === 'string' ? `STRING` : t.kind === 'ident' ? `IDENTIFIER` : t.text;
    throw new LogQLParseError(t.col, `syntax error: unexpected ${what}`);
  }

  private expect(text: string) {
    const t = this.next();
    if (t.text !== text || t.kind === 'string') this.fail(t);
    return t;
  }

  private matcher(): Matcher {
    const name = this.next();
    if (name.kind !== 'ident') this.fail(name);
    const op = this.next();
    if (op.kind !== 'op' || !MATCH_OPS.includes(op.text)) this.fail(op);
    const value = this.next();
    if (value.kind !== 'string') this.fail(value);
    const mop = (op.text === '==' ? '=' : op.text) as MatchOp;
    const m: Matcher = { name: name.value, op: mop, value: value.value };
    if (mop === '=~' || mop === '!~') m.re = compileRegex(value.value, true, value.col);
    return m;
  }

  private selector(): Matcher[] {
    const open = this.expect('{');
    const matchers: Matcher[] = [];
    while (this.peek().text !== '}') {
      matchers.push(this.matcher());
      if (this.peek().text === ',') this.next();
      else if (this.peek().text !== '}') this.fail();
    }
    this.expect('}');
    const nonEmpty = matchers.some((m) => (m.op === '=' && m.value !== '') || (m.op === '=~' && !m.re!.test('')) || (m.op === '!=' && m.value === '') || (m.op === '!~' && m.re!.test('')));
    if (!nonEmpty) {
      throw new LogQLParseError(open.col, 'queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will');
    }
    return matchers;
  }

  private stage(): Stage {
    const t = this.next();
    if (t.text === '|=' || t.text === '!=' || t.text === '|~' || t.text === '!~') {
      const v = this.next();
      if (v.kind !== 'string') this.fail(v);
      const stage: Stage = { type: 'line', op: t.text, value: v.value };
      if (t.text === '|~' || t.text === '!~') stage.re = compileRegex(v.value, false, v.col);
      return stage;
    }
    if (t.text !== '|') this.fail(t);
    const head = this.peek();
    // `| json` / `| logfmt` are parsers unless followed by a matcher (`| json="x"` filters a label).
    if (head.kind === 'ident' && (head.value === 'json' || head.value === 'logfmt') && !['=', '=~', '=='].includes(this.peek(1).text)) {
      this.next();
      return { type: head.value as 'json' | 'logfmt' };
    }
    if (head.kind !== 'ident') this.fail(head);
    const matchers = [this.matcher()];
    while (this.peek().text === ',' || (this.peek().kind === 'ident' && this.peek().value === 'and')) {
      this.next();
      matchers.push(this.matcher());
    }
    return { type: 'labels', matchers };
  }

  logQuery(): LogQuery {
    const selector = this.selector();
    const stages: Stage[] = [];
    while (['|', '|=', '!=', '|~', '!~'].includes(this.peek().text) && this.peek().kind === 'op') stages.push(this.stage());
    return { kind: 'log', selector, stages };
  }

  private grouping(): string[] {
    this.expect('(');
    const names: string[] = [];
    while (this.peek().text !== ')') {
      const n = this.next();
      if (n.kind !== 'ident') this.fail(n);
      names.push(n.value);
      if (this.peek().text === ',') this.next();
      else if (this.peek().text !== ')') this.fail();
    }
    this.expect(')');
    return names;
  }

  query(): Query {
    const t = this.peek();
    if (t.text === '{') return this.logQuery();
    if (t.kind === 'ident' && AGG_OPS.includes(t.value as AggOp)) {
      this.next();
      const agg: NonNullable<Extract<Query, { kind: 'metric' }>['agg']> = { op: t.value as AggOp };
      const readGroup = () => {
        const g = this.peek();
        if (g.kind === 'ident' && (g.value === 'by' || g.value === 'without')) {
          this.next();
          agg[g.value] = this.grouping();
        }
      };
      readGroup();
      this.expect('(');
      const inner = this.rangeQuery();
      this.expect(')');
      if (!agg.by && !agg.without) readGroup();
      return { ...inner, agg };
    }
    return this.rangeQuery();
  }

  private rangeQuery(): Extract<Query, { kind: 'metric' }> {
    const fn = this.next();
    if (fn.kind !== 'ident' || !RANGE_FNS.includes(fn.value as RangeFn)) this.fail(fn);
    this.expect('(');
    const log = this.logQuery();
    this.expect('[');
    const d = this.next();
    const rangeMs = d.kind === 'duration' ? parseDurationMs(d.value) : null;
    if (!rangeMs) this.fail(d);
    this.expect(']');
    this.expect(')');
    return { kind: 'metric', fn: fn.value as RangeFn, rangeMs, log };
  }

  end() {
    if (this.peek().kind !== 'eof') this.fail();
  }
}

/** Parse a query of the demo's LogQL subset; throws LogQLParseError (Loki's 400 text). */
export function parseQuery(src: string): Query {
  const p = new Parser(src);
  const q = p.query();
  p.end();
  return q;
}
