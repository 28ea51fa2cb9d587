'use client';

import { useEffect, useRef, useSyncExternalStore, type RefObject } from 'react';
import { createShortcutRegistry, stepIndex } from './shortcuts';

/** The one registry of this tab (components/ui/shortcuts.ts); KeyboardShortcuts listens for it. */
export const shortcuts = createShortcutRegistry();

/** Whether `field` is inside `holder` (an Escape typed there belongs to what the holder is). */
const inside = (holder: RefObject<Element | null>, field: unknown) => field instanceof Node && holder.current?.contains(field) === true;

/**
 * While mounted (and `enabled`), `key` runs `run`. The latest mounted handler of a key goes
 * first. `inFields` also runs it while typing in any field; `within`, only in fields inside
 * that element.
 */
export function useShortcut(key: string, description: string, run: () => boolean | void, opts: { enabled?: boolean; inFields?: boolean; within?: RefObject<Element | null> } = {}) {
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });
  const enabled = opts.enabled !== false;
  const { inFields, within } = opts;
  useEffect(() => {
    if (!enabled) return;
    return shortcuts.register({ key, description, inFields: within ? (field) => inside(within, field) : inFields, run: () => latest.current() });
  }, [key, description, enabled, inFields, within]);
}

/**
 * Escape closes what is open (a drawer, a dialog, a popover), the most recently opened first.
 * Pressed in a text field it closes only what holds that field (`holder`): Escape in the
 * header's search box clears the search and leaves the trace page's drawer open.
 */
export function useEscapeToClose(open: boolean, close: () => void, holder?: RefObject<Element | null>) {
  useShortcut('Escape', 'Close the open drawer or dialog', close, { enabled: open, within: holder });
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
