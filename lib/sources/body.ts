import type { SourceName } from '../model/types';
import { BodyTooLarge, readCappedBody } from '../capped-body';
import { mib } from './byte-budget';
import { SourceError } from './errors';

/**
 * A backend's response body as text, through the one capped reader (lib/capped-body.ts): a
 * runaway query must not exhaust the server's memory. With `truncate`, the text is cut at
 * the cap instead (error bodies, where the first bytes carry the message). `charge`, when
 * given, is asked before each chunk is kept (lib/sources/byte-budget.ts); a refusal (its
 * message) stops the read as `too_large`.
 */
export async function readCappedText(source: SourceName, res: Response, maxBytes: number, truncate = false, charge?: (bytes: number) => string | null): Promise<string> {
  try {
    return await readCappedBody(res.body, { maxBytes, contentLength: res.headers.get('content-length'), truncate, charge });
  } catch (err) {
    if (!(err instanceof BodyTooLarge)) throw err;
    throw new SourceError({
      source,
      kind: 'too_large',
      message: err.refusal ?? `${source} response exceeds ${mib(maxBytes)}; narrow the query (shorter range, more selective matchers, lower limit)`,
    });
  }
}
