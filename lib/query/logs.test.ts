import { describe, expect, it, vi } from 'vitest';
import { errorResponse } from '../api/respond';
import { SourceError } from '../sources/errors';
import { createLokiClient } from '../sources/loki/client';
import { fakeTransport, json as jsonBody, sourceConfig, text } from '../sources/test-helpers';
import type { LogLine } from '../model/types';
import { runLogsQuery } from './logs';
import { investigationContext } from '../investigate/context';
import type { LokiClient } from '../sources/types';
import type { ElasticsearchClient } from '../sources/elasticsearch/client';
import { NOW, fakeLoki } from './test-fakes';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const deps = (loki: LokiClient | null) => investigationContext({ clients: { loki }, nowMs: NOW, config: { notConfigured: { loki: 'Set LOKI_URL to connect Loki.' } }, clock: () => 0 });

async function failure(p: Promise<unknown>) {
  const res = errorResponse(await p.then(() => expect.unreachable('should have failed'), (e: unknown) => e));
  return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
}

/** The categorized query_range answer from lib/sources/loki/README.md §3.3. */
const CATEGORIZED = {
  status: 'success',
  data: {
    resultType: 'streams',
    encodingFlags: ['categorize-labels'],
    result: [
      {
        stream: { service_name: 'checkout' },
        values: [
          ['1719990000123456789', 'payment failed', { structuredMetadata: { trace_id: T, span_id: '00f067aa0ba902b7' }, parsed: { level: 'error' } }],
          ['1719989999000000000', 'cart loaded', {}],
        ],
      },
    ],
  },
};

describe('runLogsQuery', () => {
  it('turns Loki entries into log entries with exact times, merged labels, service and extracted ids', async () => {
    const { transport, requests } = fakeTransport('loki', () => jsonBody(CATEGORIZED));
    const loki = createLokiClient(sourceConfig('loki'), transport);
    const r = await runLogsQuery({ query: '{service_name="checkout"}', from: '1719989000', to: '1719991000', limit: '100' }, deps(loki));
    expect(requests[0].url.searchParams.get('limit')).toBe('100');
    expect(requests[0].url.searchParams.get('direction')).toBe('backward');
    expect(r.resultType).toBe('streams');
    expect(r.logs).toEqual([
      {
        ts: '2024-07-03T07:00:00.123Z',
        tsNs: '1719990000123456789',
        line: 'payment failed',
        labels: { service_name: 'checkout', trace_id: T, span_id: '00f067aa0ba902b7', level: 'error' },
        service: 'checkout',
        traceId: T,
        spanId: '00f067aa0ba902b7',
        joinedBy: null,
        stream: { service_name: 'checkout' },
      },
      {
        ts: '2024-07-03T06:59:59.000Z',
        tsNs: '1719989999000000000',
        line: 'cart loaded',
        labels: { service_name: 'checkout' },
        service: 'checkout',
        traceId: null,
        spanId: null,
        joinedBy: null,
        stream: { service_name: 'checkout' },
      },
    ]);
    expect(r.truncated).toBe(false);
    expect(r.series).toEqual([]);
    expect(r.sources).toEqual({ loki: { status: 'ok', ms: 0 } });
  });

  it('finds a trace id written in the line itself (logfmt)', async () => {
    const line: LogLine = { tsNs: String(BigInt(NOW) * 1_000_000n), line: `level=info msg="charged" trace_id=${T}`, stream: { app: 'billing' }, structuredMetadata: {}, parsed: {} };
    const loki = fakeLoki({ queryRange: async () => ({ lines: [line], truncated: true, warnings: [], categorized: false }) });
    const r = await runLogsQuery({ query: '{app="billing"}' }, deps(loki));
    expect(r.logs[0]).toMatchObject({ traceId: T, service: 'billing', ts: '2024-07-03T07:00:00.000Z' });
    expect(r.truncated).toBe(true);
    expect(r.limit).toBe(1_000);
  });

  it('answers a metric query with series and the step it chose', async () => {
    const seen: { step?: string }[] = [];
    const loki = fakeLoki({
      queryRangeMetric: async (_q, _f, _t, opts) => {
        seen.push({ step: opts?.step });
        return { series: [{ name: '', labels: { level: 'error' }, points: [[NOW, 3], [NOW + 1, NaN]] }], warnings: [] };
      },
    });
    const r = await runLogsQuery({ query: 'sum by (level) (count_over_time({app="a"}[1m]))', from: 'now-1h' }, deps(loki));
    expect(r.resultType).toBe('matrix');
    expect(r.series).toEqual([{ name: '', labels: { level: 'error' }, points: [[NOW, 3], [NOW + 1, null]] }]);
    expect(r.step).toBe(6);
    expect(seen).toEqual([{ step: '6' }]);
    expect(r.logs).toEqual([]);
  });

  it("asks again the other way when Loki says the grammar guessed the query's kind wrong", async () => {
    const loki = fakeLoki({
      queryRange: async () => {
        throw new SourceError({ source: 'loki', kind: 'bad_query', message: 'queryRange needs a log query (a stream selector with filters), got a metric query' });
      },
      queryRangeMetric: async () => ({ series: [{ name: '', labels: {}, points: [[NOW, 1]] }], warnings: [] }),
    });
    // A syntax the grammar does not know makes it guess 'log'.
    const r = await runLogsQuery({ query: 'some_future_function({app="a"}[1m])' }, deps(loki));
    expect(r.resultType).toBe('matrix');
    expect(r.series).toHaveLength(1);
  });

  it('turns a LogQL parse error (plain-text 400) into a 400 carrying the backend message', async () => {
    const { transport } = fakeTransport('loki', () => text('parse error at line 1, col 9: syntax error: unexpected $end', 400));
    const loki = createLokiClient(sourceConfig('loki'), transport);
    const { status, body } = await failure(runLogsQuery({ query: '{app="a"' }, deps(loki)));
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_query');
    expect(body.error.message).toContain('parse error at line 1, col 9');
  });

  it('maps an unreachable Loki to 502', async () => {
    const loki = fakeLoki({
      queryRange: async () => {
        throw new SourceError({ source: 'loki', kind: 'unreachable', message: 'loki unreachable: ECONNREFUSED' });
      },
    });
    expect((await failure(runLogsQuery({ query: '{app="a"}' }, deps(loki)))).status).toBe(502);
  });

  it('says not_configured (200) with how to connect', async () => {
    const r = await runLogsQuery({ query: '{app="a"}' }, deps(null));
    expect(r.logs).toEqual([]);
    expect(r.sources.loki).toEqual({ status: 'not_configured', message: 'Set LOKI_URL to connect Loki.', ms: 0 });
  });

  it('refuses a bad range and a bad limit before asking Loki', async () => {
    const loki = fakeLoki({});
    expect((await failure(runLogsQuery({ query: '{app="a"}', to: 'later' }, deps(loki)))).body.error.code).toBe('bad_time_range');
    expect((await failure(runLogsQuery({ query: '{app="a"}', limit: '9999' }, deps(loki)))).status).toBe(400);
  });
});

