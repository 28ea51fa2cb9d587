import { describe, expect, it } from 'vitest';
import type { LogLine } from '../model/types';
import { joinLogs } from './join';
import { spanForRequestId, traceRequestIds } from './request-id-join';
import { analyzeTrace } from './trace-model';
import { BASE_MS, sid, span, T, trace } from './test-helpers';

/** Lines without a trace id join the trace by its x-request-id (docs/trace-context.md §7.3). */

const RID = 'cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2';
const OTHER = '0b5f3c3e-7a7d-4bb0-9d35-5c0f1f0e2d11';
const nsAt = (offsetMs: number) => (BigInt(BASE_MS + offsetMs) * 1_000_000n).toString();
const line = (offsetMs: number, text: string, service: string | null = 'cart'): LogLine => ({ tsNs: nsAt(offsetMs), line: text, stream: service ? { service_name: service } : {}, structuredMetadata: {}, parsed: {} });
const envoyLine = (rid: string) => `[2024-01-08T10:11:12.345Z] "GET /cart HTTP/1.1" 200 - 0 12 3 2 "10.0.0.1" "curl" "${rid}" "cart" "10.0.0.2:8080"`;

/** ingress sidecar (istio-ingressgateway) → cart sidecar → cart app. */
const meshTrace = () =>
  trace([
    span(1, null, 0, 100, { service: 'istio-ingressgateway', kind: 'client', tags: { component: 'proxy', 'guid:x-request-id': RID, upstream_cluster: 'outbound|8080||cart.default.svc.cluster.local' } }),
    span(2, 1, 5, 90, { service: 'cart', kind: 'server', tags: { component: 'proxy', 'guid:x-request-id': RID, upstream_cluster: 'inbound|8080||' } }),
    span(3, 2, 10, 80, { service: 'cart', kind: 'server' }),
  ]);

describe('traceRequestIds', () => {
  it('collects request ids from Envoy span tags, captured-header arrays and the trace\'s own lines', () => {
    const spans = [span(1, null, 0, 1, { service: 'a', tags: { 'guid:x-request-id': RID.toUpperCase() } }), span(2, 1, 0, 1, { service: 'b', tags: { 'http.request.header.x-request-id': JSON.stringify([OTHER]) } }), span(3, 1, 0, 1, { tags: { 'http.request_id': '-' } })];
    const ids = traceRequestIds(spans, [{ requestId: 'req-abcdefgh', spanId: sid(9), service: 'c' }]);
    expect([...ids.keys()].sort()).toEqual([OTHER, RID, 'req-abcdefgh'].sort());
    expect(ids.get(RID)).toEqual([{ spanId: sid(1), service: 'a' }]);
  });

  it('attaches to a span of the line\'s own service only', () => {
    const owners = [{ spanId: sid(1), service: 'ingress' }, { spanId: sid(2), service: 'cart' }];
    expect(spanForRequestId(owners, 'cart')).toBe(sid(2));
    expect(spanForRequestId(owners, 'pay')).toBeNull();
    expect(spanForRequestId(owners, null)).toBeNull();
  });
});

describe('joinLogs by request id', () => {
  it('joins an Envoy access-log line without a trace id to the trace, at its service\'s span', () => {
    const [e] = joinLogs([line(20, envoyLine(RID))], analyzeTrace(meshTrace()), T);
    expect(e).toMatchObject({ traceId: null, requestId: RID, joinedBy: 'request_id', spanId: sid(2) });
  });

  it('learns a request id from a line that carries this trace id and joins the lines that carry only the request id', () => {
    const view = analyzeTrace(trace([span(1, null, 0, 100, { service: 'legacy' })]));
    const out = joinLogs([line(10, `trace_id=${T} request_id=${OTHER} msg=start`, 'legacy'), line(50, `request_id=${OTHER} msg="charging card"`, 'legacy'), line(60, `request_id=${OTHER} msg=audit`, 'audit')], view, T);
    expect(out.map((e) => [e.joinedBy, e.spanId])).toEqual([
      ['time', sid(1)],
      ['request_id', sid(1)],
      ['request_id', null], // another service: the trace, not legacy's span
    ]);
  });

  it('leaves other requests\' lines alone, and never overrides a trace id or a span-id join', () => {
    const view = analyzeTrace(meshTrace());
    const out = joinLogs([line(20, envoyLine(OTHER)), line(20, `trace_id=${'1'.repeat(32)} request_id=${RID}`), line(20, `span_id=${sid(3)} request_id=${RID}`), line(20, `request_id=-`)], view, T);
    expect(out.map((e) => e.joinedBy)).toEqual([null, null, 'span_id', null]);
    expect(out[2].spanId).toBe(sid(3));
  });

  it('does nothing without a trace view', () => {
    expect(joinLogs([line(20, envoyLine(RID))], null, T)[0]).toMatchObject({ joinedBy: null, requestId: RID });
  });

  it('property: with random request ids only the trace\'s own request joins, whatever the other lines say', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
    const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join('');
    const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
    for (let round = 0; round < 40; round++) {
      const own = uuid();
      const view = analyzeTrace(trace([span(1, null, 0, 100, { service: 'cart', tags: { 'guid:x-request-id': own } })]));
      const lines: LogLine[] = [];
      const expected: boolean[] = [];
      for (let i = 0; i < 25; i++) {
        const mine = rnd() < 0.3;
        const rid = mine ? (rnd() < 0.5 ? own : own.toUpperCase()) : uuid();
        lines.push(line(Math.floor(rnd() * 100), rnd() < 0.5 ? envoyLine(rid) : `{"request_id":"${rid}","msg":"x"}`));
        expected.push(mine);
      }
      const out = joinLogs(lines, view, T);
      // joinLogs sorts by time: compare as multisets of (line → joined?)
      const got = new Map(out.map((e) => [e.line, e.joinedBy === 'request_id']));
      lines.forEach((l, i) => expect(got.get(l.line)).toBe(expected[i]));
    }
  });
});
