import { describe, expect, it } from 'vitest';
import { ByteBudget, withRequestBudget } from './byte-budget';
import { chargeCall } from './call-bytes';
import { requestParts } from './http-request';
import { parseJsonBody } from './json-body';

/** The transport's parts (lib/sources/http.ts): request writing, per-call byte charging, JSON bodies. */

describe('requestParts', () => {
  it('puts a GET\'s and a JSON POST\'s params in the query string, a form POST\'s in its body', () => {
    const get: Record<string, string> = {};
    expect(requestParts('GET', 'http://b', '/q', { a: 'x y', list: ['1', 2], skip: undefined }, get)).toEqual({ url: 'http://b/q?a=x+y&list=1&list=2', body: undefined });
    expect(get['Content-Type']).toBeUndefined();

    const form: Record<string, string> = {};
    const posted = requestParts('POST', 'http://b', '/q', { query: 'up' }, form);
    expect(posted.url).toBe('http://b/q');
    expect(String(posted.body)).toBe('query=up');
    expect(form['Content-Type']).toBe('application/x-www-form-urlencoded');

    const json: Record<string, string> = {};
    expect(requestParts('POST', 'http://b', '/_search', { size: 1 }, json, '{"q":1}')).toEqual({ url: 'http://b/_search?size=1', body: '{"q":1}' });
    expect(json['Content-Type']).toBe('application/json');
  });
});

describe('chargeCall', () => {
  it('charges the source\'s bytes in flight until released, and refuses past its limit', () => {
    const inFlight = new ByteBudget(10);
    const call = chargeCall('loki', inFlight);
    expect(call.charge(6)).toBeNull();
    expect(call.charge(6)).toMatch(/in flight exceed the/);
    expect(inFlight.used).toBe(6);
    call.release();
    expect(inFlight.used).toBe(0);
  });

  it('spends the request\'s total for the source, after which its next call fails before it starts', async () => {
    await withRequestBudget(async () => {
      const call = chargeCall('prometheus', new ByteBudget(1_000));
      expect(call.charge(8)).toBeNull();
      expect(call.charge(8)).toMatch(/this request read more than/);
      expect(() => chargeCall('prometheus', new ByteBudget(1_000))).toThrow(expect.objectContaining({ kind: 'too_large' }));
      expect(chargeCall('loki', new ByteBudget(1_000)).charge(8)).toBeNull(); // another source keeps its own share
    }, 10);
  });
});

describe('parseJsonBody', () => {
  it('parses JSON, and calls anything else a bad response that names the backend and quotes the text', () => {
    expect(parseJsonBody('jaeger', '{"data":[]}')).toEqual({ data: [] });
    expect(() => parseJsonBody('jaeger', '<html>bad gateway</html>', 'tempo')).toThrow(expect.objectContaining({ kind: 'bad_response', source: 'jaeger', message: expect.stringContaining('<html>bad gateway') }));
  });
});