describe('runLogsQuery on an Elasticsearch logs source', () => {
  it('runs the query as Lucene on Elasticsearch, newest first, and returns the hits as log entries with their ids', async () => {
    const { createElasticsearchClient, ELASTICSEARCH_TRANSPORT } = await import('../sources/elasticsearch/client');
    const hit = { _index: 'logs-app', _id: '1', _source: { '@timestamp': '2024-07-03T07:00:00.123456789Z', message: 'payment failed', service: { name: 'checkout' }, trace: { id: T } }, sort: ['2024-07-03T07:00:00.123456789Z', 1] };
    const { transport, requests } = fakeTransport('loki', () => jsonBody({ hits: { total: { value: 1, relation: 'eq' }, hits: [hit] } }), {}, ELASTICSEARCH_TRANSPORT);
    const es = createElasticsearchClient(sourceConfig('loki'), { index: 'logs-*' }, transport);
    const ctx = investigationContext({ clients: { elasticsearch: es }, nowMs: NOW, clock: () => 0 });
    const r = await runLogsQuery({ query: 'service.name:checkout AND failed', from: 'now-1h', to: 'now', limit: '50' }, ctx);
    const body = JSON.parse(requests[0].body);
    expect(body.query.bool.filter[0].query_string.query).toBe('service.name:checkout AND failed');
    expect(body.sort[0]['@timestamp'].order).toBe('desc');
    expect(body.size).toBe(50);
    expect(r.sources.loki?.status).toBe('ok');
    expect(r.logs).toHaveLength(1);
    expect(r.logs[0]).toMatchObject({ line: 'payment failed', traceId: T, service: 'checkout' });
  });

  it('speaks the language of the first chosen logs source when a Loki and an Elasticsearch are both chosen', async () => {
    const asked: string[] = [];
    const loki = { queryRange: async (q: string) => (asked.push(`logql ${q}`), { lines: [], truncated: false, warnings: [] }) } as unknown as LokiClient;
    const es = { search: async (q: string) => (asked.push(`lucene ${q}`), { lines: [], truncated: false, warnings: [] }) } as unknown as ElasticsearchClient;
    const lokiSource = { name: 'eu', type: 'loki' as const, client: loki, serviceLabel: null };
    const esSource = { name: 'elk', type: 'elasticsearch' as const, client: es, serviceLabel: null };
    const ctx = (lokiAt: number, esAt: number) =>
      investigationContext({ clients: {}, sources: { loki: [{ ...lokiSource, position: lokiAt }], elasticsearch: [{ ...esSource, position: esAt }] }, nowMs: NOW, clock: () => 0 });
    await runLogsQuery({ query: 'level:error' }, ctx(1, 0));
    await runLogsQuery({ query: '{app="a"}' }, ctx(0, 1));
    expect(asked).toEqual(['lucene level:error', 'logql {app="a"}']);
  });
});

