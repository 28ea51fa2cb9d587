import { describe, expect, it } from 'vitest';
import { labelFilter, lineContainsAny, logQuery, streamSelector, traceIdLineFilter } from '../../../lib/sources/loki/logql';
import type { DemoLogLine } from '../../scenario/logs';
import { LogQLParseError, rangeOf, type LogQuery, type Query } from './ast';
import { evalMetric, runPipeline, type EvaluatedLine } from './eval';
import { compileRegex } from './literals';
import { parseQuery } from './parse';

const line = (text: string, sm: Record<string, string> = {}, tsNs = 1n): DemoLogLine => ({
  tsNs, service: 'api-gateway', line: text, stream: { service_name: 'api-gateway', level: 'info' }, structuredMetadata: sm, traceId: null, spanId: null,
});

function logQ(src: string): LogQuery {
  const q = parseQuery(src);
  if (q.kind !== 'log') throw new Error(`log query expected: ${src}`);
  return q;
}

function parseError(q: string): string {
  try {
    parseQuery(q);
  } catch (e) {
    expect(e).toBeInstanceOf(LogQLParseError);
    return (e as Error).message;
  }
  throw new Error(`expected a parse error for ${q}`);
}

const keeps = (src: string, l: DemoLogLine) => runPipeline(logQ(src), l) !== null;

