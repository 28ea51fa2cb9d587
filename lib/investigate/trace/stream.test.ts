import { describe, expect, it } from 'vitest';
import { streamFrame, type StreamFrame } from '../../api/contract/trace-stream';
import { decodeSpanColumns } from '../../correlate/span-columns';
import { applySpanDetails, DETAILS_SLICE } from '../../correlate/span-details';
import { BASE_MS, T, sid } from '../../correlate/test-helpers';
import type { Span, Trace } from '../../model/types';
import { investigationContext } from '../context';
import { correlateTrace } from './correlated';
import { traceStreamFrames } from './stream';
import { TRACE, jaeger, line, loki, prom, range, span } from './test-fakes';

const ctx = (j = jaeger(TRACE)) => investigationContext({ clients: { jaeger: j, loki: loki([line(20, 'charging card', { trace_id: T, span_id: sid(2) })]), prometheus: prom }, nowMs: BASE_MS + 3_600_000 });

async function frames(it: AsyncIterable<StreamFrame>): Promise<StreamFrame[]> {
  const out: StreamFrame[] = [];
  // Through JSON and the contract, as the browser reads them.
  for await (const f of it) out.push(streamFrame.parse(JSON.parse(JSON.stringify(f))) as StreamFrame);
  return out;
}

describe('traceStreamFrames', () => {
  it('sends the waterfall first, then details, logs, exemplars and metrics, and the findings last', async () => {
    const got = await frames(traceStreamFrames(ctx(), T, range));
    const names = got.map((f) => f.frame);
    expect(names[0]).toBe('trace');
    expect(names[1]).toBe('details');
    expect(names.at(-1)).toBe('findings');
    expect([...names].sort()).toEqual(['details', 'exemplars', 'findings', 'logs', 'metrics', 'trace']);
  });

  it('tells the same investigation as the JSON answer, each span sent once', async () => {
    const got = await frames(traceStreamFrames(ctx(), T, range));
    const full = await correlateTrace(ctx(), T, range);
    const first = got[0] as Extract<StreamFrame, { frame: 'trace' }>;
    const spans = decodeSpanColumns(first.trace!.columns);
    for (const f of got) if (f.frame === 'details') applySpanDetails(spans, f);
    const findings = got.at(-1) as Extract<StreamFrame, { frame: 'findings' }>;
    for (const [row, reason] of Object.entries(findings.orphanReasons)) spans[Number(row)].orphanReason = reason;
    expect(spans).toEqual(full.trace!.spans);
    expect(got.flatMap((f) => (f.frame === 'logs' ? f.logs : []))).toEqual(full.logs);
    expect(got.flatMap((f) => (f.frame === 'metrics' ? f.metrics : []))).toEqual(full.metrics);
    expect(got.flatMap((f) => (f.frame === 'exemplars' ? f.exemplars : []))).toEqual(full.exemplars);
    expect(findings.anomalies).toEqual(full.anomalies);
    const statuses = (s: typeof full.sources) => Object.entries(s).map(([k, r]) => [k, r.status, r.message]).sort();
    expect(statuses(findings.sources)).toEqual(statuses(full.sources));
    // No span id appears in two frames.
    const ids = got.flatMap((f) => (f.frame === 'trace' && f.trace ? f.trace.columns.spanId : []));
    expect(ids).toHaveLength(TRACE.spans.length);
  });

  it('slices the details so no frame carries more than DETAILS_SLICE spans', async () => {
    const many: Span[] = [span(1, null, 'checkout', 0, 100_000)];
    for (let i = 2; i <= 2 * DETAILS_SLICE + 10; i++) many.push(span(i, 1, 'payments', i, 1));
    const big: Trace = { traceId: T, warnings: [], spans: many };
    const got = await frames(traceStreamFrames(ctx(jaeger(big)), T, range));
    const details = got.filter((f) => f.frame === 'details');
    expect(details.map((d) => [d.from, d.tags.length])).toEqual([
      [0, DETAILS_SLICE],
      [DETAILS_SLICE, DETAILS_SLICE],
      [2 * DETAILS_SLICE, 10],
    ]);
  });

  it('without the trace, still streams its logs and a missing_trace finding', async () => {
    const got = await frames(traceStreamFrames(ctx(jaeger(null)), T, range));
    expect(got[0]).toMatchObject({ frame: 'trace', trace: null, sources: { jaeger: { status: 'ok' } } });
    expect(got.some((f) => f.frame === 'details')).toBe(false);
    const findings = got.at(-1) as Extract<StreamFrame, { frame: 'findings' }>;
    expect(findings.anomalies.map((a) => a.kind)).toContain('missing_trace');
  });
});
