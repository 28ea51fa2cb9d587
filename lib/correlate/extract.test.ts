import { describe, expect, it } from 'vitest';
import type { LogLine } from '../model/types';
import { extractTraceContext } from './extract';
import { compileExtractionConfig, DEFAULT_EXTRACTION, ExtractionConfigError } from './extraction-config';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

function entry(line: string, extra: Partial<LogLine> = {}): LogLine {
  return { tsNs: '1719990000123456789', line, stream: {}, structuredMetadata: {}, parsed: {}, ...extra };
}

describe('extractTraceContext: labels and metadata', () => {
  it('reads OTLP structured metadata trace_id/span_id first', () => {
    const ctx = extractTraceContext(entry('payment failed', { structuredMetadata: { trace_id: TRACE, span_id: SPAN } }));
    expect(ctx).toEqual({ traceId: TRACE, spanId: SPAN, via: 'metadata', requestId: null });
  });

  it('prefers metadata over a different id written in the line', () => {
    const other = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    const ctx = extractTraceContext(entry(`trace_id=${other}`, { structuredMetadata: { trace_id: TRACE } }));
    expect(ctx.traceId).toBe(TRACE);
    expect(ctx.via).toBe('metadata');
  });

  it('reads stream and parsed labels, including the Loki-sanitized dd_trace_id as decimal', () => {
    const ctx = extractTraceContext(entry('x', { stream: { dd_trace_id: '1234567890123456789', dd_span_id: '42' } }));
    expect(ctx.traceId).toBe('0000000000000000112210f47de98115');
    expect(ctx.spanId).toBe('000000000000002a');
    expect(ctx.via).toBe('label');
    expect(extractTraceContext(entry('x', { parsed: { traceId: TRACE.toUpperCase() } }))).toMatchObject({ traceId: TRACE, via: 'label' });
  });

  it('skips an unusable label value and keeps looking', () => {
    const ctx = extractTraceContext(entry(`traceID=${TRACE}`, { structuredMetadata: { trace_id: 'not-an-id' } }));
    expect(ctx).toMatchObject({ traceId: TRACE, via: 'logfmt', requestId: null });
  });
});

describe('extractTraceContext: JSON lines', () => {
  it('reads top-level keys in every common spelling', () => {
    for (const key of ['trace_id', 'traceId', 'traceID', 'trace.id']) {
      expect(extractTraceContext(entry(JSON.stringify({ msg: 'hi', [key]: TRACE }))).traceId).toBe(TRACE);
    }
  });

  it('reads nested trace.id (ECS) and dd.trace_id (Datadog decimal) objects', () => {
    const ecs = extractTraceContext(entry(JSON.stringify({ trace: { id: TRACE }, span: { id: SPAN } })));
    expect(ecs).toEqual({ traceId: TRACE, spanId: SPAN, via: 'json', requestId: null });
    const dd = extractTraceContext(entry('{"dd":{"trace_id":"1234567890123456789","span_id":"987654321"}}'));
    expect(dd.traceId).toBe('0000000000000000112210f47de98115');
    expect(dd.spanId).toBe(canonical(987654321n));
  });

  it('keeps every digit of a Datadog id written as a JSON number above 2^53', () => {
    const ctx = extractTraceContext(entry('{"dd":{"trace_id":18446744073709551615},"msg":"x"}'));
    expect(ctx.traceId).toBe('0000000000000000ffffffffffffffff');
  });

  it('finds ids under a wrapper object', () => {
    expect(extractTraceContext(entry(JSON.stringify({ context: { trace_id: TRACE } }))).traceId).toBe(TRACE);
  });

  it('falls through to the regex step when a line starts with { but is not JSON', () => {
    const ctx = extractTraceContext(entry(`{broken json "traceId":"${TRACE}"`));
    expect(ctx).toMatchObject({ traceId: TRACE, via: 'regex', requestId: null });
  });
});

