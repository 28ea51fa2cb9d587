'use client';

import { RefreshControl } from '@/components/settings/refresh-control';
import { DisplaySettings } from '@/components/settings/display-settings';
import { ThemeSync } from '@/components/settings/theme-toggle';
import { shortcuts } from '@/components/ui/use-shortcut';

/** The header's view controls: refresh, display settings (time zone, theme), and the shortcuts list. Each keeps its own state. */
export function HeaderTools() {
  return (
    <div className="flex items-center gap-2" data-testid="header-tools">
      <ThemeSync />
      <RefreshControl />
      <DisplaySettings />
      <button
        type="button"
        // Same as pressing `?`: the dialog belongs to the shortcut registry (keyboard-shortcuts.tsx).
        onClick={() => shortcuts.handle({ key: '?' })}
        aria-label="Keyboard shortcuts"
        aria-keyshortcuts="?"
        title="Keyboard shortcuts (?)"
        data-testid="shortcuts-button"
        className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        ?
      </button>
    </div>
  );
}
