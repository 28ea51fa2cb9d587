import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { traceHref } from '@/lib/routes';
import { labelLink, lineSegments } from './log-segments';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const S = '00f067aa0ba902b7';
const SHORT_T = '0000000000000000a3ce929d0e0e4736';

describe('lineSegments', () => {
  it('links the trace id and span id where they appear, keeping the rest as text', () => {
    expect(lineSegments(`msg="paid" trace_id=${T} span_id=${S}`, T, S)).toEqual([
      { kind: 'text', text: 'msg="paid" trace_id=' },
      { kind: 'trace', text: T, traceId: T },
      { kind: 'text', text: ' span_id=' },
      { kind: 'span', text: S, traceId: T, spanId: S },
    ]);
  });

  it('finds the ids inside a W3C traceparent and in upper case', () => {
    const segs = lineSegments(`traceparent=00-${T.toUpperCase()}-${S}-01`, T, S);
    expect(segs.map((s) => s.kind)).toEqual(['text', 'trace', 'text', 'span', 'text']);
    expect(segs[1].text).toBe(T.toUpperCase());
  });

  it('finds a 64-bit trace id in its short hex and Datadog decimal forms', () => {
    const dec = BigInt('0xa3ce929d0e0e4736').toString(10);
    const segs = lineSegments(`dd.trace_id=${dec} jaeger=a3ce929d0e0e4736`, SHORT_T, null);
    expect(segs.filter((s) => s.kind === 'trace').map((s) => s.text)).toEqual([dec, 'a3ce929d0e0e4736']);
  });

  it('does not link an id that is part of a longer token', () => {
    expect(lineSegments(`x${T}y`, T, null)).toEqual([{ kind: 'text', text: `x${T}y` }]);
  });

  it('leaves markup as text', () => {
    const line = `<img src=x onerror=alert(1)> ${T}`;
    const segs = lineSegments(line, T, null);
    expect(segs[0]).toEqual({ kind: 'text', text: '<img src=x onerror=alert(1)> ' });
  });

  it('always concatenates back to the original line', () => {
    fc.assert(
      fc.property(fc.string(), fc.boolean(), (noise, withId) => {
        const line = withId ? `${noise} ${T} ${noise}` : noise;
        expect(lineSegments(line, T, S).map((s) => s.text).join('')).toBe(line);
      }),
    );
  });
});

describe('labelLink and traceHref', () => {
  it('turns a label holding the trace id into a trace link, other values into text', () => {
    expect(labelLink(T, T, S)).toEqual({ kind: 'trace', text: T, traceId: T });
    expect(labelLink(S, T, S)).toEqual({ kind: 'span', text: S, traceId: T, spanId: S });
    expect(labelLink('checkout', T, S)).toEqual({ kind: 'text', text: 'checkout' });
  });
  it('builds trace page links with the span selected and a window around the log', () => {
    expect(traceHref(T)).toBe(`/trace/${T}`);
    expect(traceHref(T, S)).toBe(`/trace/${T}?span=${S}`);
    const at = Date.UTC(2024, 6, 3, 7, 0, 0);
    const url = new URL(traceHref(T, null, at), 'http://x');
    expect(url.pathname).toBe(`/trace/${T}`);
    expect(url.searchParams.get('from')).toBe('2024-07-03T06:45:00.000Z');
    expect(url.searchParams.get('to')).toBe('2024-07-03T07:15:00.000Z');
  });
});
