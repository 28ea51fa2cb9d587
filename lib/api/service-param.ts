import { badRequest } from './respond';

const MAX_SERVICE_CHARS = 200;

/** A service name from a URL segment: decoded once when it is valid percent-encoding, 1–200 characters. */
export function parseServiceParam(raw: string): string {
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    /* not percent-encoded: keep it */
  }
  name = name.trim();
  if (!name || name.length > MAX_SERVICE_CHARS) throw badRequest(`service must be 1 to ${MAX_SERVICE_CHARS} characters`);
  return name;
}
