import { DEFAULT_FROM, DEFAULT_TO, parseTime, toRfc3339 } from '../time/range';
import { viewKind, type ViewKind } from './api-urls';

/**
 * A view is described entirely by its path and query string. Saved views and share links
 * store that path; these helpers validate it (it is later used as a redirect target, so
 * it must stay on this site) and pin relative ranges to absolute times.
 */

export class ViewPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ViewPathError';
  }
}

export const MAX_VIEW_PATH_LENGTH = 4096;
const BASE = 'http://view.invalid';

export interface ParsedViewPath {
  kind: ViewKind;
  pathname: string;
  query: URLSearchParams;
  /** pathname + ?query, normalized (no fragment). */
  path: string;
}

/** Parse a view path (`/trace/…?from=…`); throws ViewPathError for anything that is not one of our views. */
export function parseViewPath(input: string): ParsedViewPath {
  const raw = input.trim();
  if (!raw) throw new ViewPathError('path is empty');
  if (raw.length > MAX_VIEW_PATH_LENGTH) throw new ViewPathError(`path is longer than ${MAX_VIEW_PATH_LENGTH} characters`);
  // Only site-relative paths: "//host" and "/\host" would make the share redirect leave the site.
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) {
    throw new ViewPathError('path must be this site\'s own path, starting with "/" (e.g. /trace/<id>?from=now-1h)');
  }
  const url = new URL(raw, BASE);
  if (url.origin !== BASE) throw new ViewPathError('path must stay on this site');
  const kind = viewKind(url.pathname);
  if (!kind) throw new ViewPathError(`"${url.pathname.slice(0, 80)}" is not a view (trace, explore, anomalies or overview)`);
  const qs = url.searchParams.toString();
  return { kind, pathname: url.pathname, query: url.searchParams, path: qs ? `${url.pathname}?${qs}` : url.pathname };
}

export const isRelativeTime = (value: string): boolean => /^\s*now/.test(value);

/** True when the view's range moves with the clock (a relative or defaulted from/to). */
export function hasRelativeRange(path: string): boolean {
  const { kind, query } = parseViewPath(path);
  for (const key of ['from', 'to'] as const) {
    const v = query.get(key);
    if (v !== null && v !== '' ? isRelativeTime(v) : kind !== 'trace') return true;
  }
  return false;
}

/**
 * "Share as of now": replace relative from/to with the absolute RFC3339 times they mean
 * at `nowMs`. Views other than a trace default to the last hour, so a missing range is
 * pinned too; a trace view without a range keeps deriving it from the trace itself.
 * Throws TimeRangeError for an unparseable time (absolute ones included).
 */
export function pinViewPath(path: string, nowMs: number): string {
  const { kind, pathname, query } = parseViewPath(path);
  const defaults = { from: DEFAULT_FROM, to: DEFAULT_TO };
  for (const key of ['from', 'to'] as const) {
    const given = query.get(key);
    const value = given !== null && given !== '' ? given : kind === 'trace' ? null : defaults[key];
    if (value === null) continue;
    const ms = parseTime(value, nowMs, key); // validates absolute values too
    if (isRelativeTime(value)) query.set(key, toRfc3339(ms));
  }
  const qs = query.toString();
  return qs ? `${pathname}?${qs}` : pathname;
}
