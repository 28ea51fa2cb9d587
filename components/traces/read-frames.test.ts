import { describe, expect, it } from 'vitest';
import type { StreamFrame } from '@/lib/api/contract/trace-stream';
import { ApiFetchError } from '@/components/ui/use-api';
import { readFrames } from './read-frames';
import { applyFrame, type TraceStreamState } from './use-trace-stream';

const range = { from: '2026-12-04T10:00:00.000Z', to: '2026-12-04T11:00:00.000Z' };
const columns = {
  strings: ['checkout', 'GET /pay'],
  spanId: ['a1', 'b2'],
  parent: [-1, 0],
  parentIds: {},
  service: [0, 0],
  operation: [1, 1],
  process: [-1, -1],
  startUs: [0, 10],
  baseUs: 1_000_000,
  durationMs: [5, 1],
  depth: [0, 1],
  flags: [0, 0],
  keys: {},
  warnings: {},
};
const trace = { frame: 'trace', traceId: 'f'.repeat(32), trace: { columns, rootSpanIds: ['a1'], orphanSpanIds: [], duplicateSpanIds: [], warnings: [], start: range.from, durationMs: 5, processes: {} }, sources: { jaeger: { status: 'ok', ms: 3 } }, range };
const details = { frame: 'details', from: 0, tags: [{ 'http.status_code': 500 }, {}], events: [null, [{ ts: range.from, fields: { event: 'retry' } }]] };
const ok = { status: 'ok', ms: 1 };
const findings = { frame: 'findings', anomalies: [], orphanReasons: { 1: 'started by a goroutine without the context' }, sources: { prometheus: ok, loki: ok, jaeger: ok } };

/** A body cut at awkward places: mid-line, mid-character, several lines per chunk. */
function response(text: string, cuts: number[], status = 200): Response {
  const bytes = new TextEncoder().encode(text);
  const points = [0, ...cuts.filter((c) => c < bytes.length), bytes.length];
  const body = new ReadableStream<Uint8Array>({
    start(ctl) {
      for (let i = 1; i < points.length; i++) ctl.enqueue(bytes.subarray(points[i - 1], points[i]));
      ctl.close();
    },
  });
  return new Response(body, { status, headers: { 'content-type': 'application/x-ndjson' } });
}

async function read(res: Response): Promise<StreamFrame[]> {
  const out: StreamFrame[] = [];
  await readFrames(res, (f) => out.push(f));
  return out;
}

describe('readFrames', () => {
  it('reads frames split anywhere across chunks, each checked against its schema', async () => {
    const text = `${JSON.stringify(trace)}\n${JSON.stringify({ ...details, tags: [{ note: 'café' }, {}] })}\n${JSON.stringify(findings)}\n`;
    const frames = await read(response(text, [7, 8, 9, text.indexOf('café') + 3, text.length - 5]));
    expect(frames.map((f) => f.frame)).toEqual(['trace', 'details', 'findings']);
    expect((frames[1] as Extract<StreamFrame, { frame: 'details' }>).tags[0].note).toBe('café');
  });

  it('refuses a frame outside the contract, and unknown frames', async () => {
    await expect(read(response(`${JSON.stringify({ ...trace, traceId: 7 })}\n`, []))).rejects.toBeInstanceOf(ApiFetchError);
    await expect(read(response(`${JSON.stringify({ frame: '__proto__' })}\n`, []))).rejects.toThrow(/unknown frame/);
    await expect(read(response('{"frame":\n', []))).rejects.toThrow(/not JSON/);
  });

  it('turns an error answer into its message', async () => {
    const err = await read(response(JSON.stringify({ error: { code: 'bad_trace_id', message: 'not a trace id' } }), [], 400)).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400, code: 'bad_trace_id', message: 'not a trace id' });
  });
});

describe('applyFrame', () => {
  const start: TraceStreamState = { data: undefined, has: { details: false, logs: false, exemplars: false, metrics: false, findings: false }, detailsVersion: 0, error: null };
  const frames = async (...list: unknown[]) => read(response(list.map((f) => `${JSON.stringify(f)}\n`).join(''), []));

  it('draws from the first frame, writes details and orphan reasons into the same span objects', async () => {
    const [t, d, f] = await frames(trace, details, findings);
    const s1 = applyFrame(start, t);
    const spans = s1.data!.trace!.spans;
    expect(spans.map((s) => [s.spanId, s.parentSpanId, s.tags])).toEqual([
      ['a1', null, {}],
      ['b2', 'a1', {}],
    ]);
    expect(s1.has.details).toBe(false);
    const s2 = applyFrame(s1, d);
    expect(s2.data!.trace!.spans).toBe(spans); // the waterfall's index is never rebuilt
    expect(spans[0].tags).toEqual({ 'http.status_code': 500 });
    expect(spans[1].events?.[0].fields).toEqual({ event: 'retry' });
    expect([s2.has.details, s2.detailsVersion]).toEqual([true, 1]);
    const s3 = applyFrame(s2, f);
    expect(spans[1].orphanReason).toBe('started by a goroutine without the context');
    expect(s3.has.findings).toBe(true);
    expect(s3.data!.sources.loki.status).toBe('ok');
  });

  it('refuses a later frame before the trace', async () => {
    const [f] = await frames(findings);
    expect(() => applyFrame(start, f)).toThrow(/before the trace/);
  });
});
