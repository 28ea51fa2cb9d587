import { describe, expect, it } from 'vitest';
import type { Span, Trace } from '../model/types';
import { buildSearchResults, sortResults, withTypical } from './results';
import { parseSearchQuery, SearchQueryError, toJaegerSearch } from './search-query';
import { formatTagExpression, parseTagExpression, TagExpressionError } from './tag-expression';

describe('tag expressions (logfmt, as Jaeger UI)', () => {
  it('reads bare and quoted values, with escapes', () => {
    expect(parseTagExpression('http.status_code=500 error=true')).toEqual({ 'http.status_code': '500', error: 'true' });
    expect(parseTagExpression('  url="/a b" q="say \\"hi\\"" empty=""')).toEqual({ url: '/a b', q: 'say "hi"', empty: '' });
    expect(parseTagExpression('')).toEqual({});
  });

  it.each([
    ['error', /"error" has no value/],
    ['=5', /"=" without a key/],
    ['a="open', /never closed/],
    ['a=b"c', /contains a quote/],
    ['a="x"y', /expected a space/],
    ['a= b=1', /empty value/],
    ['a=1 a=2', /given twice/],
  ])('rejects %s with a message that says what is wrong', (text, message) => {
    expect(() => parseTagExpression(text)).toThrow(TagExpressionError);
    expect(() => parseTagExpression(text)).toThrow(message);
  });

  it('formats tags back into an expression that parses to the same tags', () => {
    const tags = { a: '1', url: '/a b', q: 'x"y', e: '' };
    expect(parseTagExpression(formatTagExpression(tags))).toEqual(tags);
  });
});

describe('search query from the URL', () => {
  const now = Date.UTC(2026, 0, 1);
  const parse = (qs: string) => parseSearchQuery(new URLSearchParams(qs), now);

  it('needs a service, and says so as guidance rather than an error', () => {
    const e = (() => {
      try {
        parse('');
      } catch (err) {
        return err as SearchQueryError;
      }
    })();
    expect(e).toBeInstanceOf(SearchQueryError);
    expect(e?.missingService).toBe(true);
    expect(e?.message).toMatch(/one service at a time/);
  });

  it('defaults to the last hour, 20 results, most recent first', () => {
    expect(parse('service=a')).toMatchObject({ service: 'a', limit: 20, sort: 'recent', errorsOnly: false, fromMs: now - 3_600_000, toMs: now });
  });

  it.each([
    ['service=a&minDuration=fast', /minDuration: "fast" is not a duration/],
    ['service=a&minDuration=2s&maxDuration=1s', /must not be below/],
    ['service=a&limit=1501', /1 to 1500/],
    ['service=a&limit=0', /1 to 1500/],
    ['service=a&sort=oldest', /sort: "oldest"/],
    ['service=a&tags=oops', /"oops" has no value/],
    ['service=a&errors=maybe', /true or false/],
  ])('rejects %s', (qs, message) => {
    expect(() => parse(qs)).toThrow(message);
  });

  it('asks Jaeger for error=true when errors only is on, as Jaeger UI does', () => {
    expect(toJaegerSearch(parse('service=a&tags=x%3D1&errors=true&minDuration=1.5s')).tags).toEqual({ x: '1', error: 'true' });
    expect(toJaegerSearch(parse('service=a&minDuration=1.5s')).minDurationMs).toBe(1500);
  });
});

let n = 0;
function span(over: Partial<Span>): Span {
  n += 1;
  return {
    traceId: 't', spanId: n.toString(16).padStart(16, '0'), parentSpanId: null, references: [], service: 'svc', operation: 'op', kind: 'server',
    startUs: 1_000_000, durationUs: 1000, status: 'unset', tags: {}, processTags: {}, events: [], warnings: [], ...over,
  };
}

function trace(id: string, startMs: number, durationMs: number, extra: (root: Span) => Span[] = () => []): Trace {
  const traceId = id.padStart(32, '0');
  const root = span({ traceId, startUs: startMs * 1000, durationUs: durationMs * 1000 });
  return { traceId, spans: [root, ...extra(root).map((s) => ({ ...s, traceId }))], warnings: [] };
}

describe('search results', () => {
  it('flags orphan spans, split roots and clock skew per trace', () => {
    const orphaned = trace('a', 1000, 10, () => [span({ parentSpanId: 'ffffffffffffffff', references: [{ type: 'CHILD_OF', traceId: 'x', spanId: 'ffffffffffffffff' }], startUs: 1_001_000 })]);
    const split = trace('b', 2000, 10, () => [span({ startUs: 2_000_000 })]);
    const skewed = trace('c', 3000, 10, (root) => [span({ parentSpanId: root.spanId, references: [{ type: 'CHILD_OF', traceId: 'x', spanId: root.spanId }], startUs: 2_950_000, durationUs: 1000 })]); // 50 ms early: past the 10 ms skew threshold
    const byId = new Map(buildSearchResults([orphaned, split, skewed], { errorsOnly: false, sort: 'recent' }).map((r) => [r.traceId.replace(/^0+/, ''), r.flags]));
    expect(byId.get('a')).toMatchObject({ orphanSpans: 1, roots: 1, clockSkew: 0 });
    expect(byId.get('b')).toMatchObject({ orphanSpans: 0, roots: 2, clockSkew: 0 });
    expect(byId.get('c')).toMatchObject({ orphanSpans: 0, roots: 1, clockSkew: 1 });
  });

  it('errors only drops traces without an error span even when Jaeger returned them', () => {
    const ok = trace('a', 1000, 10);
    const failing = trace('b', 2000, 10, (root) => [span({ parentSpanId: root.spanId, status: 'error' })]);
    expect(buildSearchResults([ok, failing], { errorsOnly: true, sort: 'recent' }).map((r) => r.errorSpanCount)).toEqual([1]);
  });

  it('sorts by recency, duration, span count and error count', () => {
    const results = buildSearchResults(
      [trace('1', 1000, 50), trace('2', 2000, 10, (r) => [span({ parentSpanId: r.spanId, startUs: r.startUs }), span({ parentSpanId: r.spanId, startUs: r.startUs, status: 'error' })]), trace('3', 3000, 20)],
      { errorsOnly: false, sort: 'recent' },
    );
    const ids = (sort: 'recent' | 'longest' | 'spans' | 'errors') => sortResults(results, sort).map((r) => r.traceId.slice(-1));
    expect(ids('recent')).toEqual(['3', '2', '1']);
    expect(ids('longest')).toEqual(['1', '3', '2']);
    expect(ids('spans')).toEqual(['2', '3', '1']);
    expect(ids('errors')).toEqual(['2', '3', '1']);
  });

  it('compares each duration with the median of its root operation, given at least 3 results of it', () => {
    const results = withTypical(buildSearchResults([trace('1', 1000, 10), trace('2', 2000, 20), trace('3', 3000, 90)], { errorsOnly: false, sort: 'recent' }));
    const slow = results.find((r) => r.traceId.endsWith('3'))!;
    expect(slow.typical).toEqual({ medianMs: 20, ratio: 4.5, sampleSize: 3 });
    expect(withTypical(results.slice(0, 2)).every((r) => r.typical === null)).toBe(true);
  });
});