describe('demo LogQL read with the official grammar', () => {
  it('reads selectors with all four matchers, line filters, parsers and label filters in order', () => {
    const q = logQ('{service_name="api-gateway", level!="debug", job=~"api.*", namespace!~"x"} |= "checkout" != "health" |~ "(?i)ERR" !~ `\\d{9}` | json | status="200", level=~"info|warn" | logfmt');
    expect(q.selector.map((m) => m.op)).toEqual(['=', '!=', '=~', '!~']);
    expect(q.stages.map((s) => s.type)).toEqual(['line', 'line', 'line', 'line', 'json', 'labels', 'logfmt']);
    expect(q.stages[3]).toMatchObject({ op: '!~', values: ['\\d{9}'] });
  });

  it('reads metric queries with by before or after, nested aggregations and parentheses', () => {
    expect(parseQuery('sum by (level) (count_over_time({job="x"} |= "a" [5m]))')).toMatchObject({ kind: 'vector', op: 'sum', by: ['level'], inner: { kind: 'range', fn: 'count_over_time', rangeMs: 300_000 } });
    expect(parseQuery('sum(rate({job="x"}[1h30m])) by (service_name)')).toMatchObject({ kind: 'vector', by: ['service_name'], inner: { fn: 'rate', rangeMs: 5_400_000 } });
    const nested = parseQuery('max without (level) ((sum by (level, job) (bytes_rate({job="x"} | json [1m]))))') as Exclude<Query, LogQuery>;
    expect(nested).toMatchObject({ op: 'max', without: ['level'], inner: { op: 'sum', by: ['level', 'job'] } });
    expect(rangeOf(nested)).toMatchObject({ fn: 'bytes_rate', rangeMs: 60_000, log: { stages: [{ type: 'json' }] } });
    expect(rangeOf(parseQuery('count_over_time({job="x"}[5m] |= "a")') as Exclude<Query, LogQuery>).log.stages).toHaveLength(1);
  });

  it('reads every query shape the app itself sends to Loki', () => {
    const selector = streamSelector([{ name: 'service_name', op: '=~', value: '.+' }]);
    const app = [
      logQuery(selector, labelFilter('trace_id', '=~', '(?i)0*4bf92f3577b34da6a3ce929d0e0e4736')),
      logQuery(selector, traceIdLineFilter('4bf92f3577b34da6a3ce929d0e0e4736')),
      logQuery(selector, lineContainsAny(['a"b', 'c\\d'], { ignoreCase: true })),
      logQuery(streamSelector({ service_name: 'risk-engine' }), labelFilter('duration_ms', '>', 250)),
      `sum by (level) (count_over_time(${streamSelector({ service_name: 'risk-engine' })} [60s]))`,
    ];
    for (const q of app) expect(() => parseQuery(q), q).not.toThrow();
  });

  it('keeps hostile values as literal data (escapes decoded, regex metacharacters safe in |=)', () => {
    const q = logQ('{service_name="api-gateway"} |= "<script>alert(\\"x\\")</script>" | trace_id="a\\\\b\\"c"');
    expect(q.stages[0]).toMatchObject({ type: 'line', values: ['<script>alert("x")</script>'] });
    expect(q.stages[1]).toMatchObject({ type: 'labels', filter: { kind: 'match', matcher: { name: 'trace_id', value: 'a\\b"c' } } });
    expect(runPipeline(q, line('q=<script>alert("x")</script>', { trace_id: 'a\\b"c' }))).not.toBeNull();
    expect(runPipeline(q, line('q=<script>alert("x")</script>', { trace_id: 'abc' }))).toBeNull();
    expect(keeps('{service_name="a"} |= "a.b*"', line('xxa.b*yy'))).toBe(true);
    expect(keeps('{service_name="a"} |= "a.b*"', line('aXbbb'))).toBe(false);
  });

  it('treats `or` between line filter strings as any of them; a negative filter drops lines with any', () => {
    expect(keeps('{a="b"} |= "timeout" or "refused"', line('connection refused'))).toBe(true);
    expect(keeps('{a="b"} |= "timeout" or "refused"', line('ok'))).toBe(false);
    expect(keeps('{a="b"} != "timeout" or "refused"', line('connection refused'))).toBe(false);
    expect(keeps('{a="b"} |~ "^x" or "y$"', line('aay'))).toBe(true);
  });

  it('extracts json (flattened, sanitized, colliding names suffixed) and logfmt fields for label filters', () => {
    const j = logQ('{service_name="api-gateway"} | json | req_path="/x" | level_extracted="warn" | _timestamp="t"');
    expect(runPipeline(j, line('{"req":{"path":"/x"},"level":"warn","@timestamp":"t","tags":[1]}'))?.parsed).toEqual({ req_path: '/x', level_extracted: 'warn', _timestamp: 't' });
    expect(keeps('{service_name="api-gateway"} | json | __error__="JSONParserErr"', line('not json'))).toBe(true);
    expect(keeps('{service_name="api-gateway"} | logfmt | traceID=~"ab.*" | msg="reserved stock"', line('ts=1 msg="reserved stock" traceID=abcd'))).toBe(true);
  });

  it('combines label filters with and, comma, or and parentheses, and compares numbers', () => {
    const l = line('status=503 duration_ms=812.5 route=/pay', {}, 1n);
    const q = (f: string) => keeps(`{a="b"} | logfmt | ${f}`, l);
    expect(q('status="503", route="/pay"')).toBe(true);
    expect(q('status="200" or route="/pay"')).toBe(true);
    expect(q('status="200" and route="/pay"')).toBe(false);
    expect(q('(status="200" or status="503") and duration_ms > 500')).toBe(true);
    expect(q('duration_ms >= 812.5 and duration_ms < 1e3 and status != 500')).toBe(true);
    expect(q('duration_ms <= 100')).toBe(false);
    expect(q('missing > 1')).toBe(false);
  });

  it('keeps a line whose label is not a number under a numeric filter, marked as Loki marks it', () => {
    const e = runPipeline(logQ('{a="b"} | logfmt | route > 5'), line('route=/pay'));
    expect(e?.parsed).toMatchObject({ __error__: 'LabelFilterErr' });
    // Once a stage failed, only filters on __error__ still drop lines.
    expect(keeps('{a="b"} | json | status="200"', line('not json'))).toBe(true);
    expect(keeps('{a="b"} | json | __error__=""', line('not json'))).toBe(false);
  });

  it('evaluates stddev and stdvar over the series below them', () => {
    const lines: EvaluatedLine[] = [
      ...[1, 2, 3].map((i) => ({ src: { ...line('x', { k: 'a' }), tsNs: BigInt(i) * 1_000_000n }, parsed: {} })),
      { src: { ...line('x', { k: 'b' }), tsNs: 1_000_000n }, parsed: {} },
    ];
    const at = (src: string) => evalMetric(parseQuery(src) as Exclude<Query, LogQuery>, lines, [10])[0].points[0][1];
    expect(at('sum(count_over_time({a="b"}[1m]))')).toBe(4);
    expect(at('stdvar(count_over_time({a="b"}[1m]))')).toBe(1); // counts 3 and 1
    expect(at('stddev(count_over_time({a="b"}[1m]))')).toBe(1);
  });
});

