'use client';

import { useEffect } from 'react';
import type { ThemeChoice } from './theme-script';
import { applyTheme, themeSetting } from './theme';

const OPTIONS: { value: ThemeChoice; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
];

/** Light / dark / system; remembered in this browser and applied without a reload. */
export function ThemeToggle() {
  const choice = themeSetting.use();
  useEffect(() => {
    // The stored choice, not `choice`: while hydrating that is still the server's default.
    const stored = themeSetting.read();
    applyTheme(stored);
    if (stored !== 'system') return;
    // Following the OS: follow it when it changes too.
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => applyTheme('system');
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [choice]);
  return (
    <label className="flex items-center text-xs">
      <span className="sr-only">Theme</span>
      <select
        data-testid="theme-select"
        value={choice}
        onChange={(e) => themeSetting.write(e.target.value as ThemeChoice)}
        className="rounded border border-slate-300 bg-white px-1 py-1.5 text-xs dark:border-slate-700 dark:bg-slate-900"
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
