import { describe, expect, it } from 'vitest';
import { SourceError } from '../errors';
import { fakeTransport, json, paramsOf, sourceConfig, text, type Responder } from '../test-helpers';
import { chooseStepSec, createPrometheusClient, escapeLabelNameForPath } from './client';

function client(respond: Responder) {
  const { transport, requests } = fakeTransport('prometheus', respond);
  return { prom: createPrometheusClient(sourceConfig('prometheus'), transport), requests };
}

async function errorOf(p: Promise<unknown>): Promise<SourceError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(SourceError);
  return e as SourceError;
}

const ok = (data: unknown, extra: Record<string, unknown> = {}) => json({ status: 'success', data, ...extra });

describe('prometheus query results', () => {
  it('parses a matrix with NaN, +Inf, -Inf and exponent values and surfaces warnings and infos', async () => {
    const { prom, requests } = client(() =>
      ok(
        {
          resultType: 'matrix',
          result: [
            { metric: { __name__: 'http_requests_total', job: 'api' }, values: [[1719990000, '12'], [1719990015, 'NaN'], [1719990030.5, '+Inf'], [1719990045, '-Inf'], [1719990060, '1e-07']] },
          ],
        },
        { warnings: ['PromQL warning: something'], infos: ['PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "foo" (1:6)'] },
      ),
    );
    const r = await prom.queryRange('rate(http_requests_total[5m])', 1719990000_000, 1719990060_000, 15);
    expect(requests[0].method).toBe('POST');
    expect(requests[0].url.pathname).toBe('/api/v1/query_range');
    expect(Object.fromEntries(paramsOf(requests[0]))).toEqual({ query: 'rate(http_requests_total[5m])', start: '1719990000', end: '1719990060', step: '15' });
    const [s] = r.series;
    expect(s.name).toBe('http_requests_total');
    expect(s.labels).toEqual({ job: 'api' });
    expect(s.points.map((p) => p[0])).toEqual([1719990000000, 1719990015000, 1719990030500, 1719990045000, 1719990060000]);
    expect(s.points[0][1]).toBe(12);
    expect(s.points[1][1]).toBeNaN();
    expect(s.points[2][1]).toBe(Infinity);
    expect(s.points[3][1]).toBe(-Infinity);
    expect(s.points[4][1]).toBe(1e-7);
    expect(r.warnings).toEqual(['PromQL warning: something']);
    expect(r.infos[0]).toContain('might not be a counter');
    expect(r.stepSec).toBe(15);
  });

  it('turns a vector into one-point series and warns about skipped native histograms', async () => {
    const { prom } = client(() =>
      ok({
        resultType: 'vector',
        result: [
          { metric: { job: 'api' }, value: [1719990000, '3'] },
          { metric: { __name__: 'rpc_latency' }, histogram: [1719990000, { count: '5', sum: '0.42', buckets: [[0, '0.0625', '0.125', '3']] }] },
        ],
      }),
    );
    const r = await prom.query('sum by (job) (up)', 1719990000_000);
    expect(r.series).toEqual([{ name: '', labels: { job: 'api' }, points: [[1719990000000, 3]] }]);
    expect(r.warnings.some((w) => w.includes('native histogram'))).toBe(true);
  });

  it('returns scalar and string results', async () => {
    const { prom } = client((req) => ok(paramsOf(req).get('query') === 'pi()' ? { resultType: 'scalar', result: [1719990000, '3.14'] } : { resultType: 'string', result: [1719990000, 'hi'] }));
    expect((await prom.query('pi()', 0)).scalar).toEqual([1719990000000, 3.14]);
    expect((await prom.query('"hi"', 0)).scalar).toEqual([1719990000000, 'hi']);
  });

  it('returns empty results as empty lists', async () => {
    const { prom } = client(() => ok({ resultType: 'matrix', result: [] }));
    expect((await prom.queryRange('nothing', 0, 60_000)).series).toEqual([]);
  });

  it('handles a huge-but-legal matrix (11,000 points × 20 series)', async () => {
    const values = Array.from({ length: 11_000 }, (_, i) => [1_700_000_000 + i, String(i)]);
    const payload = { status: 'success', data: { resultType: 'matrix', result: Array.from({ length: 20 }, (_, j) => ({ metric: { i: String(j) }, values })) } };
    const { prom } = client(() => json(payload));
    const r = await prom.queryRange('x', 1_700_000_000_000, 1_700_010_999_000, 1);
    expect(r.series).toHaveLength(20);
    expect(r.series[19].points[10_999]).toEqual([1_700_010_999_000, 10_999]);
  });
});

describe('prometheus step choice', () => {
  it('raises the step so that no series exceeds 11,000 points', () => {
    const week = 7 * 86_400_000;
    const step = chooseStepSec(0, week, 1);
    expect(week / 1000 / step).toBeLessThanOrEqual(11_000);
    expect(chooseStepSec(0, 3_600_000, 15)).toBe(15);
    expect(chooseStepSec(0, 3_600_000)).toBe(6);
    expect(chooseStepSec(0, 3_600_000, 0)).toBe(6);
  });
});