describe('extractTraceContext: logfmt, traceparent, regex', () => {
  it('tokenizes logfmt, including quoted values with escapes', () => {
    const ctx = extractTraceContext(entry(`level=info msg="a \\"quoted\\" trace_id=ffff" traceID=${TRACE} spanID=${SPAN}`));
    expect(ctx).toEqual({ traceId: TRACE, spanId: SPAN, via: 'logfmt', requestId: null });
  });

  it('normalizes ids with trimmed leading zeros (jaeger-client-go %x)', () => {
    const ctx = extractTraceContext(entry('trace_id=f067aa0ba902b7 span_id=f067aa0ba902b7'));
    expect(ctx.traceId).toBe('000000000000000000f067aa0ba902b7');
    expect(ctx.spanId).toBe(SPAN);
  });

  it('finds a W3C traceparent anywhere in a line', () => {
    const ctx = extractTraceContext(entry(`GET /cart headers: traceparent: 00-${TRACE}-${SPAN}-01 took 3ms`));
    expect(ctx).toEqual({ traceId: TRACE, spanId: SPAN, via: 'traceparent', requestId: null });
  });

  it('ignores a traceparent with an all-zero trace id or uppercase hex', () => {
    expect(extractTraceContext(entry(`tp 00-${'0'.repeat(32)}-${SPAN}-01`)).traceId).toBeNull();
    expect(extractTraceContext(entry(`tp 00-${TRACE.toUpperCase()}-${SPAN}-01`)).via).not.toBe('traceparent');
  });

  it('uses the §6.4 regexes for "key": "value" text that is neither JSON nor logfmt', () => {
    const ctx = extractTraceContext(entry(`[main] INFO c.e.Svc - handled "traceId": "${TRACE}", "spanId": "${SPAN}"`));
    expect(ctx).toEqual({ traceId: TRACE, spanId: SPAN, via: 'regex', requestId: null });
  });

  it('does not read parent_span_id as the span id', () => {
    const ctx = extractTraceContext(entry(`handled [trace_id: ${TRACE}, parent_span_id: ${SPAN}]`));
    expect(ctx.traceId).toBe(TRACE);
    expect(ctx.spanId).toBeNull();
  });

  it('applies user regexes (derived fields) before the built-in set', () => {
    const cfg = compileExtractionConfig({ traceRegexes: ['req=([0-9a-f]+)/'], steps: ['regex'] });
    expect(extractTraceContext(entry(`req=${TRACE}/ trace_id=${'b'.repeat(32)}`), cfg).traceId).toBe(TRACE);
  });

  it('reads a decimal user regex', () => {
    const cfg = compileExtractionConfig({ traceRegexes: [{ pattern: 'ddtrace=(\\d+)', format: 'decimal' }], steps: ['regex'] });
    expect(extractTraceContext(entry('ddtrace=255'), cfg).traceId).toBe('000000000000000000000000000000ff');
  });

  it('returns nothing for a line without trace context', () => {
    expect(extractTraceContext(entry('GET /healthz 200'))).toEqual({ traceId: null, spanId: null, via: null, requestId: null });
  });

  it('honours the configured step order and subset', () => {
    const line = entry(`{"trace_id":"${TRACE}"}`, { structuredMetadata: { trace_id: 'c'.repeat(32) } });
    const cfg = compileExtractionConfig({ steps: ['json', 'metadata'] });
    expect(extractTraceContext(line, cfg)).toMatchObject({ traceId: TRACE, via: 'json', requestId: null });
    expect(extractTraceContext(line, compileExtractionConfig({ steps: ['logfmt'] })).traceId).toBeNull();
  });
});

describe('extractTraceContext: hostile input', () => {
  it('handles a huge line without trace context', () => {
    const huge = 'x'.repeat(300_000);
    expect(extractTraceContext(entry(huge)).traceId).toBeNull();
    expect(extractTraceContext(entry(`{"a":"${huge}","trace_id":"${TRACE}"}`)).traceId).toBe(TRACE);
  });

  it('survives deeply nested JSON and unterminated logfmt quotes', () => {
    const deep = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);
    expect(extractTraceContext(entry(deep)).traceId).toBeNull();
    expect(extractTraceContext(entry(`msg="unterminated trace_id=${TRACE}`)).via).not.toBe('logfmt');
  });

  it('extracts 5,000 mixed lines (speed is measured by npm run bench, not here)', () => {
    const lines: LogLine[] = [];
    for (let i = 0; i < 5_000; i++) {
      const id = (BigInt(i + 1) * 7919n).toString(16).padStart(32, '0');
      const forms = [`{"level":"info","trace_id":"${id}","msg":"request ${i}"}`, `level=info traceID=${id} msg="req ${i}"`, `plain line number ${i}`];
      lines.push(entry(forms[i % 3]));
    }
    const found = lines.map((l) => extractTraceContext(l, DEFAULT_EXTRACTION)).filter((c) => c.traceId).length;
    expect(found).toBe(3_334);
  });
});

describe('compileExtractionConfig', () => {
  it('rejects regexes with zero or two capture groups, naming the regex', () => {
    expect(() => compileExtractionConfig({ traceRegexes: ['trace=\\w+'] })).toThrow(/exactly one capture group \(it has 0\)/);
    expect(() => compileExtractionConfig({ traceRegexes: ['(trace)=(\\w+)'] })).toThrow(ExtractionConfigError);
    expect(() => compileExtractionConfig({ spanRegexes: ['(?<a>x)(y)'] })).toThrow(/span regex #1.*\(it has 2\)/);
  });

  it('accepts non-capturing groups next to the one capture', () => {
    expect(() => compileExtractionConfig({ traceRegexes: ['(?:trace|req)=(\\w+)'] })).not.toThrow();
  });

  it('rejects invalid syntax, empty-matching patterns, stateful flags and unknown steps', () => {
    expect(() => compileExtractionConfig({ traceRegexes: ['(unclosed'] })).toThrow(/not a valid regular expression/);
    expect(() => compileExtractionConfig({ traceRegexes: ['(\\w*)'] })).toThrow(/matches an empty line/);
    expect(() => compileExtractionConfig({ traceRegexes: [{ pattern: 't=(\\w+)', flags: 'g' }] })).toThrow(/not allowed/);
    expect(() => compileExtractionConfig({ steps: ['json', 'xml' as never] })).toThrow(/unknown extraction step "xml"/);
  });
});

function canonical(n: bigint): string {
  return n.toString(16).padStart(16, '0');
}
