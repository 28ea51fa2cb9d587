import { describe, expect, it } from 'vitest';
import { canonicalRequestId, parseB3Single, parseTraceInput, parseUberTraceId } from '../model/ids';
import type { LogLine } from '../model/types';
import { extractTraceContext } from './extract';
import { compileExtractionConfig } from './extraction-config';
import { b3FromLine, requestIdFromEnvoyLine, requestIdFromText, uberFromLine } from './propagation';

/** B3, uber-trace-id and x-request-id in log lines (docs/trace-context.md §7). */

const T32 = '80f198ee56343ba864fe8b2a57d3eff7';
const S = 'e457b5a2e4d86bd1';
const P = '05e3ac9a4f6e3b90';
const RID = 'cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2';
const entry = (line: string, extra: Partial<LogLine> = {}): LogLine => ({ tsNs: '1', line, stream: {}, structuredMetadata: {}, parsed: {}, ...extra });

describe('parseB3Single (b3-propagation README "Single Header")', () => {
  it('reads every documented form', () => {
    expect(parseB3Single(`${T32}-${S}-1-${P}`)).toEqual({ traceId: T32, spanId: S, parentSpanId: P, sampled: true });
    expect(parseB3Single(`${T32}-${S}-1`)).toEqual({ traceId: T32, spanId: S, parentSpanId: null, sampled: true });
    expect(parseB3Single(`${T32}-${S}-d`)?.sampled).toBe('debug');
    expect(parseB3Single(`${T32}-${S}-0`)?.sampled).toBe(false);
    expect(parseB3Single(`${T32}-${S}`)?.sampled).toBeNull();
    expect(parseB3Single(`a2fb4a1d1a96d312-${S}-1`)?.traceId).toBe('0000000000000000a2fb4a1d1a96d312');
  });

  it('gives no ids for sampling-only values and malformed ones', () => {
    for (const bad of ['0', '1', 'd', '', '-', `${T32}`, `${T32}-${S}-2`, `${T32}-${S}-1-${P}-x`, `${T32.slice(1)}-${S}`, `${'0'.repeat(32)}-${S}`, `${T32}-${S.slice(2)}`]) expect(parseB3Single(bad)).toBeNull();
  });
});

describe('parseUberTraceId (Jaeger client propagation)', () => {
  it('reads trimmed hex, parent 0 and the flags, also URL-encoded', () => {
    expect(parseUberTraceId('3d5e2a1c7b:1a2b3c:0:1')).toEqual({ traceId: '0000000000000000000000' + '3d5e2a1c7b', spanId: '00000000001a2b3c', parentSpanId: null, sampled: true });
    expect(parseUberTraceId(`${T32}:${S}:${P}:3`)).toMatchObject({ traceId: T32, parentSpanId: P, sampled: 'debug' });
    expect(parseUberTraceId(`${T32}%3A${S}%3A0%3A0`)).toMatchObject({ traceId: T32, sampled: false });
    for (const bad of ['a:b:c', `${T32}:${S}:0:100`, `0:${S}:0:1`, `${T32}1:${S}:0:1`, ':::']) expect(parseUberTraceId(bad)).toBeNull();
  });

  it('is accepted in the search box alongside b3', () => {
    expect(parseTraceInput(`${T32}-${S}-1`)).toEqual({ traceId: T32, spanId: S });
    expect(parseTraceInput('abc:def:0:1')).toEqual({ traceId: '0'.repeat(29) + 'abc', spanId: '0000000000000def' });
  });
});

describe('B3 and uber in lines', () => {
  it('finds the single b3 header in header dumps, key=value and JSON, and prefers it over X-B3-*', () => {
    expect(b3FromLine(`upstream request headers: b3: ${T32}-${S}-1-${P}`)).toEqual({ traceId: T32, spanId: S });
    expect(b3FromLine(`msg="proxied" b3=${T32}-${S}`)).toEqual({ traceId: T32, spanId: S });
    expect(b3FromLine(`{"b3":"${T32}-${S}-d","x-b3-traceid":"${'1'.repeat(32)}"}`)).toEqual({ traceId: T32, spanId: S });
  });

  it('finds X-B3-TraceId / X-B3-SpanId in any case, 16 or 32 hex, also Loki-sanitized names', () => {
    expect(b3FromLine(`X-B3-TraceId: 463ac35c9f6413ad48485a3953bb6124 X-B3-SpanId: a2fb4a1d1a96d312`)).toEqual({ traceId: '463ac35c9f6413ad48485a3953bb6124', spanId: 'a2fb4a1d1a96d312' });
    expect(b3FromLine('x_b3_traceid=463ac35c9f6413ad')).toEqual({ traceId: '0000000000000000463ac35c9f6413ad', spanId: null });
    expect(b3FromLine('b3: 0')).toEqual({ traceId: null, spanId: null });
    expect(b3FromLine('X-B3-Sampled: 1 X-B3-TraceId: 463ac35c9f6413ad48485a3953bb612')).toEqual({ traceId: null, spanId: null }); // 31 hex
    expect(b3FromLine('xx-b3-traceid=463ac35c9f6413ad')).toEqual({ traceId: null, spanId: null });
  });

  it('finds uber-trace-id as a header, a logfmt value or a JSON field', () => {
    expect(uberFromLine(`Uber-Trace-Id: ${T32}:${S}:0:1 forwarded`)).toEqual({ traceId: T32, spanId: S });
    expect(uberFromLine(`{"uber-trace-id":"7b:1:0:1"}`)).toEqual({ traceId: '0'.repeat(30) + '7b', spanId: '0000000000000001' });
    expect(uberFromLine('uber-trace-id=nope')).toEqual({ traceId: null, spanId: null });
  });

  it('extraction reports the step that found the id, and a configured order can leave the steps out', () => {
    expect(extractTraceContext(entry(`GET /cart X-B3-TraceId: ${T32} X-B3-SpanId: ${S}`))).toMatchObject({ traceId: T32, spanId: S, via: 'b3' });
    expect(extractTraceContext(entry(`uber-trace-id: ${T32}:${S}:0:1`))).toMatchObject({ traceId: T32, via: 'uber' });
    expect(extractTraceContext(entry(`b3=${T32}-${S}`), compileExtractionConfig({ steps: ['json', 'regex'] })).traceId).toBeNull();
  });
});

