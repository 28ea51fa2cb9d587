/** `base` with `changes` applied: null or '' deletes a parameter, anything else sets it. */
export function applyParamChanges(base: URLSearchParams | string, changes: Record<string, string | null>): URLSearchParams {
  const next = new URLSearchParams(base.toString());
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === '') next.delete(k);
    else next.set(k, v);
  }
  return next;
}

/**
 * Browser-only view state (the trace page's span filter, selection, collapsed rows, log filter) is shown before the
 * address says it: a change goes into this overlay and the page renders it at once, as an
 * urgent update; the address follows after the next paint (`history.replaceState`, which
 * Next.js turns into a re-render of every reader of `useSearchParams`, a transition of tens
 * of milliseconds on a big page). The overlay ends once the address says the same, or at the
 * first change of the address that is not one of its own writes (a link, Back, another
 * control): from then on the address is the truth again. docs/search-api.md, "Inside a trace".
 */
export interface ParamOverlay {
  /** The page the changes belong to; another path ends the overlay. */
  path: string;
  /** The address's query when the overlay began. */
  from: string;
  /** Parameters set (a value) or removed (null) ahead of the address. */
  changes: Record<string, string | null>;
  /** Query strings this overlay wrote to the address and Next.js may not have shown yet. */
  written: string[];
}

const normal = (query: URLSearchParams | string) => new URLSearchParams(query.toString()).toString();

/** The overlay after more changes on `path?query` (a new one if there was none for that path). */
export function withChanges(overlay: ParamOverlay | null, path: string, query: URLSearchParams | string, changes: Record<string, string | null>): ParamOverlay {
  if (!overlay || overlay.path !== path) return { path, from: normal(query), changes: { ...changes }, written: [] };
  return { ...overlay, changes: { ...overlay.changes, ...changes } };
}

/** The overlay after it wrote `query` to the address. */
export function withWritten(overlay: ParamOverlay, query: URLSearchParams | string): ParamOverlay {
  const q = normal(query);
  return overlay.written.includes(q) ? overlay : { ...overlay, written: [...overlay.written, q] };
}

/** `null` and `''` both mean "absent", as in applyParamChanges. */
const same = (a: string | null, b: string | null) => (a || null) === (b || null);

/**
 * The overlay that still holds for the address `path?query`: none once the address shows
 * every change, or after a change of the address the overlay did not write.
 */
export function reconcile(overlay: ParamOverlay | null, path: string, query: URLSearchParams | string): ParamOverlay | null {
  if (!overlay || overlay.path !== path) return null;
  const live = new URLSearchParams(query.toString());
  if (Object.entries(overlay.changes).every(([k, v]) => same(live.get(k), v))) return null;
  // The address it started from, or one of its own writes on the way: the overlay still leads.
  const q = live.toString();
  return q === overlay.from || overlay.written.includes(q) ? overlay : null;
}

/** What the page reads: the address's parameters with the overlay's changes on top. */
export function overlaid(overlay: ParamOverlay | null, query: URLSearchParams | string): URLSearchParams {
  return overlay ? applyParamChanges(query, overlay.changes) : new URLSearchParams(query.toString());
}
