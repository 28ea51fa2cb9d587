'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { useEscapeToClose } from '@/components/ui/use-shortcut';
import { ThemeToggle } from './theme-toggle';
import { TimeZoneToggle } from './time-zone-toggle';

/**
 * Time zone and theme behind one header button, so the header stays one row at 1440 px with
 * an absolute range, the search box and the sources (issue 16). The range itself names the
 * zone, so the choice stays visible while the panel is closed.
 */
export function DisplaySettings() {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const panelId = useId();
  useEscapeToClose(open, () => setOpen(false), box);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div className="relative" ref={box}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label="Display settings: time zone and theme"
        title="Time zone and theme"
        data-testid="display-settings"
        onClick={() => setOpen((o) => !o)}
        className="rounded border border-slate-300 px-2 py-1.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
          <circle cx="8" cy="8" r="2.2" />
          <path d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4" />
        </svg>
      </button>
      {open && (
        <div id={panelId} className="absolute right-0 z-50 mt-1 w-56 space-y-3 rounded border border-slate-300 bg-white p-3 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <div className="space-y-1">
            <div className="text-xs font-semibold uppercase text-slate-600 dark:text-slate-400">Times in</div>
            <TimeZoneToggle />
          </div>
          <div className="space-y-1">
            <div className="text-xs font-semibold uppercase text-slate-600 dark:text-slate-400">Theme</div>
            <ThemeToggle />
          </div>
        </div>
      )}
    </div>
  );
}
