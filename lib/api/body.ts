import { BodyTooLarge, readCappedBody } from '../capped-body';
import { ApiError } from './respond';

/**
 * Request bodies, read with a cap (docs/reliability.md, "Request bodies"): the reader
 * stops at the limit instead of buffering whatever a client sends (the one capped reader,
 * lib/capped-body.ts). Every route that reads a body goes through here.
 */

/** Views, shares and digest schedules are a few KiB; 256 KiB leaves room and stops floods. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

const tooLarge = (maxBytes: number) => new ApiError(413, 'body_too_large', `request body exceeds ${Math.round(maxBytes / 1024)} KiB`);

export async function readBodyText(req: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<string> {
  try {
    return await readCappedBody(req.body, { maxBytes, contentLength: req.headers.get('content-length') });
  } catch (err) {
    if (err instanceof BodyTooLarge) throw tooLarge(maxBytes);
    throw err;
  }
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
