import { describe, expect, it } from 'vitest';
import { compileRegex, LogQLParseError } from './logql';
import { parseQuery } from './logql-parser';
import { runPipeline } from './logql-eval';
import type { DemoLogLine } from './logs';

const line = (text: string, sm: Record<string, string> = {}): DemoLogLine => ({
  tsNs: 1n, service: 'api-gateway', line: text, stream: { service_name: 'api-gateway', level: 'info' }, structuredMetadata: sm, traceId: null,
});

function parseError(q: string): string {
  try {
    parseQuery(q);
  } catch (e) {
    expect(e).toBeInstanceOf(LogQLParseError);
    return (e as Error).message;
  }
  throw new Error(`expected a parse error for ${q}`);
}

describe('demo LogQL subset', () => {
  it('parses selectors with all four matchers, line filters, parsers and label filters', () => {
    const q = parseQuery('{service_name="api-gateway", level!="debug", job=~"api.*", namespace!~"x"} |= "checkout" != "health" |~ "(?i)ERR" !~ `\\d{9}` | json | status="200", level=~"info|warn" | logfmt');
    expect(q.kind).toBe('log');
    if (q.kind !== 'log') return;
    expect(q.selector.map((m) => m.op)).toEqual(['=', '!=', '=~', '!~']);
    expect(q.stages.map((s) => s.type)).toEqual(['line', 'line', 'line', 'line', 'json', 'labels', 'logfmt']);
  });

  it('parses metric queries with sum by before or after the expression', () => {
    const a = parseQuery('sum by (level) (count_over_time({job="x"} |= "a" [5m]))');
    const b = parseQuery('sum(count_over_time({job="x"}[1h30m])) by (service_name)');
    expect(a).toMatchObject({ kind: 'metric', fn: 'count_over_time', rangeMs: 300_000, agg: { op: 'sum', by: ['level'] } });
    expect(b).toMatchObject({ kind: 'metric', rangeMs: 5_400_000, agg: { by: ['service_name'] } });
  });

  it('keeps hostile values as literal data (escapes decoded, regex metacharacters safe in |=)', () => {
    const q = parseQuery('{service_name="api-gateway"} |= "<script>alert(\\"x\\")</script>" | trace_id="a\\\\b\\"c"');
    if (q.kind !== 'log') throw new Error('log query expected');
    expect(q.stages[0]).toMatchObject({ type: 'line', value: '<script>alert("x")</script>' });
    expect(q.stages[1]).toMatchObject({ type: 'labels', matchers: [{ name: 'trace_id', value: 'a\\b"c' }] });
    expect(runPipeline(q, line('q=<script>alert("x")</script>', { trace_id: 'a\\b"c' }))).not.toBeNull();
    expect(runPipeline(q, line('q=<script>alert("x")</script>', { trace_id: 'abc' }))).toBeNull();
    const dots = parseQuery('{service_name="a"} |= "a.b*"');
    if (dots.kind !== 'log') throw new Error('log query expected');
    expect(runPipeline(dots, line('xxa.b*yy'))).not.toBeNull();
    expect(runPipeline(dots, line('aXbbb'))).toBeNull();
  });

  it('extracts json (flattened, sanitized, colliding names suffixed) and logfmt fields for label filters', () => {
    const j = parseQuery('{service_name="api-gateway"} | json | req_path="/x" | level_extracted="warn" | _timestamp="t"');
    if (j.kind !== 'log') throw new Error('log query expected');
    expect(runPipeline(j, line('{"req":{"path":"/x"},"level":"warn","@timestamp":"t","tags":[1]}'))?.parsed).toEqual({ req_path: '/x', level_extracted: 'warn', _timestamp: 't' });
    const bad = parseQuery('{service_name="api-gateway"} | json | __error__="JSONParserErr"');
    if (bad.kind !== 'log') throw new Error('log query expected');
    expect(runPipeline(bad, line('not json'))).not.toBeNull();
    const l = parseQuery('{service_name="api-gateway"} | logfmt | traceID=~"ab.*" | msg="reserved stock"');
    if (l.kind !== 'log') throw new Error('log query expected');
    expect(runPipeline(l, line('ts=1 msg="reserved stock" traceID=abcd'))).not.toBeNull();
  });

  it('rejects everything else with Loki’s parse error text and column', () => {
    expect(parseError('{service_name="a"} | line_format "{{.msg}}"')).toMatch(/^parse error at line 1, col 34: syntax error: unexpected STRING$/);
    expect(parseError('service_name="a"')).toMatch(/^parse error at line 1, col 1: /);
    expect(parseError('{service_name="a"')).toContain('unexpected end of input');
    expect(parseError('{service_name=~".*"}')).toContain('queries require at least one regexp or equality matcher that does not have an empty-compatible value');
    expect(parseError('{service_name="a"} |~ "("')).toContain('error parsing regexp');
    expect(parseError('{service_name="a} ')).toContain('literal not terminated');
    expect(parseError('count_over_time({service_name="a"})')).toMatch(/col 35: syntax error: unexpected \)/);
    expect(parseError('topk(3, count_over_time({a="b"}[5m]))')).toMatch(/^parse error at line 1, col 6: syntax error: /);
  });
});

describe('user regexes run on a linear-time engine (RE2 semantics)', () => {
  it('a catastrophic-backtracking pattern over a long line still answers (and correctly)', () => {
    const line = `${'a'.repeat(30_000)}!`;
    // With JS RegExp this line and pattern take longer than the age of the universe.
    expect(compileRegex('(a+)+$', false, 1).test(line)).toBe(false);
    expect(compileRegex('(a|aa)+!', false, 1).test(line)).toBe(true);
  });
  it('keeps RE2 flags and anchors label matchers', () => {
    expect(compileRegex('(?i)error', false, 1).test('an ERROR here')).toBe(true);
    expect(compileRegex('pay.*', true, 1).test('payment-gateway')).toBe(true);
    expect(compileRegex('pay.*', true, 1).test('xpayment')).toBe(false);
    expect(() => compileRegex('(?<=x)y', false, 7)).toThrow(/error parsing regexp/);
  });
});
