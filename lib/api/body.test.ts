import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonBody, readBodyText, MAX_JSON_BODY_BYTES } from './body';
import { errorResponse } from './respond';

const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request('http://127.0.0.1/x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

function streamOf(chunks: number, size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(c) {
      if (sent++ >= chunks) c.close();
      else c.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
}

describe('request body limits', () => {
  it('reads JSON under the cap', async () => {
    expect(await readJsonBody(post('{"a":1}'))).toEqual({ a: 1 });
    expect(await readJsonBody(post(''), { emptyAs: {} })).toEqual({});
  });
  it('refuses a declared length over the cap with 413 before reading', async () => {
    const err = await readBodyText(post('x', { 'content-length': String(MAX_JSON_BODY_BYTES + 1) })).catch((e: unknown) => e);
    expect(errorResponse(err).status).toBe(413);
  });
  it('stops reading a chunked body at the cap (no length declared)', async () => {
    const err = await readBodyText(post(streamOf(1_000, 64 * 1024)), 1024 * 1024).catch((e: unknown) => e);
    const res = errorResponse(err);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('body_too_large');
  });
  it('answers malformed JSON with 400', async () => {
    expect(errorResponse(await readJsonBody(post('{nope')).catch((e: unknown) => e)).status).toBe(400);
  });
});

/** Every route file in app/, found on disk: a new route cannot skip the cap. */
function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? routeFiles(join(dir, d.name)) : d.name === 'route.ts' ? [join(dir, d.name)] : []));
}

describe('every route reads its body through the cap', () => {
  const files = routeFiles(join(process.cwd(), 'app'));
  it('finds the routes', () => expect(files.length).toBeGreaterThan(10));
  it.each(files.map((f) => [f.slice(process.cwd().length + 1)]))('%s', (f) => {
    const src = readFileSync(join(process.cwd(), f), 'utf8');
    expect(src).not.toMatch(/\b(req|request)\.(json|text|formData|arrayBuffer|blob)\(/);
  });
});
