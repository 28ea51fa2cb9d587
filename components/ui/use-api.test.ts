import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiFetchError, fetchApi, sendApi } from './use-api';

const answer = (status: number, body: unknown) => vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
const thing = z.object({ id: z.string(), count: z.number() });

afterEach(() => vi.unstubAllGlobals());

describe('the browser reads API answers through the contract', () => {
  it('returns the checked body', async () => {
    vi.stubGlobal('fetch', answer(200, { id: 'a', count: 2 }));
    expect(await fetchApi('/api/v1/x', thing)).toEqual({ id: 'a', count: 2 });
  });

  it('turns an answer in the wrong shape into an error naming the field', async () => {
    vi.stubGlobal('fetch', answer(200, { id: 'a', count: 'two' }));
    const err = await fetchApi('/api/v1/x', thing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiFetchError);
    expect(err).toMatchObject({ code: 'bad_response', message: expect.stringContaining('count') });
  });

  it("keeps the server's own error message and code", async () => {
    vi.stubGlobal('fetch', answer(400, { error: { code: 'bad_request', message: 'from: not a time' } }));
    await expect(sendApi('POST', '/api/v1/x', thing, {})).rejects.toMatchObject({ status: 400, code: 'bad_request', message: 'from: not a time' });
  });
});

describe('errors carry what the retry policy needs', () => {
  it("keeps the status and the server's Retry-After", async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }), { status: 429, headers: { 'retry-after': '3' } })));
    await expect(fetchApi('/api/v1/x', thing)).rejects.toMatchObject({ status: 429, code: 'rate_limited', retryAfterMs: 3_000 });
  });
});
