import { describe, expect, it } from 'vitest';
import { parseTracePaste } from './trace-paste';

const ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('parseTracePaste (header search box)', () => {
  it('accepts ids in the forms the id parser knows', () => {
    expect(parseTracePaste(` ${ID.toUpperCase()} `)).toEqual({ ok: true, traceId: ID, spanId: null });
    expect(parseTracePaste(`00-${ID}-00f067aa0ba902b7-01`)).toEqual({ ok: true, traceId: ID, spanId: '00f067aa0ba902b7' });
  });

  it('opens the trace of a Jaeger UI trace link, with the span uiFind names', () => {
    expect(parseTracePaste(`https://jaeger.example.com/trace/${ID}`)).toEqual({ ok: true, traceId: ID, spanId: null });
    expect(parseTracePaste(`http://localhost:16686/jaeger/ui/trace/${ID}?uiFind=00f067aa0ba902b7`)).toEqual({ ok: true, traceId: ID, spanId: '00f067aa0ba902b7' });
    // A 16-hex v1 id, and a uiFind that is a search text rather than a span id.
    expect(parseTracePaste('https://jaeger.example.com/trace/a3ce929d0e0e4736?uiFind=checkout%20error')).toEqual({ ok: true, traceId: '0000000000000000a3ce929d0e0e4736', spanId: null });
  });

  it('opens the trace of a Grafana Explore link, in the panes or the older left form', () => {
    const panes = { abc: { datasource: 'jaeger-uid', queries: [{ refId: 'A', datasource: { type: 'jaeger', uid: 'x' }, queryType: 'traceql', query: ID }], range: { from: 'now-1h', to: 'now' } } };
    expect(parseTracePaste(`https://grafana.example.com/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify(panes))}&orgId=1`)).toEqual({ ok: true, traceId: ID, spanId: null });
    const left = ['now-1h', 'now', 'Jaeger', { query: ID.slice(16) }];
    expect(parseTracePaste(`https://grafana.example.com/explore?left=${encodeURIComponent(JSON.stringify(left))}`)).toEqual({ ok: true, traceId: `${'0'.repeat(16)}${ID.slice(16)}`, spanId: null });
    const prom = { a: { queries: [{ refId: 'A', expr: 'up', query: 'rate(x[5m])' }] } };
    expect(parseTracePaste(`https://grafana.example.com/explore?panes=${encodeURIComponent(JSON.stringify(prom))}`)).toMatchObject({ ok: false, message: expect.stringContaining('names no trace') });
  });

  it('says what is wrong with a malformed id or link', () => {
    expect(parseTracePaste('4bf92f3577b34dg6')).toEqual({ ok: false, message: expect.stringContaining('"g" at position 15 is not a hex digit') });
    expect(parseTracePaste(`${ID}0`)).toEqual({ ok: false, message: expect.stringContaining('33 hex digits') });
    expect(parseTracePaste('0000')).toEqual({ ok: false, message: expect.stringContaining('all zeros') });
    expect(parseTracePaste('https://jaeger.example.com/trace/not-a-trace')).toEqual({ ok: false, message: expect.stringContaining('"not-a-trace" is not one') });
    expect(parseTracePaste('https://jaeger.example.com/search?service=x')).toEqual({ ok: false, message: expect.stringContaining('names no trace') });
    expect(parseTracePaste('00-xyz-abc-01')).toEqual({ ok: false, message: expect.stringContaining('traceparent') });
    expect(parseTracePaste('')).toEqual({ ok: false, message: expect.stringContaining('Paste a trace id') });
    expect(parseTracePaste('x'.repeat(10_000))).toEqual({ ok: false, message: expect.stringContaining('too long') });
  });
});
