import { describe, expect, it } from 'vitest';
import { SourceError, type SourceErrorKind } from './errors';
import { ELASTICSEARCH_TRANSPORT, createElasticsearchClient } from './elasticsearch/client';
import { createJaegerClient } from './jaeger/client';
import { createLokiClient } from './loki/client';
import { createPrometheusClient } from './prometheus/client';
import { TEMPO_TRANSPORT, createTempoClient } from './tempo/client';
import { fakeTransport, json, sourceConfig, text } from './test-helpers';

/** Every documented error body of each backend (the READMEs in lib/sources/{prometheus,loki,jaeger,tempo,elasticsearch}) → kind + message. */

async function errorOf(p: Promise<unknown>): Promise<SourceError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(SourceError);
  return e as SourceError;
}

const noRetry = { maxRetries: 0 };

describe('Prometheus error envelopes', () => {
  const cases: [string, number, SourceErrorKind][] = [
    ['bad_data', 400, 'bad_query'],
    ['execution', 422, 'bad_query'],
    ['timeout', 503, 'timeout'],
    ['canceled', 499, 'http'],
    ['internal', 500, 'http'],
    ['not_found', 404, 'http'],
    ['not_acceptable', 406, 'http'],
    ['unavailable', 500, 'http'],
  ];
  for (const [errorType, status, kind] of cases) {
    it(`${errorType} (${status}) → ${kind}`, async () => {
      const { transport } = fakeTransport('prometheus', () => json({ status: 'error', errorType, error: `msg for ${errorType}` }, status), {}, noRetry);
      const err = await errorOf(createPrometheusClient(sourceConfig('prometheus'), transport).query('up', 0));
      expect(err).toMatchObject({ source: 'prometheus', kind, status, message: `msg for ${errorType}` });
    });
  }
});

describe('Loki plain-text errors', () => {
  const cases: [string, number, SourceErrorKind][] = [
    ['parse error at line 1, col 5: syntax error: unexpected IDENTIFIER', 400, 'bad_query'],
    ['log queries are not supported as an instant query type, please change your query to a range query type', 400, 'bad_query'],
    ['queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will', 400, 'bad_query'],
    ['no org id', 401, 'http'],
    ['the request was cancelled by the client', 499, 'http'],
    ['request timed out, decrease the duration of the request or add more label matchers (prefer exact match over regex match) to reduce the amount of data processed', 504, 'timeout'],
    ['rpc error: code = Internal desc = boom', 500, 'http'],
  ];
  for (const [body, status, kind] of cases) {
    it(`${status} "${body.slice(0, 40)}…" → ${kind}`, async () => {
      const { transport } = fakeTransport('loki', () => text(`${body}\n`, status), {}, noRetry);
      const err = await errorOf(createLokiClient(sourceConfig('loki'), transport).queryRange('{a="b"}', 0, 1));
      expect(err).toMatchObject({ source: 'loki', kind, status, message: body });
    });
  }
});

describe('Jaeger v1 and v3 errors', () => {
  const v1 = (code: number, msg: string) => json({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code, msg }] }, code, { 'content-type': 'text/plain; charset=utf-8' });
  const v3 = (httpCode: number, message: string) => json({ error: { grpcCode: 3, httpCode, message, httpStatus: 'x' } }, httpCode);

  it('v1 400 unparseable parameter → bad_query with its message (JSON served as text/plain)', async () => {
    const { transport } = fakeTransport('jaeger', () => v1(400, "unable to parse param 'limit': strconv.Atoi: parsing \"x\": invalid syntax"), {}, noRetry);
    const err = await errorOf(createJaegerClient(sourceConfig('jaeger'), transport, 'v1').searchTraces({ service: 's', fromMs: 0, toMs: 1 }));
    expect(err).toMatchObject({ kind: 'bad_query', message: "unable to parse param 'limit': strconv.Atoi: parsing \"x\": invalid syntax" });
  });

  it('v1 400 missing service on operations → bad_query', async () => {
    const { transport } = fakeTransport('jaeger', () => v1(400, "parameter 'service' is required"), {}, noRetry);
    expect(await errorOf(createJaegerClient(sourceConfig('jaeger'), transport, 'v1').operations(''))).toMatchObject({ kind: 'bad_query', message: "parameter 'service' is required" });
  });

  it('v1 501 storage disabled → http', async () => {
    const { transport } = fakeTransport('jaeger', () => v1(501, 'dependencies storage disabled'), {}, noRetry);
    expect(await errorOf(createJaegerClient(sourceConfig('jaeger'), transport, 'v1').dependencies(0, 1))).toMatchObject({ kind: 'http', status: 501, message: 'dependencies storage disabled' });
  });

  it('v3 400 missing time bounds → bad_query', async () => {
    const { transport } = fakeTransport('jaeger', () => v3(400, 'query.startTimeMin and query.startTimeMax are required'), {}, noRetry);
    expect(await errorOf(createJaegerClient(sourceConfig('jaeger'), transport, 'v3').searchTraces({ service: 's', fromMs: 0, toMs: 1 }))).toMatchObject({
      kind: 'bad_query',
      message: 'query.startTimeMin and query.startTimeMax are required',
    });
  });

  it('v3 503 → http after the bounded retries', async () => {
    const { transport, requests } = fakeTransport('jaeger', () => v3(503, 'unavailable'));
    expect(await errorOf(createJaegerClient(sourceConfig('jaeger'), transport, 'v3').services())).toMatchObject({ kind: 'http', status: 503, message: 'unavailable' });
    expect(requests).toHaveLength(3);
  });
});

