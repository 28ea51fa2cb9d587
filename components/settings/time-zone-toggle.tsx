'use client';

import { zoneSetting } from './time-zone';

const OPTIONS = [
  { value: 'utc', label: 'UTC' },
  { value: 'local', label: 'Local' },
] as const;

/** The header's UTC / local switch; the choice is remembered in this browser. */
export function TimeZoneToggle() {
  const current = zoneSetting.use();
  return (
    <div role="group" aria-label="Time zone" className="flex overflow-hidden rounded border border-slate-300 text-sm dark:border-slate-700" data-testid="time-zone-toggle">
      {OPTIONS.map((o) => (
        <button
          key={o.value}
          type="button"
          aria-pressed={current === o.value}
          title={o.value === 'local' ? "Show times in this browser's time zone" : 'Show times in UTC'}
          onClick={() => zoneSetting.write(o.value)}
          className={`flex-1 px-2 py-1 ${current === o.value ? 'bg-slate-200 font-semibold dark:bg-slate-700' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
