'use client';

import { useId, useState } from 'react';
import { Popover, PopoverHeading } from '@/components/ui/popover';
import { ThemeToggle } from './theme-toggle';
import { TimeZoneToggle } from './time-zone-toggle';

/**
 * Time zone and theme behind one header button, so the header stays one row at 1440 px with
 * an absolute range, the search box and the sources (issue 16). The range itself names the
 * zone, so the choice stays visible while the panel is closed.
 */
export function DisplaySettings() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <Popover
      open={open}
      onClose={() => setOpen(false)}
      panelId={panelId}
      className="w-56 space-y-3 p-3 text-sm"
      trigger={
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
      }
    >
      <div className="space-y-1">
        <PopoverHeading>Times in</PopoverHeading>
        <TimeZoneToggle />
      </div>
      <div className="space-y-1">
        <PopoverHeading>Theme</PopoverHeading>
        <ThemeToggle />
      </div>
    </Popover>
  );
}
