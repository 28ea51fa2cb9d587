import { describe, expect, it } from 'vitest';
import { readCappedText } from './body';

/** A response whose body arrives in the given byte chunks. */
const chunked = (chunks: Uint8Array[], headers: Record<string, string> = {}) =>
  new Response(new ReadableStream({ start: (c) => { for (const x of chunks) c.enqueue(x); c.close(); } }), { headers });

describe('readCappedText', () => {
  it('decodes characters split across chunks', async () => {
    const bytes = new TextEncoder().encode('{"line":"héllo — 日本 🚀"}');
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1)); // one byte at a time
    expect(await readCappedText('loki', chunked(chunks), 1_000)).toBe('{"line":"héllo — 日本 🚀"}');
  });

  it('refuses a body over the cap, by its declared length or as it streams', async () => {
    const big = new Uint8Array(2_048).fill(0x61);
    await expect(readCappedText('jaeger', chunked([big], { 'content-length': '2048' }), 1_024)).rejects.toMatchObject({ kind: 'too_large', source: 'jaeger' });
    await expect(readCappedText('jaeger', chunked([big.subarray(0, 1_000), big.subarray(1_000)]), 1_024)).rejects.toMatchObject({ kind: 'too_large' });
  });

  it('cuts an error body at the cap when asked to', async () => {
    const text = await readCappedText('prometheus', chunked([new TextEncoder().encode('x'.repeat(600)), new TextEncoder().encode('y'.repeat(600))]), 1_000, true);
    expect(text).toBe('x'.repeat(600) + 'y'.repeat(400));
  });
});