describe('prometheus metadata endpoints', () => {
  it('sends each selector as its own match[] for series, labels and label values', async () => {
    const { prom, requests } = client((req) => ok(req.url.pathname === '/api/v1/series' ? [{ __name__: 'up', job: 'api' }] : ['a', 'b']));
    expect(await prom.series(['up', 'process_start_time_seconds'], 0, 1000)).toEqual([{ __name__: 'up', job: 'api' }]);
    expect(paramsOf(requests[0]).getAll('match[]')).toEqual(['up', 'process_start_time_seconds']);
    expect(await prom.labels(0, 1000, { match: ['up'] })).toEqual(['a', 'b']);
    expect(await prom.labelValues('http.status_code', 0, 1000)).toEqual(['a', 'b']);
    expect(requests[2].url.pathname).toBe('/api/v1/label/U__http_2e_status__code/values');
    expect(requests[2].method).toBe('GET');
  });

  it('escapes label names for the values path only when needed', () => {
    expect(escapeLabelNameForPath('job')).toBe('job');
    expect(escapeLabelNameForPath('service.name')).toBe('U__service_2e_name');
  });

  it('reads metric types from metadata, mapping unknown types to unknown', async () => {
    const { prom } = client(() =>
      ok({ http_requests_total: [{ type: 'counter', help: 'Requests.', unit: '' }], weird: [{ type: 'mystery', help: '', unit: '' }] }),
    );
    expect(await prom.metadata()).toEqual({
      http_requests_total: [{ type: 'counter', help: 'Requests.', unit: '' }],
      weird: [{ type: 'unknown', help: '', unit: '' }],
    });
  });

  it('reads exemplars with trace ids in every form and without one', async () => {
    const { prom } = client(() =>
      ok([
        {
          seriesLabels: { __name__: 'http_request_duration_seconds_bucket', le: '0.5' },
          exemplars: [
            { labels: { trace_id: '4BF92F3577B34DA6A3CE929D0E0E4736', span_id: '00f067aa0ba902b7' }, value: '0.31', timestamp: 1719990001.123 },
            { labels: { traceID: 'a3ce929d0e0e4736' }, value: '+Inf', timestamp: 1719990002 },
            { labels: { traceId: 'f067aa0ba902b7' }, value: '1', timestamp: 1719990003 },
            { labels: { user: 'x' }, value: '2', timestamp: 1719990004 },
          ],
        },
      ]),
    );
    const ex = await prom.exemplars('http_request_duration_seconds_bucket', 0, 1);
    expect(ex.map((e) => e.traceId)).toEqual(['4bf92f3577b34da6a3ce929d0e0e4736', '0000000000000000a3ce929d0e0e4736', '000000000000000000f067aa0ba902b7', null]);
    expect(ex[0]).toMatchObject({ spanId: '00f067aa0ba902b7', value: 0.31, tsMs: 1719990001123 });
    expect(ex[1].value).toBe(Infinity);
  });

  it('treats a null exemplar result (query without selectors) as empty', async () => {
    const { prom } = client(() => json({ status: 'success' }));
    expect(await prom.exemplars('1', 0, 1)).toEqual([]);
  });

  it('reads the server version', async () => {
    const { prom } = client(() => ok({ version: '3.5.0', revision: 'abc', branch: 'HEAD', buildUser: 'x', buildDate: 'y', goVersion: 'go1.24' }));
    expect(await prom.buildinfo()).toEqual({ version: '3.5.0' });
  });
});

describe('prometheus errors', () => {
  it('maps bad_data (400) and execution (422) to bad_query with the backend message', async () => {
    const { prom } = client((req) =>
      paramsOf(req).get('query') === 'sum('
        ? json({ status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:5: parse error: unexpected end of input' }, 400)
        : json({ status: 'error', errorType: 'execution', error: 'query processing would load too many samples into memory in query execution' }, 422),
    );
    expect(await errorOf(prom.query('sum(', 0))).toMatchObject({ kind: 'bad_query', status: 400, message: 'invalid parameter "query": 1:5: parse error: unexpected end of input' });
    expect((await errorOf(prom.query('huge', 0))).kind).toBe('bad_query');
  });

  it('maps timeout (503) to timeout and internal (500) to http', async () => {
    const { prom } = client((req) =>
      paramsOf(req).get('query') === 'slow'
        ? json({ status: 'error', errorType: 'timeout', error: 'query timed out in expression evaluation' }, 503)
        : json({ status: 'error', errorType: 'internal', error: 'storage error' }, 500),
    );
    expect((await errorOf(prom.query('slow', 0))).kind).toBe('timeout');
    expect(await errorOf(prom.query('x', 0))).toMatchObject({ kind: 'http', status: 500, message: 'storage error' });
  });

  it('reports malformed JSON and wrong shapes as bad_response', async () => {
    const bodies = [text('{"status":"success","data":'), json({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: [['x', 1]] }] } }), json({ hello: 1 }), json({ status: 'success' })];
    const { prom } = client(() => bodies.shift()!);
    for (let i = 0; i < 4; i++) expect((await errorOf(prom.query('up', 0))).kind).toBe('bad_response');
  });

  it('rejects an error envelope behind a 200', async () => {
    const { prom } = client(() => json({ status: 'error', errorType: 'bad_data', error: 'nope' }));
    expect(await errorOf(prom.query('x', 0))).toMatchObject({ kind: 'bad_query', message: 'nope' });
  });
});

describe('bounded answers to user queries', () => {
  const matrix = (n: number) => ({ status: 'success', data: { resultType: 'matrix', result: Array.from({ length: n }, (_, i) => ({ metric: { i: String(i) }, values: [[1, '1']] })) } });
  it('sends limit and keeps at most that many series even when the backend ignores it', async () => {
    const { prom, requests } = client(() => json(matrix(1_000)));
    const r = await prom.queryRange('up', 0, 60_000, 15, { limit: 11 });
    expect(paramsOf(requests[0]).get('limit')).toBe('11');
    expect(r.series).toHaveLength(11);
  });
  it('reads a call with a lower byte cap as too large', async () => {
    const { prom } = client(() => json(matrix(2_000)));
    expect((await errorOf(prom.queryRange('up', 0, 60_000, 15, { maxBytes: 10_000 }))).kind).toBe('too_large');
  });
});
