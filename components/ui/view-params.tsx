'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/**
 * A view's state (range, query, selected span, filters) lives in the URL, so copying the
 * address reproduces the view. A snapshot page has no such URL: it provides the pinned
 * path's parameters here instead, and changes stay local to the page.
 */
interface Override {
  params: URLSearchParams;
  set: (changes: Record<string, string | null>) => void;
}
const ViewParamsOverride = createContext<Override | null>(null);

/** `base` with `changes` applied: null or '' deletes a parameter, anything else sets it. */
export function applyParamChanges(base: URLSearchParams | string, changes: Record<string, string | null>): URLSearchParams {
  const next = new URLSearchParams(base.toString());
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === '') next.delete(k);
    else next.set(k, v);
  }
  return next;
}

export const useIsReadOnlyView = () => useContext(ViewParamsOverride) !== null;

export function useViewParams(): URLSearchParams {
  const override = useContext(ViewParamsOverride);
  const live = useSearchParams();
  return override?.params ?? (live as unknown as URLSearchParams);
}

/**
 * Replace some parameters, keeping the rest (null or '' deletes). `history` is for state only
 * the browser reads (the trace page's span filter): the address is replaced without asking
 * the server for the page again; Next.js keeps useSearchParams in step with
 * history.replaceState (docs/search-api.md, "Pages").
 */
export function useSetViewParams() {
  const override = useContext(ViewParamsOverride);
  const router = useRouter();
  const pathname = usePathname();
  const live = useSearchParams();
  return useCallback(
    (changes: Record<string, string | null>, mode: 'push' | 'replace' | 'history' = 'push') => {
      if (override) return override.set(changes);
      const qs = applyParamChanges(live, changes).toString();
      const href = qs ? `${pathname}?${qs}` : pathname;
      if (mode === 'history') window.history.replaceState(null, '', href);
      else router[mode](href, { scroll: false });
    },
    [override, router, pathname, live],
  );
}

export function FixedViewParams({ query, children }: { query: string; children: ReactNode }) {
  const [params, setParams] = useState(() => new URLSearchParams(query));
  const set = useCallback((changes: Record<string, string | null>) => {
    setParams((prev) => applyParamChanges(prev, changes));
  }, []);
  const value = useMemo(() => ({ params, set }), [params, set]);
  return <ViewParamsOverride.Provider value={value}>{children}</ViewParamsOverride.Provider>;
}