describe('x-request-id', () => {
  it('reads Envoy\'s default access-log line (usage.rst example) and Istio\'s text format', () => {
    const envoy = `[2016-04-15T20:17:00.310Z] "POST /api/v1/locations HTTP/2" 204 - 154 0 226 100 "10.0.35.28" "nsq2http" "${RID}" "locations" "tcp://10.0.2.1:80"`;
    expect(requestIdFromEnvoyLine(envoy)).toBe(RID);
    const istio = `[2024-01-08T10:11:12.345Z] "GET /productpage HTTP/1.1" 200 - via_upstream - "-" 0 5294 32 31 "10.244.0.1" "curl/8.5.0" "${RID.toUpperCase()}" "productpage:9080" "10.244.0.12:9080" inbound|9080|| 127.0.0.6:49215 10.244.0.12:9080 10.244.0.1:0 outbound_.9080_._.productpage.default.svc.cluster.local default`;
    expect(requestIdFromEnvoyLine(istio)).toBe(RID);
    expect(requestIdFromEnvoyLine(`[2016-04-15T20:17:00.310Z] "GET / HTTP/1.1" 200 - 0 0 1 1 "-" "-" "-" "x" "y"`)).toBeNull();
    expect(requestIdFromEnvoyLine(`plain line "a" "b" "${RID}" "c" "d"`)).toBeNull();
  });

  it('reads Istio JSON access logs, ECS and Loki labels through the configured keys, not as a trace id', () => {
    const json = `{"start_time":"2024-01-08T10:11:12.345Z","method":"GET","path":"/cart","response_code":200,"request_id":"${RID}","upstream_cluster":"inbound|8080||","authority":"cart"}`;
    expect(extractTraceContext(entry(json))).toEqual({ traceId: null, spanId: null, via: null, requestId: RID });
    expect(extractTraceContext(entry('{"http":{"request":{"id":"req-12345678"}}}')).requestId).toBe('req-12345678');
    expect(extractTraceContext(entry('x', { structuredMetadata: { x_request_id: RID } })).requestId).toBe(RID);
    expect(extractTraceContext(entry(`level=info x-request-id=${RID} msg=done`)).requestId).toBe(RID);
    expect(extractTraceContext(entry(`X-Request-Id: ${RID}`)).requestId).toBe(RID);
    expect(extractTraceContext(entry(json), compileExtractionConfig({ requestIdKeys: [] })).requestId).toBeNull();
  });

  it('refuses Envoy\'s "-" marker, blanks, short and hostile values', () => {
    for (const bad of ['-', '', '   ', 'abc', 'a'.repeat(200), '<script>alert(1)</script>', 'id with spaces', '../../etc/passwd']) expect(canonicalRequestId(bad)).toBeNull();
    expect(requestIdFromText(`x-request-id: <img src=x onerror=alert(1)>`)).toBeNull();
  });

  it('stays linear on hostile lines', () => {
    const hostile = `[${'2'.repeat(30)}] "${'"'.repeat(5000)} ${'x-request-id='.repeat(2000)} ${'b3=' + 'a'.repeat(10_000)} ${'uber-trace-id:1:'.repeat(2000)}`;
    const ctx = extractTraceContext(entry(hostile));
    expect(ctx.traceId).toBeNull();
  });
});

describe('property: random ids survive every encoding', () => {
  // A seeded generator, so a failure names a reproducible case.
  let seed = 0x2545f491;
  const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
  const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join('');
  it('finds the same canonical ids from b3 (both forms), uber-trace-id and traceparent', () => {
    for (let i = 0; i < 300; i++) {
      const trace = rnd() < 0.3 ? hex(16) : hex(32);
      const sp = hex(16);
      if (/^0+$/.test(trace) || /^0+$/.test(sp)) continue;
      const want = { traceId: trace.padStart(32, '0'), spanId: sp };
      const encodings = [
        `b3: ${trace}-${sp}-${['0', '1', 'd'][i % 3]}`,
        `X-B3-TraceId: ${trace.toUpperCase()} X-B3-SpanId: ${sp}`,
        `uber-trace-id=${trace.replace(/^0+/, '')}:${sp.replace(/^0+/, '')}:0:${i % 4}`,
        ...(trace.length === 32 ? [`traceparent=00-${trace}-${sp}-01`] : []),
      ];
      for (const line of encodings) expect({ line, ...extractTraceContext(entry(`noise ${line} more`)) }).toMatchObject({ line, ...want });
    }
  });
});