describe('case suggestion', () => {
  const empty = { status: 'success', data: { resultType: 'streams', result: [] } };
  const one = { status: 'success', data: { resultType: 'streams', result: [{ stream: { job: 'a' }, values: [['1719990000000000000', 'ERROR boom']] }] } };

  it('suggests the case-insensitive filter when the result is empty and it finds a line (asking for one line only)', async () => {
    const { transport, requests } = fakeTransport('loki', (req) => jsonBody(req.url.searchParams.get('query')!.includes('(?i)') ? one : empty));
    const r = await runLogsQuery({ query: '{job="a"} |= "error"', from: '1719989000', to: '1719991000' }, deps(createLokiClient(sourceConfig('loki'), transport)));
    expect(r.logs).toEqual([]);
    expect(r.suggestion?.query).toBe('{job="a"} |~ "(?i)error"');
    expect(requests).toHaveLength(2);
    expect(requests[1].url.searchParams.get('limit')).toBe('1');
  });

  it('asks nothing more when lines were found or no filter could differ by case', async () => {
    const { transport, requests } = fakeTransport('loki', () => jsonBody(empty));
    const r = await runLogsQuery({ query: '{job="a"} |= "500"' }, deps(createLokiClient(sourceConfig('loki'), transport)));
    expect(r.suggestion).toBeNull();
    expect(requests).toHaveLength(1);
  });

  it('gives no suggestion when the case-insensitive query finds nothing either', async () => {
    const { transport } = fakeTransport('loki', () => jsonBody(empty));
    const r = await runLogsQuery({ query: '{job="a"} |= "error"' }, deps(createLokiClient(sourceConfig('loki'), transport)));
    expect(r.suggestion).toBeNull();
  });

  /** A Loki whose case-insensitive ask never answers until its signal aborts; the signal it got is kept. */
  const hangingHint = () => {
    const seen: AbortSignal[] = [];
    const loki = fakeLoki({
      queryRange: async (query, _from, _to, opts) => {
        if (!query.includes('(?i)')) return { lines: [], truncated: false, warnings: [], categorized: true };
        const signal = opts!.signal!;
        seen.push(signal);
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
      },
    });
    return { loki, seen };
  };

  it('gives the hint its own budget inside the context\'s: it gives up after 3 s and the answer still comes', async () => {
    vi.useFakeTimers();
    try {
      const { loki, seen } = hangingHint();
      const answer = runLogsQuery({ query: '{job="a"} |= "error"' }, deps(loki));
      await vi.advanceTimersByTimeAsync(2_999);
      expect(seen[0].aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(seen[0].reason).toMatchObject({ name: 'TimeoutError', message: expect.stringContaining('the case hint') });
      expect((await answer).suggestion).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops asking for the hint when the request\'s own budget ends (the caller went away)', async () => {
    const { loki, seen } = hangingHint();
    const caller = new AbortController();
    const ctx = investigationContext({ clients: { loki }, nowMs: NOW, signal: caller.signal, clock: () => 0 });
    const answer = runLogsQuery({ query: '{job="a"} |= "error"' }, ctx);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    caller.abort(new Error('tab closed'));
    expect(seen[0].aborted).toBe(true);
    expect((await answer).suggestion).toBeNull();
  });
});