describe('Tempo plain-text errors (lib/sources/tempo/README.md §5)', () => {
  const cases: [string, number, SourceErrorKind][] = [
    ['invalid TraceQL query: parse error at line 1, col 9: syntax error: unexpected $end', 400, 'bad_query'],
    ['TraceQL expression exceeds the configured maximum size of 131072 bytes, reduce the query expression size or contact your system administrator', 400, 'bad_query'],
    ['range specified by start and end exceeds 168h0m0s. received start=0 end=1700000000', 400, 'bad_query'],
    ['no org id', 401, 'http'],
    ['too many outstanding requests', 429, 'http'],
    ['invalid request: can\'t specify tags and q in the same query', 400, 'bad_query'],
    ['context deadline exceeded', 504, 'timeout'],
    ['rpc error: code = Unavailable desc = no healthy upstream', 500, 'http'],
  ];
  for (const [body, status, kind] of cases) {
    it(`${status} "${body.slice(0, 40)}…" → ${kind}`, async () => {
      const { transport } = fakeTransport('jaeger', () => text(`${body}\n`, status), {}, { ...noRetry, ...TEMPO_TRANSPORT });
      const err = await errorOf(createTempoClient(sourceConfig('jaeger'), transport).search({ q: '{}', fromMs: 0, toMs: 1 }));
      expect(err).toMatchObject({ source: 'jaeger', kind, status, message: body });
    });
  }

  it('404 without a body on a trace → null, not an error', async () => {
    const { transport } = fakeTransport('jaeger', () => new Response(null, { status: 404 }), {}, { ...noRetry, ...TEMPO_TRANSPORT });
    expect(await createTempoClient(sourceConfig('jaeger'), transport).getTrace('1')).toBeNull();
  });
});

describe('Elasticsearch / OpenSearch error objects (lib/sources/elasticsearch/README.md §3)', () => {
  const es = (type: string, reason: string, status: number, root?: string) => json({ error: { root_cause: [{ type: root ? 'x' : type, reason: root ?? reason }], type, reason }, status }, status);
  const cases: [string, string, number, SourceErrorKind, string, string | undefined][] = [
    ['search_phase_execution_exception', 'all shards failed', 400, 'bad_query', 'all shards failed: Failed to parse query [a:(]', 'Failed to parse query [a:(]'],
    ['parsing_exception', 'unknown query [bogus]', 400, 'bad_query', 'unknown query [bogus]', undefined],
    ['security_exception', 'missing authentication credentials for REST request [/logs/_search]', 401, 'http', 'missing authentication credentials for REST request [/logs/_search]', undefined],
    ['es_rejected_execution_exception', 'rejected execution of coordinating operation', 429, 'http', 'rejected execution of coordinating operation', undefined],
    ['search_phase_execution_exception', 'all shards failed', 503, 'http', 'all shards failed: no_shard_available', 'no_shard_available'],
  ];
  for (const [type, reason, status, kind, message, root] of cases) {
    it(`${status} ${type} → ${kind}`, async () => {
      const { transport } = fakeTransport('loki', () => es(type, reason, status, root), {}, { ...noRetry, ...ELASTICSEARCH_TRANSPORT });
      const err = await errorOf(createElasticsearchClient(sourceConfig('loki'), { index: 'logs' }, transport).search('*', 0, 1));
      expect(err).toMatchObject({ source: 'loki', kind, status, message, backendType: type });
    });
  }

  it('index_not_found_exception → no lines and a warning, not an error', async () => {
    const { transport } = fakeTransport('loki', () => json({ error: { root_cause: [], type: 'index_not_found_exception', reason: 'no such index [logs]' }, status: 404 }, 404), {}, { ...noRetry, ...ELASTICSEARCH_TRANSPORT });
    const r = await createElasticsearchClient(sourceConfig('loki'), { index: 'logs' }, transport).search('*', 0, 1);
    expect(r.lines).toEqual([]);
    expect(r.warnings[0]).toMatch(/no such index \[logs\]/);
  });
});