describe('what the demo Loki refuses, in Loki’s words', () => {
  it('syntax errors name the line, column and token', () => {
    expect(parseError('service_name="a"')).toMatch(/^parse error at line 1, col 1: syntax error: unexpected IDENTIFIER$/);
    expect(parseError('{service_name="a"')).toBe('parse error at line 1, col 18: syntax error: unexpected end of input');
    expect(parseError('count_over_time({service_name="a"})')).toBe('parse error at line 1, col 35: syntax error: unexpected )');
    expect(parseError('{service_name="a} ')).toContain('literal not terminated');
    expect(parseError('{a="b"}\n  |= x')).toMatch(/^parse error at line 2, col 6: /);
    expect(parseError('')).toContain('unexpected end of input');
  });

  it('valid LogQL outside the subset is a parse error that names the construct and where it is', () => {
    expect(parseError('{service_name="a"} | line_format "{{.msg}}"')).toBe('parse error at line 1, col 22: line_format is not supported by the demo Loki');
    expect(parseError('topk(3, count_over_time({a="b"}[5m]))')).toBe('parse error at line 1, col 1: topk is not supported by the demo Loki');
    expect(parseError('sum(count_over_time({a="b"}[5m])) / 2')).toContain('binary operations is not supported');
    expect(parseError('sum_over_time({a="b"} | logfmt | unwrap d [5m])')).toContain('sum_over_time is not supported');
    expect(parseError('count_over_time({a="b"}[5m] offset 1h)')).toContain('offset is not supported');
    expect(parseError('{a="b"} | pattern "<ip> <_>"')).toContain('pattern is not supported');
    expect(parseError('{a="b"} | logfmt --strict')).toContain('logfmt flags is not supported');
    expect(parseError('{a="b"} | d > 10ms')).toContain('duration label filters is not supported');
    expect(parseError('{a="b"} |= ip("10.0.0.1")')).toContain('ip() line filters is not supported');
  });

  it('refuses selectors that match everything and regexes RE2 cannot compile', () => {
    expect(parseError('{service_name=~".*"}')).toContain('queries require at least one regexp or equality matcher that does not have an empty-compatible value');
    expect(parseError('{service_name="a"} |~ "("')).toMatch(/^parse error at line 1, col 23: error parsing regexp/);
  });
});

describe('user regexes run on a linear-time engine (RE2 semantics)', () => {
  it('a catastrophic-backtracking pattern over a long line still answers (and correctly)', () => {
    const long = `${'a'.repeat(30_000)}!`;
    // With JS RegExp this line and pattern take longer than the age of the universe.
    expect(compileRegex('(a+)+$', false).test(long)).toBe(false);
    expect(compileRegex('(a|aa)+!', false).test(long)).toBe(true);
    expect(keeps('{a="b"} |~ "(a+)+$"', line(long))).toBe(false);
  });
  it('keeps RE2 flags and anchors label matchers', () => {
    expect(compileRegex('(?i)error', false).test('an ERROR here')).toBe(true);
    expect(compileRegex('pay.*', true).test('payment-gateway')).toBe(true);
    expect(compileRegex('pay.*', true).test('xpayment')).toBe(false);
    expect(() => compileRegex('(?<=x)y', false)).toThrow(/error parsing regexp/);
  });
});
