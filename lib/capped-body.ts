/**
 * The one capped body reader (docs/reliability.md, "Request bodies" and "Memory budget"):
 * a body stream read as text, never holding more than `maxBytes` of it, so whatever a
 * backend, a client or our own API sends cannot exhaust the server's memory. Callers turn
 * `BodyTooLarge` into their own error: a SourceError for a backend (lib/sources/body.ts), a
 * 413 for a request (lib/api/body.ts), a failed part for a snapshot (lib/views/snapshot-capture.ts).
 */

export class BodyTooLarge extends Error {
  /** `refusal` is the charge's own message when a budget refused a chunk, else undefined (the cap). */
  constructor(readonly refusal?: string) {
    super(refusal ?? 'body exceeds its cap');
    this.name = 'BodyTooLarge';
  }
}

export interface CappedReadOptions {
  maxBytes: number;
  /** The body's Content-Length header, if any: a declared length over the cap is refused before reading. */
  contentLength?: string | null;
  /** Cut the text at the cap instead of refusing it (error bodies, whose first bytes carry the message). */
  truncate?: boolean;
  /** Asked before each chunk is kept; a message refuses it and stops the read (byte budgets). */
  charge?: (bytes: number) => string | null;
}

export async function readCappedBody(body: ReadableStream<Uint8Array> | null, opts: CappedReadOptions): Promise<string> {
  const { maxBytes, truncate = false, charge } = opts;
  const declared = Number(opts.contentLength ?? NaN);
  if (!truncate && Number.isFinite(declared) && declared > maxBytes) {
    await body?.cancel().catch(() => undefined);
    throw new BodyTooLarge();
  }
  if (!body) return '';
  const reader = body.getReader();
  // Chunks are kept as bytes and decoded once at the end: one native UTF-8 decode of a big
  // trace is about twice as fast as decoding every chunk and joining the pieces.
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - total;
    const refused = charge?.(value.byteLength);
    if (refused) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(refused);
    }
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      if (!truncate) throw new BodyTooLarge();
      parts.push(value.subarray(0, room));
      return Buffer.concat(parts).toString('utf8');
    }
    parts.push(value);
  }
  return Buffer.concat(parts, total).toString('utf8');
}
