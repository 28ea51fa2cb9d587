'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { applyParamChanges, overlaid, reconcile, withChanges, withWritten, type ParamOverlay } from './view-params-overlay';

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

export const useIsReadOnlyView = () => useContext(ViewParamsOverride) !== null;

type Mode = 'push' | 'replace' | 'history';

type SetParams = (changes: Record<string, string | null>, mode: Mode) => void;

/**
 * The address's parameters with browser-only changes not yet in it (view-params-overlay.ts),
 * and, apart, the function that changes them: a control that only sets parameters (the time
 * picker) does not re-render when they change.
 */
const LiveParams = createContext<URLSearchParams | null>(null);
const LiveSetParams = createContext<SetParams | null>(null);

const OUTSIDE = 'view parameters are read inside LiveViewParamsProvider (app/layout.tsx) or FixedViewParams';

/**
 * Above every page: holds the overlay of `history` changes and writes them to the address
 * after the next paint, so a filter or selection shows without waiting for Next.js to
 * re-render every reader of the address.
 */
export function LiveViewParamsProvider({ children }: { children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const [stored, setStored] = useState<ParamOverlay | null>(null);
  // Derived from the address during render: the overlay ends the moment the address catches up or moves on.
  const overlay = reconcile(stored, pathname, search);
  if (overlay !== stored) setStored(overlay);
  const params = useMemo(() => overlaid(overlay, search), [overlay, search]);

  const latest = useRef({ overlay, params, pathname });
  useEffect(() => {
    latest.current = { overlay, params, pathname };
  });
  const pending = useRef<{ frame: number; timer: ReturnType<typeof setTimeout> | undefined } | null>(null);
  const cancelWrite = useCallback(() => {
    if (!pending.current) return;
    cancelAnimationFrame(pending.current.frame);
    clearTimeout(pending.current.timer);
    pending.current = null;
  }, []);
  useEffect(() => cancelWrite, [cancelWrite]);

  const set = useCallback(
    (changes: Record<string, string | null>, mode: Mode) => {
      const { overlay: cur, params: shown, pathname: path } = latest.current;
      const href = (q: URLSearchParams) => (q.size ? `${path}?${q}` : path);
      if (mode !== 'history') {
        // A navigation carries the overlay's changes too; a write still queued would undo it.
        cancelWrite();
        router[mode](href(applyParamChanges(shown, changes)), { scroll: false });
        return;
      }
      const next = withChanges(cur, path, window.location.search, changes);
      latest.current = { ...latest.current, overlay: next };
      setStored(next);
      cancelWrite();
      // After the frame that shows the change: the address (and Next.js's re-render) follow.
      const frame = requestAnimationFrame(() => {
        if (pending.current) pending.current.timer = setTimeout(() => {
          pending.current = null;
          const o = latest.current.overlay;
          if (!o || o.path !== latest.current.pathname) return;
          const q = applyParamChanges(window.location.search, o.changes);
          const written = withWritten(o, q);
          latest.current = { ...latest.current, overlay: written };
          setStored(written);
          window.history.replaceState(null, '', href(q));
        });
      });
      pending.current = { frame, timer: undefined };
    },
    [router, cancelWrite],
  );
  return (
    <LiveSetParams.Provider value={set}>
      <LiveParams.Provider value={params}>{children}</LiveParams.Provider>
    </LiveSetParams.Provider>
  );
}

export function useViewParams(): URLSearchParams {
  const override = useContext(ViewParamsOverride);
  const live = useContext(LiveParams);
  const params = override?.params ?? live;
  if (!params) throw new Error(OUTSIDE);
  return params;
}

/**
 * Replace some parameters, keeping the rest (null or '' deletes). `history` is for state only
 * the browser reads (the trace page's span filter, selection, collapsed rows, log filter): the
 * page shows it at once and the address follows after the next paint, without asking the
 * server for the page again (docs/search-api.md, "Inside a trace"). `push` and `replace`
 * navigate. Inside a snapshot every change stays local to the page.
 */
export function useSetViewParams(): (changes: Record<string, string | null>, mode?: Mode) => void {
  const override = useContext(ViewParamsOverride);
  const live = useContext(LiveSetParams);
  return useCallback(
    (changes: Record<string, string | null>, mode: Mode = 'push') => {
      if (override) return override.set(changes);
      if (!live) throw new Error(OUTSIDE);
      live(changes, mode);
    },
    [override, live],
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
