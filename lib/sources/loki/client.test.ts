import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../errors';
import { fakeTransport, json, sourceConfig, text, type RecordedRequest, type Responder } from '../test-helpers';
import { createLokiClient } from './client';
import { compareNs } from '../../time/range';

function client(respond: Responder, tenant: string | null = null) {
  const { transport, requests } = fakeTransport('loki', respond);
  return { loki: createLokiClient(sourceConfig('loki'), transport, { tenant }), requests };
}

async function errorOf(p: Promise<unknown>): Promise<SourceError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(SourceError);
  return e as SourceError;
}

const streams = (result: unknown[], encodingFlags?: string[], warnings?: string[]) =>
  json({ status: 'success', ...(warnings ? { warnings } : {}), data: { resultType: 'streams', ...(encodingFlags ? { encodingFlags } : {}), result, stats: { summary: { execTime: 0.01 } } } });

describe('loki log queries', () => {
  it('keeps structured metadata and parsed labels apart from stream labels when categorized', async () => {
    const { loki, requests } = client(() =>
      streams(
        [
          {
            stream: { service_name: 'checkout' },
            values: [
              ['1719990000123456789', 'payment failed', { structuredMetadata: { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7' }, parsed: { level: 'error' } }],
              ['1719989999000000000', 'cart loaded', {}],
            ],
          },
        ],
        ['categorize-labels'],
        ['query used a deprecated function'],
      ),
    'team-a');
    const r = await loki.queryRange('{service_name="checkout"}', 1719989000000, 1719991000000, { limit: 10 });
    const req = requests[0];
    expect(req.headers.get('x-loki-response-encoding-flags')).toBe('categorize-labels');
    expect(req.headers.get('x-scope-orgid')).toBe('team-a');
    expect(req.url.searchParams.get('start')).toBe('1719989000000000000');
    expect(req.url.searchParams.get('end')).toBe('1719991000000000000');
    expect(req.url.searchParams.get('direction')).toBe('backward');
    expect(r.categorized).toBe(true);
    expect(r.truncated).toBe(false);
    expect(r.warnings).toEqual(['query used a deprecated function']);
    expect(r.lines[0]).toEqual({
      tsNs: '1719990000123456789',
      line: 'payment failed',
      stream: { service_name: 'checkout' },
      structuredMetadata: { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7' },
      parsed: { level: 'error' },
    });
    expect(r.lines[1]).toMatchObject({ tsNs: '1719989999000000000', structuredMetadata: {}, parsed: {} });
  });

  it('falls back cleanly when the server ignores categorize-labels', async () => {
    const { loki } = client(() => streams([{ stream: { app: 'api', trace_id: 'abc', level: 'info' }, values: [['1719990000000000001', 'hello']] }]));
    const r = await loki.queryRange('{app="api"}', 0, 1);
    expect(r.categorized).toBe(false);
    expect(r.lines[0]).toEqual({ tsNs: '1719990000000000001', line: 'hello', stream: { app: 'api', trace_id: 'abc', level: 'info' }, structuredMetadata: {}, parsed: {} });
  });

  it('keeps nanosecond timestamps exact and merges streams newest-first', async () => {
    const { loki } = client(() =>
      streams([
        { stream: { a: '1' }, values: [['1719990000000000009', 'a9'], ['1719990000000000001', 'a1']] },
        { stream: { a: '2' }, values: [['1719990000000000005', 'b5']] },
      ]),
    );
    const r = await loki.queryRange('{a=~"1|2"}', 0, 1);
    expect(r.lines.map((l) => l.tsNs)).toEqual(['1719990000000000009', '1719990000000000005', '1719990000000000001']);
  });

  it('returns an empty result as no lines', async () => {
    const { loki } = client(() => streams([]));
    expect(await loki.queryRange('{a="b"}', 0, 1)).toEqual({ lines: [], truncated: false, warnings: [], categorized: false });
  });
});

/** A fake Loki holding `total` entries (several per nanosecond), honouring start/end/limit/direction. */
function pagingLoki(total: number, perNs: number): Responder {
  const all = Array.from({ length: total }, (_, i) => ({ ts: (1_000_000_000_000_000_000n + BigInt(Math.floor(i / perNs))).toString(), line: `line ${i}` }));
  return (req: RecordedRequest) => {
    const p = req.url.searchParams;
    const start = BigInt(p.get('start')!);
    const end = BigInt(p.get('end')!);
    const limit = Number(p.get('limit'));
    const inRange = all.filter((e) => BigInt(e.ts) >= start && BigInt(e.ts) < end);
    const ordered = p.get('direction') === 'forward' ? inRange : [...inRange].reverse();
    const page = ordered.slice(0, limit).map((e) => [e.ts, e.line, {}]);
    return streams([{ stream: { job: 'x' }, values: page }], ['categorize-labels']);
  };
}

describe('loki pagination past the 5,000-entry cap', () => {
  it('pages backward without losing or repeating entries that share a nanosecond', async () => {
    const { loki, requests } = client(pagingLoki(12_000, 3));
    const r = await loki.queryRange('{job="x"}', 0, 2_000_000_000_000, { limit: 20_000 });
    expect(r.lines).toHaveLength(12_000);
    expect(new Set(r.lines.map((l) => l.line)).size).toBe(12_000);
    expect(r.truncated).toBe(false);
    expect(requests.length).toBeGreaterThanOrEqual(3);
    expect(requests.every((q) => Number(q.url.searchParams.get('limit')) <= 5_000)).toBe(true);
    for (let i = 1; i < r.lines.length; i++) expect(compareNs(r.lines[i - 1].tsNs, r.lines[i].tsNs)).toBeGreaterThanOrEqual(0);
  });

  it('pages forward oldest-first and reports truncation when more entries exist', async () => {
    const { loki } = client(pagingLoki(9_000, 2));
    const r = await loki.queryRange('{job="x"}', 0, 2_000_000_000_000, { limit: 7_000, direction: 'forward' });
    expect(r.lines).toHaveLength(7_000);
    expect(r.lines.map((l) => l.line)).toEqual(Array.from({ length: 7_000 }, (_, i) => `line ${i}`));
    expect(r.truncated).toBe(true);
  });

  it('stops instead of looping when one nanosecond holds more entries than a page', async () => {
    const { loki, requests } = client(pagingLoki(6_000, 6_000));
    const r = await loki.queryRange('{job="x"}', 0, 2_000_000_000_000, { limit: 10_000 });
    expect(r.lines).toHaveLength(5_000);
    expect(r.truncated).toBe(true);
    expect(requests).toHaveLength(2);
  });
});

describe('loki pagination (property)', () => {
  it('returns exactly the newest/oldest `limit` entries for any page size and timestamp collisions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 6, max: 12 }),
        fc.boolean(),
        async (total, perNs, limit, pageLimit, forward) => {
          const { transport } = fakeTransport('loki', pagingLoki(total, perNs));
          const loki = createLokiClient(sourceConfig('loki'), transport, { pageLimit });
          const r = await loki.queryRange('{job="x"}', 0, 2_000_000_000_000, { limit, direction: forward ? 'forward' : 'backward' });
          const all = Array.from({ length: total }, (_, i) => i);
          const expected = (forward ? all : all.reverse()).slice(0, limit);
          // Within one nanosecond Loki's order is unspecified: compare as sets per position group.
          expect(r.lines.map((l) => Number(l.line.slice(5))).sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
          // Exactly `limit` entries: a full last page cannot tell whether more exist ("may exist").
          if (total !== limit) expect(r.truncated).toBe(total > limit);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('loki metric queries and metadata', () => {
  it('returns matrix results as series with +Inf and NaN parsed', async () => {
    const { loki, requests } = client(() =>
      json({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { app: 'api' }, values: [[1719990000, '1'], [1719990060, '+Inf'], [1719990120, 'NaN']] }] } }),
    );
    const r = await loki.queryRangeMetric('rate({app="api"}[1m])', 1719990000000, 1719990120000);
    expect(r.series[0].points.map((p) => p[1])).toEqual([1, Infinity, NaN]);
    expect(requests[0].url.searchParams.get('step')).toBe('1');
  });

  it('returns instant vector results', async () => {
    const { loki, requests } = client(() => json({ status: 'success', data: { resultType: 'vector', result: [{ metric: { app: 'api' }, value: [1719990000, '42'] }] } }));
    expect((await loki.query('count_over_time({app="api"}[5m])', 1719990000000)).series).toEqual([{ name: '', labels: { app: 'api' }, points: [[1719990000000, 42]] }]);
    expect(requests[0].url.searchParams.get('time')).toBe('1719990000000000000');
  });

  it('refuses to mix up log and metric queries', async () => {
    const { loki } = client((req) => (req.url.searchParams.get('query')!.startsWith('rate') ? json({ status: 'success', data: { resultType: 'matrix', result: [] } }) : streams([])));
    expect((await errorOf(loki.queryRange('rate({a="b"}[1m])', 0, 1))).kind).toBe('bad_query');
    expect((await errorOf(loki.queryRangeMetric('{a="b"}', 0, 1))).kind).toBe('bad_query');
  });

  it('reads labels, label values, series and buildinfo', async () => {
    const { loki, requests } = client((req) => {
      if (req.url.pathname.endsWith('/series')) return json({ status: 'success', data: [{ app: 'api' }] });
      if (req.url.pathname.endsWith('/buildinfo')) return json({ version: '3.4.2', revision: 'x', branch: 'HEAD', goVersion: 'go1.23' });
      if (req.url.pathname === '/loki/api/v1/labels') return json({ status: 'success' });
      return json({ status: 'success', data: ['api', 'web'] });
    });
    expect(await loki.labels(0, 1)).toEqual([]);
    expect(await loki.labelValues('app', 0, 1, { query: '{env="prod"}' })).toEqual(['api', 'web']);
    expect(requests[1].url.searchParams.get('query')).toBe('{env="prod"}');
    expect(await loki.series(['{app="api"}'], 0, 1)).toEqual([{ app: 'api' }]);
    expect(new URLSearchParams(requests[2].body).getAll('match[]')).toEqual(['{app="api"}']);
    expect(await loki.buildinfo()).toEqual({ version: '3.4.2' });
  });
});

describe('loki errors', () => {
  it('keeps the plain-text parse error and maps it to bad_query', async () => {
    const { loki } = client(() => text('parse error at line 1, col 5: syntax error: unexpected IDENTIFIER\n', 400));
    expect(await errorOf(loki.queryRange('{a="b"} |= x', 0, 1))).toMatchObject({ kind: 'bad_query', status: 400, message: 'parse error at line 1, col 5: syntax error: unexpected IDENTIFIER' });
  });

  it('maps the 504 deadline error to timeout', async () => {
    const { loki } = client(() => text('request timed out, decrease the duration of the request or add more label matchers (prefer exact match over regex match) to reduce the amount of data processed', 504));
    const e = await errorOf(loki.queryRange('{a="b"}', 0, 1));
    expect(e.kind).toBe('timeout');
    expect(e.message).toContain('request timed out');
  });

  it('maps the entry-limit error to bad_query', async () => {
    const { loki } = client(() => text('max entries limit per query exceeded, limit > max_entries_limit_per_query (6000 > 5000)', 400));
    expect((await errorOf(loki.queryRange('{a="b"}', 0, 1))).kind).toBe('bad_query');
  });

  it('reports wrong shapes and float timestamps as bad_response', async () => {
    const bodies = [
      streams([{ stream: { a: 'b' }, values: [[1719990000.123, 'x']] }]),
      streams([{ stream: { a: 'b' }, values: [['1.5e18', 'x']] }]),
      json({ status: 'success', data: { resultType: 'streams', result: 'nope' } }),
      text('not json'),
    ];
    const { loki } = client(() => bodies.shift()!);
    for (let i = 0; i < 4; i++) expect((await errorOf(loki.queryRange('{a="b"}', 0, 1))).kind).toBe('bad_response');
  });
});
