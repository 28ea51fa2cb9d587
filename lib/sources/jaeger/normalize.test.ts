import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeTracesV1, normalizeTraceV1 } from './normalize-v1';
import { normalizeResourceSpans } from '../otlp/normalize';
import { resourceSpansSchema, traceV1Schema, v1TracesSchema, v3TracesSchema } from './schemas';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

describe('v1 normalization (fixture ui_01)', () => {
  const trace = normalizeTraceV1(traceV1Schema.parse(fixture('jaeger-v1-trace-ui_01.json')))!;

  it('pads the 16-hex trace id to the canonical 32-hex form and keeps trace warnings', () => {
    expect(trace.traceId).toBe('00000000000000000000000000000001');
    expect(trace.warnings).toEqual(['some trace warning']);
    expect(trace.spans).toHaveLength(5);
  });

  it('takes the first CHILD_OF reference in the same trace as parent, skipping other traces', () => {
    const s4 = trace.spans[3];
    expect(s4.spanId).toBe('0000000000000004');
    expect(s4.parentSpanId).toBe('0000000000000002');
    expect(s4.references[0]).toEqual({ type: 'CHILD_OF', traceId: '000000000000000000000000000000ff', spanId: '00000000000000ff' });
    expect(trace.spans[0].parentSpanId).toBeNull();
  });

  it('keeps tag types: int64 beyond 2^53 stays a string, binary stays base64, error=true means error', () => {
    const s = trace.spans[1];
    expect(s.tags).toMatchObject({ 'peer.ipv4': 23456, error: true, temperature: 72.5, javascript_limit: '9223372036854775222', blob: 'AAAwOQ==' });
    expect(s.status).toBe('error');
    expect(trace.spans[0].status).toBe('unset');
  });

  it('resolves services from processes and keeps span warnings and log events', () => {
    expect(trace.spans.map((s) => s.service)).toEqual(['service-x', 'service-x', 'service-y', 'service-y', 'service-y']);
    expect(trace.spans[3].warnings).toEqual(['some span warning']);
    expect(trace.spans[0].events[0]).toEqual({ tsUs: 1485467191639875, name: 'some-event', fields: { event: 'some-event' } });
    expect(trace.spans[0]).toMatchObject({ startUs: 1485467191639875, durationUs: 5, kind: 'unspecified' });
  });

  it('keeps both spans when Jaeger returns duplicate span ids', () => {
    const [t] = normalizeTracesV1(v1TracesSchema.parse(fixture('jaeger-v1-trace-duplicate-span-ids.json')).data);
    expect(t.spans.map((s) => s.spanId)).toEqual(['e127af99e3b3e074', 'e127af99e3b3e074']);
    expect(t.spans[0]).toMatchObject({ kind: 'server', parentSpanId: '909541b92cf05311', service: 'telemetrygen' });
  });

  it('warns instead of crashing when a span’s process is missing', () => {
    const t = normalizeTraceV1(traceV1Schema.parse({ traceID: 'abc', spans: [{ traceID: 'abc', spanID: '1', processID: 'p9' }], processes: {} }))!;
    expect(t.spans[0].service).toBe('unknown_service');
    expect(t.spans[0].warnings[0]).toContain('p9');
  });
});

