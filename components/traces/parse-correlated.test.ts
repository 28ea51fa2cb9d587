import { describe, expect, it } from 'vitest';
import { parseCorrelated } from './parse-correlated';

const source = { status: 'ok', ms: 1 };
const span = (i: number) => ({
  spanId: i.toString(16).padStart(16, '0'),
  parentSpanId: i === 0 ? null : '0000000000000000',
  service: 'checkout',
  operation: 'GET /cart',
  start: '2026-12-04T14:00:00.000Z',
  durationMs: 2,
  status: 'ok',
  tags: { 'http.status_code': 200 },
  warnings: [],
  key: String(i),
  startUs: 1_780_000_000_000_000 + i,
  depth: i === 0 ? 0 : 1,
  kind: 'server',
  parentLink: i === 0 ? null : 'CHILD_OF',
});
const answer = (spans: unknown[]) => ({
  traceId: 'abc',
  trace: { spans, rootSpanIds: [], orphanSpanIds: [], duplicateSpanIds: [], warnings: [], start: '2026-12-04T14:00:00.000Z', durationMs: 2, processes: {} },
  logs: [],
  metrics: [],
  exemplars: [],
  anomalies: [],
  sources: { prometheus: source, loki: source, jaeger: source },
  range: { from: '2026-12-04T13:00:00.000Z', to: '2026-12-04T14:00:00.000Z' },
});

describe('the browser checks the full investigation in slices', () => {
  it('keeps every span of a trace larger than one slice, unchanged and in order', async () => {
    const body = answer(Array.from({ length: 4_500 }, (_, i) => span(i)));
    const parsed = await parseCorrelated(JSON.parse(JSON.stringify(body)));
    expect(parsed).toEqual(body);
  });

  it('refuses a span in the wrong shape, even in a later slice', async () => {
    const spans: unknown[] = Array.from({ length: 4_500 }, (_, i) => span(i));
    spans[4_100] = { ...span(4_100), durationMs: 'slow' };
    await expect(parseCorrelated(answer(spans))).rejects.toThrow(/durationMs/);
  });

  it('accepts an answer without a trace and refuses one without sources', async () => {
    expect((await parseCorrelated({ ...answer([]), trace: null })).trace).toBeNull();
    const { sources: _gone, ...rest } = answer([]);
    await expect(parseCorrelated(rest)).rejects.toThrow(/sources/);
  });
});
