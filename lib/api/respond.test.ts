import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { TimeRangeError } from '../time/range';
import { badRequest, errorResponse, jsonStream, route } from './respond';

const body = async (r: Response) => ({ status: r.status, body: await r.json() });

describe('errorResponse', () => {
  it('maps bad input to 400 with a message', async () => {
    expect(await body(errorResponse(badRequest('trace id "xyz" is not 16 or 32 hex digits', 'bad_trace_id')))).toEqual({
      status: 400,
      body: { error: { code: 'bad_trace_id', message: 'trace id "xyz" is not 16 or 32 hex digits' } },
    });
    expect((await body(errorResponse(new TimeRangeError('from "x" is not a time')))).status).toBe(400);
    const zerr = z.object({ name: z.string() }).safeParse({}).error!;
    expect((await body(errorResponse(zerr))).body.error.message).toMatch(/^name:/);
  });
  it('maps backend failures to 502/504 and query errors to 400, naming the source', async () => {
    const src = (kind: string) => Object.assign(new Error('boom'), { kind, source: 'prometheus' });
    expect((await body(errorResponse(src('unreachable')))).status).toBe(502);
    expect((await body(errorResponse(src('timeout')))).status).toBe(504);
    expect(await body(errorResponse(src('bad_query')))).toEqual({ status: 400, body: { error: { code: 'bad_query', message: 'prometheus: boom' } } });
  });
  it('answers a full backend queue with 429 and Retry-After in whole seconds', async () => {
    const res = errorResponse(Object.assign(new Error('too many queries waiting (256)'), { kind: 'busy', source: 'loki', retryAfterMs: 1_500 }));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect((await res.json()).error.code).toBe('source_busy');
  });
  it('never leaks a stack trace for unexpected errors', async () => {
    const orig = console.error;
    console.error = () => {};
    const r = await body(errorResponse(new Error('secret internals at /srv/app.js:12')));
    console.error = orig;
    expect(r).toEqual({ status: 500, body: { error: { code: 'internal', message: 'internal error' } } });
  });
});

it('route() turns a throwing handler into a JSON error', async () => {
  const h = route(async () => {
    throw badRequest('nope');
  });
  expect((await h()).status).toBe(400);
});

it('answers a request the client abandoned with 499 and without logging a fault', async () => {
  const orig = console.error;
  let logged = false;
  console.error = () => (logged = true);
  const aborted = Object.assign(new Error(''), { name: 'ResponseAborted' });
  const canceled = Object.assign(new Error('cancelled by the caller'), { kind: 'canceled', source: 'prometheus' });
  expect((await body(errorResponse(aborted))).status).toBe(499);
  expect((await body(errorResponse(canceled))).body.error.code).toBe('canceled');
  console.error = orig;
  expect(logged).toBe(false);
});

describe('jsonStream', () => {
  const body = { spans: Array.from({ length: 20_000 }, (_, i) => ({ spanId: i.toString(16).padStart(16, '0') })) };

  it('streams the same JSON and reports once when the last chunk was taken', async () => {
    const onSent = vi.fn();
    const res = jsonStream(body, onSent, { status: 200 });
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(onSent).not.toHaveBeenCalled();
    expect(await res.json()).toEqual(body);
    expect(onSent).toHaveBeenCalledTimes(1);
  });

  it('reports when the reader goes away before the end', async () => {
    const onSent = vi.fn();
    const reader = jsonStream(body, onSent).body!.getReader();
    await reader.read();
    expect(onSent).not.toHaveBeenCalled();
    await reader.cancel();
    expect(onSent).toHaveBeenCalledTimes(1);
  });
});