describe('v3 (OTLP JSON) normalization', () => {
  it('reads the GetTrace snapshot: leading-zero ids, kind enum, status code 2 = error, omitted times', () => {
    const [t] = normalizeResourceSpans(v3TracesSchema.parse(fixture('jaeger-v3-GetTrace.json')).result?.resourceSpans);
    expect(t.traceId).toBe('00000000000000000000000000000001');
    expect(t.spans[0]).toMatchObject({ spanId: '0000000000000002', operation: 'foobar', kind: 'server', status: 'error', startUs: 0, durationUs: 0, service: 'unknown_service', parentSpanId: null });
  });

  it('matches the v1 form Jaeger UI derives from the same OTLP trace (several resources and scopes)', () => {
    const otlp = fixture('jaeger-ui-otlp2jaeger-multi-in-combined.json') as { resourceSpans: unknown[] };
    const fromV3 = normalizeResourceSpans(otlp.resourceSpans.map((r) => resourceSpansSchema.parse(r)))[0];
    const fromV1 = normalizeTracesV1(v1TracesSchema.parse(fixture('jaeger-ui-oltp2jaeger-multi-out.json')).data)[0];
    const key = (s: (typeof fromV3.spans)[number]) => [s.spanId, s.parentSpanId, s.service, s.operation, s.kind, s.startUs, s.durationUs].join('|');
    expect(fromV3.spans.map(key).sort()).toEqual(fromV1.spans.map(key).sort());
    expect(fromV3.spans.find((s) => s.spanId === 'eff3153be6b1fb93')?.tags['otel.scope.version']).toBe('1.2.3');
    expect(fromV3.spans[0].processTags).toEqual({ 'telemetry.sdk.language': 'nodejs', 'telemetry.sdk.name': 'opentelemetry', 'telemetry.sdk.version': '1.22.0' });
  });

  it('matches Jaeger’s own v1 output for the telemetrygen OTLP input', () => {
    const otlp = fixture('otlp-traces-input.json') as { resourceSpans: unknown[] };
    const [t] = normalizeResourceSpans(otlp.resourceSpans.map((r) => resourceSpansSchema.parse(r)));
    expect(t.spans[0]).toMatchObject({ spanId: 'e127af99e3b3e074', parentSpanId: '909541b92cf05311', kind: 'server', startUs: 1706678909209712, durationUs: 123, service: 'telemetrygen' });
  });

  it('moves @jaeger@warnings out of the attributes and keeps attribute types', () => {
    const [t] = normalizeResourceSpans([
      resourceSpansSchema.parse({
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'cart-db' } }, { key: 'host.name', value: { stringValue: 'db-1' } }] },
        scopeSpans: [
          {
            scope: {},
            spans: [
              {
                traceId: '4BF92F3577B34DA6A3CE929D0E0E4736',
                spanId: 'b9c7c989f97918e1',
                parentSpanId: '1111111111111111',
                name: 'SELECT cart',
                kind: 3,
                startTimeUnixNano: '1719990000002000000',
                endTimeUnixNano: '1719990000006100000',
                attributes: [
                  { key: '@jaeger@warnings', value: { arrayValue: { values: [{ stringValue: 'parent span ID=1111111111111111 is not in the trace; skipping clock skew adjustment' }] } } },
                  { key: 'db.rows', value: { intValue: '42' } },
                  { key: 'big', value: { intValue: '9223372036854775807' } },
                  { key: 'ok', value: { boolValue: true } },
                  { key: 'ratio', value: { doubleValue: 0.5 } },
                  { key: 'list', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }] } } },
                ],
                events: [{ timeUnixNano: '1719990000003000000', name: 'exception', attributes: [{ key: 'exception.message', value: { stringValue: 'boom' } }] }],
                links: [{ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' }],
                status: { code: 2, message: 'deadline' },
              },
            ],
          },
        ],
      }),
    ]);
    const s = t.spans[0];
    expect(t.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(s.warnings).toEqual(['parent span ID=1111111111111111 is not in the trace; skipping clock skew adjustment']);
    expect(s.tags).toEqual({ 'db.rows': 42, big: '9223372036854775807', ok: true, ratio: 0.5, list: '["a",1]', 'otel.status_description': 'deadline' });
    expect(s).toMatchObject({ kind: 'client', status: 'error', startUs: 1719990000002000, durationUs: 4100, parentSpanId: '1111111111111111', service: 'cart-db', processTags: { 'host.name': 'db-1' } });
    expect(s.references[1]).toEqual({ type: 'FOLLOWS_FROM', traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' });
    expect(s.events).toEqual([{ tsUs: 1719990000003000, name: 'exception', fields: { 'exception.message': 'boom' } }]);
  });

  it('accepts an OTLP resource without service.name (the UI rejects it) as unknown_service', () => {
    const otlp = fixture('jaeger-ui-otlp2jaeger-in-error.json') as { resourceSpans: unknown[] };
    const [t] = normalizeResourceSpans(otlp.resourceSpans.map((r) => resourceSpansSchema.parse(r)));
    expect(t.spans[0].service).toBe('unknown_service');
  });

  it('normalizes a 10,000-span trace', () => {
    const spans = Array.from({ length: 10_000 }, (_, i) => ({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: (i + 1).toString(16).padStart(16, '0'),
      parentSpanId: i === 0 ? '' : Math.floor(i / 2 + 1).toString(16).padStart(16, '0'),
      name: `op-${i % 50}`,
      kind: 2,
      startTimeUnixNano: `${1719990000000000000n + BigInt(i) * 1000n}`,
      endTimeUnixNano: `${1719990000000000000n + BigInt(i) * 1000n + 500000n}`,
      attributes: [{ key: 'http.status_code', value: { intValue: '200' } }, { key: 'http.route', value: { stringValue: '/x' } }],
      status: {},
    }));
    const payload = v3TracesSchema.parse({ result: { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] }, scopeSpans: [{ scope: {}, spans }] }] } });
    const [t] = normalizeResourceSpans(payload.result?.resourceSpans);
    expect(t.spans).toHaveLength(10_000);
    expect(t.spans[9_999].durationUs).toBe(500);
  });
});
