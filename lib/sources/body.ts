import type { SourceName } from '../model/types';
import { SourceError } from './errors';

/**
 * Reads a response body as text, never holding more than `maxBytes` of it: a runaway query
 * must not exhaust the server's memory. With `truncate`, the text is cut at the cap instead
 * (used for error bodies, where the first bytes carry the message).
 */
/**
 * `charge`, when given, is asked before each chunk is kept (lib/sources/byte-budget.ts); a
 * refusal (its message) stops the read as `too_large`.
 */
export async function readCappedText(source: SourceName, res: Response, maxBytes: number, truncate = false, charge?: (bytes: number) => string | null): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (!truncate && Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(source, maxBytes);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
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
      throw new SourceError({ source, kind: 'too_large', message: refused });
    }
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      if (!truncate) throw tooLarge(source, maxBytes);
      parts.push(value.subarray(0, room));
      return Buffer.concat(parts).toString('utf8');
    }
    parts.push(value);
  }
  return Buffer.concat(parts, total).toString('utf8');
}

function tooLarge(source: SourceName, maxBytes: number): SourceError {
  const mib = Math.round((maxBytes / 1_048_576) * 10) / 10;
  return new SourceError({
    source,
    kind: 'too_large',
    message: `${source} response exceeds ${mib} MiB; narrow the query (shorter range, more selective matchers, lower limit)`,
  });
}
