import { describe, expect, it } from 'vitest';
import { SourceError, type SourceErrorKind } from './errors';
import { createJaegerClient } from './jaeger/client';
import { createLokiClient } from './loki/client';
import { createPrometheusClient } from './prometheus/client';
import { fakeTransport, json, sourceConfig, text } from './test-helpers';

/** Every documented error body of each backend (the READMEs in lib/sources/{prometheus,loki,jaeger} §1.2, §3.4, §4.2, §4.5) → kind + message. */

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
