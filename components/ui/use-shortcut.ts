'use client';

import { useEffect, useRef, useSyncExternalStore } from 'react';
import { createShortcutRegistry, stepIndex } from './shortcuts';

/** The one registry of this tab (components/ui/shortcuts.ts); KeyboardShortcuts listens for it. */
export const shortcuts = createShortcutRegistry();

/** While mounted (and `enabled`), `key` runs `run`. The latest mounted handler of a key goes first. */
export function useShortcut(key: string, description: string, run: () => boolean | void, opts: { enabled?: boolean; inFields?: boolean } = {}) {
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });
  const enabled = opts.enabled !== false;
  useEffect(() => {
    if (!enabled) return;
    return shortcuts.register({ key, description, inFields: opts.inFields, run: () => latest.current() });
  }, [key, description, enabled, opts.inFields]);
}

/** Escape closes what is open (a drawer, a dialog, a popover), the most recently opened first. */
export function useEscapeToClose(open: boolean, close: () => void) {
  useShortcut('Escape', 'Close the open drawer or dialog', close, { enabled: open, inFields: true });
}

const EMPTY: { key: string; description: string }[] = [];
export const useShortcutList = () => useSyncExternalStore(shortcuts.subscribe, shortcuts.list, () => EMPTY);

/** Rows that j/k step through: any element with this attribute (anomalies, incidents, search results, log lines). */
export const LIST_ITEM_ATTR = 'data-list-item';

/** Move the focus to the next (+1) or previous (-1) list row on the page; false when the page has none. */
export function stepListFocus(delta: number): boolean {
  const items = [...document.querySelectorAll<HTMLElement>(`[${LIST_ITEM_ATTR}]`)].filter((el) => el.getClientRects().length > 0);
  if (items.length === 0) return false;
  const active = document.activeElement;
  const current = items.findIndex((el) => el === active || el.contains(active));
  const next = items[stepIndex(current, items.length, delta)];
  if (!next.hasAttribute('tabindex')) next.tabIndex = -1;
  next.focus({ preventScroll: true });
  next.scrollIntoView({ block: 'nearest' });
  return true;
}
