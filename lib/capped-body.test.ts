import { describe, expect, it } from 'vitest';
import { BodyTooLarge, readCappedBody } from './capped-body';

/** A body that arrives in the given chunks; `cancelled` tells whether the reader let it go. */
function chunked(chunks: Uint8Array[]) {
  const state = { cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      for (const x of chunks) c.enqueue(x);
      c.close();
    },
    cancel: () => {
      state.cancelled = true;
    },
  });
  return { body, state };
}
const bytes = (n: number, fill = 0x61) => new Uint8Array(n).fill(fill);

describe('readCappedBody (the one capped reader)', () => {
  it('reads a body under the cap as UTF-8, characters split across chunks included', async () => {
    const text = new TextEncoder().encode('héllo — 日本 🚀');
    const { body } = chunked(Array.from({ length: text.length }, (_, i) => text.subarray(i, i + 1)));
    expect(await readCappedBody(body, { maxBytes: 100 })).toBe('héllo — 日本 🚀');
    expect(await readCappedBody(null, { maxBytes: 100 })).toBe('');
  });

  it('refuses a declared length over the cap before reading, and stops a stream at the cap', async () => {
    const declared = chunked([bytes(10)]);
    await expect(readCappedBody(declared.body, { maxBytes: 5, contentLength: '10' })).rejects.toBeInstanceOf(BodyTooLarge);
    expect(declared.state.cancelled).toBe(true);
    const streamed = chunked([bytes(4), bytes(4), bytes(4)]);
    await expect(readCappedBody(streamed.body, { maxBytes: 6 })).rejects.toMatchObject({ refusal: undefined });
  });

  it('cuts the text at the cap when asked to truncate, whatever the declared length', async () => {
    const { body } = chunked([bytes(4, 0x78), bytes(4, 0x79)]);
    expect(await readCappedBody(body, { maxBytes: 6, truncate: true, contentLength: '8' })).toBe('xxxxyy');
  });

  it('asks the charge before keeping each chunk and stops with its message when it refuses', async () => {
    const charged: number[] = [];
    const { body, state } = chunked([bytes(3), bytes(3), bytes(3)]);
    const charge = (n: number) => (charged.push(n), charged.length === 2 ? 'budget spent' : null);
    await expect(readCappedBody(body, { maxBytes: 100, charge })).rejects.toMatchObject({ name: 'BodyTooLarge', refusal: 'budget spent' });
    expect(charged).toEqual([3, 3]);
    expect(state.cancelled).toBe(true);
  });
});
