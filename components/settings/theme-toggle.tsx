'use client';

import { useEffect } from 'react';
import type { ThemeChoice } from './theme-script';
import { applyTheme, themeSetting } from './theme';

const OPTIONS: { value: ThemeChoice; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
];

/** Keeps <html> in step with the choice: on a change here or in another tab, and with the OS while it is "system". Always mounted. */
export function ThemeSync() {
  const choice = themeSetting.use();
  useEffect(() => {
    // The stored choice, not `choice`: while hydrating that is still the server's default.
    const stored = themeSetting.read();
    applyTheme(stored);
    if (stored !== 'system') return;
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => applyTheme('system');
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [choice]);
  return null;
}

/** Light / dark / system; remembered in this browser and applied without a reload. */
export function ThemeToggle() {
  const choice = themeSetting.use();
  return (
    <label className="block text-sm">
      <span className="sr-only">Theme</span>
      <select
        data-testid="theme-select"
        value={choice}
        onChange={(e) => themeSetting.write(e.target.value as ThemeChoice)}
        className="w-full rounded border border-slate-300 bg-white px-1 py-1 dark:border-slate-700 dark:bg-slate-900"
      >
        {OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
