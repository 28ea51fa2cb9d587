import { describe, expect, it } from 'vitest';
import { withRequestBudget } from './byte-budget';
import { SourceError } from './errors';
import { fakeTransport, type RecordedRequest } from './test-helpers';

const KIB = 1024;
/** A JSON string body of `n` bytes in 4 KiB chunks; `hold` keeps the stream open before its last chunk until it resolves. */
function body(n: number, hold?: Promise<void>): Response {
  const chunk = 4 * KIB;
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(ctl) {
      if (sent === 0) {
        ctl.enqueue(new TextEncoder().encode('"'));
        sent = 1;
        return;
      }
      if (hold && sent + chunk >= n - 1) await hold;
      const size = Math.min(chunk, n - 1 - sent);
      if (size <= 0) {
        ctl.enqueue(new TextEncoder().encode('"'));
        return ctl.close();
      }
      ctl.enqueue(new Uint8Array(size).fill(0x61));
      sent += size;
    },
  });
  return new Response(stream, { headers: { 'content-type': 'application/json' } });
}

const sizeOf = (req: RecordedRequest) => Number(new URL(req.url).searchParams.get('kib')) * KIB;

async function failure(p: Promise<unknown>): Promise<SourceError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SourceError);
    return e as SourceError;
  }
  throw new Error('expected the call to fail');
}

describe('memory budgets of backend answers', () => {
  it('refuses a call whose answer would take the source past its bytes in flight, and gives the room back when a call ends', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const { transport } = fakeTransport('prometheus', (req) => body(sizeOf(req), req.url.pathname === '/slow' ? held : undefined), {}, { maxBytes: 64 * KIB, maxBytesInFlight: 100 * KIB });
    const slow = transport.getJson('/slow', { kib: 60 }); // holds ~56 KiB until released
    await new Promise((r) => setTimeout(r, 20));
    const squeezed = await failure(transport.getJson('/more', { kib: 60 }));
    expect(squeezed).toMatchObject({ kind: 'too_large' });
    expect(squeezed.message).toMatch(/answers in flight exceed the 0\.1 MiB memory budget/);
    release();
    await expect(slow).resolves.toHaveLength(60 * KIB - 2);
    await expect(transport.getJson('/again', { kib: 60 })).resolves.toHaveLength(60 * KIB - 2); // the room came back
  });

  it('holds one API request to its total per source, and stops calling that backend once it is spent', async () => {
    const { transport, requests } = fakeTransport('loki', (req) => body(sizeOf(req)));
    const other = fakeTransport('jaeger', (req) => body(sizeOf(req)));
    const results = await withRequestBudget(async () => {
      const out: (number | SourceError)[] = [];
      for (let i = 0; i < 4; i++) out.push(await transport.getJson('/q', { kib: 40 }).then((v) => String(v).length, (e: SourceError) => e));
      out.push(String(await other.transport.getJson('/q', { kib: 90 })).length); // another source has its own share
      return out;
    }, 100 * KIB);
    expect(results.slice(0, 2)).toEqual([40 * KIB - 2, 40 * KIB - 2]);
    expect(results[2]).toMatchObject({ kind: 'too_large', message: expect.stringMatching(/this request read more than 0\.1 MiB from loki/) });
    expect(results[3]).toMatchObject({ kind: 'too_large', message: expect.stringMatching(/already read 0\.1 MiB from loki/) });
    expect(results[4]).toBe(90 * KIB - 2);
    expect(requests).toHaveLength(3); // the fourth never reached the backend
    // Another request has its own budget.
    await expect(withRequestBudget(() => transport.getJson('/q', { kib: 40 }), 100 * KIB)).resolves.toHaveLength(40 * KIB - 2);
  });

  it('lets a client cut the body text before it is parsed', async () => {
    const { transport } = fakeTransport('prometheus', () => new Response('[1,2,3,4,5]'));
    await expect(transport.getJson('/x', {}, { beforeParse: (t) => t.replace(',4,5', '') })).resolves.toEqual([1, 2, 3]);
  });
});
