import type { SourceName } from '../model/types';
import { badResponse } from './errors';

/**
 * A backend's answer text as JSON. Text that is not JSON (a proxy's HTML error page, a cut
 * body) is a `bad_response` naming the backend and quoting the start of the text.
 */
export function parseJsonBody(source: SourceName, text: string, label: string = source): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badResponse(source, `body is not JSON (${(e as Error).message}): ${text.slice(0, 120)}`, e, label);
  }
}
