import { ApiError } from './respond';

/**
 * Request bodies, read with a cap (docs/reliability.md, "Request bodies"): the reader
 * stops at the limit instead of buffering whatever a client sends. Every route that reads
 * a body goes through here.
 */

/** Views, shares and digest schedules are a few KiB; 256 KiB leaves room and stops floods. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

const tooLarge = (maxBytes: number) => new ApiError(413, 'body_too_large', `request body exceeds ${Math.round(maxBytes / 1024)} KiB`);

export async function readBodyText(req: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    parts.push(value);
  }
  return Buffer.concat(parts, total).toString('utf8');
}

/** The body as JSON; an empty body is `emptyAs` when given, else a 400. */
export async function readJsonBody(req: Request, opts: { maxBytes?: number; emptyAs?: unknown } = {}): Promise<unknown> {
  const text = await readBodyText(req, opts.maxBytes);
  if (!text.trim() && 'emptyAs' in opts) return opts.emptyAs;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'bad_request', 'request body is not valid JSON');
  }
}
