import { ZodError } from 'zod';
import { withRequestBudget } from '../sources/byte-budget';
import { TimeRangeError } from '../time/range';

/**
 * Route handlers' one way to answer: JSON, `{error:{code,message}}` on failure, never a
 * stack trace. Bad input is a 400; a backend failure a 502 (504 when it timed out).
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra response headers (e.g. Retry-After on a 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string, code = 'bad_request') => new ApiError(400, code, message);
export const notFound = (message: string) => new ApiError(404, 'not_found', message);

function jsonInit(init: ResponseInit): ResponseInit {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  return { ...init, headers };
}

export const json = (body: unknown, init: ResponseInit = {}): Response => new Response(JSON.stringify(body), jsonInit(init));

/** Chunk size of a streamed answer: small enough that the sender's progress is visible. */
const STREAM_CHUNK_BYTES = 64 * 1024;

/**
 * JSON whose body is handed out in chunks as it is read; `onSent` runs once the last chunk
 * was taken (or the reader went away), so the caller knows when the answer has left.
 */
export function jsonStream(body: unknown, onSent: () => void = () => {}, init: ResponseInit = {}): Response {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= bytes.length) {
          controller.close();
          onSent();
          return;
        }
        controller.enqueue(bytes.subarray(offset, (offset += STREAM_CHUNK_BYTES)));
      },
      cancel: onSent,
    },
    { highWaterMark: 0 },
  );
  return new Response(stream, jsonInit(init));
}

/**
 * NDJSON (one JSON value per line, `application/x-ndjson`) from `frames`, each sent in
 * chunks as the reader takes them: the next frame is asked for only when the last chunk of
 * the previous one was taken, so building it never delays sending the one before. A frame
 * that fails ends the stream with `errorFrame(error)`; a reader that goes away ends the
 * frames' generator (its `finally` runs).
 */
export function ndjson<T>(frames: AsyncIterator<T>, errorFrame: (err: unknown) => unknown, init: ResponseInit = {}): Response {
  const encoder = new TextEncoder();
  let bytes = new Uint8Array(0);
  let offset = 0;
  let done = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        while (offset >= bytes.length) {
          if (done) return controller.close();
          let line: string;
          try {
            const next = await frames.next();
            if (next.done) {
              done = true;
              continue;
            }
            line = JSON.stringify(next.value);
          } catch (e) {
            done = true;
            line = JSON.stringify(errorFrame(e));
          }
          bytes = encoder.encode(`${line}\n`);
          offset = 0;
        }
        controller.enqueue(bytes.subarray(offset, (offset += STREAM_CHUNK_BYTES)));
      },
      async cancel() {
        await frames.return?.(undefined);
      },
    },
    { highWaterMark: 0 },
  );
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/x-ndjson; charset=utf-8');
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  return new Response(stream, { ...init, headers });
}

export function errorResponse(err: unknown): Response {
  const e = err as { kind?: string; source?: string; message?: string };
  if (err instanceof ApiError) return json({ error: { code: err.code, message: err.message } }, { status: err.status, headers: err.headers });
  if (err instanceof TimeRangeError) return json({ error: { code: 'bad_time_range', message: err.message } }, { status: 400 });
  if (err instanceof ZodError) {
    const message = err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    return json({ error: { code: 'bad_request', message } }, { status: 400 });
  }
  // The caller went away (closed tab, navigation): nobody reads this answer; do not log it as a fault.
  if (e?.kind === 'canceled' || (err as Error)?.name === 'ResponseAborted' || (err as Error)?.name === 'AbortError') {
    return json({ error: { code: 'canceled', message: 'the request was cancelled by the client' } }, { status: 499 });
  }
  if (err instanceof SyntaxError) return json({ error: { code: 'bad_request', message: 'request body is not valid JSON' } }, { status: 400 });
  if (e && typeof e.kind === 'string' && typeof e.source === 'string') {
    // A SourceError from lib/sources: the backend's own message, attributed to it.
    if (e.kind === 'bad_query') return json({ error: { code: 'bad_query', message: `${e.source}: ${e.message}` } }, { status: 400 });
    if (e.kind === 'busy') {
      const retryAfterS = Math.max(1, Math.ceil(((err as { retryAfterMs?: number }).retryAfterMs ?? 1_000) / 1000));
      return json({ error: { code: 'source_busy', message: `${e.source}: ${e.message}` } }, { status: 429, headers: { 'retry-after': String(retryAfterS) } });
    }
    const status = e.kind === 'timeout' ? 504 : 502;
    return json({ error: { code: `source_${e.kind}`, message: `${e.source}: ${e.message}` } }, { status });
  }
  console.error('[triangulate] unhandled error in route', err);
  return json({ error: { code: 'internal', message: 'internal error' } }, { status: 500 });
}

/** Wrap a handler so every thrown error becomes a clean JSON error response. */
export function route<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      // Every backend byte this request reads counts against its budget (lib/sources/byte-budget.ts).
      return await withRequestBudget(() => handler(...args));
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** Read query parameters into a plain object for zod. */
export const searchParams = (req: Request): Record<string, string> => Object.fromEntries(new URL(req.url).searchParams);
