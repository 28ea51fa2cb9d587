'use client';

import { useSyncExternalStore } from 'react';

/**
 * A per-browser preference kept in localStorage (time zone, theme, …), read with
 * useSyncExternalStore: the server and the hydrating render use `fallback`, then the
 * stored value, so a preference never causes a hydration mismatch. Other tabs follow
 * through the `storage` event.
 */
export interface LocalSetting<T extends string> {
  key: string;
  read: () => T;
  write: (value: T) => void;
  use: () => T;
}

export function localSetting<T extends string>(key: string, isValue: (v: unknown) => v is T, fallback: T): LocalSetting<T> {
  const listeners = new Set<() => void>();
  let unsaved: T | null = null; // the choice of this page when storage is disabled
  const read = (): T => {
    try {
      const v = window.localStorage.getItem(key);
      return isValue(v) ? v : (unsaved ?? fallback);
    } catch {
      return unsaved ?? fallback;
    }
  };
  const notify = () => listeners.forEach((l) => l());
  const subscribe = (onChange: () => void) => {
    listeners.add(onChange);
    const onStorage = (e: StorageEvent) => e.key === key && onChange();
    window.addEventListener('storage', onStorage);
    return () => {
      listeners.delete(onChange);
      window.removeEventListener('storage', onStorage);
    };
  };
  const write = (value: T) => {
    unsaved = value;
    try {
      window.localStorage.setItem(key, value);
    } catch {
      /* not remembered: `unsaved` keeps it for this page */
    }
    notify();
  };
  return { key, read, write, use: () => useSyncExternalStore(subscribe, read, () => fallback) };
}
